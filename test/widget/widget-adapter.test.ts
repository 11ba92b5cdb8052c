import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {MessagingAuthError} from '../../src/errors/messaging-auth-error.js';
import type {MessagingAuth} from '../../src/types/session.js';
import {connectWidget, type WidgetConnection} from '../../src/widget/widget-adapter.js';
import {SNIPPET_ID, snippetUrl} from '../../src/widget/zendesk-snippet.js';
import {createRecordedAuth, settle, useFakeClock} from '../helpers/auth.js';
import {stubFetch} from '../helpers/fetch-stub.js';
import {mintJwt, TEST_SECRET} from '../helpers/jwt.js';
import {installZendeskStandIn, type ZendeskStandIn} from '../helpers/zendesk-stand-in.js';

const ADA = {email: 'ada@example.com', password: 'analytical-engine'};
const token = () => ({body: {jwt: mintJwt()}});

/**
The adapter against a stand-in for the auth instance: `signIn()` and `signOut()` emit the public `login` and `logout`
events the adapter follows, `getToken` answers its jwtCallback. Connected on first use, as createMessagingAuth does.
*/
function adapter(options: {getToken?: () => Promise<string>; widgetKey?: string; nonce?: string; widgetTimeoutMs?: number} = {}) {
	const errors: MessagingAuthError[] = [];
	const listeners = new Map<string, Set<(payload: unknown) => void>>();
	const emit = (event: string, payload: unknown) => {
		for (const listener of listeners.get(event) ?? []) listener(payload);
	};
	const auth = {
		on(event: string, listener: (payload: unknown) => void) {
			if (!listeners.has(event)) listeners.set(event, new Set());
			listeners.get(event)!.add(listener);
			return () => listeners.get(event)!.delete(listener);
		},
		getToken: options.getToken ?? (async () => mintJwt()),
	} as unknown as MessagingAuth;
	let connection: WidgetConnection | undefined;
	const connected = () =>
		(connection ??= connectWidget(auth, {widgetKey: options.widgetKey, nonce: options.nonce, widgetTimeoutMs: options.widgetTimeoutMs ?? 10_000}, (error) => errors.push(error), Promise.resolve(null)));
	const widget = {
		start: () => void connected(),
		signIn(externalId = 'user-ada') {
			connected();
			emit('login', {session: {jwt: '', claims: {external_id: externalId, scope: 'user'}, expiresAt: null}});
		},
		signOut() {
			connected();
			emit('logout', {reason: 'user'});
		},
		get status() {
			return connected().diagnostics().status;
		},
		get login() {
			return connected().diagnostics().login;
		},
		destroy: () => connected().disconnect(),
	};
	return {widget, errors};
}

let standIn: ZendeskStandIn | undefined;
beforeEach(() => useFakeClock());
afterEach(() => {
	standIn?.uninstall();
	standIn = undefined;
	for (const script of document.querySelectorAll('script')) script.remove();
	vi.useRealTimers();
});

describe('WidgetAdapter', () => {
	it('waits for zE instead of calling loginUser before it exists (pitfall 1)', async () => {
		const {widget} = adapter();
		widget.start();
		widget.signIn();
		expect(widget.status).toBe('waiting');
		await vi.advanceTimersByTimeAsync(2000);
		standIn = installZendeskStandIn();
		await vi.advanceTimersByTimeAsync(100);
		expect(standIn.record.loginUserCalls).toBe(1);
		expect(standIn.record.signedInAs).toBe('user-ada');
		expect(widget.status).toBe('ready');
		expect(widget.login).toBe('signed-in');
	});

	it('calls loginUser with a function and a loginCallback, never an object (pitfall 4)', async () => {
		standIn = installZendeskStandIn();
		const {widget} = adapter();
		widget.signIn();
		await settle();
		const [namespace, method, jwtCallback, loginCallback] = standIn.record.calls[0]!;
		expect([namespace, method, typeof jwtCallback, typeof loginCallback]).toEqual(['messenger', 'loginUser', 'function', 'function']);
		expect(standIn.record.misuse).toEqual([]);
	});

	it('never provides null when the token cannot be had (pitfall 4), and reports why', async () => {
		standIn = installZendeskStandIn();
		const failure = new MessagingAuthError('ERR_NETWORK', 'offline');
		const {widget, errors} = adapter({getToken: async () => Promise.reject(failure)});
		widget.signIn();
		await settle();
		expect(standIn.record.received).toEqual([]);
		expect(standIn.record.misuse).toEqual([]);
		expect(errors).toEqual([failure]);
	});

	it('asks getToken afresh each time the widget asks, never a stored string (pitfall 3)', async () => {
		standIn = installZendeskStandIn();
		const tokens = [mintJwt({claims: {n: 1}}), mintJwt({claims: {n: 2}})];
		const getToken = vi.fn(async () => tokens.shift()!);
		const {widget} = adapter({getToken});
		widget.signIn();
		await settle();
		standIn.reask();
		await settle();
		expect(getToken).toHaveBeenCalledTimes(2);
		expect(new Set(standIn.record.received).size).toBe(2);
	});

	it('maps a LoginFailedError to ERR_WIDGET_LOGIN_FAILED with its reason', async () => {
		standIn = installZendeskStandIn({secret: 'another-secret-entirely'});
		const {widget, errors} = adapter();
		widget.signIn();
		await settle();
		expect(errors.map((error) => error.code)).toEqual(['ERR_WIDGET_LOGIN_FAILED']);
		expect(errors[0]!.message).toMatch(/invalid_auth/);
		expect(errors[0]!.cause).toMatchObject({type: 'LoginFailedError'});
		expect(widget.login).toBe('failed');
	});

	it('works with old widget builds that never call loginCallback', async () => {
		standIn = installZendeskStandIn({callsLoginCallback: false});
		const {widget, errors} = adapter();
		widget.signIn();
		await settle();
		expect(standIn.record.signedInAs).toBe('user-ada');
		expect(errors).toEqual([]);
	});

	it('reports ERR_WIDGET_UNAVAILABLE after widgetTimeoutMs, then still signs a late widget in', async () => {
		const {widget, errors} = adapter({widgetTimeoutMs: 3000});
		widget.start();
		widget.signIn();
		await vi.advanceTimersByTimeAsync(2900);
		expect(errors).toEqual([]);
		await vi.advanceTimersByTimeAsync(200);
		expect(errors.map((error) => error.code)).toEqual(['ERR_WIDGET_UNAVAILABLE']);
		expect(errors[0]!.message).toMatch(/3000 ms/);
		expect(widget.status).toBe('unavailable');
		await vi.advanceTimersByTimeAsync(60_000);
		expect(errors).toHaveLength(1);
		standIn = installZendeskStandIn();
		await vi.advanceTimersByTimeAsync(1000);
		expect(standIn.record.loginUserCalls).toBe(1);
	});

	it('stops looking once nothing is pending and the timeout was reported', async () => {
		const {widget} = adapter({widgetTimeoutMs: 1000});
		widget.start();
		await vi.advanceTimersByTimeAsync(1000);
		expect(vi.getTimerCount()).toBe(0);
	});

	it('calls logoutUser on sign-out only when it had signed the widget in (pitfall 6)', async () => {
		standIn = installZendeskStandIn();
		const {widget} = adapter();
		widget.signOut();
		expect(standIn.record.logoutUserCalls).toBe(0);
		widget.signIn();
		widget.signOut();
		expect(standIn.record.logoutUserCalls).toBe(1);
	});

	it('a sign-out before the widget appeared cancels the pending loginUser', async () => {
		const {widget} = adapter();
		widget.start();
		widget.signIn();
		widget.signOut();
		standIn = installZendeskStandIn();
		await vi.advanceTimersByTimeAsync(200);
		expect(standIn.record.loginUserCalls).toBe(0);
		expect(standIn.record.logoutUserCalls).toBe(0);
	});

	it('survives an app deleting window.zE (pitfall 7): logoutUser goes to the widget once it is back', async () => {
		standIn = installZendeskStandIn();
		const {widget} = adapter();
		widget.signIn();
		delete (globalThis as {zE?: unknown}).zE;
		expect(() => widget.signOut()).not.toThrow();
		(globalThis as {zE?: unknown}).zE = standIn.zE;
		await vi.advanceTimersByTimeAsync(100);
		expect(standIn.record.logoutUserCalls).toBe(1);
	});

	it('reports a zE that throws instead of throwing itself', async () => {
		(globalThis as {zE?: unknown}).zE = () => {
			throw new Error('messenger not ready');
		};
		const {widget, errors} = adapter();
		expect(() => widget.signIn()).not.toThrow();
		expect(errors.map((error) => error.code)).toEqual(['ERR_WIDGET_UNAVAILABLE']);
		delete (globalThis as {zE?: unknown}).zE;
	});

	it('injects the standard snippet once, with its id and the nonce, when a widget key is given', () => {
		adapter({widgetKey: 'abc-123', nonce: 'r4nd0m'}).widget.start();
		adapter({widgetKey: 'abc-123', nonce: 'r4nd0m'}).widget.start();
		const scripts = document.querySelectorAll(`script#${SNIPPET_ID}`);
		expect(scripts).toHaveLength(1);
		const script = scripts[0] as HTMLScriptElement;
		expect(script.src).toBe(snippetUrl('abc-123'));
		expect(script.src).toBe('https://static.zdassets.com/ekr/snippet.js?key=abc-123');
		expect(script.nonce).toBe('r4nd0m');
	});

	it('does not add a second snippet to a page that has its own (pitfall 7)', () => {
		const own = document.createElement('script');
		own.id = SNIPPET_ID;
		own.src = snippetUrl('page-key');
		document.head.append(own);
		adapter({widgetKey: 'other-key'}).widget.start();
		expect(document.querySelectorAll('script[src*="zdassets"]')).toHaveLength(1);
	});

	it('reports at once when the snippet fails to load', () => {
		const {widget, errors} = adapter({widgetKey: 'abc-123'});
		widget.start();
		document.getElementById(SNIPPET_ID)!.dispatchEvent(new Event('error'));
		expect(errors.map((error) => error.code)).toEqual(['ERR_WIDGET_UNAVAILABLE']);
		expect(errors[0]!.message).toMatch(/failed to load/);
	});
});

describe('widget through createMessagingAuth', () => {
	it('keeps the site session working when the widget never appears', async () => {
		stubFetch({'/api/token': token});
		const {auth, errors} = createRecordedAuth({widgetTimeoutMs: 2000});
		await auth.login(ADA);
		await vi.advanceTimersByTimeAsync(2000);
		expect(auth.state).toBe('signed-in');
		expect(errors().map((error) => error.code)).toEqual(['ERR_WIDGET_UNAVAILABLE']);
	});

	it('a widget refusing the token leaves the site signed in and emits ERR_WIDGET_LOGIN_FAILED', async () => {
		standIn = installZendeskStandIn({secret: `${TEST_SECRET}-rotated`});
		stubFetch({'/api/token': token});
		const {auth, errors} = createRecordedAuth();
		await auth.login(ADA);
		await settle();
		expect(auth.state).toBe('signed-in');
		expect(errors().map((error) => error.code)).toEqual(['ERR_WIDGET_LOGIN_FAILED']);
	});

	it('token expiry mid-conversation is an event, not an opaque failure (pitfall 5)', async () => {
		standIn = installZendeskStandIn();
		stubFetch({'/api/token': token});
		const {auth, named, errors} = createRecordedAuth();
		await auth.login(ADA);
		await vi.advanceTimersByTimeAsync(600_000);
		expect(named('logout')).toEqual([{reason: 'expired'}]);
		expect(errors().map((error) => error.code)).toEqual(['ERR_SESSION_EXPIRED']);
		expect(standIn.record.logoutUserCalls).toBe(1);
		expect(standIn.record.expiredReceived).toBe(0);
	});
});
