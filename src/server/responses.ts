// Tokens and session cookies must never be stored by a browser cache or a proxy.
const COMMON_HEADERS = {'cache-control': 'no-store', 'x-content-type-options': 'nosniff'};

/** The texts visitors may see: the browser SDK shows `message` as plain text. None of them repeats anything the request sent. */
export const MESSAGES = {
	methodNotAllowed: 'Use POST for this endpoint.',
	crossSite: 'Cross-site requests are not allowed.',
	notJson: 'Send the sign-in fields as JSON (Content-Type: application/json).',
	tooLarge: 'The request body is too large.',
	bodyTimeout: 'The request body took too long to arrive. Please try again.',
	malformed: 'The request body must be a JSON object of the sign-in fields.',
	invalidCredentials: 'Those sign-in details are not correct.',
	tooManyAttempts: 'Too many failed sign-in attempts. Please wait before trying again.',
	storeUnavailable: 'The service is briefly unavailable. Please try again shortly.',
	serverError: 'Something went wrong on our side. Please try again later.',
} as const;

/** One `Set-Cookie` header, or one for each value (a session cleared in several places). */
export type SetCookie = string | readonly string[];

function appendSetCookie(headers: Headers, setCookie: SetCookie | undefined): Headers {
	for (const value of typeof setCookie === 'string' ? [setCookie] : (setCookie ?? [])) headers.append('set-cookie', value);
	return headers;
}

/** A JSON answer with `Cache-Control: no-store`; `setCookie` adds its `Set-Cookie` headers. */
export function jsonResponse(status: number, body: Record<string, unknown>, setCookie?: SetCookie, extraHeaders: Record<string, string> = {}): Response {
	const headers = new Headers({...COMMON_HEADERS, 'content-type': 'application/json; charset=utf-8', ...extraHeaders});
	return new Response(JSON.stringify(body), {status, headers: appendSetCookie(headers, setCookie)});
}

/** An answer without a body (204), with `Cache-Control: no-store`. */
export function emptyResponse(status: number, setCookie?: SetCookie): Response {
	return new Response(null, {status, headers: appendSetCookie(new Headers(COMMON_HEADERS), setCookie)});
}

/**
"No session" (`204`, no body): the request carried no valid session, whether missing, expired, tampered with or
revoked. A 401 would print a red line in the browser console at every page load of a visitor who is not signed
in; a 204 says the same to the SDK quietly. `clearing` clears the session cookie, where the request had one.
*/
export const noSessionResponse = (clearing?: SetCookie): Response => emptyResponse(204, clearing);
