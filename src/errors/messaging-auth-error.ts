/**
Every failure the SDK reports. Switch on `code`, not on `message`: messages are for people and may change.

| code | when |
|---|---|
| `ERR_CONFIG` | an option is missing or invalid (thrown by `createMessagingAuth`), the instance was destroyed, `login()` without `tokenEndpoint`, or a browser-only call where there is no `window` |
| `ERR_INVALID_CREDENTIALS` | the token endpoint answered 401 or 403 to a login |
| `ERR_RATE_LIMITED` | an endpoint answered 429; `retryAfterSeconds` holds its `Retry-After` |
| `ERR_TOKEN_ENDPOINT` | any other non-2xx answer; `status` holds it |
| `ERR_NETWORK` | the request never got an answer (offline, DNS, CORS, connection refused) |
| `ERR_TIMEOUT` | no answer within `timeoutMs` |
| `ERR_INVALID_TOKEN` | a 2xx answer that is not a usable JWT (HTML, no `jwt`, malformed, already expired) |
| `ERR_SESSION_EXPIRED` | the session ended and could not be refreshed, or a token was asked for while signed out |
| `ERR_WIDGET_UNAVAILABLE` | `window.zE` did not appear within `widgetTimeoutMs`, or its script failed to load |
| `ERR_WIDGET_LOGIN_FAILED` | the widget refused the JWT (its `loginCallback` reported a `LoginFailedError`) |
| `ERR_ABORTED` | the SDK abandoned the operation itself: a later `login()` superseded it, or `logout()`, another tab's sign-in or sign-out, or `destroy()` ran meanwhile. Not a failure: never show it to a visitor |
*/
export type MessagingAuthErrorCode =
	| 'ERR_CONFIG'
	| 'ERR_INVALID_CREDENTIALS'
	| 'ERR_RATE_LIMITED'
	| 'ERR_TOKEN_ENDPOINT'
	| 'ERR_NETWORK'
	| 'ERR_TIMEOUT'
	| 'ERR_INVALID_TOKEN'
	| 'ERR_SESSION_EXPIRED'
	| 'ERR_WIDGET_UNAVAILABLE'
	| 'ERR_WIDGET_LOGIN_FAILED'
	| 'ERR_ABORTED';

export interface MessagingAuthErrorDetails {
	/** HTTP status of the answer that caused the error, when there was one. */
	status?: number;
	/** The original error (a fetch `TypeError`, the widget's `LoginFailedError`, …). */
	cause?: unknown;
	/** The `message` the server sent in its JSON body, as plain text. Never render it as HTML. */
	serverMessage?: string;
	/** Seconds the server asked us to wait (`Retry-After` of a 429). */
	retryAfterSeconds?: number;
}

export class MessagingAuthError extends Error {
	override readonly name = 'MessagingAuthError';
	readonly code: MessagingAuthErrorCode;
	// Declared, not defined: an own property only when present, so that `'status' in error` tells the truth.
	declare readonly status?: number;
	declare readonly cause?: unknown;
	declare readonly serverMessage?: string;
	declare readonly retryAfterSeconds?: number;

	constructor(code: MessagingAuthErrorCode, message: string, details: MessagingAuthErrorDetails = {}) {
		super(message);
		this.code = code;
		for (const [key, value] of Object.entries(details)) if (value !== undefined) Object.assign(this, {[key]: value});
	}
}

export const isMessagingAuthError = (value: unknown): value is MessagingAuthError =>
	value instanceof MessagingAuthError;
