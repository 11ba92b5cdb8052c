/*
What a 2xx answer of the token or refresh endpoint may hold (docs/wire-protocol.md): JSON `{"jwt"}` or
`{"token"}`, or the compact JWS itself — as text/plain, application/jwt or a JSON string, the way many real
backends and Zendesk's community samples answer. Anything else is a reason to refuse, in words for the integrator.
*/

// header.payload.signature, each base64url: one token and nothing else (two tokens in one body are refused).
const COMPACT_JWS = /^[\w-]+\.[\w-]+\.[\w-]+$/;

export type TokenAnswer = {jwt: string} | {problem: string};

function parseJson(text: string): {value: unknown} | undefined {
	try {
		return {value: JSON.parse(text)};
	} catch {
		return undefined;
	}
}

/** Finds the token in a body, or says why there is none. The JWT itself is checked later (jwt.ts). */
export function readTokenAnswer(text: string): TokenAnswer {
	const body = text.trim();
	if (body === '') return {problem: 'with an empty body, not a JWT'};
	if (COMPACT_JWS.test(body)) return {jwt: body};
	const json = parseJson(body);
	if (!json) {
		return {
			problem: body.startsWith('<')
				? 'with HTML, not a JWT (a wrong URL, a login page or an SPA fallback?)'
				: 'with neither JSON nor a JWT',
		};
	}

	const {value} = json;
	if (typeof value === 'string') return {jwt: value};
	const record = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as {jwt?: unknown; token?: unknown}) : {};
	const jwt = record.jwt ?? record.token;
	if (typeof jwt !== 'string') return {problem: 'its JSON has no "jwt" (or "token") string'};
	return {jwt};
}

// A server message is shown to people as text; a page-long one is a misconfigured server.
const MAX_SERVER_MESSAGE_LENGTH = 300;

/** The JSON body's `message` (any status), as plain text. */
export function serverMessageOf(text: string): string | undefined {
	const json = parseJson(text);
	const value = json?.value;
	const message = typeof value === 'object' && value !== null ? (value as {message?: unknown}).message : undefined;
	if (typeof message !== 'string' || message.trim() === '') return undefined;
	return message.trim().slice(0, MAX_SERVER_MESSAGE_LENGTH);
}

