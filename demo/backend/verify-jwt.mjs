/*
What the offline messenger stand-in asks the backend: would Zendesk accept this JWT? Written with node:crypto
alone rather than with the signer's own library, so that a mistake in how we sign is caught here, not mirrored.
Checks what zendesk-widget.md lists: HS256, the signing key's `kid`, the signature, `scope: "user"`, a string
`external_id`, an `exp` still in the future. The `reason` strings are the stand-in's own: Zendesk publishes none
besides `invalid_auth`.
*/
import {createHmac, timingSafeEqual} from 'node:crypto';

const failed = (reason, message) => ({ok: false, reason, message});

function decodeJson(part) {
	try {
		const value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
		return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
	} catch {
		return undefined;
	}
}

/**
@param {unknown} jwt
@param {{keyId: string, secret: string, nowMs?: number}} key
@returns {{ok: true, claims: Record<string, unknown>, expiresInMs: number | null} | {ok: false, reason: string, message: string}}
*/
export function verifyMessagingJwt(jwt, {keyId, secret, nowMs = Date.now()}) {
	if (typeof jwt !== 'string' || jwt === '') return failed('invalid_jwt', `The JWT must be a non-empty string; got ${jwt === null ? 'null' : typeof jwt}.`);
	const parts = jwt.split('.');
	if (parts.length !== 3 || !parts.every((part) => /^[\w-]+$/.test(part))) return failed('invalid_jwt', 'The JWT is not a compact JWS (three base64url parts).');
	const [headerPart, payloadPart, signaturePart] = parts;
	const header = decodeJson(headerPart);
	const claims = decodeJson(payloadPart);
	if (!header || !claims) return failed('invalid_jwt', 'The JWT header or payload is not a JSON object.');
	if (header.alg !== 'HS256') return failed('invalid_auth', `The JWT must be signed with HS256; its alg is ${JSON.stringify(header.alg)}.`);
	if (typeof header.kid !== 'string' || header.kid === '') return failed('invalid_auth', 'The JWT header has no kid (Zendesk answers 401 invalid_auth).');
	// Compared by value but never echoed: the page does not need to learn the key id from us.
	if (header.kid !== keyId) return failed('invalid_auth', 'The JWT header\'s kid is not the id of this account\'s signing key.');

	const expected = createHmac('sha256', secret).update(`${headerPart}.${payloadPart}`).digest();
	const given = Buffer.from(signaturePart, 'base64url');
	if (given.length !== expected.length || !timingSafeEqual(given, expected)) return failed('invalid_auth', 'The JWT signature does not match the signing key\'s secret.');

	if (claims.scope !== 'user') return failed('invalid_scope', `The JWT's scope must be "user"; got ${JSON.stringify(claims.scope)}.`);
	if (typeof claims.external_id !== 'string' || claims.external_id === '') {
		return failed('invalid_external_id', `The JWT's external_id must be a non-empty string; got ${typeof claims.external_id}.`);
	}

	if (claims.email_verified !== undefined && typeof claims.email_verified !== 'boolean') return failed('invalid_jwt', 'The JWT\'s email_verified must be a boolean.');
	// exp is optional to Zendesk; without it the token never expires, and the stand-in never re-asks.
	if (claims.exp === undefined) return {ok: true, claims, expiresInMs: null};
	if (typeof claims.exp !== 'number') return failed('invalid_jwt', 'The JWT\'s exp must be a number of seconds since the epoch.');
	const expiresInMs = claims.exp * 1000 - nowMs;
	if (expiresInMs <= 0) return failed('token_expired', `The JWT expired ${Math.ceil(-expiresInMs / 1000)} s ago.`);
	return {ok: true, claims, expiresInMs};
}
