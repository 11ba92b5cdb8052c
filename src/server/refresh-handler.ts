import {MessagingServerError} from './errors.js';
import {createSigner, resolveHandlerOptions} from './handler-options.js';
import {callHook} from './hooks.js';
import {refuseRequest} from './request-checks.js';
import {jsonResponse, MESSAGES, noSessionResponse} from './responses.js';
import {SessionCookie} from './session-cookie.js';
import {processMemoryStore} from './store/memory-store.js';
import {backendOf} from './store/session-store.js';
import type {FetchHandler, RefreshHandlerOptions, User} from './types.js';
import {checkFunction, checkKnownKeys, checkOptionsObject, checkUser} from './validation.js';

const KNOWN_OPTIONS: ReadonlyArray<keyof RefreshHandlerOptions> = [
	'keyId',
	'secret',
	'expiresInSeconds',
	'session',
	'isRevoked',
	'loadUser',
	'allowedOrigins',
	'onError',
];

/**
Creates the endpoint the browser SDK's `refreshEndpoint` POSTs (no body, cookies sent) for a fresh JWT, and
calls once at page load to restore a sign-in. With a valid session cookie it answers `200 {"jwt"}` and rotates
the cookie (a fresh idle window; the absolute maximum age still counts from the login). A missing, tampered,
expired or revoked cookie (signed out through `createLogoutHandler`, or `isRevoked`), or a user that `loadUser`
no longer finds, is "no session": `204` without a body, the cookie cleared where there was one; the SDK then
signs the visitor out, quietly. A throwing hook is answered `500` and a failing `session.store` `503`, both
keeping the cookie, so the SDK retries. Methods other than POST get `405`, cross-site requests `403`.

@example
```ts
import {createRefreshHandler} from 'zendesk-messaging-auth/server';

export const POST = createRefreshHandler({
	keyId: process.env.ZENDESK_KEY_ID!,
	secret: process.env.ZENDESK_SECRET!,
	session: {sessionSecret: process.env.SESSION_SECRET!},
});
```
*/
export function createRefreshHandler(options: RefreshHandlerOptions): FetchHandler {
	const given = checkOptionsObject('createRefreshHandler', options, '{keyId, secret, session: {sessionSecret}}');
	checkKnownKeys('createRefreshHandler', given, KNOWN_OPTIONS);
	checkFunction('isRevoked', given['isRevoked'], false);
	checkFunction('loadUser', given['loadUser'], false);
	const sign = createSigner(given);
	const {allowedOrigins, reportError} = resolveHandlerOptions(given);
	const session = new SessionCookie(options.session, {keyId: options.keyId, secret: options.secret});
	const store = backendOf(options.session.store, processMemoryStore);
	const {isRevoked, loadUser} = options;

	return async (request) => {
		const refusal = refuseRequest(request, allowedOrigins);
		if (refusal !== undefined) return refusal;
		const ended = () => noSessionResponse(session.carriedBy(request) ? session.clear(request) : undefined);

		try {
			const active = await session.read(request);
			if (active === undefined) return ended();
			const {sessionId, externalId, issuedAt} = active;
			let revoked: boolean;
			try {
				revoked = await store.isRevoked(sessionId);
			} catch (error) {
				// Unknown whether this session was signed out: no JWT, but keep the cookie; the SDK retries a 5xx while its token is valid.
				reportError(error, request);
				return jsonResponse(503, {message: MESSAGES.storeUnavailable});
			}

			if (revoked) return ended();
			if (isRevoked !== undefined && (await callHook(isRevoked, options, {sessionId, externalId, issuedAt}))) return ended();

			let user: User = active.user;
			if (loadUser !== undefined) {
				const loaded = await callHook(loadUser, options, externalId);
				if (loaded === null) return ended();
				user = checkUser(loaded, 'loadUser');
				if (user.externalId !== externalId) {
					throw new MessagingServerError('ERR_INVALID_USER', 'loadUser must return the user it was asked for: its externalId differs from the session\'s.');
				}
			}

			const jwt = await sign(user);
			return jsonResponse(200, {jwt}, await session.renew(active, user, request));
		} catch (error) {
			reportError(error, request);
			return jsonResponse(500, {message: MESSAGES.serverError});
		}
	};
}
