import {randomBytes} from 'node:crypto';
import {describe, expect, it} from 'vitest';
import {
	createJwtHandler,
	createLogoutHandler,
	createRefreshHandler,
	createTokenHandler,
	MAX_JWT_LIFETIME_SECONDS,
	MAX_SESSION_LIFETIME_SECONDS,
	MessagingServerError,
	signMessagingJwt,
	type SessionCookieOptions,
} from '../../src/server.js';
import {ADA, authenticateAda, KEY_ID, loginRequest, PASSWORD, SECRET, SESSION_SECRET, setCookieOf} from './fixtures.js';
import {verifyZendeskJwt} from './zendesk-verifier.js';

function configError(create: () => unknown): MessagingServerError {
	try {
		create();
	} catch (error) {
		expect(error).toBeInstanceOf(MessagingServerError);
		expect((error as MessagingServerError).code).toBe('ERR_SERVER_CONFIG');
		return error as MessagingServerError;
	}

	throw new Error('the options were accepted');
}

async function rejection(signing: Promise<string>): Promise<MessagingServerError> {
	const error: unknown = await signing.then(
		() => new Error('signMessagingJwt resolved'),
		(reason: unknown) => reason,
	);
	expect(error).toBeInstanceOf(MessagingServerError);
	expect((error as MessagingServerError).code).toBe('ERR_SERVER_CONFIG');
	return error as MessagingServerError;
}

const authenticate = authenticateAda;
const getUser = async () => ADA;

/** Every place a Zendesk `secret` is given. */
const withSecret = (secret: string): Array<() => unknown> => [
	() => createTokenHandler({keyId: KEY_ID, secret, authenticate}),
	() => createJwtHandler({keyId: KEY_ID, secret, getUser}),
	() => createRefreshHandler({keyId: KEY_ID, secret, session: {sessionSecret: SESSION_SECRET}}),
];

/** Every place a `sessionSecret` is given. */
const withSessionSecret = (sessionSecret: string): Array<() => unknown> => [
	() => createTokenHandler({keyId: KEY_ID, secret: SECRET, authenticate, session: {sessionSecret}}),
	() => createRefreshHandler({keyId: KEY_ID, secret: SECRET, session: {sessionSecret}}),
	() => createLogoutHandler({session: {sessionSecret}}),
];

describe('weak secrets are refused at creation (issue 20, case 5)', () => {
	it.each([
		['one character repeated', 'a'.repeat(32)],
		['a word repeated', 'changeme'.repeat(4)],
		['a short pattern repeated, but for its last character', `${'abcd'.repeat(7)}abce`],
		['the hex alphabet twice', '0123456789abcdef'.repeat(2)],
		['a few characters', 'abbaabababbbaabaabbabababaabbabacdcd'],
		['a placeholder from documentation', 'your-session-secret-goes-here-ok'],
		['a placeholder in capitals', 'REPLACE_ME_WITH_A_LONG_RANDOM_VALUE'],
		['a placeholder with a random-looking tail', 'changeme-7Hq2Lx9Vb4Nw1Zr8Kt5Yp3Qm6'],
		['a placeholder in camel case', 'yourSecretHere7Hq2Lx9Vb4Nw1Zr8Kt5Yp3'],
		// Kept as `process.env.SESSION_SECRET || '…'` fallbacks in many public apps.
		['iron-session\'s example password', 'complex_password_at_least_32_characters_long'],
		['Supabase\'s example JWT secret', 'your-super-secret-jwt-token-with-at-least-32-characters-long'],
		['the alphabet and the digits in order', 'abcdefghijklmnopqrstuvwxyz012345'],
		['the digits and the alphabet in order', '0123456789abcdefghijklmnopqrstuvwxyz'],
		['every other letter, twice', 'acegikmoqsuwyACEGIKMOQSUWY02468'.padEnd(32, 'Z')],
		['a "replace with" placeholder', 'replace-with-a-random-value-from-your-vault'],
	])('%s: ERR_SERVER_CONFIG naming the option and the fix, without printing the secret', async (_, weak) => {
		for (const create of withSecret(weak)) {
			const {message} = configError(create);
			expect(message).toMatch(/^secret is not a random secret: /);
			expect(message).toContain('openssl rand -base64 48');
			expect(message).not.toContain(weak);
		}

		for (const create of withSessionSecret(weak)) {
			const {message} = configError(create);
			expect(message).toMatch(/^sessionSecret is not a random secret: /);
			expect(message).toContain('Generate a random one with `openssl rand -base64 48`');
			expect(message).not.toContain(weak);
		}

		expect((await rejection(signMessagingJwt({keyId: KEY_ID, secret: weak, externalId: 'user-1'}))).message).toMatch(/^secret is not a random secret: /);
	});

	it('says why: a pattern, few distinct characters, or a placeholder', () => {
		expect(configError(withSecret('a'.repeat(32))[0]!).message).toContain('one character or a short pattern repeated');
		expect(configError(withSecret('abbaabababbbaabaabbabababaabbabacdcd')[0]!).message).toContain('too few distinct characters');
		expect(configError(withSecret('your-session-secret-goes-here-ok')[0]!).message).toContain('reads like a placeholder');
	});

	it('accepts every real random secret: base64, base64url and hex of each length from 32 to 64, thousands of them', () => {
		const encodings = ['base64', 'base64url', 'hex'] as const;
		let tried = 0;
		for (let length = 32; length <= 64; length++) {
			for (const encoding of encodings) {
				// Hex of 32 characters, the poorest of these (16 symbols), gets the most samples.
				const samples = encoding === 'hex' && length === 32 ? 2_000 : 40;
				for (let sample = 0; sample < samples; sample++) {
					const secret = randomBytes(length).toString(encoding).slice(0, length);
					expect(() => createTokenHandler({keyId: KEY_ID, secret, authenticate}), `${encoding} ${secret}`).not.toThrow();
					expect(() => createLogoutHandler({session: {sessionSecret: secret}}), `${encoding} ${secret}`).not.toThrow();
					tried++;
				}
			}
		}

		expect(tried).toBeGreaterThan(5_000);
		// Thousands of handlers: about 4 s on a loaded machine, too close to the default 5 s.
	}, 30_000);

	it('accepts passphrases of real words, also where two words join into a placeholder across their edge', () => {
		// Passphrases as password managers generate them (words, separators, a capital, a digit): letters alone, these hold
		// `changeme`, `replaceme`, `putyour` and `goeshere` across a word's edge, and were refused as placeholders.
		for (const passphrase of ['Onchange-Megabytes-Postcss-Phated8', 'rhapsody monaural replace measured arrays', 'output-yourself-gallon-tundra-77', 'cargoes-hereby-lumpy-vivid-oyster']) {
			expect(() => createTokenHandler({keyId: KEY_ID, secret: passphrase, authenticate}), passphrase).not.toThrow();
			expect(() => createLogoutHandler({session: {sessionSecret: passphrase}}), passphrase).not.toThrow();
		}
	});

	it('accepts the output of `openssl rand -base64 48` and of `openssl rand -hex 32`, and signs with it', async () => {
		for (let sample = 0; sample < 500; sample++) {
			const base64 = randomBytes(48).toString('base64');
			const hex = randomBytes(32).toString('hex');
			expect(() => createRefreshHandler({keyId: KEY_ID, secret: hex, session: {sessionSecret: base64}})).not.toThrow();
		}

		const secret = randomBytes(48).toString('base64');
		expect(verifyZendeskJwt(await signMessagingJwt({keyId: KEY_ID, secret, externalId: 'user-1'}), secret).claims['external_id']).toBe('user-1');
	});
});

describe('lifetimes are whole seconds within bounds (issue 20, case 7)', () => {
	it.each([0, -1, 0.5, 599.5, MAX_JWT_LIFETIME_SECONDS + 1, 1e12, 1e300, Number.NaN, Number.POSITIVE_INFINITY, '600'])(
		'refuses expiresInSeconds %s in signMessagingJwt and in every handler that mints',
		async (expiresInSeconds) => {
			const pattern = /^expiresInSeconds must be a whole number of seconds from 1 to 2592000 \(30 days\), default 600; got /;
			const given = {expiresInSeconds} as {expiresInSeconds: number};
			expect((await rejection(signMessagingJwt({keyId: KEY_ID, secret: SECRET, externalId: 'user-1', ...given}))).message).toMatch(pattern);
			expect(configError(() => createTokenHandler({keyId: KEY_ID, secret: SECRET, authenticate, ...given})).message).toMatch(pattern);
			expect(configError(() => createJwtHandler({keyId: KEY_ID, secret: SECRET, getUser, ...given})).message).toMatch(pattern);
			expect(configError(() => createRefreshHandler({keyId: KEY_ID, secret: SECRET, session: {sessionSecret: SESSION_SECRET}, ...given})).message).toMatch(pattern);
		},
	);

	it('accepts 1 second and 30 days, and mints exp exactly that far after iat', async () => {
		for (const expiresInSeconds of [1, MAX_JWT_LIFETIME_SECONDS]) {
			// Judged at the second before signing: a 1-second token may have expired by the time a loaded machine verifies it.
			const before = Math.floor(Date.now() / 1000);
			const {claims} = verifyZendeskJwt(await signMessagingJwt({keyId: KEY_ID, secret: SECRET, externalId: 'user-1', expiresInSeconds}), SECRET, before);
			expect((claims['exp'] as number) - (claims['iat'] as number)).toBe(expiresInSeconds);
		}
	});

	it.each(['maxAgeSeconds', 'idleTimeoutSeconds'] as const)('refuses a %s over 400 days, or not whole, in every handler given the session', (option) => {
		for (const value of [MAX_SESSION_LIFETIME_SECONDS + 1, 1e300, 3600.5, 0]) {
			const session = {sessionSecret: SESSION_SECRET, [option]: value} as SessionCookieOptions;
			const pattern = new RegExp(`^${option} must be a whole number of seconds from 1 to 34560000 \\(400 days\\)`);
			expect(configError(() => createTokenHandler({keyId: KEY_ID, secret: SECRET, authenticate, session})).message).toMatch(pattern);
			expect(configError(() => createRefreshHandler({keyId: KEY_ID, secret: SECRET, session})).message).toMatch(pattern);
			expect(configError(() => createLogoutHandler({session})).message).toMatch(pattern);
		}
	});

	it.each([2 ** 31, 30 * 24 * 60 * 60 * 1000, Number.MAX_SAFE_INTEGER, 0, -1, Number.POSITIVE_INFINITY, '10000'])('refuses bodyTimeoutMs %s: a timer cannot wait that long (Node fires it after 1 ms)', (bodyTimeoutMs) => {
		const error = configError(() => createTokenHandler({keyId: KEY_ID, secret: SECRET, authenticate, bodyTimeoutMs} as {keyId: string; secret: string; authenticate: typeof authenticate; bodyTimeoutMs: number}));
		expect(error.message).toMatch(/^bodyTimeoutMs must be a positive number of milliseconds up to 2147483647 \(default 10000\); got /);
	});

	it('accepts bodyTimeoutMs up to the longest delay a timer keeps', () => {
		expect(() => createTokenHandler({keyId: KEY_ID, secret: SECRET, authenticate, bodyTimeoutMs: 2 ** 31 - 1})).not.toThrow();
	});

	it('accepts 400 days for both, and the cookie\'s Max-Age is a whole number within it', async () => {
		const session = {sessionSecret: SESSION_SECRET, maxAgeSeconds: MAX_SESSION_LIFETIME_SECONDS, idleTimeoutSeconds: MAX_SESSION_LIFETIME_SECONDS};
		const response = await createTokenHandler({keyId: KEY_ID, secret: SECRET, authenticate, session})(loginRequest({email: ADA.email, password: PASSWORD}));

		expect(setCookieOf(response).attributes.get('max-age')).toBe(String(MAX_SESSION_LIFETIME_SECONDS));
	});
});
