import {describe, expect, it} from 'vitest';
import {decodeJwt} from '../../src/core/jwt.js';
import {MessagingAuthError} from '../../src/errors/messaging-auth-error.js';
import {mintJwt} from '../helpers/jwt.js';

const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const refusal = (jwt: unknown) => {
	try {
		decodeJwt(jwt);
	} catch (error) {
		expect(error).toBeInstanceOf(MessagingAuthError);
		expect((error as MessagingAuthError).code).toBe('ERR_INVALID_TOKEN');
		return (error as MessagingAuthError).message;
	}

	throw new Error('expected ERR_INVALID_TOKEN');
};

describe('decodeJwt', () => {
	it('decodes the claims of a Zendesk-ready token, UTF-8 names included', () => {
		const jwt = mintJwt({claims: {name: 'Ada Lovelace – Byron 🙂'}, nowSeconds: 1000, lifetimeSeconds: 600});
		expect(decodeJwt(jwt)).toMatchObject({external_id: 'user-ada', scope: 'user', name: 'Ada Lovelace – Byron 🙂', iat: 1000, exp: 1600});
	});

	it.each([
		[42, /not a string/],
		['a.b', /three dot-separated segments/],
		['a.b.c.d', /three dot-separated segments/],
		[`${b64({alg: 'HS256', kid: 'k'})}.${b64({external_id: 'x', scope: 'user'})}.`, /three dot-separated segments/],
		['ab$.cd.ef', /header is not base64url/],
		[`${b64('not json')}.${b64({})}.sig`, /header is not base64url-encoded JSON/],
		[`${b64([1])}.${b64({})}.sig`, /header is not a JSON object/],
		[`${b64({alg: 'none', kid: 'k'})}.${b64({external_id: 'x', scope: 'user'})}.sig`, /alg is "none"/],
		[`${b64({alg: 'HS256'})}.${b64({external_id: 'x', scope: 'user'})}.sig`, /header has no kid: set it to the signing key id/],
		[`${b64({alg: 'HS256', kid: 'k'})}.${b64({external_id: 7, scope: 'user'})}.sig`, /external_id claim is 7: make it a non-empty string/],
		[`${b64({alg: 'HS256', kid: 'k'})}.${b64({external_id: 'x'})}.sig`, /scope claim is undefined: set it to "user"/],
		[`${b64({alg: 'HS256', kid: 'k'})}.${b64({external_id: 'x', scope: 'user', exp: '1'})}.sig`, /exp claim is "1": make it an integer/],
		[`${b64({alg: 'HS256', kid: 'k'})}.${b64({external_id: 'x', scope: 'user'})}.s+g`, /signature is not base64url/],
		[`${b64({alg: 'HS256', kid: 'k'})}.${Buffer.from([0xff, 0xfe]).toString('base64url')}.sig`, /payload is not base64url-encoded JSON/],
	])('refuses %j with a reason', (jwt, reason) => {
		expect(refusal(jwt)).toMatch(reason);
	});

	// PRODUCT.md "Debugging": tokens Zendesk is known to refuse never reach the widget (src/claims/zendesk-claims.ts).
	it.each([
		[{header: {kid: undefined}}, /header has no kid: set it to the signing key id\.$/],
		[{header: {kid: ''}}, /header has no kid/],
		[{header: {alg: 'RS256'}}, /header alg is "RS256": Zendesk accepts HS256 only\.$/],
		[{claims: {external_id: 42}}, /external_id claim is 42: make it a non-empty string \(String\(id\) for a number\)\.$/],
		[{claims: {external_id: ''}}, /external_id claim is "": make it a non-empty string/],
		[{claims: {external_id: '  '}}, /external_id claim is "  ": make it a non-empty string/],
		[{claims: {external_id: 'x'.repeat(256)}}, /external_id claim is 256 characters: Zendesk accepts at most 255\.$/],
		[{claims: {external_id: 'user-1\n'}}, /external_id claim holds control characters: remove them\.$/],
		[{claims: {scope: 'admin'}}, /scope claim is "admin": set it to "user"/],
		[{claims: {exp: 1_900_000_000.5}}, /exp claim is 1900000000.5: make it an integer/],
		[{claims: {exp: '1900000000'}}, /exp claim is "1900000000": make it an integer/],
		[{claims: {iat: 1.5}}, /iat claim is 1.5: make it an integer/],
		[{claims: {email_verified: 'true'}}, /email_verified claim is "true": make it a boolean\.$/],
		[{claims: {name: 5}}, /name claim is 5: make it a string/],
		[{claims: {email: ['a@b.c']}}, /email claim is an object: make it a string/],
	])('refuses a token Zendesk would refuse (%j), naming the claim and the fix', (overrides, reason) => {
		expect(refusal(mintJwt(overrides as never))).toMatch(reason);
	});

	it('accepts an external_id of exactly 255 characters and the optional claims in their types', () => {
		const jwt = mintJwt({claims: {external_id: 'x'.repeat(255), name: 'Ada', email: 'ada@example.com', email_verified: false}});
		expect(decodeJwt(jwt).external_id).toHaveLength(255);
	});
});
