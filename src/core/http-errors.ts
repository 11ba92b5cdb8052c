import {TimeoutError} from 'ky';
import {MessagingAuthError, type MessagingAuthErrorCode} from '../errors/messaging-auth-error.js';
import {serverMessageOf} from './token-answer.js';

/*
The one mapping from what an HTTP request can end in (a status, a ky error, an abort) to the SDK's error codes.
Pure: the token client hands in what happened, nothing here makes a request.
*/

export type Endpoint = 'token' | 'refresh' | 'logout';

/** Why the SDK aborted a request itself: put on the AbortSignal as its reason, read back here. */
export const ABORTED_BY_SDK = Symbol();
/** ky's `timeout` ends when the headers arrive; a body still trickling in after that is stopped with this reason. */
export const BODY_TIMED_OUT = Symbol();

/** What the SDK abandoned itself (`ERR_ABORTED`): not a failure, and never shown to a visitor as one. */
export const abandoned = (what: string, cause?: unknown) =>
	new MessagingAuthError('ERR_ABORTED', `${what} was abandoned: a later sign-in, sign-out or destroy() made it moot.`, cause === undefined ? {} : {cause});

/** `Retry-After` is either delta-seconds or an HTTP date. */
export function retryAfterSeconds(header: string | null): number | undefined {
	if (!header) return undefined;
	const seconds = /^\d+$/.test(header.trim()) ? Number(header) : (Date.parse(header) - Date.now()) / 1000;
	return Number.isFinite(seconds) ? Math.max(0, Math.ceil(seconds)) : undefined;
}

/**
A non-2xx answer, or a refresh's 204: 401/403 are refused credentials on login and an ended session on refresh (as is
204, "no session"); 429 is rate limiting.
*/
export function statusError(endpoint: Endpoint, url: string, response: Response, text: string): MessagingAuthError {
	const {status} = response;
	const serverMessage = serverMessageOf(text);
	let code: MessagingAuthErrorCode = 'ERR_TOKEN_ENDPOINT';
	// What to fix: a 4xx is most often a wrong URL or method (a 404, an SPA fallback); a 5xx is in the server's logs.
	let what = status < 500 ? `is ${endpoint}Endpoint right?` : "see the server's logs";
	let retryAfter: number | undefined;
	// A 204 gets here from the refresh endpoint only.
	if (status === 401 || status === 403 || status === 204) {
		code = endpoint === 'refresh' ? 'ERR_SESSION_EXPIRED' : 'ERR_INVALID_CREDENTIALS';
		what = endpoint === 'refresh' ? 'that the site session is over' : 'that the credentials were refused';
	} else if (status === 429) {
		code = 'ERR_RATE_LIMITED';
		what = 'too many requests';
		retryAfter = retryAfterSeconds(response.headers.get('retry-after'));
	}

	const tail = [serverMessage?.replace(/[.!?]$/, ''), retryAfter === undefined ? undefined : `retry after ${retryAfter} s`].filter(Boolean).join('; ');
	return new MessagingAuthError(code, `POST ${url} answered ${status} (${what})${tail ? `: ${tail}` : ''}.`, {
		status,
		...(serverMessage === undefined ? {} : {serverMessage}),
		...(retryAfter === undefined ? {} : {retryAfterSeconds: retryAfter}),
	});
}

/**
A request that ended without a usable answer. `signal` is the request's own: its reason says whether the SDK
aborted it or its body ran out of time. A `TypeError` is what fetch rejects with when no answer arrives (offline,
DNS, CORS, refused). Anything else is not an HTTP failure at all, and is returned as it is, never disguised.
*/
export function requestFailure(url: string, error: unknown, signal: AbortSignal, timeoutMs: number): unknown {
	if (error instanceof MessagingAuthError) return error;
	if (signal.aborted && signal.reason === ABORTED_BY_SDK) return abandoned(`POST ${url}`, error);

	if (error instanceof TimeoutError || (signal.aborted && signal.reason === BODY_TIMED_OUT)) {
		return new MessagingAuthError('ERR_TIMEOUT', `POST ${url} did not answer within ${timeoutMs} ms (timeoutMs).`, {cause: error});
	}

	if (error instanceof TypeError) {
		return new MessagingAuthError('ERR_NETWORK', `POST ${url} failed before an answer arrived (offline, server down, or blocked by CORS): ${error.message}`, {
			cause: error,
		});
	}

	return error;
}

