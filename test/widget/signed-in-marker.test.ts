/*
"A chat identity never outlives the site session that made it": the localStorage marker, through the whole SDK, with
a widget stand-in that keeps its signed-in user across page loads as the real widget does.
*/
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {SIGNED_IN_FLAG_KEY} from '../../src/core/session-hints.js';
import {SIGNED_IN_MARKER_KEY} from '../../src/widget/signed-in-marker.js';
import {createRecordedAuth, settle, useFakeClock} from '../helpers/auth.js';
import {stubFetch} from '../helpers/fetch-stub.js';
import {mintJwt} from '../helpers/jwt.js';
import {installZendeskStandIn} from '../helpers/zendesk-stand-in.js';

const ADA = {email: 'ada@example.com', password: 'analytical-engine'};
const token = () => ({body: {jwt: mintJwt()}});

beforeEach(() => useFakeClock());
afterEach(() => vi.useRealTimers());

/** A page load: a fresh SDK instance and a fresh widget stand-in, with the browser's storage as the last page left it. */
async function pageLoad(options: Record<string, unknown> = {refreshEndpoint: '/api/refresh'}) {
	const widget = installZendeskStandIn();
	const page = createRecordedAuth(options);
	// The last page's instance shares this jsdom window: let its released locks settle, and a hello go unanswered.
	await vi.advanceTimersByTimeAsync(300);
	return {...page, widget, leave: () => (page.auth.destroy(), widget.uninstall({keepStoredUser: true}))};
}

describe('the signed-in marker', () => {
	it('holds no token and no identity: one flag, set while the SDK has the widget signed in, cleared on sign-out', async () => {
		stubFetch({'/api/token': token, '/api/refresh': {status: 401}});
		const {auth, leave} = await pageLoad();
		expect(localStorage.getItem(SIGNED_IN_MARKER_KEY)).toBeNull();
		const session = await auth.login(ADA);
		await settle();
		expect(localStorage.getItem(SIGNED_IN_MARKER_KEY)).toBe('1');
		const everything = Object.keys(localStorage).map((key) => `${key}=${localStorage.getItem(key)}`).filter((entry) => entry.startsWith('zendesk-messaging-auth'));
		// With the sign-in flag of the quiet start (session-hints.ts): two flags, neither holding anything of the visitor.
		expect(everything.sort()).toEqual([`${SIGNED_IN_MARKER_KEY}=1`, expect.stringMatching(new RegExp(`^${SIGNED_IN_FLAG_KEY}=[a-z0-9]+$`))]);
		expect(everything.join()).not.toContain(session.jwt);
		expect(everything.join()).not.toMatch(/ada|user-ada|Lovelace/i);
		await auth.logout();
		expect(localStorage.getItem(SIGNED_IN_MARKER_KEY)).toBeNull();
		leave();
	});

	it('a page that starts without a site session signs out a chat an earlier page signed in: one logoutUser, marker cleared', async () => {
		const backend = stubFetch({'/api/token': token});
		backend.next('/api/refresh', {status: 401});
		const first = await pageLoad();
		await first.auth.login(ADA);
		await settle();
		first.leave();
		// The site session ended on the server meanwhile (the site's own sign-out, or it expired with no tab open).
		backend.next('/api/refresh', {status: 401});
		const second = await pageLoad();
		expect(second.widget.record.restoredAs).toBe('user-ada');
		await settle();
		expect(second.auth.state).toBe('signed-out');
		expect(second.widget.record.logoutUserCalls).toBe(1);
		expect(second.widget.record.signedInAs).toBeUndefined();
		expect(localStorage.getItem(SIGNED_IN_MARKER_KEY)).toBeNull();
		second.leave();
		// And only once: the next page load finds nothing to sign out.
		backend.next('/api/refresh', {status: 401});
		const third = await pageLoad();
		expect(third.widget.record.logoutUserCalls).toBe(0);
		third.leave();
	});

	it('without a refreshEndpoint (nothing restores a session), the next page signs the chat out too', async () => {
		stubFetch({'/api/token': token});
		const first = await pageLoad({});
		await first.auth.login(ADA);
		await settle();
		first.leave();
		const second = await pageLoad({});
		expect(second.widget.record.logoutUserCalls).toBe(1);
		second.leave();
	});

	it('a page whose site session is still there signs the same visitor in again: no logoutUser', async () => {
		stubFetch({'/api/token': token, '/api/refresh': token});
		const first = await pageLoad();
		await settle();
		first.leave();
		const second = await pageLoad();
		expect(second.auth.state).toBe('signed-in');
		expect(second.widget.record.logoutUserCalls).toBe(0);
		expect(second.widget.record.loginUserCalls).toBe(1);
		second.leave();
	});

	it('a start-up that failed (the network) tells nothing about the session: no logoutUser', async () => {
		const backend = stubFetch({'/api/token': token});
		backend.next('/api/refresh', {status: 401});
		const first = await pageLoad();
		await first.auth.login(ADA);
		await settle();
		first.leave();
		backend.next('/api/refresh', {error: new TypeError('Failed to fetch')});
		backend.next('/api/refresh', {error: new TypeError('Failed to fetch')});
		const second = await pageLoad();
		await vi.advanceTimersByTimeAsync(2000);
		expect(second.errors().map((error) => error.code)).toEqual(['ERR_NETWORK']);
		expect(second.widget.record.logoutUserCalls).toBe(0);
		second.leave();
	});

	it('a visitor the SDK never signed in is never logged out (an anonymous conversation stays)', async () => {
		stubFetch({'/api/refresh': {status: 401}});
		const page = await pageLoad();
		await page.auth.logout();
		await settle();
		expect(page.widget.record.logoutUserCalls).toBe(0);
		page.leave();
	});

	it('storage that throws (Safari private mode, disabled storage) degrades quietly: sign-in and sign-out still work', async () => {
		stubFetch({'/api/token': token, '/api/refresh': {status: 401}});
		const broken = () => {
			throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
		};
		vi.spyOn(Storage.prototype, 'setItem').mockImplementation(broken);
		vi.spyOn(Storage.prototype, 'getItem').mockImplementation(broken);
		vi.spyOn(Storage.prototype, 'removeItem').mockImplementation(broken);
		const {auth, errors, widget, leave} = await pageLoad();
		await auth.login(ADA);
		await settle();
		expect(widget.record.loginUserCalls).toBe(1);
		await auth.logout();
		expect(widget.record.logoutUserCalls).toBe(1);
		expect(errors()).toEqual([]);
		leave();
	});
});
