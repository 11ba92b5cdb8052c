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
		[`${b64({alg: 'HS256'})}.${b64({external_id: 'x', scope: 'user'})}.sig`, /no kid/],
		[`${b64({alg: 'HS256', kid: 'k'})}.${b64({external_id: 7, scope: 'user'})}.sig`, /external_id claim is missing or not a string/],
		[`${b64({alg: 'HS256', kid: 'k'})}.${b64({external_id: 'x'})}.sig`, /scope claim/],
		[`${b64({alg: 'HS256', kid: 'k'})}.${b64({external_id: 'x', scope: 'user', exp: '1'})}.sig`, /exp or iat/],
		[`${b64({alg: 'HS256', kid: 'k'})}.${b64({external_id: 'x', scope: 'user'})}.s+g`, /signature is not base64url/],
		[`${b64({alg: 'HS256', kid: 'k'})}.${Buffer.from([0xff, 0xfe]).toString('base64url')}.sig`, /payload is not base64url-encoded JSON/],
	])('refuses %j with a reason', (jwt, reason) => {
		expect(refusal(jwt)).toMatch(reason);
	});
});
