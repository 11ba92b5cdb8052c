import {describe, expect, it, vi} from 'vitest';
import {refreshAttemptBudgetMs} from '../../src/core/token-client.js';
import {CHANNEL_NAME} from '../../src/sync/tab-sync.js';
import {createRecordedAuth, useFakeClockAndWidget} from '../helpers/auth.js';
import {stubFetch} from '../helpers/fetch-stub.js';
import {mintJwt} from '../helpers/jwt.js';

const ADA = {email: 'ada@example.com', password: 'analytical-engine'};
const token = (lifetimeSeconds = 600) => () => ({body: {jwt: mintJwt({lifetimeSeconds, claims: {jti: Math.random().toString(36)}})}});

/** Lets BroadcastChannel messages (delivered by Node's event loop, not by the fake timers) and promises settle. */
async function flush(ms = 0) {
	for (let turn = 0; turn < 10; turn++) {
		await new Promise((resolve) => setImmediate(resolve));
		await vi.advanceTimersByTimeAsync(turn === 0 ? ms : 0);
	}
}

/** N instances in one page stand for N tabs: they share the BroadcastChannel and navigator.locks. */
async function openTabs(count: number, options: Record<string, unknown> = {}) {
	const tabs = Array.from({length: count}, () => createRecordedAuth({refreshEndpoint: '/api/refresh', ...options}));
	await flush(300);
	return tabs;
}

const widget = useFakeClockAndWidget();

describe('tabs of one origin share one session', () => {
	it('a login in one tab is adopted by the others without another request', async () => {
		const backend = stubFetch({'/api/token': token(), '/api/refresh': {status: 401}});
		const [a, b, c] = await openTabs(3);
		const refreshesBefore = backend.count('/api/refresh');
		const session = await a!.auth.login(ADA);
		await flush();
		for (const tab of [b!, c!]) {
			expect(tab.auth.state).toBe('signed-in');
			expect(tab.auth.session!.jwt).toBe(session.jwt);
			expect(tab.named('login')).toHaveLength(1);
			expect(tab.auth.getDiagnostics().ledLastRefresh).toBe(false);
		}

		expect(backend.count('/api/token')).toBe(1);
		expect(backend.count('/api/refresh')).toBe(refreshesBefore);
		// Each tab signs its own widget in: one loginUser per tab.
		expect(widget.record.loginUserCalls).toBe(3);
	});

	it('a sign-out in one tab signs all out with reason remote, and logoutUser in each', async () => {
		stubFetch({'/api/token': token(), '/api/refresh': {status: 401}});
		const [a, b, c] = await openTabs(3);
		await a!.auth.login(ADA);
		await flush();
		await b!.auth.logout();
		await flush();
		expect(b!.named('logout')).toEqual([{reason: 'user'}]);
		expect(a!.named('logout')).toEqual([{reason: 'remote'}]);
		expect(c!.named('logout')).toEqual([{reason: 'remote'}]);
		expect([a, b, c].map((tab) => tab!.auth.state)).toEqual(['signed-out', 'signed-out', 'signed-out']);
		expect(widget.record.logoutUserCalls).toBe(3);
	});

	it.each([1, 3, 10])('makes exactly one refresh request per expiry with %i tab(s)', async (count) => {
		const backend = stubFetch({'/api/token': token(), '/api/refresh': token()});
		backend.next('/api/refresh', {status: 401});
		const tabs = await openTabs(count);
		const base = backend.count('/api/refresh');
		await tabs[0]!.auth.login(ADA);
		await flush();
		for (let expiry = 1; expiry <= 3; expiry++) {
			await flush(540_000);
			await flush(1000);
			expect(backend.count('/api/refresh') - base).toBe(expiry);
			const jwts = new Set(tabs.map((tab) => tab.auth.session?.jwt));
			expect(jwts.size).toBe(1);
			expect(tabs.filter((tab) => tab.auth.getDiagnostics().ledLastRefresh)).toHaveLength(1);
		}

		expect(tabs.every((tab) => tab.auth.state === 'signed-in')).toBe(true);
		expect(widget.record.expiredReceived).toBe(0);
	});

	it('a tab opened while another is signed in gets the session from it, not from the backend', async () => {
		const backend = stubFetch({'/api/token': token(), '/api/refresh': {status: 401}});
		const [a] = await openTabs(1);
		await a!.auth.login(ADA);
		await flush();
		const before = backend.count('/api/refresh');
		const late = createRecordedAuth({refreshEndpoint: '/api/refresh'});
		await flush(300);
		expect(late.auth.state).toBe('signed-in');
		expect(late.auth.session!.jwt).toBe(a!.auth.session!.jwt);
		expect(backend.count('/api/refresh')).toBe(before);
	});

	it('without a refreshEndpoint, a new tab still gets the session of a signed-in tab', async () => {
		stubFetch({'/api/token': token()});
		const a = createRecordedAuth();
		await a.auth.login(ADA);
		await flush();
		const late = createRecordedAuth();
		expect(late.auth.state).toBe('signed-out');
		await flush(300);
		expect(late.auth.state).toBe('signed-in');
		expect(late.auth.session!.jwt).toBe(a.auth.session!.jwt);
	});

	it('a lock held by a tab that died does not block the others: they go ahead after the timeout', async () => {
		const backend = stubFetch({'/api/token': token(), '/api/refresh': token()});
		backend.next('/api/refresh', {status: 401});
		const [a] = await openTabs(1, {timeoutMs: 1000});
		await a!.auth.login(ADA);
		// A frozen tab holds the refresh lock and never lets go.
		void navigator.locks.request('zendesk-messaging-auth:refresh', () => new Promise(() => {}));
		await flush(540_000);
		expect(a!.auth.state).toBe('refreshing');
		// It waits as long as another tab's refresh attempt may take, plus a margin, then goes ahead.
		await flush(refreshAttemptBudgetMs(1000) + 3000);
		expect(backend.count('/api/refresh')).toBe(2);
		expect(a!.named('refresh')).toHaveLength(1);
		expect(a!.auth.state).toBe('signed-in');
	});

	it('tabs that gave up on a frozen lock still make one refresh request between them', async () => {
		const backend = stubFetch({'/api/token': token(), '/api/refresh': token()});
		backend.next('/api/refresh', {status: 401});
		const tabs = await openTabs(3, {timeoutMs: 1000});
		await tabs[0]!.auth.login(ADA);
		await flush();
		const before = backend.count('/api/refresh');
		void navigator.locks.request('zendesk-messaging-auth:refresh', () => new Promise(() => {}));
		await flush(540_000);
		await flush(refreshAttemptBudgetMs(1000) + 3000);
		await flush(1000);
		expect(backend.count('/api/refresh') - before).toBe(1);
		expect(new Set(tabs.map((tab) => tab.auth.session?.jwt)).size).toBe(1);
		expect(tabs.every((tab) => tab.auth.state === 'signed-in')).toBe(true);
	});

	it('with syncTabs: false every tab keeps its own session', async () => {
		stubFetch({'/api/token': token(), '/api/refresh': {status: 401}});
		const [a, b] = await openTabs(2, {syncTabs: false});
		await a!.auth.login(ADA);
		await flush();
		expect(b!.auth.state).toBe('signed-out');
		expect(a!.auth.getDiagnostics().tabSync).toBe('off');
	});

	it('ignores a shared token that is malformed or already expired', async () => {
		stubFetch({'/api/token': token(), '/api/refresh': {status: 401}});
		const [a] = await openTabs(1);
		const channel = new BroadcastChannel(CHANNEL_NAME);
		channel.postMessage({type: 'session', from: 'x', token: {jwt: 'not-a-jwt', serverTimeMs: Date.now()}});
		channel.postMessage({type: 'session', from: 'x', token: {jwt: mintJwt({nowSeconds: Date.now() / 1000 - 700}), serverTimeMs: Date.now()}});
		channel.postMessage({type: 'nonsense'});
		await flush();
		channel.close();
		expect(a!.auth.state).toBe('signed-out');
		expect(a!.errors()).toEqual([]);
	});
});
