/*
The one URL rule: an endpoint is resolved as fetch would resolve it in the page (against the document's base URL),
and against a fixed placeholder origin where there is no page (server-side rendering, Node tests), so a relative
URL is valid everywhere and only a malformed one is refused.
*/
const NO_PAGE_BASE = 'http://localhost/';

/** Resolves `url` against the page, or the placeholder origin without one. Throws a `TypeError` for a malformed URL. */
export function resolveUrl(url: string): URL {
	return new URL(url, globalThis.document?.baseURI ?? globalThis.location?.href ?? NO_PAGE_BASE);
}
