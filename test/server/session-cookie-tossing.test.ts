import {CookieJar} from 'tough-cookie';
import {describe, expect, it, vi} from 'vitest';
import {createLogoutHandler, createRefreshHandler, createTokenHandler, type SessionCookieOptions, type User} from '../../src/server.js';
import {KEY_ID, PASSWORD, SECRET, SESSION_SECRET} from './fixtures.js';
import {verifyZendeskJwt} from './zendesk-verifier.js';

/*
Issue 20, cases 1 and 6. The visitor's browser is tough-cookie's CookieJar (jsdom's cookie store, RFC 6265): it
decides which cookies a request carries, in which order, and what each Set-Cookie does, as a browser would.
*/

const SITE = 'https://shop.example.test';
const SIBLING = 'https://evil.example.test';
const session: SessionCookieOptions = {sessionSecret: SESSION_SECRET, cookiePath: '/api/zendesk'};
const ALICE: User = {externalId: 'user-alice', name: 'Alice'};
const EVE: User = {externalId: 'user-eve', name: 'Eve'};

const users = new Map([
	['alice@example.test', ALICE],
	['eve@example.test', EVE],
]);
const authenticate = async (credentials: Record<string, unknown>) =>
	(credentials['password'] === PASSWORD && users.get(String(credentials['email']))) || null;

const signing = {keyId: KEY_ID, secret: SECRET};
const handleToken = createTokenHandler({...signing, session, authenticate, onError: vi.fn()});
const handleRefresh = createRefreshHandler({...signing, session, onError: vi.fn()});

/** A same-origin POST from the browser holding `jar`, its cookies as the jar sends them; the answer's Set-Cookie goes back into the jar. */
async function send(jar: CookieJar, handler: (request: Request) => Promise<Response>, path: string, body?: unknown): Promise<Response> {
	const url = `${SITE}${path}`;
	const headers: Record<string, string> = {origin: SITE, cookie: await jar.getCookieString(url)};
	if (body !== undefined) headers['content-type'] = 'application/json';
	const response = await handler(new Request(url, {method: 'POST', headers, ...(body === undefined ? {} : {body: JSON.stringify(body)})}));
	for (const cookie of response.headers.getSetCookie()) await jar.setCookie(cookie, url);
	return response;
}

const signIn = (jar: CookieJar, email: string) => send(jar, handleToken, '/api/zendesk/token', {email, password: PASSWORD});
const refresh = (jar: CookieJar) => send(jar, handleRefresh, '/api/zendesk/refresh');

async function externalIdOf(response: Response): Promise<string | undefined> {
	if (response.status !== 200) return undefined;
	return verifyZendeskJwt(((await response.json()) as {jwt: string}).jwt, SECRET).claims['external_id'] as string;
}

/** The session cookie value Eve got by signing in herself. */
async function evesCookieValue(): Promise<string> {
	const eve = new CookieJar();
	expect((await signIn(eve, 'eve@example.test')).status).toBe(200);
	return /zendesk_messaging_session=([^;]+)/.exec(await eve.getCookieString(`${SITE}/api/zendesk/refresh`))![1]!;
}

/** The answer to a request without any session cookie: what "no session" looks like (401 today, 204 with the server's no-session answer). */
async function noSessionStatus(): Promise<number> {
	return (await refresh(new CookieJar())).status;
}

describe('two session cookies in one request mean no session (issue 20, case 1: cookie tossing)', () => {
	it.each([
		['with a longer Path, so the browser sends it first', 'Path=/api/zendesk/refresh'],
		['with the same Path', 'Path=/api/zendesk'],
		['at Path=/, so the browser sends it last', 'Path=/'],
	])('a sibling subdomain plants Eve\'s valid cookie on the parent domain %s: Alice gets no JWT for Eve, then none at all, then her own', async (_, path) => {
		const alice = new CookieJar();
		expect((await signIn(alice, 'alice@example.test')).status).toBe(200);
		expect(await externalIdOf(await refresh(alice))).toBe(ALICE.externalId);
		// What evil.example.test can do: a cookie for all of example.test.
		await alice.setCookie(`zendesk_messaging_session=${await evesCookieValue()}; Domain=example.test; ${path}; Secure; HttpOnly`, SIBLING);
		expect((await alice.getCookieString(`${SITE}/api/zendesk/refresh`)).match(/zendesk_messaging_session=/g)).toHaveLength(2);

		const tossed = await refresh(alice);

		expect(tossed.status).toBe(await noSessionStatus());
		expect(await externalIdOf(tossed)).toBeUndefined();
		// Both cookies are gone: the planted one cannot make Alice Eve at the next refresh either.
		expect(await alice.getCookieString(`${SITE}/api/zendesk/refresh`)).toBe('');
		expect(await externalIdOf(await refresh(alice))).toBeUndefined();
		// Alice signs in again and is herself.
		expect((await signIn(alice, 'alice@example.test')).status).toBe(200);
		expect(await externalIdOf(await refresh(alice))).toBe(ALICE.externalId);
	});

	it('clears on the handler\'s own path and on every path and domain a cookie sent to this URL can have', async () => {
		const alice = new CookieJar();
		await signIn(alice, 'alice@example.test');
		await alice.setCookie(`zendesk_messaging_session=${await evesCookieValue()}; Domain=example.test; Path=/api/zendesk/refresh`, SIBLING);

		const cleared = (await refresh(alice)).headers.getSetCookie().map((cookie) => cookie.split('; ').filter((part) => /^(Path|Domain|Max-Age)=/.test(part)).join('; '));

		for (const path of ['/', '/api', '/api/', '/api/zendesk', '/api/zendesk/', '/api/zendesk/refresh']) {
			expect(cleared).toContain(`Path=${path}; Max-Age=0`);
			expect(cleared).toContain(`Path=${path}; Max-Age=0; Domain=example.test`);
			expect(cleared).toContain(`Path=${path}; Max-Age=0; Domain=shop.example.test`);
		}

		expect(cleared.every((cookie) => cookie.includes('Max-Age=0'))).toBe(true);
	});

	it('for a deep request path, clears at / and at the longest prefixes, the request path itself included', async () => {
		const deep = new Request(`${SITE}/a/b/c/d/e/f/refresh`, {method: 'POST', headers: {origin: SITE, cookie: 'zendesk_messaging_session=a; zendesk_messaging_session=b'}});

		const paths = new Set((await handleRefresh(deep)).headers.getSetCookie().map((cookie) => /; Path=([^;]+)/.exec(cookie)![1]));

		expect(paths).toEqual(new Set(['/api/zendesk', '/', '/a/b/c/d', '/a/b/c/d/', '/a/b/c/d/e', '/a/b/c/d/e/', '/a/b/c/d/e/f', '/a/b/c/d/e/f/', '/a/b/c/d/e/f/refresh']));
	});

	it('a request naming a huge Host and path gets a bounded clearing answer: no 400 MB answer built on a blocked event loop', async () => {
		// The Host and the path are the client's to choose (toNodeHandler takes them from the request). Unbounded, each
		// parent domain of 2,000 labels times each path prefix was a Set-Cookie, with Domain values up to 4 KB long.
		const host = `${'a.'.repeat(2000)}example.test`;
		const path = `/${'p'.repeat(2000)}/${Array.from({length: 300}, (_, index) => `s${index}`).join('/')}/refresh`;
		const request = new Request(`https://${host}${path}`, {method: 'POST', headers: {cookie: 'zendesk_messaging_session=a; zendesk_messaging_session=b'}});

		const cookies = (await handleRefresh(request)).headers.getSetCookie();

		expect(cookies.length).toBeLessThanOrEqual(8 * 9);
		expect(cookies.join('\n').length).toBeLessThan(64 * 1024);
		for (const cookie of cookies) {
			expect(/; Path=([^;]*)/.exec(cookie)![1]!.length).toBeLessThanOrEqual(1024);
			expect((/; Domain=([^;]*)/.exec(cookie)?.[1] ?? '').length).toBeLessThanOrEqual(253);
		}
	});

	it('a deep but real host is cleared host-only, on itself and on its shortest parents', async () => {
		const host = 'a.b.c.d.e.f.g.h.i.shop.example.test';
		const request = new Request(`https://${host}/api/zendesk/refresh`, {method: 'POST', headers: {cookie: 'zendesk_messaging_session=a; zendesk_messaging_session=b'}});

		const domains = new Set((await handleRefresh(request)).headers.getSetCookie().map((cookie) => /; Domain=([^;]*)/.exec(cookie)?.[1]));

		const parents = ['e.f.g.h.i.shop.example.test', 'f.g.h.i.shop.example.test', 'g.h.i.shop.example.test', 'h.i.shop.example.test', 'i.shop.example.test', 'shop.example.test', 'example.test'];
		expect(domains).toEqual(new Set([undefined, host, ...parents]));
	});

	it('one cookie of our name among other cookies is still a session, and a stale cookie of another name is ignored', async () => {
		const alice = new CookieJar();
		await signIn(alice, 'alice@example.test');
		await alice.setCookie('other_session=x; Path=/', SITE);
		await alice.setCookie('zendesk_messaging_session_old=y; Path=/', SITE);

		const response = await refresh(alice);

		expect(await externalIdOf(response)).toBe(ALICE.externalId);
		expect(response.headers.getSetCookie()).toHaveLength(1);
	});

	it('a logout with two cookies reports no session to onLogout and clears both', async () => {
		const onLogout = vi.fn();
		const handleLogout = createLogoutHandler({session, onLogout, onError: vi.fn()});
		const alice = new CookieJar();
		await signIn(alice, 'alice@example.test');
		await alice.setCookie(`zendesk_messaging_session=${await evesCookieValue()}; Domain=example.test; Path=/api/zendesk/logout`, SIBLING);

		const response = await send(alice, handleLogout, '/api/zendesk/logout');

		expect(response.status).toBe(204);
		expect(onLogout).not.toHaveBeenCalled();
		expect(await alice.getCookieString(`${SITE}/api/zendesk/logout`)).toBe('');
	});

	it('a "__Host-" cookie, which no sibling can plant, is cleared at its one place only', async () => {
		const hostSession: SessionCookieOptions = {sessionSecret: SESSION_SECRET, cookieName: '__Host-zma'};
		const refreshHost = createRefreshHandler({...signing, session: hostSession, onError: vi.fn()});
		const request = new Request(`${SITE}/api/zendesk/refresh`, {method: 'POST', headers: {origin: SITE, cookie: '__Host-zma=a; __Host-zma=b'}});

		const response = await refreshHost(request);

		expect(response.headers.getSetCookie()).toEqual(['__Host-zma=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax; Secure']);
	});
});

describe('a session cookie is bound to its deployment (issue 20, case 6)', () => {
	// Brand B: its own Zendesk key and cookie name, the same sessionSecret as brand A (the handlers above).
	const KEY_ID_B = 'app_75a1d2e3f4a5b6c7d8e9f012';
	const SECRET_B = 'hK3x9QeV2pLmZ7rT1wYbN5cJ8dF4gS6uA0oIqE_-RtWz';
	const sessionB: SessionCookieOptions = {sessionSecret: SESSION_SECRET, cookieName: 'brand_b_session', cookiePath: '/api/zendesk'};

	async function aliceCookieValueA(): Promise<string> {
		const jar = new CookieJar();
		await signIn(jar, 'alice@example.test');
		return /zendesk_messaging_session=([^;]+)/.exec(await jar.getCookieString(`${SITE}/api/zendesk/refresh`))![1]!;
	}

	const refreshWith = (handler: (request: Request) => Promise<Response>, cookie: string) =>
		handler(new Request(`${SITE}/api/zendesk/refresh`, {method: 'POST', headers: {origin: SITE, cookie}}));

	it('brand A\'s cookie replayed under brand B\'s cookie name gets no JWT from brand B', async () => {
		const handleRefreshB = createRefreshHandler({keyId: KEY_ID_B, secret: SECRET_B, session: sessionB, onError: vi.fn()});
		const value = await aliceCookieValueA();

		const response = await refreshWith(handleRefreshB, `brand_b_session=${value}`);

		expect(response.status).toBe(await noSessionStatus());
		expect(await response.text()).not.toContain('jwt');
	});

	it('under the same cookie name, a cookie another Zendesk key id issued is refused', async () => {
		const sameNameOtherKey = createRefreshHandler({keyId: KEY_ID_B, secret: SECRET_B, session, onError: vi.fn()});
		const value = await aliceCookieValueA();

		expect((await refreshWith(sameNameOtherKey, `zendesk_messaging_session=${value}`)).status).toBe(await noSessionStatus());
		// …while brand A still honours it.
		expect(await externalIdOf(await refreshWith(handleRefresh, `zendesk_messaging_session=${value}`))).toBe(ALICE.externalId);
	});

	it('brand B\'s logout does not report brand A\'s session to its onLogout', async () => {
		const onLogout = vi.fn();
		const handleLogoutB = createLogoutHandler({session: sessionB, onLogout, onError: vi.fn()});

		await handleLogoutB(new Request(`${SITE}/api/zendesk/logout`, {method: 'POST', headers: {origin: SITE, cookie: `brand_b_session=${await aliceCookieValueA()}`}}));

		expect(onLogout).not.toHaveBeenCalled();
	});
});
