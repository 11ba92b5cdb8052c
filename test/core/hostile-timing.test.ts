/*
PRODUCT.md, "Rules that hold under hostile timing and input" (issue 19: items 1, 2, 3, 6 and 7), with the whole SDK in
jsdom: two instances of one test stand for two tabs (they share the BroadcastChannel and navigator.locks). The same
cases in three real engines: test/browser/hostile-timing.test.ts.
*/
import {describe, expect, it, vi} from 'vitest';
import {MessagingAuthError} from '../../src/errors/messaging-auth-error.js';
import {CHANNEL_NAME} from '../../src/sync/tab-sync.js';
import {SIGNED_IN_MARKER_KEY} from '../../src/widget/signed-in-marker.js';
import {createRecordedAuth, useFakeClockAndWidget} from '../helpers/auth.js';
import {stubFetch} from '../helpers/fetch-stub.js';
import {mintJwt} from '../helpers/jwt.js';

const ADA = {email: 'ada@example.com', password: 'analytical-engine'};
const BOB = {external_id: 'user-bob', name: 'Bob', email: 'bob@example.com'};
const HOUR_MS = 3_600_000;
const jwtOf = (claims: Record<string, unknown> = {}) => () => ({body: {jwt: mintJwt({claims: {jti: Math.random().toString(36), ...claims}})}});
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Lets BroadcastChannel messages (delivered by Node's event loop, not by the fake timers) and promises settle. */
async function flush(ms = 0) {
	for (let turn = 0; turn < 10; turn++) {
		await new Promise((resolve) => setImmediate(resolve));
		await vi.advanceTimersByTimeAsync(turn === 0 ? ms : 0);
	}
}

/** An instance for the site's own login (refresh endpoint only), its start-up settled (a hello waits up to 250 ms). */
async function siteLoginTab() {
	const tab = createRecordedAuth({tokenEndpoint: undefined, refreshEndpoint: '/api/jwt'} as never);
	await flush(300);
	return tab;
}

const widget = useFakeClockAndWidget();

describe('the site session is the truth for the site\'s own login', () => {
	it('a new page never takes another tab\'s token at start-up: it asks the server, and "no session" signs out every tab', async () => {
		const backend = stubFetch({'/api/jwt': jwtOf()});
		const first = await siteLoginTab();
		expect(first.auth.state).toBe('signed-in');
		// The second tab followed the site's own sign-out route: its cookie is gone, the first tab still holds Ada's token.
		backend.next('/api/jwt', {status: 401});
		const second = await siteLoginTab();
		expect(backend.count('/api/jwt')).toBe(2);
		expect(second.auth.state).toBe('signed-out');
		expect(first.auth.state).toBe('signed-out');
		expect(first.named('logout')).toEqual([{reason: 'remote'}]);
		expect(widget.record.signedInAs).toBeUndefined();
	});

	it('a new page whose site session is another visitor\'s signs in as them, and the other tab follows', async () => {
		const backend = stubFetch({'/api/jwt': jwtOf()});
		const first = await siteLoginTab();
		backend.next('/api/jwt', jwtOf(BOB)());
		const second = await siteLoginTab();
		await flush();
		expect(second.auth.session?.claims.external_id).toBe(BOB.external_id);
		expect(first.auth.session?.claims.external_id).toBe(BOB.external_id);
		expect(first.named('login').map(({session}) => session.claims.external_id)).toEqual(['user-ada', BOB.external_id]);
	});

	it('restore() called by the page always asks, and replaces a session of another visitor: login for them, the widget signed in as them', async () => {
		const backend = stubFetch({'/api/jwt': jwtOf()});
		const {auth, named} = await siteLoginTab();
		expect(widget.record.signedInAs).toBe('user-ada');
		// The site's own in-page login switched the cookie to Bob.
		backend.next('/api/jwt', jwtOf(BOB)());
		const session = await auth.restore();
		await flush();
		expect(backend.count('/api/jwt')).toBe(2);
		expect(session?.claims.external_id).toBe(BOB.external_id);
		expect(named('login').map(({session}) => session.claims.external_id)).toEqual(['user-ada', BOB.external_id]);
		expect(widget.record.signedInAs).toBe(BOB.external_id);
		expect(widget.record.logoutUserCalls).toBe(1);
		expect(widget.record.loginUserCalls).toBe(2);
	});

	it('restore() for the same visitor is a refresh (no second login, no second loginUser); "no session" signs out every tab', async () => {
		const backend = stubFetch({'/api/jwt': jwtOf()});
		const first = await siteLoginTab();
		const second = await siteLoginTab();
		expect(backend.count('/api/jwt')).toBe(2);
		await first.auth.restore();
		expect(first.named('login')).toHaveLength(1);
		expect(first.named('refresh')).toHaveLength(1);
		backend.next('/api/jwt', {status: 401});
		await expect(first.auth.restore()).resolves.toBeNull();
		await flush();
		expect(first.named('logout')).toEqual([{reason: 'expired'}]);
		expect(second.named('logout')).toEqual([{reason: 'remote'}]);
		expect([first.auth.state, second.auth.state]).toEqual(['signed-out', 'signed-out']);
		expect(first.errors()).toEqual([]);
	});

	it('a tab message that arrives while the page asks the server who the visitor is does not overtake the answer', async () => {
		// The site switched to Bob; the server takes a moment to say so, and meanwhile a tab (or a page script) announces Ada.
		stubFetch({'/api/jwt': {...jwtOf(BOB)(), delayMs: 200}});
		const tab = createRecordedAuth({tokenEndpoint: undefined, refreshEndpoint: '/api/jwt'} as never);
		const channel = new BroadcastChannel(CHANNEL_NAME);
		channel.postMessage({type: 'session', from: 'other-tab', token: {jwt: mintJwt(), serverTimeMs: Date.now()}});
		channel.close();
		await flush(300);
		expect(tab.auth.session?.claims.external_id).toBe(BOB.external_id);
		expect(tab.named('login').map(({session}) => session.claims.external_id)).toEqual([BOB.external_id]);
		expect(widget.record.signedInAs).toBe(BOB.external_id);
	});

	it('with our form (tokenEndpoint) a new tab still takes a signed-in tab\'s session without a request', async () => {
		const backend = stubFetch({'/api/token': jwtOf(), '/api/refresh': {status: 401}});
		const first = createRecordedAuth({refreshEndpoint: '/api/refresh'});
		await flush(300);
		await first.auth.login(ADA);
		await flush();
		const refreshes = backend.count('/api/refresh');
		const second = createRecordedAuth({refreshEndpoint: '/api/refresh'});
		await flush(300);
		expect(second.auth.state).toBe('signed-in');
		expect(backend.count('/api/refresh')).toBe(refreshes);
	});
});

describe('a sign-out reaches the server', () => {
	const logoutPosts = (backend: ReturnType<typeof stubFetch>) => backend.fetch.mock.calls.filter(([input]) => String((input as Request).url).endsWith('/api/logout'));

	it.each([
		['destroy() in the same task', (auth: {destroy(): void}) => auth.destroy()],
		['destroy() a microtask later', (auth: {destroy(): void}) => queueMicrotask(() => auth.destroy())],
	])('logout() followed by %s: the POST is sent, with keepalive', async (_name, then) => {
		const backend = stubFetch({'/api/token': jwtOf(), '/api/logout': {status: 204}});
		const {auth} = createRecordedAuth({logoutEndpoint: '/api/logout'});
		await auth.login(ADA);
		void auth.logout();
		then(auth);
		await flush();
		expect(backend.count('/api/logout')).toBe(1);
		const [[request]] = logoutPosts(backend) as [[Request]];
		expect(request.keepalive).toBe(true);
		expect(request.signal.aborted).toBe(false);
		expect(widget.record.logoutUserCalls).toBe(1);
	});

	it('logout() followed by login(): both reach the server, the login only after the sign-out was answered', async () => {
		const backend = stubFetch({'/api/token': jwtOf(), '/api/logout': {status: 204, delayMs: 500}});
		const {auth} = createRecordedAuth({logoutEndpoint: '/api/logout'});
		await auth.login(ADA);
		void auth.logout();
		const again = auth.login(ADA);
		await flush(100);
		expect(backend.count('/api/logout')).toBe(1);
		// The sign-out's answer clears the old session's cookie: the new session's must not come before it.
		expect(backend.count('/api/token')).toBe(1);
		await flush(500);
		await expect(again).resolves.toMatchObject({claims: {external_id: 'user-ada'}});
		expect(backend.calls.map((call) => new URL(call.url).pathname)).toEqual(['/api/token', '/api/logout', '/api/token']);
	});

	it('login() inside a logout listener still waits for the sign-out\'s answer: the old cookie cannot be cleared after the new one', async () => {
		const backend = stubFetch({'/api/token': jwtOf(), '/api/logout': {status: 204, delayMs: 500}});
		const {auth} = createRecordedAuth({logoutEndpoint: '/api/logout'});
		await auth.login(ADA);
		let again: Promise<unknown> | undefined;
		auth.on('logout', () => void (again = auth.login(ADA)));
		void auth.logout();
		await flush(100);
		expect(backend.count('/api/logout')).toBe(1);
		expect(backend.count('/api/token')).toBe(1);
		await flush(500);
		await expect(again).resolves.toMatchObject({claims: {external_id: 'user-ada'}});
		expect(backend.calls.map((call) => new URL(call.url).pathname)).toEqual(['/api/token', '/api/logout', '/api/token']);
	});

	it('a login() that a newer one overtook while it waited for the sign-out never sends its POST', async () => {
		const backend = stubFetch({'/api/token': jwtOf(), '/api/logout': {status: 204, delayMs: 500}});
		const {auth} = createRecordedAuth({logoutEndpoint: '/api/logout'});
		await auth.login(ADA);
		void auth.logout();
		// Caught at once: it rejects during the flush, before the expectation below looks at it.
		const overtaken = auth.login({email: 'first@example.com', password: 'x'}).catch((error: unknown) => error);
		const standing = auth.login(ADA);
		await flush(600);
		expect(await overtaken).toMatchObject({code: 'ERR_ABORTED'});
		await expect(standing).resolves.toBeTruthy();
		// fetch with an aborted signal sends nothing: the token POSTs that went out are the first login's and the standing one's.
		const sent = backend.fetch.mock.calls.map(([input]) => input as Request).filter((request) => request.url.endsWith('/api/token') && !request.signal.aborted);
		expect(sent).toHaveLength(2);
	});
});

describe('listeners see a consistent story', () => {
	it('logout() inside a login listener: no stale statechange follows, and the overtaken login() rejects with ERR_ABORTED', async () => {
		stubFetch({'/api/token': jwtOf()});
		const {auth, events, states} = createRecordedAuth();
		const heard: string[] = [];
		auth.on('login', () => void auth.logout());
		auth.on('login', () => heard.push('later login listener'));
		auth.on('statechange', ({state}) => heard.push(`statechange ${state} (auth.state ${auth.state})`));
		const failure = await auth.login(ADA).catch((error: unknown) => error);
		expect(failure).toBeInstanceOf(MessagingAuthError);
		expect((failure as MessagingAuthError).code).toBe('ERR_ABORTED');
		expect(states()).toEqual(['signing-in', 'signed-out']);
		expect(heard).toEqual(['statechange signing-in (auth.state signing-in)', 'statechange signed-out (auth.state signed-out)']);
		expect(auth.state).toBe('signed-out');
		expect(events.map(([name]) => name)).toEqual(['statechange', 'login', 'logout', 'statechange']);
	});

	it('destroy() inside a login listener: later listeners do not run, and no event follows', async () => {
		stubFetch({'/api/token': jwtOf()});
		const {auth} = createRecordedAuth();
		const heard: string[] = [];
		auth.on('login', () => auth.destroy());
		auth.on('login', () => heard.push('login'));
		auth.on('statechange', ({state}) => heard.push(state));
		auth.on('logout', () => heard.push('logout'));
		await expect(auth.login(ADA)).rejects.toMatchObject({code: 'ERR_ABORTED'});
		await flush(1000);
		expect(heard).toEqual(['signing-in']);
	});

	it('a state a listener moved on (the widget\'s getToken refreshing a short-lived login token) is never told stale: each statechange is the state as it is', async () => {
		const backend = stubFetch({'/api/token': () => ({body: {jwt: mintJwt({lifetimeSeconds: 5})}}), '/api/refresh': {...jwtOf()(), delayMs: 100}});
		backend.next('/api/refresh', {status: 401});
		const {auth, named} = createRecordedAuth({refreshEndpoint: '/api/refresh'});
		await flush(300);
		const told: string[] = [];
		auth.on('statechange', ({state}) => told.push(state === auth.state ? state : `${state}, but auth.state is ${auth.state}`));
		await auth.login(ADA);
		await flush(200);
		expect(named('login')).toHaveLength(1);
		expect(named('refresh')).toHaveLength(1);
		expect(told).toEqual(['signing-in', 'refreshing', 'signed-in']);
	});

	it('a listener that only reads (getToken in the widget\'s login listener) changes nothing of what the page hears', async () => {
		stubFetch({'/api/token': jwtOf()});
		const {auth, events} = createRecordedAuth();
		await auth.login(ADA);
		expect(events.map(([name]) => name)).toEqual(['statechange', 'login', 'statechange']);
		expect(widget.record.loginUserCalls).toBe(1);
	});
});

describe('tab messages cannot bend time', () => {
	const post = async (message: unknown) => {
		const channel = new BroadcastChannel(CHANNEL_NAME);
		channel.postMessage(message);
		channel.close();
		await flush();
	};

	it('a forged token that expired an hour ago, sent with a serverTimeMs 23 h in the past, is ignored: getToken never hands it out', async () => {
		stubFetch();
		const {auth, events} = createRecordedAuth();
		const expired = mintJwt({nowSeconds: nowSeconds() - HOUR_MS / 1000 - 600, lifetimeSeconds: 600});
		await post({type: 'session', from: 'forger', token: {jwt: expired, serverTimeMs: Date.now() - 23 * HOUR_MS}});
		// Ignored, not taken and then expired: no event at all.
		expect(events).toEqual([]);
		expect(auth.state).toBe('signed-out');
		expect(auth.getDiagnostics().clockOffsetMs).toBe(0);
		await expect(auth.getToken()).rejects.toMatchObject({code: 'ERR_SESSION_EXPIRED'});
		expect(widget.record.received).toEqual([]);
	});

	it('a valid token from another tab is adopted, but its sender\'s serverTimeMs never moves this tab\'s clock', async () => {
		stubFetch();
		const {auth} = createRecordedAuth();
		const jwt = mintJwt();
		await post({type: 'session', from: 'other-tab', token: {jwt, serverTimeMs: Date.now() - 23 * HOUR_MS}});
		expect(auth.session?.jwt).toBe(jwt);
		expect(auth.getDiagnostics().clockOffsetMs).toBe(0);
		expect(auth.session?.expiresAt).toBe(mintClaimsExp(jwt) * 1000);
	});

	it('a tab message never moves the clock, not even by re-basing it on a visitor clock that was set back', async () => {
		stubFetch();
		const {auth} = createRecordedAuth();
		const trueNowSeconds = nowSeconds();
		// The visitor sets the clock back an hour; this tab's estimate keeps counting on the monotonic clock.
		vi.setSystemTime(Date.now() - HOUR_MS);
		await post({type: 'session', from: 'other-tab', token: {jwt: mintJwt({nowSeconds: trueNowSeconds}), serverTimeMs: Date.now()}});
		expect(auth.state).toBe('signed-in');
		expect(auth.getDiagnostics().expiresInMs).toBeLessThanOrEqual(600_000);
		// Grace's token expired half an hour ago (on the server's clock): it looks valid only by the visitor's clock.
		const stale = mintJwt({nowSeconds: trueNowSeconds - 2400, lifetimeSeconds: 600, claims: {external_id: 'user-grace'}});
		await post({type: 'session', from: 'other-tab', token: {jwt: stale, serverTimeMs: Date.now()}});
		expect(auth.session?.claims.external_id).toBe('user-ada');
	});
});

describe('the marker tells the truth', () => {
	const failingZendesk = (how: 'loginCallback fails at once' | 'throws on loginUser') => {
		const calls: string[] = [];
		vi.stubGlobal('zE', (_namespace: string, method: string, _jwtCallback: unknown, loginCallback?: (error: unknown) => void) => {
			calls.push(method);
			if (method !== 'loginUser') return;
			if (how === 'throws on loginUser') throw new Error('widget not ready');
			loginCallback?.({message: 'Authentication failed', reason: 'invalid_auth', type: 'LoginFailedError'});
		});
		return calls;
	};

	it('the page calls restore() while the start-up restore is in flight, the server says "no session": the chat an earlier page signed in is signed out', async () => {
		const backend = stubFetch({'/api/jwt': {status: 401, delayMs: 50}});
		localStorage.setItem(SIGNED_IN_MARKER_KEY, '1');
		const {auth} = createRecordedAuth({tokenEndpoint: undefined, refreshEndpoint: '/api/jwt'} as never);
		const restored = auth.restore();
		await flush(300);
		await expect(restored).resolves.toBeNull();
		expect(backend.count('/api/jwt')).toBe(2);
		expect(widget.record.logoutUserCalls).toBe(1);
		expect(localStorage.getItem(SIGNED_IN_MARKER_KEY)).toBeNull();
	});

	it.each(['loginCallback fails at once', 'throws on loginUser'] as const)(
		'zE %s, the page\'s error listener calls logout(): logoutUser, and the marker is not left set',
		async (how) => {
			stubFetch({'/api/token': jwtOf()});
			const calls = failingZendesk(how);
			const {auth} = createRecordedAuth();
			auth.on('error', () => void auth.logout());
			await auth.login(ADA).catch(() => undefined);
			await flush();
			expect(calls).toEqual(['loginUser', 'logoutUser']);
			expect(localStorage.getItem(SIGNED_IN_MARKER_KEY)).toBeNull();
			expect(auth.state).toBe('signed-out');
		},
	);
});

function mintClaimsExp(jwt: string): number {
	return (JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as {exp: number}).exp;
}
