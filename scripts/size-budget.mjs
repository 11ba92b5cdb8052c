#!/usr/bin/env node
/*
The size budget (run after `npm run build`): the script-tag bundle, and what an SPA pays for headless use
(`createMessagingAuth` only, bundled with its dependencies by rollup + terser, as an app's bundler would), and what
the React subpath adds beyond the core.
Prints the figures every run; exits 1 when a budget is exceeded.
*/
import {readFileSync} from 'node:fs';
import {gzipSync} from 'node:zlib';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import {rollup} from 'rollup';

export const BUDGETS = {
	scriptTag: Number(process.env.SIZE_BUDGET_SCRIPT_TAG ?? 16 * 1024),
	react: Number(process.env.SIZE_BUDGET_REACT ?? 1.5 * 1024),
};

const gzipSize = (code) => gzipSync(code, {level: 9}).length;

/** Bundles `dist/index.js` for an app that imports only `names`, the way an SPA's bundler would. */
async function bundledSize(names) {
	const entry = '\0entry';
	const bundle = await rollup({
		input: entry,
		plugins: [
			{
				name: 'entry',
				resolveId: (id) => (id === entry ? id : null),
				load: (id) => (id === entry ? `import {${names.join(', ')}} from './dist/index.js'; globalThis.app = [${names.join(', ')}];` : null),
			},
			nodeResolve({browser: true}),
		],
		onwarn: () => {},
	});
	const {output} = await bundle.generate({format: 'es', plugins: [terser({format: {comments: false}})]});
	await bundle.close();
	return gzipSize(output[0].code);
}

const scriptTag = gzipSize(readFileSync('dist/zendesk-messaging-auth.iife.min.js'));
const headless = await bundledSize(['createMessagingAuth']);
const withForm = await bundledSize(['createMessagingAuth', 'mountLoginForm']);
/** What the React subpath adds beyond the core: dist/react.js minified alone, the core and React left external. */
async function reactSubpathSize() {
	const bundle = await rollup({input: 'dist/react.js', external: (id) => id === './index.js' || /^react($|\/)/.test(id), onwarn: () => {}});
	const {output} = await bundle.generate({format: 'es', plugins: [terser({format: {comments: false}})]});
	await bundle.close();
	return gzipSize(output[0].code);
}

const reactSubpath = await reactSubpathSize();
const kib = (bytes) => `${(bytes / 1024).toFixed(2)} KiB`;

const rows = [
	['script-tag bundle (dist/zendesk-messaging-auth.iife.min.js)', scriptTag, BUDGETS.scriptTag],
	// Reported, with ky whole (an app's bundler keeps all of it): what an SPA pays, next to the script tag's figure.
	['SPA, headless: createMessagingAuth only (ky counted)', headless, undefined],
	['SPA: createMessagingAuth + mountLoginForm (ky counted)', withForm, undefined],
	['React subpath beyond the core (dist/react.js alone)', reactSubpath, BUDGETS.react],
];
console.log('size (gzip -9)                                              actual      budget');
let failed = 0;
for (const [name, actual, budget] of rows) {
	const ok = budget === undefined || actual <= budget;
	if (!ok) failed++;
	console.log(`${budget === undefined ? '    ' : ok ? 'ok  ' : 'FAIL'} ${name.padEnd(56)} ${kib(actual).padStart(10)}  ${(budget === undefined ? '—' : kib(budget)).padStart(10)}`);
}

if (headless >= withForm) {
	failed++;
	console.log('FAIL the login form does not tree-shake away from a headless SPA bundle');
}

process.exitCode = failed ? 1 : 0;
