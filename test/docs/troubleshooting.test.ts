/*
docs/troubleshooting.md quotes console lines as exact: each case of the page is run here, and every line quoted under
its heading (in a ```console block) must be one the SDK wrote in that run. Digits stand for any number (milliseconds,
times, ports), `https://api.example.com` for any origin, and a line ending in `…` for its beginning. The browser suite
checks the same lines in three engines (test/browser/debug-log.test.ts).
*/
import {describe, expect, it, vi} from 'vitest';
import {createMessagingAuth} from '../../src/create-messaging-auth.js';
import {mountLoginForm} from '../../src/form/login-form.js';
import type {MessagingAuthOptions} from '../../src/types/options.js';
import {track, useFakeClockAndWidget} from '../helpers/auth.js';
import {stubFetch} from '../helpers/fetch-stub.js';
import {mintJwt} from '../helpers/jwt.js';
import {quotedLinePattern, troubleshootingSections} from '../helpers/troubleshooting-doc.js';

const ENDPOINTS = {tokenEndpoint: '/api/zendesk/token', refreshEndpoint: '/api/zendesk/refresh', logoutEndpoint: '/api/zendesk/logout'};
const CREDENTIALS = {email: 'ada@example.com', password: 'analytical-engine'};
const OTHER_SECRET = 'a-secret-of-another-signing-key-0123456789';
const token = (options: Parameters<typeof mintJwt>[0] = {}) => mintJwt({...options, claims: {external_id: 'user-1234', ...options.claims}});
const tokenAnswer = (options: Parameters<typeof mintJwt>[0] = {}) => () => ({body: {jwt: token(options)}});

const widget = useFakeClockAndWidget();

/** The backend: no site session until a case says otherwise, and these answers. */
const backend = (answers: Parameters<typeof stubFetch>[0]) => stubFetch({'/api/zendesk/refresh': {status: 401}, '/api/zendesk/logout': {status: 204}, ...answers});

/** Lets promises and BroadcastChannel messages settle while the fake clock moves `ms`. */
async function flush(ms = 0) {
	for (let turn = 0; turn < 10; turn++) {
		await new Promise((resolve) => setImmediate(resolve));
		await vi.advanceTimersByTimeAsync(turn === 0 ? ms : 0);
	}
}

let previous: (() => void) | undefined;

/** A script-tag page (the one before it is closed: no other tab): our form mounted, no error listener of the page. */
async function page(options: Partial<MessagingAuthOptions> = {}) {
	previous?.();
	// 'always': these cases script the answer of a first restore at every page load (the quiet start asks none for a first-time visitor).
	const auth = track(createMessagingAuth({...ENDPOINTS, restoreOnLoad: 'always', ...options}));
	const host = document.body.appendChild(document.createElement('div'));
	const form = mountLoginForm(auth, host);
	previous = () => {
		form.unmount();
		host.remove();
		auth.destroy();
	};
	await flush();
	return {
		auth,
		signIn: async () => {
			await auth.login(CREDENTIALS).catch(() => undefined);
			await flush();
		},
	};
}

/** Each section's case: it provokes the failure the section is about. */
const CASES: Record<string, () => Promise<void>> = {
	async Introduction() {
		backend({'/api/zendesk/token': tokenAnswer(), '/api/zendesk/refresh': tokenAnswer()}).next('/api/zendesk/refresh', {status: 401});
		const {auth, signIn} = await page({debug: true});
		// Another tab of the site, with the debug log on too.
		track(createMessagingAuth({...ENDPOINTS, restoreOnLoad: 'always', debug: true}));
		await flush(300);
		await signIn();
		await flush(541_000);
		await auth.logout();
		await flush();
	},
	async 'The token endpoint answers an HTML page or a 404'() {
		backend({'/api/zendesk/token': {body: '<!doctype html><html><body>Shop</body></html>', headers: {'content-type': 'text/html'}}});
		await (await page()).signIn();
		backend({'/api/zendesk/tokn': {status: 404, body: 'Cannot POST /api/zendesk/tokn'}});
		await (await page({tokenEndpoint: '/api/zendesk/tokn'})).signIn();
	},
	async 'The token endpoint answers JSON without a token'() {
		backend({'/api/zendesk/token': {body: {accessToken: token()}}});
		await (await page()).signIn();
	},
	async 'A request blocked by CORS, or the session cookie not sent'() {
		backend({'/zendesk/token': {error: new TypeError('Failed to fetch')}});
		await (await page({debug: true, tokenEndpoint: 'https://api.example.com/zendesk/token'})).signIn();
		backend({'/api/zendesk/refresh': {status: 401, body: {message: 'No session'}}});
		await page({debug: true});
	},
	async 'The token has no `kid`, or another claim Zendesk refuses'() {
		for (const options of [{header: {kid: undefined}}, {claims: {external_id: 1234}}, {claims: {email_verified: 'true'}}]) {
			backend({'/api/zendesk/token': tokenAnswer(options)});
			await (await page()).signIn();
		}
	},
	async 'The widget refuses the token: wrong secret, or the email belongs to another user'() {
		backend({'/api/zendesk/token': tokenAnswer({secret: OTHER_SECRET})});
		await (await page({debug: true})).signIn();
	},
	async 'The widget never loads'() {
		vi.stubGlobal('zE', undefined);
		await page();
		await flush(10_000);
	},
	async 'The CSP or Trusted Types block the widget'() {
		// jsdom loads no script: the snippet's failure to load is its error event, as a blocked script fires it.
		vi.stubGlobal('zE', undefined);
		await page({widgetKey: 'a1b2c3'});
		document.getElementById('ze-snippet')!.dispatchEvent(new Event('error'));
		document.getElementById('ze-snippet')!.remove();
		vi.stubGlobal('trustedTypes', {
			createPolicy() {
				throw new TypeError(`Failed to execute 'createPolicy' on 'TrustedTypePolicyFactory': Policy "zendesk-messaging-auth" disallowed.`);
			},
		});
		await page({widgetKey: 'a1b2c3'});
	},
	async 'The clock is far off'() {
		const now = Math.floor(Date.now() / 1000);
		backend({'/api/zendesk/token': () => ({body: {jwt: token({nowSeconds: now - 3600})}, headers: {date: new Date().toUTCString()}})});
		await (await page()).signIn();
		const serverDate = new Date(Date.now() + 3_600_000).toUTCString();
		backend({'/api/zendesk/token': () => ({body: {jwt: token({nowSeconds: now + 3600})}, headers: {date: serverDate}})});
		await (await page({debug: true})).signIn();
	},
	async 'The backend caches its JWT'() {
		const cached = token({lifetimeSeconds: 600});
		backend({'/api/zendesk/token': {body: {jwt: cached}}, '/api/zendesk/refresh': {body: {jwt: cached}}}).next('/api/zendesk/refresh', {status: 401});
		await (await page({debug: true})).signIn();
		await flush(541_000);
	},
	async 'The session cookie is set on another path'() {
		backend({'/api/zendesk/token': tokenAnswer(), '/api/zendesk/refresh': {status: 401, body: {message: 'No session'}}});
		await (await page({debug: true})).signIn();
		await flush(541_000);
	},
};

describe('docs/troubleshooting.md', () => {
	const sections = troubleshootingSections();

	it('has a case here for each section, and each section quotes console lines', () => {
		expect(sections.map((section) => section.title)).toEqual(Object.keys(CASES));
		for (const section of sections) expect(section.lines.length, section.title).toBeGreaterThan(0);
	});

	it('reads a quoted line as a pattern: numbers, origins and a trailing … are free, the rest exact', () => {
		expect(quotedLinePattern('zendesk-messaging-auth: POST /a: 200 (41 ms)').test('zendesk-messaging-auth: POST /a: 200 (7 ms)')).toBe(true);
		expect(quotedLinePattern('zendesk-messaging-auth: POST /a: 200 (41 ms)').test('zendesk-messaging-auth: POST /a: 200 (7 ms) more')).toBe(false);
		expect(quotedLinePattern('zendesk-messaging-auth: POST /a: 200 (41 ms)').test('zendesk-messaging-auth: POST /b: 200 (7 ms)')).toBe(false);
		expect(quotedLinePattern('x: refused (…').test('x: refused (bad signature)')).toBe(true);
		expect(quotedLinePattern('POST https://api.example.com/t').test('POST http://127.0.0.1:4000/t')).toBe(true);
	});

	it.each(sections.map((section) => [section.title, section] as const))('every line quoted in "%s" is written by the SDK in that case', async (title, section) => {
		const written: string[] = [];
		for (const method of ['debug', 'info', 'warn', 'error', 'log'] as const) {
			vi.spyOn(console, method).mockImplementation((...values: unknown[]) => void written.push(values.map(String).join(' ')));
		}

		const run = CASES[title];
		expect(run, `a case for "${title}"`).toBeTypeOf('function');
		await run!();
		for (const line of section.lines) {
			expect(
				written.some((text) => quotedLinePattern(line).test(text)),
				`"${line}" was not written; the case wrote:\n${written.join('\n')}`,
			).toBe(true);
		}

		previous?.();
		previous = undefined;
		void widget;
	});
});
