/*
The one mapping from what a request ended in to an error code, fed with ky's own error classes.
*/
import {HTTPError, TimeoutError} from 'ky';
import {describe, expect, it} from 'vitest';
import {ABORTED_BY_SDK, BODY_TIMED_OUT, requestFailure, retryAfterSeconds, statusError} from '../../src/core/http-errors.js';
import {MessagingAuthError} from '../../src/errors/messaging-auth-error.js';

const URL_ = 'https://shop.example/api/zendesk/token';
const request = new Request(URL_, {method: 'POST'});
const live = () => new AbortController().signal;
const aborted = (reason: unknown) => {
	const controller = new AbortController();
	controller.abort(reason);
	return controller.signal;
};
const codeOf = (error: unknown) => (error as MessagingAuthError).code;

describe('requestFailure', () => {
	it('ky TimeoutError → ERR_TIMEOUT naming timeoutMs', () => {
		const error = requestFailure(URL_, new TimeoutError(request), live(), 4000) as MessagingAuthError;
		expect(error.code).toBe('ERR_TIMEOUT');
		expect(error.message).toMatch(/within 4000 ms \(timeoutMs\)/);
		expect(error.cause).toBeInstanceOf(TimeoutError);
	});

	it('a body stopped for being too slow → ERR_TIMEOUT, whatever the engine rejected the read with', () => {
		expect(codeOf(requestFailure(URL_, new DOMException('aborted', 'AbortError'), aborted(BODY_TIMED_OUT), 4000))).toBe('ERR_TIMEOUT');
		expect(codeOf(requestFailure(URL_, new TypeError('network error'), aborted(BODY_TIMED_OUT), 4000))).toBe('ERR_TIMEOUT');
	});

	it('an abort by the SDK → ERR_ABORTED, never ERR_NETWORK', () => {
		expect(codeOf(requestFailure(URL_, new DOMException('aborted', 'AbortError'), aborted(ABORTED_BY_SDK), 4000))).toBe('ERR_ABORTED');
		expect(codeOf(requestFailure(URL_, new TypeError('Failed to fetch'), aborted(ABORTED_BY_SDK), 4000))).toBe('ERR_ABORTED');
	});

	it("fetch's TypeError (offline, DNS, CORS) → ERR_NETWORK with the browser's words", () => {
		const error = requestFailure(URL_, new TypeError('Failed to fetch'), live(), 4000) as MessagingAuthError;
		expect(error.code).toBe('ERR_NETWORK');
		expect(error.message).toMatch(/offline, server down, or blocked by CORS\): Failed to fetch/);
	});

	it('our own typed errors pass through (a headers function that threw is ERR_CONFIG)', () => {
		const config = new MessagingAuthError('ERR_CONFIG', 'headers threw');
		expect(requestFailure(URL_, config, live(), 4000)).toBe(config);
	});

	it('anything else is not disguised as a code: it comes back as it is', () => {
		const bug = new RangeError('a bug somewhere');
		expect(requestFailure(URL_, bug, live(), 4000)).toBe(bug);
		expect(requestFailure(URL_, 'a string thrown', live(), 4000)).toBe('a string thrown');
	});
});

describe('statusError (a ky HTTPError\'s response)', () => {
	const httpError = (status: number, headers: Record<string, string> = {}) =>
		new HTTPError(new Response(null, {status, headers}), request, {} as never);

	it.each([
		['token', 401, 'ERR_INVALID_CREDENTIALS'],
		['token', 403, 'ERR_INVALID_CREDENTIALS'],
		['refresh', 401, 'ERR_SESSION_EXPIRED'],
		['refresh', 403, 'ERR_SESSION_EXPIRED'],
		['token', 429, 'ERR_RATE_LIMITED'],
		['refresh', 429, 'ERR_RATE_LIMITED'],
		['token', 500, 'ERR_TOKEN_ENDPOINT'],
		['refresh', 502, 'ERR_TOKEN_ENDPOINT'],
		['logout', 500, 'ERR_TOKEN_ENDPOINT'],
		['token', 404, 'ERR_TOKEN_ENDPOINT'],
	] as const)('%s answered %i → %s, with the status', (endpoint, status, code) => {
		const error = statusError(endpoint, URL_, httpError(status).response, '');
		expect(error.code).toBe(code);
		expect(error.status).toBe(status);
	});

	it('keeps the server message as text, trimmed and bounded, never the HTML of an error page', () => {
		const error = statusError('token', URL_, httpError(401).response, JSON.stringify({message: `  <b>Wrong</b> ${'x'.repeat(400)}`}));
		expect(error.serverMessage!.startsWith('<b>Wrong</b>')).toBe(true);
		expect(error.serverMessage!.length).toBe(300);
		expect(statusError('token', URL_, httpError(500).response, '<html>Oops</html>').serverMessage).toBeUndefined();
	});

	it("reads a 429's Retry-After, seconds or an HTTP date", () => {
		expect(statusError('refresh', URL_, httpError(429, {'retry-after': '20'}).response, '').retryAfterSeconds).toBe(20);
		const date = new Date(Date.now() + 30_000).toUTCString();
		expect(retryAfterSeconds(date)).toBeGreaterThanOrEqual(29);
		expect(retryAfterSeconds('soon')).toBeUndefined();
	});
});
