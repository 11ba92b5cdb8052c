import {MessagingAuthError} from '../errors/messaging-auth-error.js';
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

const isTime = (value: unknown) => value === undefined || (typeof value === 'number' && Number.isFinite(value));

/**
Reads a compact JWS without verifying it: the browser holds no secret, Zendesk verifies.
Refuses what Zendesk would refuse anyway (see zendesk-widget.md), so the error is ours and clear
rather than an opaque widget failure later.
*/
export function decodeJwt(jwt: unknown): JwtClaims {
	if (typeof jwt !== 'string') throw invalidToken('it is not a string');
	const segments = jwt.split('.');
	if (segments.length !== 3 || segments[2] === '') throw invalidToken('it is not three dot-separated segments (header.payload.signature)');
	const [headerSegment, payloadSegment, signature] = segments as [string, string, string];
	if (!BASE64URL.test(signature)) throw invalidToken('its signature is not base64url');

	const header = decodeSegment(headerSegment, 'header');
	if (header['alg'] !== 'HS256') throw invalidToken(`its header alg is ${JSON.stringify(header['alg'])}, not "HS256"`);
	if (typeof header['kid'] !== 'string' || header['kid'] === '') throw invalidToken('its header has no kid (the signing key id)');

	const claims = decodeSegment(payloadSegment, 'payload');
	if (typeof claims['external_id'] !== 'string' || claims['external_id'] === '') {
		throw invalidToken('its external_id claim is missing or not a string');
	}

	if (claims['scope'] !== 'user') throw invalidToken('its scope claim is not "user"');
	if (!isTime(claims['exp']) || !isTime(claims['iat'])) throw invalidToken('its exp or iat claim is not a number');
	return claims as JwtClaims;
}
