import {createHmac, timingSafeEqual} from 'node:crypto';

/*
An HS256 verifier written from RFC 7515/7519 and zendesk-widget.md with node:crypto only, so the tokens the
server subpath mints (with jose) are checked by code that shares nothing with it. It throws, naming the rule
broken, wherever Zendesk would refuse the token.
*/

export interface VerifiedJwt {
	header: Record<string, unknown>;
	claims: Record<string, unknown>;
}

const SEGMENT = /^[\w-]+$/;
const ALLOWED_CLAIMS = new Set(['external_id', 'scope', 'name', 'email', 'email_verified', 'iat', 'exp']);

function decode(segment: string): Record<string, unknown> {
	return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8')) as Record<string, unknown>;
}

export function verifyZendeskJwt(jwt: string, secret: string, nowSeconds = Math.floor(Date.now() / 1000)): VerifiedJwt {
	const segments = jwt.split('.');
	if (segments.length !== 3 || !segments.every((segment) => SEGMENT.test(segment))) throw new Error('malformed');
	const [headerSegment, payloadSegment, signatureSegment] = segments as [string, string, string];

	const expected = createHmac('sha256', secret).update(`${headerSegment}.${payloadSegment}`).digest();
	const actual = Buffer.from(signatureSegment, 'base64url');
	// Buffer's base64url decoding forgives stray bits: insist the signature is the canonical encoding too.
	if (actual.length !== expected.length || actual.toString('base64url') !== signatureSegment || !timingSafeEqual(actual, expected)) {
		throw new Error('bad signature');
	}

	const header = decode(headerSegment);
	const claims = decode(payloadSegment);
	if (header['alg'] !== 'HS256') throw new Error('alg is not HS256');
	if (header['typ'] !== 'JWT') throw new Error('typ is not JWT');
	if (typeof header['kid'] !== 'string' || header['kid'] === '') throw new Error('invalid_auth: no kid');
	if (claims['scope'] !== 'user') throw new Error('scope is not "user"');
	if (typeof claims['external_id'] !== 'string' || claims['external_id'] === '') throw new Error('external_id is not a non-empty string');
	if (!Number.isInteger(claims['iat'])) throw new Error('iat is not a NumericDate');
	if (!Number.isInteger(claims['exp'])) throw new Error('exp is not a NumericDate');
	if ((claims['exp'] as number) <= nowSeconds) throw new Error('expired');
	for (const name of ['name', 'email'] as const) {
		if (name in claims && typeof claims[name] !== 'string') throw new Error(`${name} is not a string`);
	}

	if ('email_verified' in claims && typeof claims['email_verified'] !== 'boolean') throw new Error('email_verified is not a boolean');
	const unknown = Object.keys(claims).filter((name) => !ALLOWED_CLAIMS.has(name));
	if (unknown.length > 0) throw new Error(`unexpected claims: ${unknown.join(', ')}`);
	return {header, claims};
}
