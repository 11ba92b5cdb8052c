import {describe, expect, it, vi} from 'vitest';
import {MAX_UNPRODUCTIVE_REFRESHES} from '../../src/core/refresh-plan.js';
import {REFRESH_RETRIES} from '../../src/core/token-client.js';
import {createMessagingAuth, MessagingAuthError} from '../../src/index.js';
import {createRecordedAuth, settle, track, useFakeClockAndWidget} from '../helpers/auth.js';
import {stubFetch} from '../helpers/fetch-stub.js';
import {claimsOf, mintJwt} from '../helpers/jwt.js';

const ADA = {email: 'ada@example.com', password: 'analytical-engine'};
const token = (lifetimeSeconds = 600, claims: Record<string, unknown> = {}) =>
	({body: {jwt: mintJwt({lifetimeSeconds, claims})}});

const widget = useFakeClockAndWidget();

describe('login', () => {
	it('signs the site and the widget in: signing-in, signed-in, a login event, one loginUser with a valid JWT', async () => {
		const backend = stubFetch({'/api/token': token});
		const {auth, states, named} = createRecordedAuth();
		const session = await auth.login(ADA);
		expect(JSON.parse(backend.calls[0]!.body!)).toEqual(ADA);
		expect(states()).toEqual(['signing-in', 'signed-in']);
		expect(auth.state).toBe('signed-in');
		expect(auth.session).toBe(session);
		expect(session.claims.external_id).toBe('user-ada');
		expect(session.expiresAt).toBe(session.claims.exp! * 1000);
		expect(named('login')).toEqual([{session}]);
		await settle();
		expect(widget.record.loginUserCalls).toBe(1);
		expect(widget.record.signedInAs).toBe('user-ada');
		expect(widget.record.misuse).toEqual([]);
	});

	it('stays usable after a failed login: the error is typed and emitted, the next login works', async () => {
		const backend = stubFetch({'/api/token': token});
		backend.next('/api/token', {status: 401, body: {message: 'Wrong password'}});
		const {auth, errors, states} = createRecordedAuth();
		const failure = await auth.login({...ADA, password: 'nope'}).catch((error: unknown) => error);
		expect(failure).toBeInstanceOf(MessagingAuthError);
		expect((failure as MessagingAuthError).code).toBe('ERR_INVALID_CREDENTIALS');
		expect(errors()).toEqual([failure]);
		expect(auth.state).toBe('signed-out');
		expect(auth.session).toBeNull();
		await settle();
		expect(widget.record.loginUserCalls).toBe(0);

		await auth.login(ADA);
		expect(states()).toEqual(['signing-in', 'signed-out', 'signing-in', 'signed-in']);
		await settle();
		expect(widget.record.signedInAs).toBe('user-ada');
	});

	it('refuses credentials that are not an object with ERR_CONFIG', async () => {
		stubFetch();
		const {auth} = createRecordedAuth();
		await expect(auth.login('ada' as never)).rejects.toMatchObject({code: 'ERR_CONFIG'});
	});

	it('a second login of the same visitor keeps the one widget login (pitfall 2)', async () => {
		stubFetch({'/api/token': token});
		const {auth} = createRecordedAuth();
		await auth.login(ADA);
		await auth.login(ADA);
		await settle();
		expect(widget.record.loginUserCalls).toBe(1);
		expect(widget.record.logoutUserCalls).toBe(0);
	});

	it('a login as someone else signs the widget out, then in as the new visitor', async () => {
		const backend = stubFetch({'/api/token': token});
		const {auth} = createRecordedAuth();
		await auth.login(ADA);
		backend.next('/api/token', token(600, {external_id: 'user-grace', name: 'Grace Hopper'}));
		await auth.login({email: 'grace@example.com', password: 'x'});
		await settle();
		expect(widget.record.loginUserCalls).toBe(2);
		expect(widget.record.logoutUserCalls).toBe(1);
		expect(widget.record.signedInAs).toBe('user-grace');
	});
});

describe('refresh', () => {
	it('refreshes leeway seconds before expiry, and the widget keeps its one login', async () => {
		const backend = stubFetch({'/api/token': token, '/api/refresh': token});
		backend.next('/api/refresh', {status: 401});
		const {auth, named} = createRecordedAuth({refreshEndpoint: '/api/refresh', refreshLeewaySeconds: 60});
		await settle();
		await auth.login(ADA);
		const before = backend.count('/api/refresh');
		await vi.advanceTimersByTimeAsync(539_000);
		expect(backend.count('/api/refresh')).toBe(before);
		await vi.advanceTimersByTimeAsync(1000);
		expect(backend.count('/api/refresh')).toBe(before + 1);
		expect(named('refresh')).toHaveLength(1);
		expect(auth.session!.jwt).toBe(named('refresh')[0]!.session.jwt);
		expect(widget.record.loginUserCalls).toBe(1);
	});

	it('never refreshes earlier than half the token lifetime', async () => {
		const backend = stubFetch({'/api/token': () => token(60), '/api/refresh': () => token(60)});
		backend.next('/api/refresh', {status: 401});
		const {auth} = createRecordedAuth({refreshEndpoint: '/api/refresh', refreshLeewaySeconds: 60});
		await settle();
		await auth.login(ADA);
		await vi.advanceTimersByTimeAsync(29_000);
		expect(backend.count('/api/refresh')).toBe(1);
		await vi.advanceTimersByTimeAsync(1000);
		expect(backend.count('/api/refresh')).toBe(2);
	});

	it('signs out with reason expired, logoutUser and ERR_SESSION_EXPIRED when the refresh is refused (401)', async () => {
		const backend = stubFetch({'/api/token': token, '/api/refresh': {status: 401}});
		const {auth, named, errors} = createRecordedAuth({refreshEndpoint: '/api/refresh'});
		await settle();
		await auth.login(ADA);
		await vi.advanceTimersByTimeAsync(540_000);
		expect(backend.count('/api/refresh')).toBe(2);
		expect(auth.state).toBe('signed-out');
		expect(auth.session).toBeNull();
		expect(named('logout')).toEqual([{reason: 'expired'}]);
		expect(errors().map((error) => error.code)).toEqual(['ERR_SESSION_EXPIRED']);
		expect(widget.record.logoutUserCalls).toBe(1);
	});

	it.each([
		['a 503', {status: 503}],
		['a dropped connection', {error: new TypeError('Failed to fetch')}],
	])('a blip (%s) is retried by ky within the attempt: one refresh, no error event', async (_name, blip) => {
		const backend = stubFetch({'/api/token': token, '/api/refresh': token});
		backend.next('/api/refresh', {status: 401});
		backend.next('/api/refresh', blip);
		const {auth, errors, named} = createRecordedAuth({refreshEndpoint: '/api/refresh'});
		await settle();
		await auth.login(ADA);
		await vi.advanceTimersByTimeAsync(540_000);
		expect(backend.count('/api/refresh')).toBe(2);
		// ky's backoff: 0.3 s at most (full jitter).
		await vi.advanceTimersByTimeAsync(300);
		expect(backend.count('/api/refresh')).toBe(3);
		expect(named('refresh')).toHaveLength(1);
		expect(errors()).toEqual([]);
		expect(auth.state).toBe('signed-in');
	});

	it('a longer outage is retried by the session with backoff while the token is valid, and recovers', async () => {
		const backend = stubFetch({'/api/token': token, '/api/refresh': token});
		backend.next('/api/refresh', {status: 401});
		for (let attempt = 0; attempt <= REFRESH_RETRIES; attempt++) backend.next('/api/refresh', {status: 500});
		const {auth, errors, named} = createRecordedAuth({refreshEndpoint: '/api/refresh'});
		await settle();
		await auth.login(ADA);
		await vi.advanceTimersByTimeAsync(540_000);
		await vi.advanceTimersByTimeAsync(2000);
		expect(backend.count('/api/refresh')).toBe(2 + REFRESH_RETRIES);
		expect(errors().map((error) => error.code)).toEqual(['ERR_TOKEN_ENDPOINT']);
		expect(auth.state).toBe('signed-in');
		expect(named('refresh')).toHaveLength(0);
		// The session's own backoff after one fruitless attempt: 2.5 to 5 s.
		await vi.advanceTimersByTimeAsync(5000);
		expect(backend.count('/api/refresh')).toBe(3 + REFRESH_RETRIES);
		expect(named('refresh')).toHaveLength(1);
		expect(auth.state).toBe('signed-in');
		expect(named('logout')).toEqual([]);
	});

	it('honours Retry-After on a 429 before trying again', async () => {
		const backend = stubFetch({'/api/token': token, '/api/refresh': token});
		backend.next('/api/refresh', {status: 401});
		backend.next('/api/refresh', {status: 429, headers: {'retry-after': '20'}});
		const {auth} = createRecordedAuth({refreshEndpoint: '/api/refresh'});
		await settle();
		await auth.login(ADA);
		await vi.advanceTimersByTimeAsync(540_000);
		expect(backend.count('/api/refresh')).toBe(2);
		await vi.advanceTimersByTimeAsync(19_900);
		expect(backend.count('/api/refresh')).toBe(2);
		await vi.advanceTimersByTimeAsync(200);
		expect(backend.count('/api/refresh')).toBe(3);
	});

	it('gives up at expiry when every retry failed: reason expired, bounded retries', async () => {
		const backend = stubFetch({'/api/token': token, '/api/refresh': {status: 500}});
		backend.next('/api/refresh', {status: 401});
		const {auth, named, errors} = createRecordedAuth({refreshEndpoint: '/api/refresh'});
		await settle();
		await auth.login(ADA);
		await vi.advanceTimersByTimeAsync(600_000);
		expect(auth.state).toBe('signed-out');
		expect(named('logout')).toEqual([{reason: 'expired'}]);
		expect(errors().at(-1)!.code).toBe('ERR_SESSION_EXPIRED');
		// Each attempt is one request and ky's retries; attempts stop after MAX_UNPRODUCTIVE_REFRESHES, or one at expiry.
		const attempts = (backend.count('/api/refresh') - 1) / (REFRESH_RETRIES + 1);
		expect(attempts).toBeLessThanOrEqual(MAX_UNPRODUCTIVE_REFRESHES + 1);
		expect(attempts).toBeGreaterThanOrEqual(4);
		expect(widget.record.logoutUserCalls).toBe(1);
	});

	it('without a refreshEndpoint, signs out at expiry with reason expired and never POSTs a refresh', async () => {
		const backend = stubFetch({'/api/token': token});
		const {auth, named} = createRecordedAuth();
		await auth.login(ADA);
		await vi.advanceTimersByTimeAsync(599_000);
		expect(auth.state).toBe('signed-in');
		await vi.advanceTimersByTimeAsync(1000);
		expect(auth.state).toBe('signed-out');
		expect(named('logout')).toEqual([{reason: 'expired'}]);
		expect(widget.record.logoutUserCalls).toBe(1);
		expect(backend.calls.map((call) => new URL(call.url).pathname)).toEqual(['/api/token']);
	});

	it('keeps scheduling on time when the server clock is 10 minutes ahead of the visitor', async () => {
		const serverNow = () => Math.floor(Date.now() / 1000) + 600;
		const serverToken = () => ({
			headers: {date: new Date(serverNow() * 1000).toUTCString()},
			body: {jwt: mintJwt({nowSeconds: serverNow(), lifetimeSeconds: 600})},
		});
		const backend = stubFetch({'/api/token': serverToken, '/api/refresh': serverToken});
		backend.next('/api/refresh', {status: 401});
		const {auth} = createRecordedAuth({refreshEndpoint: '/api/refresh'});
		await settle();
		const session = await auth.login(ADA);
		expect(Math.abs(session.expiresAt! - (Date.now() + 600_000))).toBeLessThanOrEqual(1000);
		await vi.advanceTimersByTimeAsync(530_000);
		expect(backend.count('/api/refresh')).toBe(1);
		await vi.advanceTimersByTimeAsync(11_000);
		expect(backend.count('/api/refresh')).toBe(2);
		expect(auth.state).toBe('signed-in');
	});

	it('keeps scheduling on time when the server clock is 10 minutes behind the visitor', async () => {
		const serverNow = () => Math.floor(Date.now() / 1000) - 600;
		const serverToken = () => ({
			headers: {date: new Date(serverNow() * 1000).toUTCString()},
			body: {jwt: mintJwt({nowSeconds: serverNow(), lifetimeSeconds: 300})},
		});
		const backend = stubFetch({'/api/token': serverToken, '/api/refresh': serverToken});
		backend.next('/api/refresh', {status: 401});
		const {auth} = createRecordedAuth({refreshEndpoint: '/api/refresh'});
		await settle();
		await auth.login(ADA);
		expect(auth.state).toBe('signed-in');
		await vi.advanceTimersByTimeAsync(239_000);
		expect(backend.count('/api/refresh')).toBe(1);
		await vi.advanceTimersByTimeAsync(2000);
		expect(backend.count('/api/refresh')).toBe(2);
	});
});

describe('a visitor clock that jumps mid-session', () => {
	it('jumping back 10 minutes does not let the token lapse: the refresh comes on time', async () => {
		const backend = stubFetch({'/api/token': token, '/api/refresh': token});
		backend.next('/api/refresh', {status: 401});
		const {auth, named} = createRecordedAuth({refreshEndpoint: '/api/refresh'});
		await settle();
		await auth.login(ADA);
		await vi.advanceTimersByTimeAsync(60_000);
		vi.setSystemTime(Date.now() - 600_000);
		await vi.advanceTimersByTimeAsync(481_000);
		expect(named('refresh')).toHaveLength(1);
		expect(auth.state).toBe('signed-in');
	});

	it('jumping forward 10 minutes causes one refresh, not a loop', async () => {
		// The server's clock does not jump with the visitor's.
		let visitorAheadMs = 0;
		const serverToken = () => {
			const serverNow = Date.now() - visitorAheadMs;
			return {headers: {date: new Date(serverNow).toUTCString()}, body: {jwt: mintJwt({nowSeconds: Math.floor(serverNow / 1000)})}};
		};
		const backend = stubFetch({'/api/token': serverToken, '/api/refresh': serverToken});
		backend.next('/api/refresh', {status: 401});
		const {auth, named} = createRecordedAuth({refreshEndpoint: '/api/refresh'});
		await settle();
		await auth.login(ADA);
		visitorAheadMs = 600_000;
		vi.setSystemTime(Date.now() + visitorAheadMs);
		globalThis.dispatchEvent(new Event('focus'));
		await vi.advanceTimersByTimeAsync(60_000);
		expect(named('refresh')).toHaveLength(1);
		expect(backend.count('/api/refresh')).toBe(2);
		expect(auth.state).toBe('signed-in');
		expect(named('logout')).toEqual([]);
		expect(auth.getDiagnostics().clockOffsetMs).toBeCloseTo(-600_000, -4);
		expect(auth.getDiagnostics().nextRefreshInMs).toBeGreaterThan(400_000);
	});
});

describe('getToken', () => {
	it('answers the current token while it has 10 s or more left', async () => {
		const backend = stubFetch({'/api/token': token, '/api/refresh': token});
		backend.next('/api/refresh', {status: 401});
		const {auth} = createRecordedAuth({refreshEndpoint: '/api/refresh', refreshLeewaySeconds: 0});
		await settle();
		const session = await auth.login(ADA);
		await vi.advanceTimersByTimeAsync(589_000);
		expect(await auth.getToken()).toBe(session.jwt);
		expect(backend.count('/api/refresh')).toBe(1);
	});

	it('refreshes once for concurrent asks when under 10 s are left', async () => {
		const backend = stubFetch({'/api/token': token, '/api/refresh': token});
		backend.next('/api/refresh', {status: 401});
		const {auth} = createRecordedAuth({refreshEndpoint: '/api/refresh', refreshLeewaySeconds: 0});
		await settle();
		const session = await auth.login(ADA);
		vi.setSystemTime(Date.now() + 595_000);
		const tokens = await Promise.all([auth.getToken(), auth.getToken(), auth.getToken()]);
		expect(backend.count('/api/refresh')).toBe(2);
		expect(new Set(tokens).size).toBe(1);
		expect(tokens[0]).not.toBe(session.jwt);
	});

	it('rejects with ERR_SESSION_EXPIRED while signed out', async () => {
		stubFetch();
		const {auth} = createRecordedAuth();
		await expect(auth.getToken()).rejects.toMatchObject({code: 'ERR_SESSION_EXPIRED'});
	});

	it('waits for a sign-in in progress', async () => {
		stubFetch({'/api/token': token});
		const {auth} = createRecordedAuth();
		const login = auth.login(ADA);
		const jwt = await auth.getToken();
		expect(jwt).toBe((await login).jwt);
	});

	it('without a refreshEndpoint, refuses a token about to expire and signs out once it has', async () => {
		stubFetch({'/api/token': token});
		const {auth, named} = createRecordedAuth();
		await auth.login(ADA);
		vi.setSystemTime(Date.now() + 595_000);
		await expect(auth.getToken()).rejects.toMatchObject({code: 'ERR_SESSION_EXPIRED'});
		expect(auth.state).toBe('signed-in');
		vi.setSystemTime(Date.now() + 10_000);
		await expect(auth.getToken()).rejects.toMatchObject({code: 'ERR_SESSION_EXPIRED'});
		expect(named('logout')).toEqual([{reason: 'expired'}]);
	});
});

describe('the widget is never handed an expired token (pitfall 3)', () => {
	it('answers each re-ask after exp with the refreshed token', async () => {
		const backend = stubFetch({'/api/token': () => token(60), '/api/refresh': () => token(60)});
		backend.next('/api/refresh', {status: 401});
		const {auth} = createRecordedAuth({refreshEndpoint: '/api/refresh'});
		await settle();
		await auth.login(ADA);
		await vi.advanceTimersByTimeAsync(10 * 60_000);
		expect(widget.record.received.length).toBeGreaterThanOrEqual(10);
		expect(widget.record.expiredReceived).toBe(0);
		expect(new Set(widget.record.received).size).toBe(widget.record.received.length);
		expect(widget.record.loginResults.every((result) => result === null)).toBe(true);
		expect(widget.record.loginUserCalls).toBe(1);
	});
});

describe('restore', () => {
	it('runs once at creation and signs the widget in from the site session', async () => {
		const backend = stubFetch({'/api/refresh': token});
		const {auth, named} = createRecordedAuth({refreshEndpoint: '/api/refresh'});
		expect(auth.state).toBe('signing-in');
		await settle();
		expect(backend.count('/api/refresh')).toBe(1);
		expect(auth.state).toBe('signed-in');
		expect(named('login')).toHaveLength(1);
		expect(widget.record.signedInAs).toBe('user-ada');
	});

	it('treats 401 as simply signed out: no error, resolves null', async () => {
		stubFetch({'/api/refresh': {status: 401}});
		const {auth, errors} = createRecordedAuth({refreshEndpoint: '/api/refresh'});
		await settle();
		expect(auth.state).toBe('signed-out');
		expect(errors()).toEqual([]);
		await expect(auth.restore()).resolves.toBeNull();
	});

	it('reports any other failure as an error and stays usable', async () => {
		const backend = stubFetch({'/api/refresh': {status: 502}, '/api/token': token});
		const {auth, errors} = createRecordedAuth({refreshEndpoint: '/api/refresh'});
		// ky retries a 502 twice first.
		await vi.advanceTimersByTimeAsync(2000);
		expect(backend.count('/api/refresh')).toBe(1 + REFRESH_RETRIES);
		expect(errors().map((error) => error.code)).toEqual(['ERR_TOKEN_ENDPOINT']);
		expect(auth.state).toBe('signed-out');
		backend.next('/api/refresh', {status: 401});
		await auth.login(ADA);
		expect(auth.state).toBe('signed-in');
	});

	it('resolves null without a refreshEndpoint', async () => {
		const backend = stubFetch();
		const {auth} = createRecordedAuth();
		await expect(auth.restore()).resolves.toBeNull();
		expect(backend.calls).toEqual([]);
	});
});

describe('logout', () => {
	it('POSTs the logout endpoint, calls logoutUser, and ends signed-out with reason user', async () => {
		const backend = stubFetch({'/api/token': token, '/api/logout': {status: 204}});
		const {auth, named} = createRecordedAuth({logoutEndpoint: '/api/logout'});
		await auth.login(ADA);
		await settle();
		await auth.logout();
		expect(backend.count('/api/logout')).toBe(1);
		expect(auth.state).toBe('signed-out');
		expect(auth.session).toBeNull();
		expect(named('logout')).toEqual([{reason: 'user'}]);
		expect(widget.record.logoutUserCalls).toBe(1);
		// What is left for the next tick is jsdom's storage event and ky's own clean-up, not a timer of ours.
		await settle();
		expect(vi.getTimerCount()).toBe(0);
	});

	it('signs out even when the logout endpoint fails, and reports it', async () => {
		stubFetch({'/api/token': token, '/api/logout': {status: 500}});
		const {auth, errors} = createRecordedAuth({logoutEndpoint: '/api/logout'});
		await auth.login(ADA);
		await auth.logout();
		expect(auth.state).toBe('signed-out');
		expect(errors().map((error) => error.code)).toEqual(['ERR_TOKEN_ENDPOINT']);
		expect(widget.record.logoutUserCalls).toBe(1);
	});
});

describe('sleep and wake', () => {
	it('a tab that slept past expiry refreshes on wake before the widget gets a token', async () => {
		const backend = stubFetch({'/api/token': token, '/api/refresh': token});
		backend.next('/api/refresh', {status: 401});
		const {auth, named} = createRecordedAuth({refreshEndpoint: '/api/refresh'});
		await settle();
		await auth.login(ADA);
		vi.setSystemTime(Date.now() + 3_600_000);
		globalThis.dispatchEvent(new Event('focus'));
		widget.reask();
		await settle();
		expect(named('refresh')).toHaveLength(1);
		expect(auth.state).toBe('signed-in');
		expect(widget.record.expiredReceived).toBe(0);
	});

	it('a tab that slept past expiry signs out on wake when the refresh is refused', async () => {
		const backend = stubFetch({'/api/token': token, '/api/refresh': {status: 401}});
		const {auth, named} = createRecordedAuth({refreshEndpoint: '/api/refresh'});
		await settle();
		await auth.login(ADA);
		vi.setSystemTime(Date.now() + 3_600_000);
		document.dispatchEvent(new Event('visibilitychange'));
		await settle();
		expect(backend.count('/api/refresh')).toBe(2);
		expect(named('logout')).toEqual([{reason: 'expired'}]);
		expect(widget.record.logoutUserCalls).toBe(1);
	});
});

describe('events and destroy', () => {
	it('a throwing listener does not break the state machine', async () => {
		stubFetch({'/api/token': token});
		const {auth} = createRecordedAuth();
		auth.on('login', () => {
			throw new Error('listener bug');
		});
		await auth.login(ADA);
		expect(auth.state).toBe('signed-in');
		expect(() => vi.runOnlyPendingTimers()).toThrow('listener bug');
	});

	it('on() returns a function that unsubscribes', async () => {
		stubFetch({'/api/token': token});
		const auth = track(createMessagingAuth({tokenEndpoint: '/api/token'}));
		const listener = vi.fn();
		const off = auth.on('login', listener);
		off();
		await auth.login(ADA);
		expect(listener).not.toHaveBeenCalled();
	});

	it('destroy clears every timer and leaves an inert instance', async () => {
		const backend = stubFetch({'/api/token': token, '/api/refresh': token});
		backend.next('/api/refresh', {status: 401});
		const {auth, events} = createRecordedAuth({refreshEndpoint: '/api/refresh'});
		await settle();
		await auth.login(ADA);
		// Let jsdom's storage event, ky's clean-up and the widget stand-in's own re-ask timer settle first.
		await settle();
		const timers = vi.getTimerCount();
		auth.destroy();
		// The SDK keeps one timer per session (the next refresh or the expiry): destroy() cleared it.
		expect(vi.getTimerCount()).toBe(timers - 1);
		const before = events.length;
		await vi.advanceTimersByTimeAsync(3_600_000);
		expect(backend.count('/api/refresh')).toBe(1);
		expect(events.length).toBe(before);
		await expect(auth.login(ADA)).rejects.toMatchObject({code: 'ERR_CONFIG'});
		await expect(auth.getToken()).rejects.toMatchObject({code: 'ERR_CONFIG'});
	});
});

describe('createMessagingAuth', () => {
	it('throws ERR_CONFIG at creation for bad options', () => {
		expect(() => createMessagingAuth({} as never)).toThrow(MessagingAuthError);
		expect(() => createMessagingAuth({tokenEndpoint: '/t', timeoutMs: -1})).toThrow(/timeoutMs/);
	});

	it('exposes claims decoded from the token', async () => {
		stubFetch({'/api/token': token});
		const {auth} = createRecordedAuth();
		const session = await auth.login(ADA);
		expect(session.claims).toEqual(claimsOf(session.jwt));
	});
});
