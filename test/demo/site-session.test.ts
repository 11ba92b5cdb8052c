/* The demo Site login page's own session (demo/backend/site-session.mjs): the site's, not the SDK's. */
import {describe, expect, it} from 'vitest';
import {createSiteSessions, readCookie, SITE_SESSION_COOKIE} from '../../demo/backend/site-session.mjs';

const ADA = {externalId: 'user-ada-1815', name: 'Ada Lovelace', email: 'ada@example.com', emailVerified: true};
/** The Cookie header a browser sends back for a Set-Cookie value. */
const cookieOf = (setCookie: string) => setCookie.split(';')[0]!;

describe('the demo site session', () => {
	it('starts an HttpOnly, SameSite=Lax session whose cookie reads back as the user, until it is ended', () => {
		const sessions = createSiteSessions();
		const setCookie = sessions.start(ADA);
		expect(setCookie).toMatch(new RegExp(`^${SITE_SESSION_COOKIE}=[\\w-]{43}; HttpOnly; Path=/; SameSite=Lax$`));
		const cookie = `other=1; ${cookieOf(setCookie)}`;
		expect(sessions.userOf(cookie)).toEqual(ADA);
		expect(sessions.end(cookie)).toBe(true);
		expect(sessions.userOf(cookie)).toBeNull();
		expect(sessions.end(cookie)).toBe(false);
	});

	it('gives every sign-in its own id: ending one leaves the other', () => {
		const sessions = createSiteSessions();
		const first = cookieOf(sessions.start(ADA));
		const second = cookieOf(sessions.start(ADA));
		expect(first).not.toBe(second);
		sessions.end(first);
		expect(sessions.userOf(second)).toEqual(ADA);
	});

	it('ends a session idle for longer than idleMs, and keeps one in use alive', () => {
		let now = 0;
		const sessions = createSiteSessions({idleMs: 1000, now: () => now});
		const cookie = cookieOf(sessions.start(ADA));
		now = 900;
		expect(sessions.userOf(cookie)).toEqual(ADA);
		now = 1800;
		expect(sessions.userOf(cookie)).toEqual(ADA);
		now = 2801;
		expect(sessions.userOf(cookie)).toBeNull();
		now = 2802;
		expect(sessions.userOf(cookie)).toBeNull();
	});

	it.each([undefined, null, '', `${SITE_SESSION_COOKIE}=`, `${SITE_SESSION_COOKIE}=not-an-id`, `${SITE_SESSION_COOKIE}=${'a'.repeat(43)}`])(
		'knows no user for the Cookie header %j',
		(header) => {
			expect(createSiteSessions().userOf(header)).toBeNull();
		},
	);

	it('clears the cookie with the same path and attributes', () => {
		expect(createSiteSessions().clearCookie()).toBe(`${SITE_SESSION_COOKIE}=; HttpOnly; Path=/; SameSite=Lax; Max-Age=0`);
	});

	it('reads a cookie by its exact name, values with "=" included', () => {
		expect(readCookie('a=1; site=x=y; demo_site_session_x=2', 'site')).toBe('x=y');
		expect(readCookie('demo_site_session_x=2', SITE_SESSION_COOKIE)).toBeUndefined();
	});
});
