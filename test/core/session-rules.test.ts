/*
The session rules of docs/session.md ("The rules") that are about time and order: no refresh storm, no late
answer undoing what happened meanwhile (answers that arrive although their request was abandoned, as an answer
already on its way does), destroy() inert at once, errors that mean what they say, the widget told first.
*/
import {describe, expect, it, vi} from 'vitest';
import {MessagingAuthError} from '../../src/errors/messaging-auth-error.js';
import {CHANNEL_NAME} from '../../src/sync/tab-sync.js';
import {createRecordedAuth, settle, useFakeClockAndWidget} from '../helpers/auth.js';
import {stubFetch} from '../helpers/fetch-stub.js';
import {mintJwt} from '../helpers/jwt.js';

const ADA = {email: 'ada@example.com', password: 'analytical-engine'};
const GRACE = {external_id: 'user-grace', name: 'Grace Hopper', email: 'grace@example.com'};
const nowSeconds = () => Math.floor(Date.now() / 1000);
const token = (claims: Record<string, unknown> = {}, lifetimeSeconds = 600) => ({body: {jwt: mintJwt({claims, lifetimeSeconds})}});

const widget = useFakeClockAndWidget();

describe('no refresh storm', () => {
	it('a backend that caches its JWT (50 s left, inside the refresh window) gets a handful of requests, then the session expires', async () => {
		// Issued 550 s ago with a 600 s lifetime: every answer is this same token.
		const cached = mintJwt({nowSeconds: nowSeconds() - 550, lifetimeSeconds: 600});
		// With the Date header every real server sends: the server's clock agrees with the visitor's.
		const backend = stubFetch({'/api/refresh': () => ({headers: {date: new Date().toUTCString()}, body: {jwt: cached}})});
		const {auth, named} = createRecordedAuth({refreshEndpoint: '/api/refresh'});
		await settle();
		expect(auth.state).toBe('signed-in');
		// A second at a time: the stub reads each request's body on the real event loop, which must keep up with fake time.
		for (let second = 0; second < 49; second++) await vi.advanceTimersByTimeAsync(1000);
		const requests = backend.count('/api/refresh');
		// Before the fix: 2,722 requests in 8 s from one Chromium tab.
		expect(requests).toBeGreaterThanOrEqual(2);
		expect(requests).toBeLessThanOrEqual(6);
		expect(auth.state).toBe('signed-in');
		await vi.advanceTimersByTimeAsync(2000);
		expect(auth.state).toBe('signed-out');
		expect(named('logout')).toEqual([{reason: 'expired'}]);
		expect(backend.count('/api/refresh')).toBeLessThanOrEqual(requests + 1);
	});

	it('a Date header far ahead (the token looks nearly expired) does not make the session ask again at once', async () => {
		const serverAhead = () => ({
			headers: {date: new Date(Date.now() + 545_000).toUTCString()},
			body: {jwt: mintJwt({nowSeconds: nowSeconds(), lifetimeSeconds: 600})},
		});
		const backend = stubFetch({'/api/refresh': serverAhead});
		createRecordedAuth({refreshEndpoint: '/api/refresh'});
		await settle();
		await vi.advanceTimersByTimeAsync(1000);
		expect(backend.count('/api/refresh')).toBe(1);
		await vi.advanceTimersByTimeAsync(20_000);
		expect(backend.count('/api/refresh')).toBeLessThanOrEqual(5);
	});

	it('a widget asking again and again for a token (getToken) does not become a storm either', async () => {
		const cached = mintJwt({nowSeconds: nowSeconds() - 595, lifetimeSeconds: 600});
		const backend = stubFetch({'/api/refresh': () => ({headers: {date: new Date().toUTCString()}, body: {jwt: cached}})});
		const {auth} = createRecordedAuth({refreshEndpoint: '/api/refresh'});
		await settle();
		for (let ask = 0; ask < 50; ask++) await auth.getToken().catch(() => {});
		expect(backend.count('/api/refresh')).toBeLessThanOrEqual(2);
	});
});

describe('a late answer never undoes what happened meanwhile', () => {
	it("a later login supersedes one still in flight: the first rejects ERR_ABORTED and its late answer is dropped", async () => {
		const backend = stubFetch({'/api/token': token(GRACE)});
		backend.next('/api/token', {...token(), delayMs: 1000, ignoresAbort: true});
		const {auth, errors} = createRecordedAuth();
		const first = auth.login(ADA).catch((error: unknown) => error);
		const second = await auth.login({email: GRACE.email, password: 'x'});
		expect(second.claims.external_id).toBe('user-grace');
		await vi.advanceTimersByTimeAsync(1000);
		const failure = (await first) as MessagingAuthError;
		expect(failure).toBeInstanceOf(MessagingAuthError);
		expect(failure.code).toBe('ERR_ABORTED');
		expect(auth.session!.claims.external_id).toBe('user-grace');
		expect(auth.state).toBe('signed-in');
		expect(errors()).toEqual([]);
		expect(widget.record.signedInAs).toBe('user-grace');
		expect(widget.record.loginUserCalls).toBe(1);
	});

	it("login() as someone else while a refresh is in flight: the late refresh answer is dropped, and the new session's timers are set", async () => {
		const backend = stubFetch({'/api/token': token(), '/api/refresh': {status: 401}});
		backend.next('/api/refresh', {status: 401});
		const {auth, named} = createRecordedAuth({refreshEndpoint: '/api/refresh'});
		await settle();
		await auth.login(ADA);
		backend.next('/api/refresh', {...token(), delayMs: 5000, ignoresAbort: true});
		await vi.advanceTimersByTimeAsync(540_000);
		expect(auth.state).toBe('refreshing');
		backend.next('/api/token', token(GRACE));
		await auth.login({email: GRACE.email, password: 'x'});
		await vi.advanceTimersByTimeAsync(5000);
		expect(auth.session!.claims.external_id).toBe('user-grace');
		expect(named('refresh')).toEqual([]);
		// Grace's own refresh comes at her refresh time (it is refused: she is signed out at expiry).
		const before = backend.count('/api/refresh');
		await vi.advanceTimersByTimeAsync(540_000);
		expect(backend.count('/api/refresh')).toBe(before + 1);
		expect(auth.state).toBe('signed-out');
		expect(named('logout')).toEqual([{reason: 'expired'}]);
	});

	it('a refresh answer that arrives after the sign-out signs nobody back in', async () => {
		const backend = stubFetch({'/api/token': token()});
		backend.next('/api/refresh', {status: 401});
		backend.next('/api/refresh', {...token(), delayMs: 5000, ignoresAbort: true});
		const {auth, named} = createRecordedAuth({refreshEndpoint: '/api/refresh'});
		await settle();
		await auth.login(ADA);
		await vi.advanceTimersByTimeAsync(540_000);
		expect(auth.state).toBe('refreshing');
		await auth.logout();
		await vi.advanceTimersByTimeAsync(5000);
		expect(auth.state).toBe('signed-out');
		expect(auth.session).toBeNull();
		expect(named('refresh')).toEqual([]);
		expect(named('login')).toHaveLength(1);
		expect(widget.record.loginUserCalls).toBe(1);
		expect(widget.record.signedInAs).toBeUndefined();
	});

	it('logout() during a refresh: a getToken() waiting on it rejects with ERR_ABORTED, not a network error', async () => {
		const backend = stubFetch({'/api/token': token()});
		backend.next('/api/refresh', {status: 401});
		backend.next('/api/refresh', {...token(), delayMs: 5000});
		const {auth} = createRecordedAuth({refreshEndpoint: '/api/refresh', refreshLeewaySeconds: 5});
		await settle();
		await auth.login(ADA);
		await vi.advanceTimersByTimeAsync(595_000);
		expect(auth.state).toBe('refreshing');
		const waiting = auth.getToken().catch((error: unknown) => error);
		await auth.logout();
		expect(((await waiting) as MessagingAuthError).code).toBe('ERR_ABORTED');
	});

	it('destroy() during a login rejects it with ERR_ABORTED, not a network error', async () => {
		const backend = stubFetch();
		backend.next('/api/token', {...token(), delayMs: 1000});
		const {auth} = createRecordedAuth();
		const login = auth.login(ADA).catch((error: unknown) => error);
		auth.destroy();
		expect(((await login) as MessagingAuthError).code).toBe('ERR_ABORTED');
	});
});

describe('destroy() is inert at once', () => {
	it('a start-up restore still waiting for the refresh lock makes no request after destroy(), and every lock is released', async () => {
		const backend = stubFetch({'/api/refresh': token()});
		// Another tab holds the refresh lock for a while.
		let release!: () => void;
		void navigator.locks.request(`${CHANNEL_NAME}:refresh`, () => new Promise<void>((resolve) => (release = resolve)));
		const {auth} = createRecordedAuth({refreshEndpoint: '/api/refresh'});
		await settle();
		expect(auth.state).toBe('signing-in');
		auth.destroy();
		release();
		await vi.advanceTimersByTimeAsync(60_000);
		expect(backend.count('/api/refresh')).toBe(0);
		const {held = [], pending = []} = await navigator.locks.query();
		expect([...held, ...pending]).toEqual([]);
	});

	it('a signed-in instance releases its presence lock on destroy(), so a later instance does not wait for a ghost', async () => {
		stubFetch({'/api/token': token()});
		const {auth} = createRecordedAuth();
		await auth.login(ADA);
		expect((await navigator.locks.query()).held).toHaveLength(1);
		auth.destroy();
		await settle();
		expect((await navigator.locks.query()).held).toEqual([]);
	});

	it('create → destroy → create (React StrictMode) ends with one session and one loginUser', async () => {
		const backend = stubFetch({'/api/refresh': {...token(), delayMs: 200}});
		const first = createRecordedAuth({refreshEndpoint: '/api/refresh'});
		first.auth.destroy();
		const second = createRecordedAuth({refreshEndpoint: '/api/refresh'});
		await vi.advanceTimersByTimeAsync(1000);
		expect(second.auth.state).toBe('signed-in');
		expect(first.auth.state).toBe('signed-out');
		expect(first.events.filter(([name]) => name !== 'statechange')).toEqual([]);
		expect(widget.record.loginUserCalls).toBe(1);
		expect(backend.count('/api/refresh')).toBeLessThanOrEqual(2);
	});
});

describe('error codes mean one thing', () => {
	it('an exception that is not a network failure is not disguised as ERR_NETWORK: it surfaces as it is', async () => {
		const backend = stubFetch();
		backend.next('/api/token', {error: new RangeError('a bug in a fetch polyfill')});
		const {auth, errors} = createRecordedAuth();
		const failure = await auth.login(ADA).catch((error: unknown) => error);
		expect(failure).toBeInstanceOf(RangeError);
		expect(errors()).toEqual([]);
		expect(auth.state).toBe('signed-out');
		expect(() => vi.runOnlyPendingTimers()).toThrow('a bug in a fetch polyfill');
	});

	it('login() without tokenEndpoint is ERR_CONFIG naming tokenEndpoint and restore()', async () => {
		stubFetch({'/api/refresh': {status: 401}});
		const {auth} = createRecordedAuth({tokenEndpoint: undefined, refreshEndpoint: '/api/refresh'} as never);
		await settle();
		const failure = (await auth.login(ADA).catch((error: unknown) => error)) as MessagingAuthError;
		expect(failure.code).toBe('ERR_CONFIG');
		expect(failure.message).toMatch(/tokenEndpoint/);
		expect(failure.message).toMatch(/restore\(\)/);
	});
});

describe('tab messages are checked before anything is adopted', () => {
	const post = async (message: unknown) => {
		const channel = new BroadcastChannel(CHANNEL_NAME);
		channel.postMessage(message);
		channel.close();
		for (let turn = 0; turn < 5; turn++) {
			await new Promise((resolve) => setImmediate(resolve));
			await vi.advanceTimersByTimeAsync(0);
		}
	};

	it('a serverTimeMs of NaN is ignored: no adoption, no timer loop', async () => {
		stubFetch({'/api/token': token()});
		const {auth} = createRecordedAuth();
		const timeouts = vi.spyOn(globalThis, 'setTimeout');
		await post({type: 'session', from: 'other-tab', token: {jwt: mintJwt(), serverTimeMs: Number.NaN}});
		await vi.advanceTimersByTimeAsync(200);
		expect(auth.state).toBe('signed-out');
		expect(timeouts.mock.calls.length).toBeLessThan(10);
	});

	it('a serverTimeMs of 0 cannot make an expired token look fresh: getToken never hands it out', async () => {
		stubFetch({'/api/token': token()});
		const {auth} = createRecordedAuth();
		await post({type: 'session', from: 'other-tab', token: {jwt: mintJwt({nowSeconds: nowSeconds() - 700}), serverTimeMs: 0}});
		expect(auth.state).toBe('signed-out');
		await expect(auth.getToken()).rejects.toMatchObject({code: 'ERR_SESSION_EXPIRED'});
	});

	it('a well-formed message from another tab is still adopted (the checks do not refuse the real thing)', async () => {
		stubFetch();
		const {auth} = createRecordedAuth();
		const jwt = mintJwt();
		await post({type: 'session', from: 'other-tab', token: {jwt, serverTimeMs: Date.now()}});
		expect(auth.session?.jwt).toBe(jwt);
	});
});

describe('the widget is told first', () => {
	it('on a sign-in, loginUser is called before any statechange or login listener runs', async () => {
		stubFetch({'/api/token': token()});
		const {auth} = createRecordedAuth();
		const seen: Array<[string, number]> = [];
		auth.on('statechange', ({state}) => state === 'signed-in' && seen.push(['statechange', widget.record.loginUserCalls]));
		auth.on('login', () => seen.push(['login', widget.record.loginUserCalls]));
		await auth.login(ADA);
		expect(seen).toEqual([
			['login', 1],
			['statechange', 1],
		]);
	});
});
