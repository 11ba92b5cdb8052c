import {describe, expect, it} from 'vitest';
import {MessagingServerError, type SessionCookieOptions} from '../../src/server.js';
import {SessionCookie} from '../../src/server/session-cookie.js';
import {ADA, KEY_ID, SECRET, SESSION_SECRET} from './fixtures.js';

const request = (url = 'https://shop.example/api/zendesk/token') => new Request(url, {method: 'POST'});

async function attributesOf(options: Partial<SessionCookieOptions>, url?: string): Promise<string[]> {
	const cookie = await new SessionCookie({sessionSecret: SESSION_SECRET, ...options}).start(ADA, request(url));
	return cookie.split('; ').slice(1);
}

function refusal(options: Record<string, unknown>): MessagingServerError {
	try {
		new SessionCookie({sessionSecret: SESSION_SECRET, ...options} as SessionCookieOptions, {keyId: KEY_ID, secret: SECRET});
	} catch (error) {
		expect(error).toBeInstanceOf(MessagingServerError);
		expect((error as MessagingServerError).code).toBe('ERR_SERVER_CONFIG');
		return error as MessagingServerError;
	}

	throw new Error('the options were accepted');
}

describe('SessionCookie attributes', () => {
	it('is HttpOnly, SameSite=Lax, Path=/ and Secure over https by default', async () => {
		expect(await attributesOf({})).toEqual(['Path=/', 'Max-Age=86400', 'HttpOnly', 'SameSite=Lax', 'Secure']);
	});

	it('is not Secure over plain http with secure "auto", so local development works', async () => {
		expect(await attributesOf({}, 'http://localhost:8080/api/zendesk/token')).not.toContain('Secure');
	});

	it('is Secure over http when secure is true, as behind a TLS-terminating proxy', async () => {
		expect(await attributesOf({secure: true}, 'http://10.0.0.7/api/zendesk/token')).toContain('Secure');
	});

	it('is never Secure when secure is false', async () => {
		expect(await attributesOf({secure: false})).not.toContain('Secure');
	});

	it('takes the configured name, path, domain and SameSite, and SameSite=None is always Secure', async () => {
		const cookie = await new SessionCookie({
			sessionSecret: SESSION_SECRET,
			cookieName: '__Secure-zma',
			cookiePath: '/api/zendesk',
			cookieDomain: 'shop.example',
			sameSite: 'none',
		}).start(ADA, request('http://localhost/api/zendesk/token'));

		expect(cookie).toMatch(/^__Secure-zma=[\w-]+\.[\w-]+\.[\w-]+; Path=\/api\/zendesk; Max-Age=86400; Domain=shop\.example; HttpOnly; SameSite=None; Secure$/);
	});

	it('lasts no longer than maxAgeSeconds when it is shorter than the idle timeout', async () => {
		expect(await attributesOf({maxAgeSeconds: 3600})).toContain('Max-Age=3600');
	});
});

describe('SessionCookie options', () => {
	it.each([
		['a short sessionSecret', {sessionSecret: 'too-short'}, /^sessionSecret is 9 characters long/],
		['the Zendesk secret as sessionSecret', {sessionSecret: SECRET}, /^sessionSecret must differ/],
		['a cookie name with a space', {cookieName: 'my session'}, /^cookieName must be a cookie name/],
		['a relative path', {cookiePath: 'api/zendesk'}, /^cookiePath must be a URL path starting with "\/"/],
		['a path that injects an attribute', {cookiePath: '/; Domain=evil.example'}, /^cookiePath must be a URL path/],
		['a domain with a scheme', {cookieDomain: 'https://shop.example'}, /^cookieDomain must be a host name/],
		['an unknown SameSite', {sameSite: 'Lax'}, /^sameSite must be "lax", "strict" or "none"; got "Lax"/],
		['secure false with SameSite=None', {sameSite: 'none', secure: false}, /^secure cannot be false with sameSite "none"/],
		['secure false with a __Secure- name', {cookieName: '__Secure-s', secure: false}, /^secure cannot be false with the cookie name prefix/],
		['a __Host- cookie with a path', {cookieName: '__Host-s', cookiePath: '/api'}, /^A "__Host-" cookie needs cookiePath "\/"/],
		['a zero maxAgeSeconds', {maxAgeSeconds: 0}, /^maxAgeSeconds must be a whole number of seconds from 1 to 34560000 \(400 days\), default 604800/],
		['a string idleTimeoutSeconds', {idleTimeoutSeconds: '3600'}, /^idleTimeoutSeconds must be a whole number of seconds/],
		['a misspelt option', {maxAge: 3600}, /^Unknown session option "maxAge"/],
	])('refuses %s, saying what to fix', (_, options, message) => {
		expect(refusal(options).message).toMatch(message);
	});

	// Headers carry US-ASCII only: the Fetch API's Headers throw on anything else, which made every login a 500.
	it.each([
		['cookieName', 'sessión'],
		['cookieName', 'セッション'],
		['cookiePath', '/api/日本'],
		['cookiePath', '/café'],
		['cookiePath', '/api/zendesk\u0000'],
		['cookiePath', '/api zendesk'],
		['cookieDomain', 'bücher.example'],
		['cookieDomain', '日本.example'],
		['cookieDomain', 'shop.example; Secure'],
	])('refuses a %s of %j, which a Set-Cookie header cannot carry, naming the option', (option, value) => {
		const error = refusal({[option]: value});
		expect(error.message.startsWith(`${option} must be`)).toBe(true);
		expect(error.message).not.toContain(value);
	});

	it('says how to write a path with other characters: percent-encoded, as accepted', async () => {
		expect(refusal({cookiePath: '/api/日本'}).message).toContain('percent-encode anything else');
		expect(await attributesOf({cookiePath: '/api/%E6%97%A5%E6%9C%AC'})).toContain('Path=/api/%E6%97%A5%E6%9C%AC');
	});

	it('accepts every name, path and domain it lets through into a real Set-Cookie header', async () => {
		const cookie = await new SessionCookie({
			sessionSecret: SESSION_SECRET,
			cookieName: "a!#$%&'*+-.^_`|~9",
			cookiePath: '/!"#$%&\'()*+-./0:<=>?@Z[\\]^_`z{|}~',
			cookieDomain: '.xn--bcher-kva.example',
		}).start(ADA, request());
		expect(() => new Headers().append('set-cookie', cookie)).not.toThrow();
		expect(new Response(null, {headers: {'set-cookie': cookie}}).headers.getSetCookie()).toEqual([cookie]);
	});
});
