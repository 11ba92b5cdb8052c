/*
The product endpoints, exactly as a site's backend would mount them: zendesk-messaging-auth/server's Fetch
handlers in node:http through toNodeHandler, with the product's own login limits (429 with Retry-After past 5
failures a minute per account or per address; the socket's address, as toNodeHandler reads it). Around them only
the QA page's faults: a 500 through the refresh handler's own hook, a 401 answered here (the handlers answer an
ended session with 204, and QA wants to see a backend that answers 401 too).
*/
import {createLogoutHandler, createRefreshHandler, createTokenHandler, toNodeHandler} from '../../dist/server.js';
import {delay, sendJson} from './http.mjs';
import {LIFETIMES_SECONDS} from './qa-controls.mjs';

export const ENDPOINTS = {token: '/api/zendesk/token', refresh: '/api/zendesk/refresh', logout: '/api/zendesk/logout'};

const CLEARED_SESSION_COOKIE = 'zendesk_messaging_session=; Path=/api/zendesk; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax';

/** The error behind a "fail the next refresh with 500" answer: expected, so not logged as a server error. */
class InjectedFault extends Error {}

export function createAuthRoutes({config, accounts, controls, limits}) {
	// Scoped to the endpoints' folder: no other request of the site carries the session cookie. Sign-outs are kept
	// in the process's memory store (the default), so a copied cookie gets no JWT after a sign-out.
	const session = {sessionSecret: config.sessionSecret, cookiePath: '/api/zendesk'};
	const onError = (error) => {
		if (!(error instanceof InjectedFault)) console.error('demo backend:', error);
	};

	let failNextWith500 = false;
	const isRevoked = () => {
		// A throwing hook is the handler's own 500 path: the SDK retries while the token is valid.
		if (failNextWith500) {
			failNextWith500 = false;
			throw new InjectedFault('QA control: this refresh fails with 500.');
		}

		return false;
	};

	// Handlers take their lifetime and limits once, at creation: one pair per lifetime the QA page offers, made
	// again after QA's reset (a fresh store for the login limits).
	const build = () => {
		const {loginLimits, store} = limits.tokenHandler();
		return new Map(
			LIFETIMES_SECONDS.map((expiresInSeconds) => {
				const signing = {keyId: config.keyId, secret: config.secret, expiresInSeconds, onError};
				return [
					expiresInSeconds,
					{
						token: toNodeHandler(
							createTokenHandler({...signing, session: {...session, store}, loginLimits, authenticate: ({email, password}) => accounts.verify(email, password)}),
						),
						refresh: toNodeHandler(createRefreshHandler({...signing, session, isRevoked})),
					},
				];
			}),
		);
	};

	let built = {generation: limits.generation, handlers: build()};
	const current = () => {
		if (built.generation !== limits.generation) built = {generation: limits.generation, handlers: build()};
		return built.handlers.get(controls.lifetimeSeconds);
	};

	const logout = toNodeHandler(createLogoutHandler({session, onError}));

	async function token(request, response) {
		if (request.method === 'POST') await delay(controls.slowMs);
		await current().token(request, response);
	}

	async function refresh(request, response) {
		if (request.method === 'POST') {
			await delay(controls.slowMs);
			const fault = controls.takeRefreshFault();
			// A backend of the older kind: 401 and the cookie cleared. The SDK signs out (reason "expired").
			if (fault === 401) return sendJson(response, 401, {message: 'Your session has ended. Please sign in again.'}, {'set-cookie': CLEARED_SESSION_COOKIE});
			failNextWith500 = fault === 500;
		}

		await current().refresh(request, response);
	}

	return new Map([
		[ENDPOINTS.token, token],
		[ENDPOINTS.refresh, refresh],
		[ENDPOINTS.logout, logout],
	]);
}
