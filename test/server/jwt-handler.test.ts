import {describe, expect, it, vi} from 'vitest';
import {createJwtHandler, MessagingServerError, type JwtHandlerOptions, type User} from '../../src/server.js';
import {ADA, KEY_ID, ORIGIN, post, SECRET} from './fixtures.js';
import {verifyZendeskJwt} from './zendesk-verifier.js';

/** A site session as a site keeps it: a cookie naming a session in its own store. */
const SITE_SESSIONS = new Map<string, User>([['s-ada', ADA]]);

async function userOfSiteSession(request: Request): Promise<User | null> {
	const sessionId = /(?:^|;\s*)site_session=([^;]+)/.exec(request.headers.get('cookie') ?? '')?.[1];
	return (sessionId === undefined ? undefined : SITE_SESSIONS.get(sessionId)) ?? null;
}

const handlerWith = (options: Partial<JwtHandlerOptions> = {}) =>
	createJwtHandler({keyId: KEY_ID, secret: SECRET, getUser: userOfSiteSession, onError: vi.fn(), ...options});

/** The POST the browser SDK's refreshEndpoint sends: no body, the site's cookie carried. */
const jwtRequest = (cookie?: string, headers: Record<string, string> = {}) =>
	post('/api/zendesk/jwt', {headers: cookie === undefined ? headers : {cookie, ...headers}});

const messageOf = async (response: Response) => ((await response.json()) as {message?: unknown}).message;

function configError(create: () => unknown): MessagingServerError {
	try {
		create();
	} catch (error) {
		expect(error).toBeInstanceOf(MessagingServerError);
		expect((error as MessagingServerError).code).toBe('ERR_SERVER_CONFIG');
		return error as MessagingServerError;
	}

	throw new Error('the handler was created');
}

describe('createJwtHandler: answers', () => {
	it('answers 200 {"jwt"} minted for the user of the site session, Zendesk-ready and uncacheable', async () => {
		const response = await handlerWith()(jwtRequest('site_session=s-ada'));

		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
		expect(response.headers.get('cache-control')).toBe('no-store');
		const {jwt} = (await response.json()) as {jwt: string};
		const {header, claims} = verifyZendeskJwt(jwt, SECRET);
		expect(header).toEqual({alg: 'HS256', typ: 'JWT', kid: KEY_ID});
		expect(claims).toEqual({
			external_id: ADA.externalId,
			scope: 'user',
			name: ADA.name,
			email: ADA.email,
			email_verified: true,
			iat: expect.any(Number),
			exp: (claims['iat'] as number) + 600,
		});
	});

	it('hands getUser the request, and sets no cookie of its own', async () => {
		const getUser = vi.fn(userOfSiteSession);
		const request = jwtRequest('site_session=s-ada');
		const response = await handlerWith({getUser})(request);

		expect(getUser).toHaveBeenCalledWith(request);
		expect(response.headers.getSetCookie()).toEqual([]);
	});

	it('mints with expiresInSeconds, and leaves out the identity claims the user does not have', async () => {
		const response = await handlerWith({expiresInSeconds: 120, getUser: async () => ({externalId: 'user-7', name: '', email: undefined})})(jwtRequest());
		const {claims} = verifyZendeskJwt(((await response.json()) as {jwt: string}).jwt, SECRET);

		expect(claims).toEqual({external_id: 'user-7', scope: 'user', iat: expect.any(Number), exp: (claims['iat'] as number) + 120});
	});

	it('answers 204 "no session" (no body, uncacheable, no cookie of ours) when getUser finds no session', async () => {
		for (const cookie of [undefined, 'site_session=s-unknown']) {
			const response = await handlerWith()(jwtRequest(cookie));

			expect(response.status).toBe(204);
			expect(response.headers.get('cache-control')).toBe('no-store');
			expect(await response.text()).toBe('');
			expect(response.headers.getSetCookie()).toEqual([]);
		}
	});

	it.each([
		['an Origin of another site', {origin: 'https://evil.example'}],
		['Sec-Fetch-Site: cross-site without Origin', {'sec-fetch-site': 'cross-site'}],
	])('answers 403 to %s, without asking getUser', async (_, headers) => {
		const getUser = vi.fn(userOfSiteSession);
		const request = new Request(`${ORIGIN}/api/zendesk/jwt`, {method: 'POST', headers: {cookie: 'site_session=s-ada', ...headers}});
		const response = await handlerWith({getUser})(request);

		expect(response.status).toBe(403);
		expect(response.headers.get('cache-control')).toBe('no-store');
		expect(await messageOf(response)).toBe('Cross-site requests are not allowed.');
		expect(getUser).not.toHaveBeenCalled();
	});

	it('accepts an origin listed in allowedOrigins, and a request with neither Origin nor Sec-Fetch-Site', async () => {
		const fromShop = new Request(`https://api.shop.example/api/zendesk/jwt`, {
			method: 'POST',
			headers: {cookie: 'site_session=s-ada', origin: 'https://www.shop.example', 'sec-fetch-site': 'same-site'},
		});
		expect((await handlerWith({allowedOrigins: ['https://www.shop.example/']})(fromShop)).status).toBe(200);

		const serverSide = new Request(`${ORIGIN}/api/zendesk/jwt`, {method: 'POST', headers: {cookie: 'site_session=s-ada'}});
		expect((await handlerWith()(serverSide)).status).toBe(200);
	});

	it.each(['GET', 'PUT', 'DELETE'])('answers 405 with Allow: POST to %s, without asking getUser', async (method) => {
		const getUser = vi.fn(userOfSiteSession);
		const response = await handlerWith({getUser})(new Request(`${ORIGIN}/api/zendesk/jwt`, {method, headers: {cookie: 'site_session=s-ada'}}));

		expect(response.status).toBe(405);
		expect(response.headers.get('allow')).toBe('POST');
		expect(response.headers.get('cache-control')).toBe('no-store');
		expect(getUser).not.toHaveBeenCalled();
	});

	it('answers 500 with a generic message when getUser throws, and hands the error to onError only', async () => {
		const onError = vi.fn();
		const failure = new Error('session store down at redis://:hunter2@cache.internal');
		const response = await handlerWith({onError, getUser: () => Promise.reject(failure)})(jwtRequest('site_session=s-ada'));

		expect(response.status).toBe(500);
		expect(response.headers.get('cache-control')).toBe('no-store');
		const text = await response.text();
		expect(JSON.parse(text)).toEqual({message: 'Something went wrong on our side. Please try again later.'});
		expect(text).not.toContain('hunter2');
		expect(onError).toHaveBeenCalledWith(failure, expect.any(Request));
	});

	it('answers 500 when getUser throws synchronously', async () => {
		const onError = vi.fn();
		const response = await handlerWith({
			onError,
			getUser: () => {
				throw new TypeError('cannot read properties of undefined');
			},
		})(jwtRequest());

		expect(response.status).toBe(500);
		expect(onError).toHaveBeenCalledWith(expect.any(TypeError), expect.any(Request));
	});

	it.each([
		['a numeric externalId', {externalId: 1234}, /^externalId from getUser is 1234: make it a non-empty string \(String\(id\) for a number\)\.$/],
		['undefined instead of a user or null', undefined, /^getUser must give a user such as/],
		['an externalId over 255 characters', {externalId: 'u'.repeat(256)}, /^externalId from getUser is 256 characters: Zendesk accepts at most 255\.$/],
		['an externalId with a control character', {externalId: 'user-1\r'}, /^externalId from getUser holds control characters/],
		['a non-boolean emailVerified', {externalId: 'user-1', emailVerified: 'yes'}, /^emailVerified must be true or false when given; got a string of 3 characters from getUser\.$/],
	])('answers 500 and reports ERR_INVALID_USER when getUser gives %s', async (_, user, message) => {
		const onError = vi.fn();
		const response = await handlerWith({onError, getUser: async () => user as unknown as User})(jwtRequest());

		expect(response.status).toBe(500);
		const error = onError.mock.calls[0]?.[0] as MessagingServerError;
		expect(error).toBeInstanceOf(MessagingServerError);
		expect(error.code).toBe('ERR_INVALID_USER');
		expect(error.message).toMatch(message);
	});

	it('still answers 500 when onError itself throws', async () => {
		const response = await handlerWith({
			getUser: () => Promise.reject(new Error('down')),
			onError: () => {
				throw new Error('logger down too');
			},
		})(jwtRequest());

		expect(response.status).toBe(500);
	});
});

describe('createJwtHandler: configuration', () => {
	it.each([
		['missing', undefined],
		['not a function', {user: ADA}],
	])('refuses to start with getUser %s, saying what it is for', (_, getUser) => {
		const error = configError(() => createJwtHandler({keyId: KEY_ID, secret: SECRET, getUser} as unknown as JwtHandlerOptions));
		expect(error.message).toMatch(/^getUser must be a function that reads your site's own session from the request and resolves to the signed-in user, or null; got /);
	});

	it('refuses to start with a missing key id, a short secret or a bad lifetime', () => {
		expect(configError(() => handlerWith({keyId: ''})).message).toMatch(/^keyId must be/);
		expect(configError(() => handlerWith({secret: 'short'})).message).toMatch(/^secret is 5 characters long/);
		expect(configError(() => handlerWith({expiresInSeconds: 0})).message).toMatch(/^expiresInSeconds must be a whole number of seconds from 1 to 2592000/);
	});

	it('refuses an unknown option, suggesting the right name, and options that are not an object', () => {
		const misspelt = {keyId: KEY_ID, secret: SECRET, getUser: userOfSiteSession, getuser: userOfSiteSession} as JwtHandlerOptions;
		expect(configError(() => createJwtHandler(misspelt)).message).toMatch(/^Unknown createJwtHandler option "getuser". Did you mean "getUser"\?/);
		expect(configError(() => createJwtHandler(undefined as unknown as JwtHandlerOptions)).message).toMatch(/^createJwtHandler needs an options object/);
	});

	it('refuses allowedOrigins that are not origins, and an onError that is not a function', () => {
		expect(configError(() => handlerWith({allowedOrigins: ['www.example.com']})).message).toContain('"www.example.com" is not one');
		expect(configError(() => handlerWith({onError: 'console' as unknown as JwtHandlerOptions['onError']})).message).toMatch(/^onError must be a function/);
	});
});
