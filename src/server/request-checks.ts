import {jsonResponse, MESSAGES} from './responses.js';

/**
Whether a browser sent this request on behalf of another site, which must not be able to sign a visitor in,
refresh or sign out (login CSRF). `Origin`, when present, must be the request's own origin or an allowed one;
`Sec-Fetch-Site: cross-site` covers browsers that leave `Origin` out. Requests with neither header (curl,
server-to-server) carry no ambient cookies from a browser and pass.
*/
export function isCrossSite(request: Request, allowedOrigins: ReadonlySet<string>): boolean {
	const origin = request.headers.get('origin');
	if (origin !== null && allowedOrigins.has(origin)) return false;
	if (request.headers.get('sec-fetch-site') === 'cross-site') return true;
	return origin !== null && origin !== new URL(request.url).origin;
}

/** The 405 or 403 answer every handler gives before reading anything, or undefined when the request may go on. */
export function refuseRequest(request: Request, allowedOrigins: ReadonlySet<string>): Response | undefined {
	if (request.method !== 'POST') return jsonResponse(405, {message: MESSAGES.methodNotAllowed}, undefined, {allow: 'POST'});
	if (isCrossSite(request, allowedOrigins)) return jsonResponse(403, {message: MESSAGES.crossSite});
	return undefined;
}

/** `application/json` or any `application/*+json`, with or without parameters such as `charset`. */
export function isJsonContentType(value: string | null): boolean {
	const essence = (value ?? '').split(';')[0]!.trim().toLowerCase();
	return essence === 'application/json' || /^application\/[\w.-]+\+json$/.test(essence);
}
