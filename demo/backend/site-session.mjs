/*
The site's OWN session, for the demo's "Site login" page: what a portal or a shop already has before it adds Zendesk.
A random id in an HttpOnly cookie, the signed-in user in a store on the server (here a Map; in production Redis or a
database). Nothing of zendesk-messaging-auth is involved: the SDK only ever sees the JWT route that reads this session.
*/
import {randomBytes} from 'node:crypto';

export const SITE_SESSION_COOKIE = 'demo_site_session';
/** A session unused for this long ends, as a site's own idle timeout would end it. */
export const SITE_SESSION_IDLE_MS = 30 * 60_000;

/** The value of cookie `name` in a Cookie header, else undefined. */
export function readCookie(header, name) {
	for (const part of (header ?? '').split(';')) {
		const separator = part.indexOf('=');
		if (separator !== -1 && part.slice(0, separator).trim() === name) return part.slice(separator + 1).trim();
	}

	return undefined;
}

export function createSiteSessions({idleMs = SITE_SESSION_IDLE_MS, now = () => Date.now()} = {}) {
	/** id → {user, lastSeenMs} */
	const sessions = new Map();

	const idFrom = (cookieHeader) => readCookie(cookieHeader, SITE_SESSION_COOKIE);

	return {
		/** Starts a session for `user`; returns the Set-Cookie header value. */
		start(user) {
			const id = randomBytes(32).toString('base64url');
			sessions.set(id, {user, lastSeenMs: now()});
			// Lax: sent on the site's own navigations and same-site requests, never on another site's POST.
			return `${SITE_SESSION_COOKIE}=${id}; HttpOnly; Path=/; SameSite=Lax`;
		},

		/** The user the request's cookie stands for, or null (no cookie, unknown, or idle too long). */
		userOf(cookieHeader) {
			const id = idFrom(cookieHeader);
			const session = id === undefined ? undefined : sessions.get(id);
			if (!session) return null;
			if (now() - session.lastSeenMs > idleMs) {
				sessions.delete(id);
				return null;
			}

			session.lastSeenMs = now();
			return session.user;
		},

		/** Ends the request's session on the server. The browser's cookie stays, and now means nothing. */
		end(cookieHeader) {
			const id = idFrom(cookieHeader);
			return id !== undefined && sessions.delete(id);
		},

		/** The Set-Cookie header value that removes the cookie from the browser. */
		clearCookie() {
			return `${SITE_SESSION_COOKIE}=; HttpOnly; Path=/; SameSite=Lax; Max-Age=0`;
		},
	};
}
