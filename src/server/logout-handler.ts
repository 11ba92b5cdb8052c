import {resolveHandlerOptions} from './handler-options.js';
import {callHook} from './hooks.js';
import {refuseRequest} from './request-checks.js';
import {emptyResponse, jsonResponse, MESSAGES} from './responses.js';
import {SessionCookie} from './session-cookie.js';
import {processMemoryStore} from './store/memory-store.js';
import {backendOf} from './store/session-store.js';
import type {FetchHandler, LogoutHandlerOptions} from './types.js';
import {checkFunction, checkKnownKeys, checkOptionsObject} from './validation.js';

const KNOWN_OPTIONS: ReadonlyArray<keyof LogoutHandlerOptions> = ['session', 'onLogout', 'allowedOrigins', 'onError'];

/**
Creates the endpoint the browser SDK's `logoutEndpoint` POSTs on sign-out. It revokes the session in
`session.store` (so a copy of the cookie taken before gets no JWT from the refresh handler, until the cookie would
have expired anyway), clears the session cookie and answers `204`, also when the visitor was already signed out.
When the store fails the cookie is cleared all the same and the answer is `503` (reported to `onError`).
`onLogout` learns of each valid session signed out; if it throws, the cookie is cleared all the same and the
answer is `500`. Methods other than POST get `405`,
cross-site requests `403` (so another site cannot sign the visitor out).

@example
```ts
import {createLogoutHandler} from 'zendesk-messaging-auth/server';

export const POST = createLogoutHandler({session: {sessionSecret: process.env.SESSION_SECRET!}});
```
*/
export function createLogoutHandler(options: LogoutHandlerOptions): FetchHandler {
	const given = checkOptionsObject('createLogoutHandler', options, '{session: {sessionSecret}}');
	checkKnownKeys('createLogoutHandler', given, KNOWN_OPTIONS);
	checkFunction('onLogout', given['onLogout'], false);
	const {allowedOrigins, reportError} = resolveHandlerOptions(given);
	const session = new SessionCookie(options.session);
	const store = backendOf(options.session.store, processMemoryStore);
	const {onLogout} = options;

	return async (request) => {
		const refusal = refuseRequest(request, allowedOrigins);
		if (refusal !== undefined) return refusal;

		// Everything past the checks is inside a try, building the cookie too: a Fetch handler that throws becomes a
		// framework's bare 500 (or an unhandled rejection) instead of our answer.
		try {
			const clearing = session.clear(request);
			const active = await session.read(request);
			if (active !== undefined) {
				const {sessionId, externalId, issuedAt} = active;
				// Until the cookie's absolute end: no copy of it can be valid longer.
				const secondsLeft = Math.ceil((issuedAt.getTime() + session.maxAgeSeconds * 1000 - Date.now()) / 1000);
				try {
					await store.revoke(sessionId, Math.max(1, secondsLeft));
				} catch (error) {
					reportError(error, request);
					return jsonResponse(503, {message: MESSAGES.storeUnavailable}, clearing);
				}
			}

			try {
				if (onLogout !== undefined && active !== undefined) {
					const {sessionId, externalId, issuedAt} = active;
					await callHook(onLogout, options, {sessionId, externalId, issuedAt});
				}
			} catch (error) {
				reportError(error, request);
				return jsonResponse(500, {message: MESSAGES.serverError}, clearing);
			}

			return emptyResponse(204, clearing);
		} catch (error) {
			reportError(error, request);
			return jsonResponse(500, {message: MESSAGES.serverError});
		}
	};
}
