import {afterEach, describe, expect, it, vi} from 'vitest';
import {DEFAULT_JWT_LIFETIME_SECONDS, MessagingServerError, MIN_SECRET_LENGTH, signMessagingJwt} from '../../src/server.js';
import {decodeJwt} from '../../src/core/jwt.js';
import {importHmacKey} from '../../src/server/hmac-key.js';
import {mintMessagingJwt} from '../../src/server/sign-jwt.js';
import {KEY_ID, SECRET} from './fixtures.js';
import {verifyZendeskJwt} from './zendesk-verifier.js';

const NOW = Date.UTC(2030, 0, 1, 12, 0, 0);
const NOW_SECONDS = NOW / 1000;

afterEach(() => {
	vi.useRealTimers();
});

const freezeTime = (at = NOW) => {
	vi.useFakeTimers({toFake: ['Date']});
	vi.setSystemTime(at);
};

async function refusal(input: unknown): Promise<MessagingServerError> {
	try {
		await signMessagingJwt(input as Parameters<typeof signMessagingJwt>[0]);
	} catch (error) {
		expect(error).toBeInstanceOf(MessagingServerError);
		return error as MessagingServerError;
	}

	throw new Error('signMessagingJwt accepted the input');
}

describe('signMessagingJwt: the token Zendesk accepts', () => {
	it('mints a token an independent HS256 verifier accepts, with exactly the header and claims Zendesk requires', async () => {
		freezeTime();
		const jwt = await signMessagingJwt({keyId: KEY_ID, secret: SECRET, externalId: 'user-1'});

		const {header, claims} = verifyZendeskJwt(jwt, SECRET);
		expect(header).toEqual({alg: 'HS256', typ: 'JWT', kid: KEY_ID});
		expect(claims).toEqual({external_id: 'user-1', scope: 'user', iat: NOW_SECONDS, exp: NOW_SECONDS + DEFAULT_JWT_LIFETIME_SECONDS});
	});

	it('carries name, email and email_verified when given', async () => {
		const jwt = await signMessagingJwt({
			keyId: KEY_ID,
			secret: SECRET,
			externalId: 'user-1',
			name: 'Ada Lovelace',
			email: 'ada@example.com',
			emailVerified: true,
		});

		expect(verifyZendeskJwt(jwt, SECRET).claims).toMatchObject({name: 'Ada Lovelace', email: 'ada@example.com', email_verified: true});
	});

	it('keeps email_verified: false, which is not the same as leaving it out', async () => {
		const jwt = await signMessagingJwt({keyId: KEY_ID, secret: SECRET, externalId: 'user-1', email: 'ada@example.com', emailVerified: false});
		expect(verifyZendeskJwt(jwt, SECRET).claims['email_verified']).toBe(false);
	});

	it('leaves out optional claims given as undefined, null or empty strings', async () => {
		const blank = await signMessagingJwt({keyId: KEY_ID, secret: SECRET, externalId: 'user-1', name: '', email: '  ', emailVerified: undefined});
		// Plain JavaScript callers pass a database's nulls straight through.
		const nulls = await signMessagingJwt({keyId: KEY_ID, secret: SECRET, externalId: 'user-1', ...({name: null, email: null, emailVerified: null} as object)});

		for (const jwt of [blank, nulls]) {
			expect(Object.keys(verifyZendeskJwt(jwt, SECRET).claims).sort()).toEqual(['exp', 'external_id', 'iat', 'scope']);
		}
	});

	it('sets exp expiresInSeconds after iat', async () => {
		freezeTime();
		const claimsFor = async (expiresInSeconds: number) =>
			verifyZendeskJwt(await signMessagingJwt({keyId: KEY_ID, secret: SECRET, externalId: 'u', expiresInSeconds}), SECRET).claims;

		expect(await claimsFor(60)).toMatchObject({iat: NOW_SECONDS, exp: NOW_SECONDS + 60});
		expect(await claimsFor(1)).toMatchObject({iat: NOW_SECONDS, exp: NOW_SECONDS + 1});
	});

	it('makes a token the verifier rejects once expired', async () => {
		freezeTime();
		const jwt = await signMessagingJwt({keyId: KEY_ID, secret: SECRET, externalId: 'user-1', expiresInSeconds: 30});

		expect(() => verifyZendeskJwt(jwt, SECRET, NOW_SECONDS + 29)).not.toThrow();
		expect(() => verifyZendeskJwt(jwt, SECRET, NOW_SECONDS + 30)).toThrow('expired');
	});

	it('makes a token the verifier rejects when its payload is changed', async () => {
		const jwt = await signMessagingJwt({keyId: KEY_ID, secret: SECRET, externalId: 'user-1'});
		const [header, payload, signature] = jwt.split('.') as [string, string, string];
		const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
		const forged = Buffer.from(JSON.stringify({...claims, external_id: 'user-admin'})).toString('base64url');

		expect(() => verifyZendeskJwt(`${header}.${forged}.${signature}`, SECRET)).toThrow('bad signature');
	});

	it('makes a token the verifier rejects when its signature is changed or the secret differs', async () => {
		const jwt = await signMessagingJwt({keyId: KEY_ID, secret: SECRET, externalId: 'user-1'});
		const flipped = jwt.slice(0, -2) + (jwt.at(-2) === 'A' ? 'B' : 'A') + jwt.at(-1);

		expect(() => verifyZendeskJwt(flipped, SECRET)).toThrow('bad signature');
		expect(() => verifyZendeskJwt(jwt, SECRET.replace('0', '1'))).toThrow('bad signature');
	});
});

describe('signMessagingJwt: refusing bad input', () => {
	const valid = {keyId: KEY_ID, secret: SECRET, externalId: 'user-1'};

	it('refuses a call without an input object', async () => {
		expect(await refusal(undefined)).toMatchObject({code: 'ERR_SERVER_CONFIG', message: expect.stringContaining('keyId, secret, externalId')});
	});

	it.each([
		['missing', undefined],
		['empty', ''],
		['blank', '   '],
		['not a string', 42],
	])('refuses a key id that is %s, naming where to find it', async (_, keyId) => {
		const error = await refusal({...valid, keyId});
		expect(error.code).toBe('ERR_SERVER_CONFIG');
		expect(error.message).toMatch(/^keyId must be the id of your Zendesk messaging signing key \(Admin Center/);
	});

	it('refuses a key id with a trailing newline, saying to trim it', async () => {
		expect(await refusal({...valid, keyId: `${KEY_ID}\n`})).toMatchObject({code: 'ERR_SERVER_CONFIG', message: expect.stringContaining('trim it')});
	});

	it.each([
		['missing', undefined],
		['empty', ''],
		['not a string', 1234],
	])('refuses a secret that is %s', async (_, secret) => {
		const error = await refusal({...valid, secret});
		expect(error.code).toBe('ERR_SERVER_CONFIG');
		expect(error.message).toMatch(/^secret must be the shared secret of your Zendesk messaging signing key/);
	});

	it(`refuses a secret shorter than ${MIN_SECRET_LENGTH} characters without printing it, and accepts one of exactly that length`, async () => {
		const short = 'S3cr3t-'.padEnd(MIN_SECRET_LENGTH - 1, 'x');
		const error = await refusal({...valid, secret: short});
		expect(error.code).toBe('ERR_SERVER_CONFIG');
		expect(error.message).toContain(`${MIN_SECRET_LENGTH - 1} characters long, too short`);
		expect(error.message).not.toContain('S3cr3t');

		// Random, as a real secret is: a padded one would be refused as a repeated pattern.
		const exact = '_gHILtcfrlchDHel9iJuH8z8xsqadE_Z';
		expect(exact).toHaveLength(MIN_SECRET_LENGTH);
		expect(verifyZendeskJwt(await signMessagingJwt({...valid, secret: exact}), exact).claims['external_id']).toBe('user-1');
	});

	it('refuses a secret with surrounding whitespace, saying to trim it', async () => {
		expect(await refusal({...valid, secret: ` ${SECRET}`})).toMatchObject({code: 'ERR_SERVER_CONFIG', message: expect.stringContaining('trim it')});
	});

	it('refuses a numeric external id, which Zendesk rejects, and says to use String(id)', async () => {
		const error = await refusal({...valid, externalId: 42});
		expect(error.code).toBe('ERR_INVALID_USER');
		expect(error.message).toContain('String(id) for a number');
		expect(error.message).toContain('externalId is 42');
	});

	it.each([
		['missing', undefined],
		['empty', ''],
		['blank', ' \t'],
		['null', null],
		['an object', {id: 1}],
	])('refuses an external id that is %s', async (_, externalId) => {
		expect(await refusal({...valid, externalId})).toMatchObject({code: 'ERR_INVALID_USER', message: expect.stringMatching(/^externalId is .*: make it a non-empty string/)});
	});

	// The browser's rule (src/claims/zendesk-claims.ts): what it would refuse is never signed.
	it.each([
		['longer than 255 characters', 'u'.repeat(256), /^externalId is 256 characters: Zendesk accepts at most 255\.$/],
		['holding a newline', 'user-1\n', /^externalId holds control characters: remove them\.$/],
		['holding a NUL', 'user\u00001', /^externalId holds control characters/],
		['holding a C1 control (U+0085 NEXT LINE)', 'user\u00851', /^externalId holds control characters/],
	])('refuses an external id %s, as the browser would', async (_, externalId, message) => {
		expect(await refusal({...valid, externalId})).toMatchObject({code: 'ERR_INVALID_USER', message: expect.stringMatching(message)});
	});

	it('signs an external id of exactly 255 characters, and the browser accepts the token', async () => {
		const jwt = await signMessagingJwt({...valid, externalId: 'u'.repeat(255), name: 'Ada', email: 'ada@example.com', emailVerified: false});
		expect(decodeJwt(jwt).external_id).toHaveLength(255);
	});

	it('never mints claims the shared rule refuses, even for a user that skipped the input checks', async () => {
		const key = await importHmacKey(SECRET);
		await expect(mintMessagingJwt(key, KEY_ID, {externalId: 'u'.repeat(300)}, 60)).rejects.toMatchObject({
			code: 'ERR_INVALID_USER',
			message: 'The JWT would not be one Zendesk accepts: its external_id claim is 300 characters: Zendesk accepts at most 255.',
		});
		await expect(mintMessagingJwt(key, KEY_ID, {externalId: 'u', emailVerified: 'yes' as unknown as boolean}, 60)).rejects.toMatchObject({code: 'ERR_INVALID_USER'});
	});

	it.each([0, -60, 0.2, 599.5, Number.NaN, Number.POSITIVE_INFINITY, '600'])('refuses the lifetime %s, which is not a whole positive number of seconds', async (expiresInSeconds) => {
		expect(await refusal({...valid, expiresInSeconds})).toMatchObject({
			code: 'ERR_SERVER_CONFIG',
			message: expect.stringMatching(/^expiresInSeconds must be a whole number of seconds from 1 to 2592000 \(30 days\), default 600/),
		});
	});

	it('refuses a name or email that is not a string, and an emailVerified that is not a boolean', async () => {
		expect(await refusal({...valid, name: 7})).toMatchObject({code: 'ERR_INVALID_USER', message: expect.stringMatching(/^name must be a string/)});
		expect(await refusal({...valid, email: ['a@b.c']})).toMatchObject({code: 'ERR_INVALID_USER', message: expect.stringMatching(/^email must be a string/)});
		expect(await refusal({...valid, emailVerified: 'yes'})).toMatchObject({code: 'ERR_INVALID_USER', message: expect.stringMatching(/^emailVerified must be true or false/)});
	});

	it('reports errors with a stable name and code for callers to switch on', async () => {
		const error = await refusal({...valid, keyId: ''});
		expect(error.name).toBe('MessagingServerError');
		expect(error).toBeInstanceOf(Error);
	});
});
