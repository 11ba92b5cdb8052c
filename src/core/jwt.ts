import {MessagingAuthError} from '../errors/messaging-auth-error.js';
import {claimsProblem, headerProblem} from '../claims/zendesk-claims.js';
import type {JwtClaims} from '../types/session.js';

const invalidToken = (reason: string) =>
	new MessagingAuthError('ERR_INVALID_TOKEN', `The JWT is not one Zendesk accepts: ${reason}.`);

const BASE64URL = /^[\w-]+$/;

function decodeSegment(segment: string, name: string): Record<string, unknown> {
	if (!BASE64URL.test(segment)) throw invalidToken(`its ${name} is not base64url`);
	let value: unknown;
	try {
		const binary = atob(segment.replace(/-/g, '+').replace(/_/g, '/'));
		const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
		value = JSON.parse(new TextDecoder('utf-8', {fatal: true}).decode(bytes));
	} catch {
		throw invalidToken(`its ${name} is not base64url-encoded JSON`);
	}

	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		throw invalidToken(`its ${name} is not a JSON object`);
	}

	return value as Record<string, unknown>;
}

/**
Reads a compact JWS without verifying it: the browser holds no secret, Zendesk verifies.
Refuses what Zendesk would refuse anyway (src/claims/zendesk-claims.ts, the rule the server signs by), so the error
is ours, names the claim and the fix, and comes before the widget is called rather than as an opaque failure later.
*/
export function decodeJwt(jwt: unknown): JwtClaims {
	if (typeof jwt !== 'string') throw invalidToken('it is not a string');
	const segments = jwt.split('.');
	if (segments.length !== 3 || segments[2] === '') throw invalidToken('it is not three dot-separated segments (header.payload.signature)');
	const [headerSegment, payloadSegment, signature] = segments as [string, string, string];
	if (!BASE64URL.test(signature)) throw invalidToken('its signature is not base64url');

	const header = decodeSegment(headerSegment, 'header');
	const claims = decodeSegment(payloadSegment, 'payload');
	const problem = headerProblem(header) ?? claimsProblem(claims);
	if (problem) throw invalidToken(problem);
	return claims as JwtClaims;
}
