import {DEFAULT_BODY_TIMEOUT_MS, MAX_CREDENTIALS_BODY_BYTES} from './defaults.js';
import {createSigner, resolveHandlerOptions} from './handler-options.js';
import {isMessagingServerError} from './errors.js';
import {callHook} from './hooks.js';
import {LoginLimiter, resolveLoginLimits, type Admission, type AttemptOutcome} from './login-limits.js';
import {readJsonObject} from './read-json-body.js';
import {isJsonContentType, refuseRequest} from './request-checks.js';
import {jsonResponse, MESSAGES} from './responses.js';
import {SessionCookie} from './session-cookie.js';
import {processMemoryStore} from './store/memory-store.js';
import {backendOf} from './store/session-store.js';
import type {FetchHandler, SessionCookieOptions, TokenHandlerOptions} from './types.js';
import {checkFunction, checkKnownKeys, checkMilliseconds, checkOptionsObject, checkUser} from './validation.js';

const KNOWN_OPTIONS: ReadonlyArray<keyof TokenHandlerOptions> = [
	'keyId',
	'secret',
	'expiresInSeconds',
	'authenticate',
	'bodyTimeoutMs',
	'session',
	'loginLimits',
	'allowedOrigins',
	'onError',
];

/**
Creates the login endpoint the browser SDK's `tokenEndpoint` POSTs the form fields to, as a standard Fetch
handler. It answers `200 {"jwt"}` when `authenticate` finds the user (and, given `session`, sets the session
cookie), `401 {"message"}` when it resolves `null`, `400` for a malformed or oversized body, `408` for a body
still arriving `bodyTimeoutMs` after the handler started reading it, `405` for a method other than POST, `415`
for a body that is not JSON, `403` for a cross-site request, and `500` (with a generic message; the error goes
to `onError`) when `authenticate` throws. No answer repeats the credentials.

Login limits are on by default (`loginLimits`): past 5 failed sign-ins for an account, or 50 from an address,
within 900 s, the answer is `429 {"message"}` with `Retry-After`, and `authenticate` is not called.

Options are checked at once: a missing key id or secret throws `ERR_SERVER_CONFIG` at start-up, not at the first login.

@example
```ts
import {createTokenHandler} from 'zendesk-messaging-auth/server';

export const POST = createTokenHandler({
	keyId: process.env.ZENDESK_KEY_ID!,
	secret: process.env.ZENDESK_SECRET!,
	session: {sessionSecret: process.env.SESSION_SECRET!},
	async authenticate({email, password}) {
		const user = await users.verify(String(email), String(password));
		return user ? {externalId: user.id, name: user.name, email: user.email, emailVerified: true} : null;
	},
});
```
*/
export function createTokenHandler(options: TokenHandlerOptions): FetchHandler {
	const given = checkOptionsObject('createTokenHandler', options, '{keyId, secret, authenticate}');
	checkKnownKeys('createTokenHandler', given, KNOWN_OPTIONS);
	checkFunction('authenticate', given['authenticate'], true);
	const sign = createSigner(given);
	const {allowedOrigins, reportError} = resolveHandlerOptions(given);
	const session = given['session'] === undefined ? undefined : new SessionCookie(given['session'] as SessionCookieOptions, {keyId: options.keyId, secret: options.secret});
	const limits = resolveLoginLimits(given['loginLimits']);
	const store = backendOf((given['session'] as {store?: unknown} | undefined)?.store, processMemoryStore);
	const limiter = limits === undefined ? undefined : new LoginLimiter(limits, store, options.secret);
	const bodyLimits = {maxBytes: MAX_CREDENTIALS_BODY_BYTES, timeoutMs: checkMilliseconds('bodyTimeoutMs', given['bodyTimeoutMs'], DEFAULT_BODY_TIMEOUT_MS)};

	return async (request) => {
		const refusal = refuseRequest(request, allowedOrigins);
		if (refusal !== undefined) return refusal;
		if (!isJsonContentType(request.headers.get('content-type'))) return jsonResponse(415, {message: MESSAGES.notJson});
		const body = await readJsonObject(request, bodyLimits);
		// RFC 9110 §15.5.9: a 408 closes the connection, rather than wait for the rest of a trickling body.
		if (!body.ok) return jsonResponse(body.status, {message: body.message}, undefined, body.status === 408 ? {connection: 'close'} : {});

		let admission: Admission | undefined;
		try {
			admission = await limiter?.admit(body.value, request);
		} catch (error) {
			reportError(error, request);
			// The store down or slow: sign-ins go on without limits (the site hears of it). Anything else, such as a
			// throwing accountOf or addressOf, is a bug of the site's: refuse rather than let attempts through uncounted.
			if (!isMessagingServerError(error) || error.code !== 'ERR_STORE_UNAVAILABLE') return jsonResponse(500, {message: MESSAGES.serverError});
		}

		if (admission?.admitted === false) {
			return jsonResponse(429, {message: MESSAGES.tooManyAttempts}, undefined, {'retry-after': String(admission.retryAfterSeconds)});
		}

		const settle = (outcome: AttemptOutcome) =>
			admission?.admitted ? admission.settle(outcome).catch((error: unknown) => reportError(error, request)) : undefined;
		try {
			const found = await callHook(options.authenticate, options, body.value, request);
			if (found === null) {
				await settle('failure');
				return jsonResponse(401, {message: MESSAGES.invalidCredentials});
			}

			const user = checkUser(found, 'authenticate');
			const jwt = await sign(user);
			const [setCookie] = await Promise.all([session?.start(user, request), settle('success')]);
			return jsonResponse(200, {jwt}, setCookie);
		} catch (error) {
			await settle('not-counted');
			reportError(error, request);
			return jsonResponse(500, {message: MESSAGES.serverError});
		}
	};
}
