import {afterEach, describe, expect, it, vi} from 'vitest';
import {
	createRefreshHandler,
	createTokenHandler,
	MessagingServerError,
	type RefreshHandlerOptions,
	type SessionCookieOptions,
	type SessionInfo,
} from '../../src/server.js';
import {ADA, authenticateAda, KEY_ID, loginRequest, ORIGIN, PASSWORD, post, SECRET, SESSION_SECRET, setCookieOf} from './fixtures.js';
import {verifyZendeskJwt} from './zendesk-verifier.js';

const START = Date.UTC(2030, 0, 1, 9, 0, 0);
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

afterEach(() => {
	vi.useRealTimers();
});

function atTime(ms: number) {
	vi.useFakeTimers({toFake: ['Date']});
	vi.setSystemTime(ms);
}

const session: SessionCookieOptions = {sessionSecret: SESSION_SECRET, cookiePath: '/api/zendesk'};

/** Signs Ada in through the token handler and returns the `name=value` of her session cookie. */
async function login(options: SessionCookieOptions = session): Promise<string> {
	const response = await createTokenHandler({keyId: KEY_ID, secret: SECRET, authenticate: authenticateAda, session: options})(
		loginRequest({email: ADA.email, password: PASSWORD}),
	);
	expect(response.status).toBe(200);
	return setCookieOf(response).pair;
}

const refreshHandler = (options: Partial<RefreshHandlerOptions> = {}) =>
	createRefreshHandler({keyId: KEY_ID, secret: SECRET, session, onError: vi.fn(), ...options});

const refreshRequest = (cookie?: string, headers: Record<string, string> = {}) =>
	post('/api/zendesk/refresh', {headers: cookie === undefined ? headers : {cookie, ...headers}});

/** "No session": 204, no body, uncacheable, and the cookie cleared where the request carried one. */
async function expectEnded(response: Response, {hadCookie = true} = {}) {
	expect(response.status).toBe(204);
	expect(await response.text()).toBe('');
	expect(response.headers.get('cache-control')).toBe('no-store');
	if (!hadCookie) {
		expect(response.headers.getSetCookie()).toEqual([]);
		return;
	}

	const {value, attributes} = setCookieOf(response);
	expect(value).toBe('');
	expect(attributes.get('max-age')).toBe('0');
	expect(attributes.get('path')).toBe('/api/zendesk');
}

describe('createRefreshHandler: a valid session', () => {
	it('answers 200 {"jwt"} for the signed-in user and rotates the cookie', async () => {
		atTime(START);
		const cookie = await login();
		atTime(START + 9 * 60 * 1000);
		const response = await refreshHandler()(refreshRequest(cookie));

		expect(response.status).toBe(200);
		expect(response.headers.get('cache-control')).toBe('no-store');
		const {jwt} = (await response.json()) as {jwt: string};
		expect(verifyZendeskJwt(jwt, SECRET).claims).toMatchObject({external_id: ADA.externalId, name: ADA.name, email: ADA.email, email_verified: true});

		const rotated = setCookieOf(response);
		expect(rotated.pair).not.toBe(cookie);
		expect(rotated.pair.startsWith('zendesk_messaging_session=')).toBe(true);
		expect(rotated.attributes.has('httponly')).toBe(true);
		expect(rotated.attributes.get('path')).toBe('/api/zendesk');
	});

	it('finds the rotated cookie as good as the first, with the same session id and sign-in time', async () => {
		atTime(START);
		const cookie = await login();
		const isRevoked = vi.fn((_session: SessionInfo) => false);
		const handler = refreshHandler({isRevoked});
		atTime(START + HOUR);
		const rotated = setCookieOf(await handler(refreshRequest(cookie))).pair;
		atTime(START + 2 * HOUR);
		expect((await handler(refreshRequest(rotated))).status).toBe(200);

		const [first, second] = isRevoked.mock.calls.map(([info]) => info);
		expect(first).toEqual({sessionId: expect.stringMatching(/^[\da-f-]{36}$/), externalId: ADA.externalId, issuedAt: new Date(START)});
		expect(second).toEqual(first);
	});

	it('keeps a session alive past the idle timeout as long as each refresh comes within it', async () => {
		atTime(START);
		let cookie = await login();
		const handler = refreshHandler();
		for (let day = 1; day <= 5; day++) {
			atTime(START + day * 20 * HOUR);
			const response = await handler(refreshRequest(cookie));
			expect(response.status).toBe(200);
			cookie = setCookieOf(response).pair;
		}
	});

	it('tells the browser to drop the rotated cookie when the session can no longer be renewed', async () => {
		atTime(START);
		let cookie = await login();
		const handler = refreshHandler();
		for (let hours = 20; hours < 7 * 24 - 1; hours += 20) {
			atTime(START + hours * HOUR);
			const response = await handler(refreshRequest(cookie));
			cookie = setCookieOf(response).pair;
			const maxAge = Number(setCookieOf(response).attributes.get('max-age'));
			expect(maxAge).toBe(Math.min(24 * 60 * 60, 7 * 24 * 60 * 60 - hours * 60 * 60));
		}
	});

	it('passes a session cookie from among other cookies of the site', async () => {
		const cookie = await login();
		const response = await refreshHandler()(refreshRequest(`theme=dark; ${cookie}; _ga=GA1.2.3`));
		expect(response.status).toBe(200);
	});

	it('signs the user loadUser returns, so a changed name reaches Zendesk', async () => {
		const cookie = await login();
		const loadUser = vi.fn(async (externalId: string) => ({externalId, name: 'Augusta Ada King', email: ADA.email}));
		const response = await refreshHandler({loadUser})(refreshRequest(cookie));

		expect(loadUser).toHaveBeenCalledWith(ADA.externalId);
		const {jwt} = (await response.json()) as {jwt: string};
		const {claims} = verifyZendeskJwt(jwt, SECRET);
		expect(claims['name']).toBe('Augusta Ada King');
		expect(claims).not.toHaveProperty('email_verified');
	});
});

describe('createRefreshHandler: a session that has ended', () => {
	it('answers 204, no body and no Set-Cookie, when there is no cookie', async () => {
		await expectEnded(await refreshHandler()(refreshRequest()), {hadCookie: false});
		await expectEnded(await refreshHandler()(refreshRequest('other_cookie=1')), {hadCookie: false});
	});

	it('answers 204 when the cookie payload was tampered with', async () => {
		const cookie = await login();
		const [name, token] = cookie.split('=') as [string, string];
		const [header, payload, signature] = token.split('.') as [string, string, string];
		const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
		const forged = Buffer.from(JSON.stringify({...claims, sub: 'user-admin'})).toString('base64url');

		await expectEnded(await refreshHandler()(refreshRequest(`${name}=${header}.${forged}.${signature}`)));
	});

	it('answers 204 when the cookie signature was tampered with', async () => {
		const cookie = await login();
		const flipped = cookie.slice(0, -2) + (cookie.at(-2) === 'A' ? 'B' : 'A') + cookie.at(-1);

		await expectEnded(await refreshHandler()(refreshRequest(flipped)));
	});

	it('answers 204 to a cookie signed with another session secret', async () => {
		const cookie = await login({...session, sessionSecret: `${SESSION_SECRET}-previous`});
		await expectEnded(await refreshHandler()(refreshRequest(cookie)));
	});

	it('answers 204 to a Zendesk JWT passed off as the session cookie', async () => {
		const login = await createTokenHandler({keyId: KEY_ID, secret: SECRET, authenticate: authenticateAda})(
			loginRequest({email: ADA.email, password: PASSWORD}),
		);
		const {jwt} = (await login.json()) as {jwt: string};
		// Even signed with the session secret, a token of the wrong type is not a session.
		const handler = refreshHandler({session: {...session, sessionSecret: SECRET}, secret: SESSION_SECRET});

		await expectEnded(await handler(refreshRequest(`zendesk_messaging_session=${jwt}`)));
	});

	it('answers 204 once the session is older than maxAgeSeconds, however often it was refreshed', async () => {
		atTime(START);
		let cookie = await login();
		const handler = refreshHandler();
		for (let hours = 20; hours < 7 * 24; hours += 20) {
			atTime(START + hours * HOUR);
			cookie = setCookieOf(await handler(refreshRequest(cookie))).pair;
		}

		atTime(START + 7 * DAY);
		await expectEnded(await handler(refreshRequest(cookie)));
	});

	it('answers 204 when the session was not refreshed within idleTimeoutSeconds', async () => {
		atTime(START);
		const cookie = await login();
		atTime(START + DAY - 1000);
		expect((await refreshHandler()(refreshRequest(cookie))).status).toBe(200);
		atTime(START + DAY);
		await expectEnded(await refreshHandler()(refreshRequest(cookie)));
	});

	it('applies a shortened maxAgeSeconds to cookies already issued', async () => {
		atTime(START);
		const cookie = await login();
		atTime(START + 2 * HOUR);
		await expectEnded(await refreshHandler({session: {...session, maxAgeSeconds: 60 * 60}})(refreshRequest(cookie)));
	});

	it('answers 204 when isRevoked says the session is revoked', async () => {
		const cookie = await login();
		const isRevoked = vi.fn(async () => true);
		await expectEnded(await refreshHandler({isRevoked})(refreshRequest(cookie)));
		expect(isRevoked).toHaveBeenCalledOnce();
	});

	it('answers 204 when loadUser no longer finds the user', async () => {
		const cookie = await login();
		await expectEnded(await refreshHandler({loadUser: async () => null})(refreshRequest(cookie)));
	});
});

describe('createRefreshHandler: failures and refusals', () => {
	it('answers 500 and keeps the cookie when isRevoked throws, so the SDK retries', async () => {
		const cookie = await login();
		const failure = new Error('revocation list unavailable');
		const onError = vi.fn();
		const response = await refreshHandler({onError, isRevoked: () => Promise.reject(failure)})(refreshRequest(cookie));

		expect(response.status).toBe(500);
		expect(response.headers.getSetCookie()).toEqual([]);
		expect(await response.text()).not.toContain('revocation');
		expect(onError).toHaveBeenCalledWith(failure, expect.any(Request));
	});

	it('answers 500 when loadUser returns another user than the one asked for', async () => {
		const cookie = await login();
		const onError = vi.fn();
		const response = await refreshHandler({onError, loadUser: async () => ({externalId: 'user-grace'})})(refreshRequest(cookie));

		expect(response.status).toBe(500);
		expect(onError.mock.calls[0]?.[0]).toMatchObject({code: 'ERR_INVALID_USER', message: expect.stringContaining('externalId differs')});
	});

	it('answers 405 with Allow: POST to a GET', async () => {
		const cookie = await login();
		const response = await refreshHandler()(new Request(`${ORIGIN}/api/zendesk/refresh`, {headers: {cookie}}));

		expect(response.status).toBe(405);
		expect(response.headers.get('allow')).toBe('POST');
	});

	it('answers 403 to a cross-site refresh, by Origin or by Sec-Fetch-Site', async () => {
		const cookie = await login();
		const handler = refreshHandler();

		expect((await handler(refreshRequest(cookie, {origin: 'https://evil.example'}))).status).toBe(403);
		const noOrigin = new Request(`${ORIGIN}/api/zendesk/refresh`, {method: 'POST', headers: {cookie, 'sec-fetch-site': 'cross-site'}});
		expect((await handler(noOrigin)).status).toBe(403);
	});

	it('refuses to start without session options', () => {
		const create = () => createRefreshHandler({keyId: KEY_ID, secret: SECRET} as RefreshHandlerOptions);
		expect(create).toThrow(MessagingServerError);
		expect(create).toThrow(/^session needs an options object, such as \{sessionSecret: process.env.SESSION_SECRET\}/);
	});

	it('refuses to start with hooks that are not functions', () => {
		expect(() => refreshHandler({isRevoked: true as unknown as () => boolean})).toThrow('isRevoked must be a function; got boolean true.');
		expect(() => refreshHandler({loadUser: {} as unknown as () => Promise<null>})).toThrow('loadUser must be a function');
	});
});
