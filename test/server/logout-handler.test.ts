import {describe, expect, it, vi} from 'vitest';
import {createLogoutHandler, createRefreshHandler, createTokenHandler, type LogoutHandlerOptions} from '../../src/server.js';
import {SessionCookie} from '../../src/server/session-cookie.js';
import {ADA, authenticateAda, KEY_ID, loginRequest, ORIGIN, PASSWORD, post, SECRET, SESSION_SECRET, setCookieOf} from './fixtures.js';

const session = {sessionSecret: SESSION_SECRET, cookiePath: '/api/zendesk'};

async function login(): Promise<string> {
	const response = await createTokenHandler({keyId: KEY_ID, secret: SECRET, authenticate: authenticateAda, session})(
		loginRequest({email: ADA.email, password: PASSWORD}),
	);
	return setCookieOf(response).pair;
}

const logoutHandler = (options: Partial<LogoutHandlerOptions> = {}) => createLogoutHandler({session, onError: vi.fn(), ...options});
const logoutRequest = (cookie?: string, headers: Record<string, string> = {}) =>
	post('/api/zendesk/logout', {headers: cookie === undefined ? headers : {cookie, ...headers}});

function expectClearing(response: Response) {
	const {pair, attributes} = setCookieOf(response);
	expect(pair).toBe('zendesk_messaging_session=');
	expect(attributes.get('max-age')).toBe('0');
	expect(attributes.get('expires')).toBe('Thu, 01 Jan 1970 00:00:00 GMT');
	// A clearing cookie only replaces the original when name, path and domain all match.
	expect(attributes.get('path')).toBe('/api/zendesk');
	expect(attributes.has('domain')).toBe(false);
}

describe('createLogoutHandler', () => {
	it('answers 204 with no body and a cookie that clears the session', async () => {
		const response = await logoutHandler()(logoutRequest(await login()));

		expect(response.status).toBe(204);
		expect(await response.text()).toBe('');
		expect(response.headers.get('cache-control')).toBe('no-store');
		expectClearing(response);
	});

	it('answers 204 and clears the cookie when already signed out', async () => {
		const response = await logoutHandler()(logoutRequest());

		expect(response.status).toBe(204);
		expectClearing(response);
	});

	it('tells onLogout which session ended', async () => {
		const onLogout = vi.fn();
		await logoutHandler({onLogout})(logoutRequest(await login()));

		expect(onLogout).toHaveBeenCalledWith({sessionId: expect.any(String), externalId: ADA.externalId, issuedAt: expect.any(Date)});
	});

	it('does not call onLogout without a valid session', async () => {
		const onLogout = vi.fn();
		await logoutHandler({onLogout})(logoutRequest('zendesk_messaging_session=forged.token.value'));

		expect(onLogout).not.toHaveBeenCalled();
	});

	it('makes a copied cookie stop working: sign-out revokes the session in the store, no hook needed', async () => {
		const cookie = await login();
		const refresh = createRefreshHandler({keyId: KEY_ID, secret: SECRET, session});
		const refreshRequest = () => post('/api/zendesk/refresh', {headers: {cookie}});
		expect((await refresh(refreshRequest())).status).toBe(200);

		expect((await logoutHandler()(logoutRequest(cookie))).status).toBe(204);

		const copy = await refresh(refreshRequest());
		expect(copy.status).toBe(204);
		expect(copy.headers.getSetCookie()[0]).toMatch(/^zendesk_messaging_session=; /);
	});

	it('clears the cookie all the same and answers 500 when onLogout throws', async () => {
		const onError = vi.fn();
		const failure = new Error('cannot record the logout');
		const response = await logoutHandler({onError, onLogout: () => Promise.reject(failure)})(logoutRequest(await login()));

		expect(response.status).toBe(500);
		expectClearing(response);
		expect(onError).toHaveBeenCalledWith(failure, expect.any(Request));
	});

	it('answers 405 with Allow: POST to a GET', async () => {
		const response = await logoutHandler()(new Request(`${ORIGIN}/api/zendesk/logout`));

		expect(response.status).toBe(405);
		expect(response.headers.get('allow')).toBe('POST');
		expect(response.headers.getSetCookie()).toEqual([]);
	});

	it('answers 403 to a cross-site logout, leaving the cookie alone', async () => {
		const response = await logoutHandler()(logoutRequest(await login(), {origin: 'https://evil.example', 'sec-fetch-site': 'cross-site'}));

		expect(response.status).toBe(403);
		expect(response.headers.getSetCookie()).toEqual([]);
	});

	it('refuses at creation a cookie path a header cannot carry, instead of throwing at every logout', () => {
		expect(() => createLogoutHandler({session: {...session, cookiePath: '/api/日本'}})).toThrow(
			expect.objectContaining({code: 'ERR_SERVER_CONFIG', message: expect.stringMatching(/^cookiePath must be/)}),
		);
	});

	it('never throws out of the Fetch handler: a failure while building the clearing cookie is a 500 for onError', async () => {
		const failure = new TypeError('Headers.append: invalid header value');
		vi.spyOn(SessionCookie.prototype, 'clear').mockImplementation(() => {
			throw failure;
		});
		const onError = vi.fn();

		const response = await logoutHandler({onError})(logoutRequest(await login()));

		expect(response.status).toBe(500);
		expect(await response.json()).toEqual({message: 'Something went wrong on our side. Please try again later.'});
		expect(onError).toHaveBeenCalledWith(failure, expect.any(Request));
	});

	it('never throws out of the Fetch handler when the clearing cookie cannot go in a header', async () => {
		vi.spyOn(SessionCookie.prototype, 'clear').mockReturnValue(['zendesk_messaging_session=; Path=/api/日本; Max-Age=0']);
		const onError = vi.fn();

		const response = await logoutHandler({onError, onLogout: () => Promise.reject(new Error('and onLogout fails'))})(logoutRequest(await login()));

		expect(response.status).toBe(500);
		expect(response.headers.getSetCookie()).toEqual([]);
		expect(onError).toHaveBeenCalledWith(expect.any(TypeError), expect.any(Request));
	});

	it('refuses to start without a session secret', () => {
		expect(() => createLogoutHandler({session: {} as LogoutHandlerOptions['session']})).toThrow(/^sessionSecret must be a random string/);
	});
});
