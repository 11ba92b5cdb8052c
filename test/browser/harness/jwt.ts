/*
HS256 JWTs as Zendesk accepts them (zendesk-widget.md): minted by the test backend, verified by it on behalf of
the widget stand-in. One place for the signing maths, node:crypto only.
*/
import {createHmac, timingSafeEqual} from 'node:crypto';
import type {JwtClaims} from '../../../src/types/session.js';

/** A test fixture, like a key id + shared secret from Zendesk Admin Center. Never a real one. */
export const TEST_KEY_ID = 'app_test_browser_key';
export const TEST_SECRET = 'browser-suite-shared-secret-do-not-use';

/** The claims the suite's backend mints: the SDK's public `JwtClaims`, so the two cannot drift apart. */
export type MessagingClaims = JwtClaims;

const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

export function signJwt(claims: MessagingClaims, {keyId = TEST_KEY_ID, secret = TEST_SECRET} = {}): string {
	const header = base64url(JSON.stringify({alg: 'HS256', typ: 'JWT', kid: keyId}));
	const payload = base64url(JSON.stringify(claims));
	const signature = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
	return `${header}.${payload}.${signature}`;
}

export type VerifyResult =
	| {ok: true; claims: MessagingClaims}
	| {ok: false; reason: 'malformed' | 'bad_signature' | 'no_kid' | 'bad_claims' | 'expired'; claims?: MessagingClaims};

function decodeJson(segment: string): Record<string, unknown> | undefined {
	try {
		const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
		return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
	} catch {
		return undefined;
	}
}

/** What Zendesk checks: the HMAC, `kid`, `scope: "user"`, a string `external_id`, and `exp` against its own clock. */
export function verifyJwt(jwt: unknown, nowMs: number, {keyId = TEST_KEY_ID, secret = TEST_SECRET} = {}): VerifyResult {
	if (typeof jwt !== 'string') return {ok: false, reason: 'malformed'};
	const [header, payload, signature, ...rest] = jwt.split('.');
	if (header === undefined || payload === undefined || signature === undefined || rest.length > 0) return {ok: false, reason: 'malformed'};
	const headerJson = decodeJson(header);
	const claims = decodeJson(payload) as MessagingClaims | undefined;
	if (!headerJson || !claims || headerJson['alg'] !== 'HS256') return {ok: false, reason: 'malformed'};
	const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest();
	const given = Buffer.from(signature, 'base64url');
	if (given.length !== expected.length || !timingSafeEqual(given, expected)) return {ok: false, reason: 'bad_signature', claims};
	if (headerJson['kid'] !== keyId) return {ok: false, reason: 'no_kid', claims};
	if (claims.scope !== 'user' || typeof claims.external_id !== 'string' || claims.external_id === '') return {ok: false, reason: 'bad_claims', claims};
	if (typeof claims.exp === 'number' && claims.exp * 1000 <= nowMs) return {ok: false, reason: 'expired', claims};
	return {ok: true, claims};
}

/** The claims of a compact JWS, unverified (for assertions). */
export function claimsOf(jwt: string): MessagingClaims | undefined {
	const payload = jwt.split('.')[1];
	return payload === undefined ? undefined : (decodeJson(payload) as MessagingClaims | undefined);
}
