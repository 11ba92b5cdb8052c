#!/usr/bin/env node
/*
Packaging checks (run after `npm run build`): publint --strict, "are the types wrong" for `.`, `./server` and `./react`,
and a TypeScript project (NodeNext) that imports both entry points through the exports map.
*/
import {spawnSync} from 'node:child_process';

const checks = [
	['publint --strict', ['publint', '--strict']],
	['are the types wrong (., ./server and ./react)', ['attw', '--pack', '.', '--profile', 'esm-only', '--entrypoints', '.', './server', './react']],
	['types resolve in a NodeNext TypeScript project', ['tsc', '-p', 'test/package-consumer/tsconfig.json']],
];

let failed = 0;
for (const [name, [command, ...args]] of checks) {
	const result = spawnSync('npx', ['--no-install', command, ...args], {encoding: 'utf8'});
	const ok = result.status === 0;
	if (!ok) failed++;
	console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}`);
	if (!ok) console.log(`${result.stdout}${result.stderr}`.replace(/^npm warn.*\n/gm, ''));
}

process.exitCode = failed ? 1 : 0;
