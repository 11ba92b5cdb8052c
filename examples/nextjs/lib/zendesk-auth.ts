// The three endpoints the browser SDK talks to, created once from the environment (see README.md for the values).
// Imported by the route handlers in app/api/zendesk/*/route.ts.
import {createLogoutHandler, createRefreshHandler, createTokenHandler} from 'zendesk-messaging-auth/server';
import {verifyPassword} from './users';

function fromEnv(name: string): string {
	const value = process.env[name];
	if (!value) throw new Error(`${name} is not set: put it in .env.local (npm run dev writes one for development) or in the server's environment.`);
	return value;
}

const signingKey = {keyId: fromEnv('ZENDESK_KEY_ID'), secret: fromEnv('ZENDESK_SECRET')};
// The same session options for all three: the cookie the login sets is the one refresh and logout read.
const session = {sessionSecret: fromEnv('SESSION_SECRET'), cookiePath: '/api/zendesk'};
// The handlers refuse a browser request whose Origin is not the request URL's own origin (cross-site requests). Under
// `next start` a route handler's request.url is on localhost whatever the browser asked for, so a site served under any
// other name lists its public origin here: SITE_ORIGIN=https://shop.example.
const allowedOrigins = process.env.SITE_ORIGIN ? [process.env.SITE_ORIGIN] : [];

export const handleToken = createTokenHandler({
	...signingKey,
	session,
	allowedOrigins,
	async authenticate({email, password}) {
		const user = await verifyPassword(email, password);
		return user ? {externalId: user.id, name: user.name, email: user.email, emailVerified: true} : null;
	},
});

export const handleRefresh = createRefreshHandler({...signingKey, session, allowedOrigins});

export const handleLogout = createLogoutHandler({session, allowedOrigins});
