/* Small helpers for node:http: bounded body reading, JSON answers, the same-origin check of the demo's own endpoints. */

/** Headers every answer carries. */
export const BASE_HEADERS = {
	'x-content-type-options': 'nosniff',
	'referrer-policy': 'no-referrer',
	'cross-origin-resource-policy': 'same-origin',
};

export class BodyTooLargeError extends Error {}

/** The request body as text, refusing (with BodyTooLargeError) to buffer more than `maxBytes`. */
export async function readBody(request, maxBytes) {
	const chunks = [];
	let size = 0;
	for await (const chunk of request) {
		size += chunk.length;
		if (size > maxBytes) throw new BodyTooLargeError(`The request body is larger than ${maxBytes} bytes.`);
		chunks.push(chunk);
	}

	return Buffer.concat(chunks).toString('utf8');
}

/** JSON.parse that answers undefined for anything but an object. */
export function parseJsonObject(text) {
	try {
		const value = JSON.parse(text);
		return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
	} catch {
		return undefined;
	}
}

export function sendJson(response, status, body, headers = {}) {
	response.writeHead(status, {...BASE_HEADERS, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers});
	response.end(JSON.stringify(body));
}

export function sendText(response, status, text, headers = {}) {
	response.writeHead(status, {...BASE_HEADERS, 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...headers});
	response.end(text);
}

/**
Whether a browser sent this from another site: the demo's controls change what every tab of the demo sees, so a
page elsewhere must not be able to flip them (the same rule the product endpoints apply).
*/
export function isCrossSite(request) {
	const site = request.headers['sec-fetch-site'];
	if (site === 'cross-site') return true;
	// The browser's own verdict first: under this demo's Referrer-Policy: no-referrer, a native form POST of the page
	// itself (the Site login form) carries `Origin: null`, which the check below would take for another site.
	if (site === 'same-origin') return false;
	const origin = request.headers.origin;
	return origin !== undefined && origin !== `http://${request.headers.host}`;
}

export const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
