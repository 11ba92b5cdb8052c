/*
Server-side rendering: a runtime without window. The instance validates its options, stays signed out, and makes
no request and no timer; the calls that need a browser reject with ERR_CONFIG saying so. (Node has fetch,
BroadcastChannel and timers, so each of those is watched.)
*/
import {afterEach, describe, expect, it, vi} from 'vitest';
import {createMessagingAuth} from '../../src/create-messaging-auth.js';
import {MessagingAuthError} from '../../src/errors/messaging-auth-error.js';

afterEach(() => vi.useRealTimers());

describe('createMessagingAuth without window', () => {
	it('accepts relative endpoints and returns an inert, signed-out instance: no request, no timer, no channel', async () => {
		expect(typeof (globalThis as {window?: unknown}).window).toBe('undefined');
		vi.useFakeTimers();
		const fetch = vi.fn();
		vi.stubGlobal('fetch', fetch);
		const channels = vi.spyOn(globalThis, 'BroadcastChannel');
		const auth = createMessagingAuth({tokenEndpoint: '/api/zendesk/token', refreshEndpoint: '/api/zendesk/refresh', widgetKey: 'abc'});
		expect(auth.state).toBe('signed-out');
		expect(auth.session).toBeNull();
		await vi.advanceTimersByTimeAsync(60_000);
		expect(fetch).not.toHaveBeenCalled();
		expect(vi.getTimerCount()).toBe(0);
		expect(channels).not.toHaveBeenCalled();
		await expect(auth.logout()).resolves.toBeUndefined();
		auth.destroy();
	});

	it.each(['login', 'restore', 'getToken'] as const)('%s() rejects with ERR_CONFIG saying the SDK signs in from the browser only', async (method) => {
		const auth = createMessagingAuth({tokenEndpoint: '/api/zendesk/token'});
		const failure = await (auth[method] as (credentials?: unknown) => Promise<unknown>)({email: 'a', password: 'b'}).catch((error: unknown) => error);
		expect(failure).toBeInstanceOf(MessagingAuthError);
		expect((failure as MessagingAuthError).code).toBe('ERR_CONFIG');
		expect((failure as MessagingAuthError).message).toMatch(/browser only/);
	});

	it('still refuses bad options with ERR_CONFIG, never a raw TypeError', () => {
		expect(() => createMessagingAuth({tokenEndpoint: 'http://[bad'})).toThrow(MessagingAuthError);
		expect(() => createMessagingAuth({} as never)).toThrow(/tokenEndpoint.*refreshEndpoint/s);
		expect(() => createMessagingAuth({refreshEndpoint: '/api/zendesk/jwt'})).not.toThrow();
	});
});
