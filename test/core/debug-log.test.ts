/*
PRODUCT.md, "Debugging": the `debug` log tells the story of a session with console.debug, never a JWT, password or
form value; without it, an integration fault no listener of the page heard is warned about once, and a visitor's
own errors are never written.
*/
import {readdirSync, readFileSync} from 'node:fs';
import {describe, expect, it, vi} from 'vitest';
import {LOG_PREFIX} from '../../src/core/debug-log.js';
import {resolveOptions} from '../../src/core/options.js';
import {mountLoginForm} from '../../src/form/login-form.js';
import {createRecordedAuth, track, useFakeClockAndWidget} from '../helpers/auth.js';
import {createMessagingAuth} from '../../src/create-messaging-auth.js';
import {stubFetch} from '../helpers/fetch-stub.js';
import {mintJwt} from '../helpers/jwt.js';

const PASSWORD = 'analytical-engine';
const WRONG_PASSWORD = 'wrong-horse-battery';
const EMAIL = 'ada@example.com';
const OTP = '918273';

/** Every line written to the console, per method, as the console shows it (arguments joined by spaces). */
function recordConsole() {
	const lines: Array<{method: string; text: string}> = [];
	for (const method of ['debug', 'info', 'warn', 'error', 'log'] as const) {
		vi.spyOn(console, method).mockImplementation((...values: unknown[]) => {
			lines.push({method, text: values.map(String).join(' ')});
		});
	}

	return {
		lines,
		of: (method: string) => lines.filter((line) => line.method === method).map((line) => line.text),
	};
}

/** Lets BroadcastChannel messages (Node's event loop, not the fake timers) and promises settle. */
async function flush(ms = 0) {
	for (let turn = 0; turn < 10; turn++) {
		await new Promise((resolve) => setImmediate(resolve));
		await vi.advanceTimersByTimeAsync(turn === 0 ? ms : 0);
	}
}

const widget = useFakeClockAndWidget();

describe('debug: true', () => {
	it('logs sign-in, refresh, tab adoption and sign-out, every line prefixed, and never a JWT, password or form value', async () => {
		const minted: string[] = [];
		const token = (lifetimeSeconds: number) => () => {
			const jwt = mintJwt({lifetimeSeconds, claims: {jti: Math.random().toString(36)}});
			minted.push(jwt);
			return {body: {jwt}, headers: {date: new Date().toUTCString()}};
		};
		const backend = stubFetch({'/api/token': token(120), '/api/refresh': token(120), '/api/logout': {status: 204}});
		backend.next('/api/refresh', {status: 401, body: {message: 'No session'}});
		backend.next('/api/refresh', {status: 401, body: {message: 'No session'}});
		const console = recordConsole();
		const options = {refreshEndpoint: '/api/refresh', logoutEndpoint: '/api/logout', debug: true};
		const tabA = createRecordedAuth(options);
		const tabB = createRecordedAuth(options);
		await flush(300);

		backend.next('/api/token', {status: 401, body: {message: `No account for ${EMAIL}`}});
		await tabA.auth.login({email: EMAIL, password: WRONG_PASSWORD, otp: OTP}).catch(() => undefined);
		const session = await tabA.auth.login({email: EMAIL, password: PASSWORD, otp: OTP});
		await flush();
		expect(tabB.auth.session?.jwt).toBe(session.jwt);

		// Past the refresh time (half of 120 s): tab A refreshes, tab B adopts the new token.
		await flush(61_000);
		expect(backend.count('/api/refresh')).toBe(3);
		expect(tabB.auth.session?.jwt).toBe(minted.at(-1));
		await tabA.auth.logout();
		await flush();
		expect(tabB.auth.state).toBe('signed-out');

		const lines = console.lines.map((line) => line.text);
		expect(console.of('debug').length).toBeGreaterThan(20);
		for (const line of console.lines) expect(line.text.startsWith(`${LOG_PREFIX} `), line.text).toBe(true);
		const secrets = [...minted, ...minted.map((jwt) => jwt.split('.')[2]!), PASSWORD, WRONG_PASSWORD, EMAIL, OTP, 'Ada Lovelace'];
		for (const line of lines) for (const secret of secrets) expect(line).not.toContain(secret);

		const story = console.of('debug').map((line) => line.slice(LOG_PREFIX.length + 1));
		expect(story).toEqual(
			expect.arrayContaining([
				expect.stringMatching(/^POST \/api\/refresh: 401 \(\d+ ms\)$/),
				'state: signed-out -> signing-in',
				expect.stringMatching(/^POST \/api\/token: 401 \(\d+ ms\)$/),
				'error ERR_INVALID_CREDENTIALS',
				expect.stringMatching(/^POST \/api\/token: 200 \(\d+ ms\)$/),
				expect.stringMatching(/^token \(login\): external_id user-ada, exp \d+, 120 s left, clock offset 0 s$/),
				"zE loginUser",
				'jwtCallback',
				'loginCallback: ok',
				'state: signing-in -> signed-in',
				'plan: wait 60 s',
				'tab: token adopted',
				expect.stringMatching(/^token \(tab\): external_id user-ada, exp \d+, 120 s left, clock offset 0 s$/),
				'plan: refresh',
				'state: signed-in -> refreshing',
				expect.stringMatching(/^POST \/api\/refresh: 200 \(\d+ ms\)$/),
				expect.stringMatching(/^token \(refresh\): external_id user-ada, exp \d+, 120 s left, clock offset 0 s$/),
				'state: refreshing -> signed-in',
				'state: signed-in -> signed-out',
				"zE logoutUser",
				'tab: signed out',
				expect.stringMatching(/^POST \/api\/logout: 204 \(\d+ ms\)$/),
			]),
		);
		// The visitor's wrong password is their own error: no warning, whatever the log says.
		expect(console.of('warn')).toEqual([]);
	});

	it('logs the widget refusing the token, and a refresh that brings no later exp', async () => {
		const cached = mintJwt({lifetimeSeconds: 120});
		const backend = stubFetch({'/api/token': {body: {jwt: cached}}, '/api/refresh': {body: {jwt: cached}}});
		backend.next('/api/refresh', {status: 401});
		const console = recordConsole();
		const {auth} = createRecordedAuth({refreshEndpoint: '/api/refresh', debug: true});
		auth.on('error', () => {});
		await flush();
		await auth.login({email: EMAIL, password: PASSWORD});
		await flush(61_000);
		expect(console.of('debug')).toContain(`${LOG_PREFIX} refresh: no later exp, backing off`);

		const forged = mintJwt({secret: 'another-secret-that-zendesk-does-not-know-0123', claims: {external_id: 'user-grace'}});
		stubFetch({'/api/token': {body: {jwt: forged}}});
		await auth.login({email: EMAIL, password: PASSWORD});
		await flush();
		expect(console.of('debug'), console.of('debug').join('\n')).toContain(`${LOG_PREFIX} loginCallback: failed, invalid_auth`);
	});

	it('data-debug maps to debug; debug must be a boolean', () => {
		expect(() => resolveOptions({tokenEndpoint: '/t', debug: 'yes'})).toThrow('debug must be true or false; got "yes".');
		expect(resolveOptions({tokenEndpoint: '/t', debug: true}).log).toBeTypeOf('function');
	});
});

describe('debug off costs nothing', () => {
	it('has no log function at all, and writes nothing on a whole session', async () => {
		expect(resolveOptions({tokenEndpoint: '/t'}).log).toBeUndefined();
		expect(resolveOptions({tokenEndpoint: '/t', debug: false}).log).toBeUndefined();
		stubFetch({'/api/token': () => ({body: {jwt: mintJwt()}}), '/api/refresh': {status: 401}});
		const console = recordConsole();
		const {auth} = createRecordedAuth({refreshEndpoint: '/api/refresh'});
		await auth.login({email: EMAIL, password: PASSWORD});
		await auth.logout();
		await flush();
		expect(console.lines).toEqual([]);
	});

	// An optional call evaluates its arguments only when there is a function to call: `log?.(`…`)` builds no string
	// when debug is off, where `log(…)` or a variable holding a built line would.
	it('calls the log only as log?.(…) in every source file', () => {
		const src = `${process.cwd()}/src/`;
		const files = readdirSync(src, {recursive: true, encoding: 'utf8'}).filter((file) => file.endsWith('.ts'));
		let calls = 0;
		for (const file of files) {
			const code = readFileSync(`${src}${file}`, 'utf8');
			for (const match of code.matchAll(/(#log|\blog)\b(\?\.)?\(/g)) {
				if (/function|debugLog|=>/.test(code.slice(Math.max(0, match.index - 12), match.index))) continue;
				expect(match[2], `${file}: ${code.slice(match.index, match.index + 40)}`).toBe('?.');
				calls++;
			}
		}

		expect(calls).toBeGreaterThan(10);
	});
});

describe('an integration fault no listener of the page heard', () => {
	const faults = [
		{code: 'ERR_INVALID_TOKEN', provoke: () => stubFetch({'/api/token': {body: '<!doctype html><title>Home</title>'}})},
		{code: 'ERR_INVALID_TOKEN', provoke: () => stubFetch({'/api/token': {body: {jwt: mintJwt({claims: {external_id: 42}})}}})},
		{code: 'ERR_TOKEN_ENDPOINT', provoke: () => stubFetch({'/api/token': {status: 404, body: 'Not Found'}})},
		{
			code: 'ERR_CONFIG',
			provoke: () => stubFetch({'/api/token': () => ({body: {jwt: mintJwt()}})}),
			options: {
				headers: () => {
					throw new Error('no CSRF meta tag');
				},
			},
		},
		{code: 'ERR_WIDGET_LOGIN_FAILED', provoke: () => stubFetch({'/api/token': () => ({body: {jwt: mintJwt({secret: 'another-secret-that-zendesk-does-not-know-0123'})}})})},
		{
			code: 'ERR_WIDGET_UNAVAILABLE',
			provoke: () => {
				vi.stubGlobal('zE', undefined);
				stubFetch({'/api/token': () => ({body: {jwt: mintJwt()}})});
			},
			options: {widgetTimeoutMs: 1000},
		},
	] as const;

	const signInTwice = async (auth: ReturnType<typeof createMessagingAuth>) => {
		for (let attempt = 0; attempt < 2; attempt++) {
			await auth.login({email: EMAIL, password: PASSWORD}).catch(() => undefined);
			await flush(1500);
		}
	};

	it.each(faults)('$code is warned about once, saying what to fix, when only the SDK itself listens', async ({code, provoke, ...rest}) => {
		provoke();
		const console = recordConsole();
		const auth = track(createMessagingAuth({tokenEndpoint: '/api/token', ...('options' in rest ? rest.options : {})}));
		// The SDK's own form listens for errors: it is not the page.
		const host = document.body.appendChild(document.createElement('div'));
		const form = mountLoginForm(auth, host);
		await signInTwice(auth);
		form.unmount();
		host.remove();

		expect(console.of('warn')).toHaveLength(1);
		expect(console.of('warn')[0]).toMatch(new RegExp(`^${LOG_PREFIX} ${code}: `));
		expect(console.of('warn')[0]).not.toContain(PASSWORD);
		expect(console.of('debug')).toEqual([]);
	});

	it.each(faults)('$code is not warned about when the page listens for errors', async ({code, provoke, ...rest}) => {
		provoke();
		const console = recordConsole();
		const auth = track(createMessagingAuth({tokenEndpoint: '/api/token', ...('options' in rest ? rest.options : {})}));
		const heard: string[] = [];
		auth.on('error', (error) => heard.push(error.code));
		await signInTwice(auth);
		expect(heard).toContain(code);
		expect(console.lines).toEqual([]);
	});

	it('warns again for another fault on the same instance, and for the same fault on another instance', async () => {
		const backend = stubFetch({'/api/token': {status: 404}});
		const console = recordConsole();
		const first = track(createMessagingAuth({tokenEndpoint: '/api/token'}));
		await signInTwice(first);
		backend.next('/api/token', {body: 'not a token'});
		await first.login({email: EMAIL, password: PASSWORD}).catch(() => undefined);
		const second = track(createMessagingAuth({tokenEndpoint: '/api/token'}));
		await signInTwice(second);
		expect(console.of('warn')).toEqual([
			`${LOG_PREFIX} ERR_TOKEN_ENDPOINT: POST /api/token answered 404 (is tokenEndpoint right?).`,
			`${LOG_PREFIX} ERR_INVALID_TOKEN: POST /api/token answered 200, but with neither JSON nor a JWT.`,
			`${LOG_PREFIX} ERR_TOKEN_ENDPOINT: POST /api/token answered 404 (is tokenEndpoint right?).`,
		]);
	});
});

describe("a visitor's own errors", () => {
	const own = [
		{code: 'ERR_INVALID_CREDENTIALS', answer: {status: 401, body: {message: `No account for ${EMAIL}`}}},
		{code: 'ERR_RATE_LIMITED', answer: {status: 429, headers: {'retry-after': '30'}}},
		{code: 'ERR_NETWORK', answer: {error: new TypeError('Failed to fetch')}},
		{code: 'ERR_TIMEOUT', answer: {hang: true}},
	] as const;

	it.each(own)('$code is never written to the console', async ({code, answer}) => {
		stubFetch({'/api/token': answer});
		const console = recordConsole();
		const {auth, errors} = createRecordedAuth({timeoutMs: 500});
		const host = document.body.appendChild(document.createElement('div'));
		const form = mountLoginForm(auth, host);
		for (let attempt = 0; attempt < 2; attempt++) {
			const done = auth.login({email: EMAIL, password: PASSWORD}).catch(() => undefined);
			await flush(600);
			await done;
		}

		form.unmount();
		host.remove();
		expect(errors().map((error) => error.code)).toContain(code);
		expect(console.lines).toEqual([]);
	});

	it('ERR_SESSION_EXPIRED (the site session ended) and ERR_ABORTED (a superseded sign-in) are never written', async () => {
		const backend = stubFetch({'/api/token': () => ({body: {jwt: mintJwt({lifetimeSeconds: 60})}}), '/api/refresh': {status: 401}});
		const console = recordConsole();
		const auth = track(createMessagingAuth({tokenEndpoint: '/api/token', refreshEndpoint: '/api/refresh'}));
		const codes: string[] = [];
		const host = document.body.appendChild(document.createElement('div'));
		const form = mountLoginForm(auth, host);
		await flush();
		backend.next('/api/token', {delayMs: 1000, body: {jwt: mintJwt()}});
		const superseded = auth.login({email: EMAIL, password: PASSWORD}).catch((error: {code: string}) => codes.push(error.code));
		await auth.login({email: EMAIL, password: PASSWORD});
		await superseded;
		await flush(61_000);
		form.unmount();
		host.remove();
		expect(codes).toEqual(['ERR_ABORTED']);
		expect(auth.getDiagnostics().lastError?.code).toBe('ERR_SESSION_EXPIRED');
		expect(console.lines).toEqual([]);
	});
});

describe('review: what a console line may hold, and a console the page replaced', () => {
	it("leaves out a server's message: it may echo the visitor's input, and a changing one must not warn forever", async () => {
		let request = 0;
		const backend = stubFetch({'/api/token': {status: 422, body: {message: `Password ${PASSWORD} is too short for ${EMAIL}`}}});
		const console = recordConsole();
		const auth = track(createMessagingAuth({tokenEndpoint: '/api/token'}));
		await auth.login({email: EMAIL, password: PASSWORD}).catch(() => undefined);
		// A 500 whose message carries a request id: the same fault each time.
		for (let attempt = 0; attempt < 3; attempt++) {
			backend.next('/api/token', {status: 500, body: {message: `Internal error, request ${++request}`}});
			await auth.login({email: EMAIL, password: PASSWORD}).catch(() => undefined);
		}

		await flush();
		expect(console.of('warn')).toEqual([
			`${LOG_PREFIX} ERR_TOKEN_ENDPOINT: POST /api/token answered 422 (is tokenEndpoint right?).`,
			`${LOG_PREFIX} ERR_TOKEN_ENDPOINT: POST /api/token answered 500 (see the server's logs).`,
		]);
	});

	it('keeps working when the page replaced console.warn or console.debug with something that throws or is gone', async () => {
		for (const [method, replacement] of [
			['warn', () => {
				throw new Error('console.warn is forbidden here');
			}],
			['debug', undefined],
			['debug', () => {
				throw new Error('console.debug is forbidden here');
			}],
		] as const) {
			const original = console[method];
			console[method] = replacement as unknown as typeof original;
			let auth: ReturnType<typeof createMessagingAuth> | undefined;
			try {
				const backend = stubFetch({'/api/token': {status: 404}, '/api/refresh': () => ({body: {jwt: mintJwt({lifetimeSeconds: 120})}})});
				// 'always': this case restores a site session at start-up (a first-time visitor's quiet start asks nothing).
				auth = createMessagingAuth({tokenEndpoint: '/api/token', refreshEndpoint: '/api/refresh', restoreOnLoad: 'always', debug: method === 'debug'});
				await flush(2000);
				expect(auth.state, method).toBe('signed-in');
				// A failing sign-in (warned about, or logged) leaves the session as it was, and its refresh still runs.
				await expect(auth.login({email: EMAIL, password: PASSWORD})).rejects.toMatchObject({code: 'ERR_TOKEN_ENDPOINT'});
				backend.next('/api/refresh', {status: 502});
				await flush(61_000);
				await flush(30_000);
				expect(backend.count('/api/refresh'), method).toBeGreaterThanOrEqual(3);
				expect(auth.state).toBe('signed-in');
			} finally {
				auth?.destroy();
				console[method] = original;
			}
		}
	});

	it('fails the same with debug on as off when a wrapped fetch rejects with null (the log reads no property of it)', async () => {
		for (const debug of [false, true]) {
			vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(null)));
			const auth = track(createMessagingAuth({tokenEndpoint: '/api/token', debug}));
			recordConsole();
			await expect(auth.login({email: EMAIL, password: PASSWORD}), String(debug)).rejects.toBeNull();
		}
	});
});
