/*
The unit widget stand-in keeps its signed-in user across page loads, as the real widget does (zendesk-widget.md,
pitfall 6): what the SDK's rule "a chat identity never outlives the site session that made it" is tested against.
*/
import {afterEach, describe, expect, it, vi} from 'vitest';
import {mintJwt} from './jwt.js';
import {installZendeskStandIn, STAND_IN_STORAGE_KEY, type ZendeskStandIn} from './zendesk-stand-in.js';

let widget: ZendeskStandIn | undefined;

afterEach(() => {
	widget?.uninstall();
	widget = undefined;
	localStorage.clear();
});

/** Signs the stand-in in with `jwt` through loginUser, as the SDK does. */
const signIn = (standIn: ZendeskStandIn, jwt: string) => standIn.zE('messenger', 'loginUser', (provide: (token: string) => void) => provide(jwt), () => {});

describe('the widget stand-in across page loads', () => {
	it('comes up signed in, on the next page load, as the user an earlier page signed in', () => {
		widget = installZendeskStandIn();
		signIn(widget, mintJwt());
		expect(widget.record.signedInAs).toBe('user-ada');
		widget.uninstall({keepStoredUser: true});

		widget = installZendeskStandIn();
		expect(widget.record).toMatchObject({signedInAs: 'user-ada', restoredAs: 'user-ada', loginUserCalls: 0});
	});

	it('keeps who it is signed in as, never the JWT', () => {
		widget = installZendeskStandIn();
		const jwt = mintJwt();
		signIn(widget, jwt);
		const stored = localStorage.getItem(STAND_IN_STORAGE_KEY);
		expect(JSON.parse(stored!)).toEqual({externalId: 'user-ada', name: 'Ada Lovelace'});
		expect(JSON.stringify({...localStorage})).not.toContain(jwt.split('.')[2]);
	});

	it('forgets the user at logoutUser: the next page load is signed out', () => {
		widget = installZendeskStandIn();
		signIn(widget, mintJwt());
		widget.zE('messenger', 'logoutUser');
		widget.uninstall({keepStoredUser: true});

		widget = installZendeskStandIn();
		expect(widget.record).toMatchObject({signedInAs: undefined, restoredAs: undefined});
		expect(localStorage.getItem(STAND_IN_STORAGE_KEY)).toBeNull();
	});

	it('replaces the restored user with the one a new loginUser signs in', () => {
		widget = installZendeskStandIn();
		signIn(widget, mintJwt());
		widget.uninstall({keepStoredUser: true});

		widget = installZendeskStandIn();
		signIn(widget, mintJwt({claims: {external_id: 'user-grace', name: 'Grace Hopper'}}));
		expect(widget.record.signedInAs).toBe('user-grace');
		expect(JSON.parse(localStorage.getItem(STAND_IN_STORAGE_KEY)!)).toEqual({externalId: 'user-grace', name: 'Grace Hopper'});
	});

	it('forgets the user when a loginUser is refused', () => {
		widget = installZendeskStandIn();
		signIn(widget, mintJwt());
		signIn(widget, mintJwt({secret: 'not-the-signing-secret'}));
		expect(widget.record.signedInAs).toBeUndefined();
		expect(localStorage.getItem(STAND_IN_STORAGE_KEY)).toBeNull();
	});

	it('starts every test fresh: a plain uninstall forgets the stored user', () => {
		widget = installZendeskStandIn();
		signIn(widget, mintJwt());
		widget.uninstall();
		widget = installZendeskStandIn();
		expect(widget.record.signedInAs).toBeUndefined();
	});

	it('with persistsUser: false, forgets at every page load and writes nothing', () => {
		widget = installZendeskStandIn({persistsUser: false});
		signIn(widget, mintJwt());
		expect(localStorage).toHaveLength(0);
		widget.uninstall({keepStoredUser: true});
		widget = installZendeskStandIn({persistsUser: false});
		expect(widget.record.signedInAs).toBeUndefined();
	});

	it('keeps nothing, and throws nothing, when storage throws (Safari private mode, storage disabled)', () => {
		vi.spyOn(Storage.prototype, 'getItem').mockImplementation(() => {
			throw new DOMException('The operation is insecure.', 'SecurityError');
		});
		vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
			throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
		});
		widget = installZendeskStandIn();
		expect(() => signIn(widget!, mintJwt())).not.toThrow();
		expect(widget.record.signedInAs).toBe('user-ada');
		widget.uninstall({keepStoredUser: true});
		widget = installZendeskStandIn();
		expect(widget.record.signedInAs).toBeUndefined();
	});

	it('ignores a stored value that is not a user (another version, hand-edited)', () => {
		localStorage.setItem(STAND_IN_STORAGE_KEY, '{"externalId": 42}');
		widget = installZendeskStandIn();
		expect(widget.record.signedInAs).toBeUndefined();
		localStorage.setItem(STAND_IN_STORAGE_KEY, 'not json');
		widget.uninstall({keepStoredUser: true});
		widget = installZendeskStandIn();
		expect(widget.record.signedInAs).toBeUndefined();
	});
});
