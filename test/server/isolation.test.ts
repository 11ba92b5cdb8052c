import {readdirSync, readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';

const src = fileURLToPath(new URL('../../src/', import.meta.url));
const serverFiles = [
	'server.ts',
	...readdirSync(`${src}server`, {recursive: true, encoding: 'utf8'})
		.filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts'))
		.map((name) => `server/${name}`),
];
// rate-limiter-flexible's root also loads its cluster limiter (node:cluster, node:crypto): only these two files of it.
const LIMITER_FILES = ['rate-limiter-flexible/lib/RateLimiterMemory.js', 'rate-limiter-flexible/lib/RateLimiterRedis.js'];

function importsOf(file: string): string[] {
	// Without the comments: TSDoc examples show imports of their own.
	const code = readFileSync(`${src}${file}`, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
	return [...code.matchAll(/^(?:import|export)\b[^;]*?\bfrom\s+'([^']+)'/gms)].map((match) => match[1]!);
}

describe('the server subpath stays on its side', () => {
	it('reads its imports from every source file', () => {
		expect(importsOf('server/token-handler.ts')).toContain('./session-cookie.js');
		expect(serverFiles).toContain('server/store/redis-store.ts');
	});

	it.each(serverFiles)('%s imports nothing of the browser SDK and nothing Node-only, so it loads in any Fetch-API runtime', (file) => {
		for (const specifier of importsOf(file)) {
			// src/claims/ holds the one claim rule the browser shares with the server (pure, checked below).
			const allowed =
				file === 'server.ts'
					? specifier.startsWith('./server/')
					: specifier.startsWith('./') ||
						specifier.startsWith('../claims/') ||
						(file.startsWith('server/store/') && specifier.startsWith('../')) ||
						specifier === 'jose' ||
						LIMITER_FILES.includes(specifier);
			expect(allowed, `${file} imports ${specifier}`).toBe(true);
		}
	});

	it.each(readdirSync(`${src}claims`).map((name) => `claims/${name}`))('%s, shared with the browser, imports nothing at all', (file) => {
		expect(importsOf(file)).toEqual([]);
	});
});
