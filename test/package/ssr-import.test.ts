import {execFileSync} from 'node:child_process';
import {describe, expect, it} from 'vitest';

// A fresh Node process (no jsdom, no globals of the test runner), as a server-side renderer would import us.
const importInNode = (code: string) =>
	execFileSync(process.execPath, ['--input-type=module', '-e', code], {encoding: 'utf8', cwd: new URL('../..', import.meta.url)});

describe('the built ES module under SSR', () => {
	it('imports in Node with no DOM, touching neither window nor document, and runs nothing', () => {
		const output = importInNode(`
			for (const name of ['window', 'document']) {
				Object.defineProperty(globalThis, name, {get() { throw new Error('touched ' + name); }, configurable: true});
			}
			const sdk = await import('./dist/index.js');
			console.log(Object.keys(sdk).sort().join(','));
		`);
		expect(output.trim()).toBe('MessagingAuthError,createMessagingAuth,isMessagingAuthError,mountLoginForm');
	});

	it('imports the server subpath in Node', () => {
		const output = importInNode(`const server = await import('./dist/server.js'); console.log(typeof server.signMessagingJwt);`);
		expect(output.trim()).toBe('function');
	});
});
