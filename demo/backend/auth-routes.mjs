/*
The product endpoints, exactly as a site's backend would mount them: zendesk-messaging-auth/server's Fetch
handlers in node:http through toNodeHandler. Around them, only what a real login endpoint adds (a rate limit)
and the QA page's faults, which go in through the handlers' own hooks rather than around them.
*/
import {createLogoutHandler, createRefreshHandler, createTokenHandler, toNodeHandler} from '../../dist/server.js';
import {normalizeEmail} from './accounts.mjs';
import {BodyTooLargeError, delay, parseJsonObject, readBody, sendJson} from './http.mjs';
import {LIFETIMES_SECONDS} from './qa-controls.mjs';

export const ENDPOINTS = {token: '/api/zendesk/token', refresh: '/api/zendesk/refresh', logout: '/api/zendesk/logout'};

// The token handler refuses bodies over 16 KiB itself; this only bounds what we buffer to find the account name.
const MAX_BUFFERED_BODY_BYTES = 64 * 1024;

/** The error behind a "fail the next refresh with 500" answer: expected, so not logged as a server error. */
class InjectedFault extends Error {}

export function createAuthRoutes({config, accounts, controls, limiter}) {
	// Scoped to the endpoints' folder: no other request of the site carries the session cookie.
	const session = {sessionSecret: config.sessionSecret, cookiePath: '/api/zendesk'};
	const onError = (error) => {
		if (!(error instanceof InjectedFault)) console.error('demo backend:', error);
	};

	const isRevoked = () => {
		const fault = controls.takeRefreshFault();
		// A throwing hook is the handler's own 500 path: the SDK retries while the token is valid.
		if (fault === 500) throw new InjectedFault('QA control: this refresh fails with 500.');
		// A revoked session is the handler's own 401 path, cookie cleared: the SDK signs out (reason "expired").
		return fault === 401;
	};

	// Handlers take their lifetime once, at creation: one pair per lifetime the QA page offers.
	const handlersByLifetime = new Map(
		LIFETIMES_SECONDS.map((expiresInSeconds) => {
			const signing = {keyId: config.keyId, secret: config.secret, expiresInSeconds, onError};
			return [
				expiresInSeconds,
				{
					token: toNodeHandler(createTokenHandler({...signing, session, authenticate: ({email, password}) => accounts.verify(email, password)})),
					refresh: toNodeHandler(createRefreshHandler({...signing, session, isRevoked})),
				},
			];
		}),
	);
	const current = () => handlersByLifetime.get(controls.lifetimeSeconds);
	const logout = toNodeHandler(createLogoutHandler({session, onError}));

	async function token(request, response) {
		// Anything but POST gets the handler's own 405.
		if (request.method !== 'POST') return current().token(request, response);
		let body;
		try {
			body = await readBody(request, MAX_BUFFERED_BODY_BYTES);
		} catch (error) {
			if (error instanceof BodyTooLargeError) return sendJson(response, 400, {message: 'The request body is too large.'});
			throw error;
		}

		// Per address and per account: one address trying many accounts, and many addresses trying one account.
		// (Behind a reverse proxy the address would come from its X-Forwarded-For; the demo has none.)
		const keys = [`address:${request.socket.remoteAddress}`];
		const email = parseJsonObject(body)?.email;
		if (typeof email === 'string' && email.trim() !== '') keys.push(`account:${normalizeEmail(email)}`);
		const retryAfter = limiter.retryAfterSeconds(keys);
		if (retryAfter > 0) {
			// The wait is in Retry-After, which the SDK reads and the form words: the message only says why.
			return sendJson(response, 429, {message: 'Too many failed sign-in attempts for this account or from this address.'}, {'retry-after': String(retryAfter)});
		}

		await delay(controls.slowMs);
		// toNodeHandler hands a body that was already read (as a body parser would leave it) to the Fetch handler.
		request.body = body;
		await current().token(request, response);
		if (response.statusCode === 401) limiter.recordFailure(keys);
	}

	async function refresh(request, response) {
		if (request.method === 'POST') await delay(controls.slowMs);
		await current().refresh(request, response);
	}

	return new Map([
		[ENDPOINTS.token, token],
		[ENDPOINTS.refresh, refresh],
		[ENDPOINTS.logout, logout],
	]);
}
