import {describe, expect, it, vi} from 'vitest';
import {createTokenHandler, MAX_CREDENTIALS_BODY_BYTES, MessagingServerError, type TokenHandlerOptions} from '../../src/server.js';
import {ADA, authenticateAda, KEY_ID, loginRequest, ORIGIN, PASSWORD, post, SECRET, SESSION_SECRET, setCookieOf} from './fixtures.js';
import {verifyZendeskJwt} from './zendesk-verifier.js';

const handlerWith = (options: Partial<TokenHandlerOptions> = {}) =>
	createTokenHandler({keyId: KEY_ID, secret: SECRET, authenticate: authenticateAda, onError: vi.fn(), ...options});

const GOOD = {email: ADA.email, password: PASSWORD};

async function messageOf(response: Response): Promise<unknown> {
	return ((await response.json()) as {message?: unknown}).message;
}

function config(create: () => unknown): MessagingServerError {
	try {
		create();
	} catch (error) {
		expect(error).toBeInstanceOf(MessagingServerError);
		return error as MessagingServerError;
	}

	throw new Error('the handler was created');
}

describe('createTokenHandler: answers', () => {
	it('answers 200 {"jwt"} with a Zendesk-ready token for good credentials, uncacheable', async () => {
		const response = await handlerWith()(loginRequest(GOOD));

		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
		expect(response.headers.get('cache-control')).toBe('no-store');
		const {jwt} = (await response.json()) as {jwt: string};
		expect(verifyZendeskJwt(jwt, SECRET).claims).toMatchObject({
			external_id: ADA.externalId,
			scope: 'user',
			name: ADA.name,
			email: ADA.email,
			email_verified: true,
		});
	});

	it('hands authenticate the posted fields and the request', async () => {
		const authenticate = vi.fn(authenticateAda);
		const request = loginRequest({...GOOD, remember: true});
		await handlerWith({authenticate})(request);

		expect(authenticate).toHaveBeenCalledWith({...GOOD, remember: true}, request);
	});

	it('answers 401 {"message"} when authenticate finds nobody', async () => {
		const response = await handlerWith()(loginRequest({...GOOD, password: 'wrong'}));

		expect(response.status).toBe(401);
		expect(await messageOf(response)).toBe('Those sign-in details are not correct.');
	});

	it.each([
		['malformed JSON', '{"email": "ada@example.com",'],
		['a JSON array', '["ada@example.com"]'],
		['JSON null', 'null'],
		['a JSON string', '"ada@example.com"'],
		['an empty body', ''],
		['bytes that are not UTF-8', new Uint8Array([0x7b, 0xff, 0x7d])],
	])('answers 400 for %s, without calling authenticate', async (_, body) => {
		const authenticate = vi.fn(authenticateAda);
		const response = await handlerWith({authenticate})(post('/api/zendesk/token', {body, headers: {'content-type': 'application/json'}}));

		expect(response.status).toBe(400);
		expect(await messageOf(response)).toBe('The request body must be a JSON object of the sign-in fields.');
		expect(authenticate).not.toHaveBeenCalled();
	});

	it('answers 400 for a body over the limit', async () => {
		const response = await handlerWith()(loginRequest({...GOOD, padding: 'x'.repeat(MAX_CREDENTIALS_BODY_BYTES)}));

		expect(response.status).toBe(400);
		expect(await messageOf(response)).toBe('The request body is too large.');
	});

	it('answers 400 to a declared Content-Length over the limit without reading the body', async () => {
		let pulled = false;
		// highWaterMark 0: the stream is pulled only when someone reads it.
		const body = new ReadableStream<Uint8Array>(
			{
				pull() {
					pulled = true;
				},
			},
			{highWaterMark: 0},
		);
		const request = new Request(`${ORIGIN}/api/zendesk/token`, {
			method: 'POST',
			headers: {'content-type': 'application/json', 'content-length': String(MAX_CREDENTIALS_BODY_BYTES + 1)},
			body,
			duplex: 'half',
		} as RequestInit);

		expect((await handlerWith()(request)).status).toBe(400);
		expect(pulled).toBe(false);
	});

	it('answers 400 for an oversized body sent without Content-Length, and stops reading it', async () => {
		let chunksPulled = 0;
		const endless = new ReadableStream<Uint8Array>({
			pull(controller) {
				chunksPulled++;
				controller.enqueue(new TextEncoder().encode(`{"padding":"${'x'.repeat(4096)}`));
			},
		});
		const request = new Request(`${ORIGIN}/api/zendesk/token`, {
			method: 'POST',
			headers: {'content-type': 'application/json'},
			body: endless,
			duplex: 'half',
		} as RequestInit);

		const response = await handlerWith()(request);

		expect(request.headers.get('content-length')).toBeNull();
		expect(response.status).toBe(400);
		expect(await messageOf(response)).toBe('The request body is too large.');
		expect(chunksPulled).toBeLessThan(10);
	});

	it('accepts a body of exactly the limit', async () => {
		const padding = 'x'.repeat(MAX_CREDENTIALS_BODY_BYTES - JSON.stringify({...GOOD, padding: ''}).length);
		const body = JSON.stringify({...GOOD, padding});
		expect(new TextEncoder().encode(body).byteLength).toBe(MAX_CREDENTIALS_BODY_BYTES);

		expect((await handlerWith()(loginRequest(JSON.parse(body)))).status).toBe(200);
	});

	it.each(['GET', 'PUT', 'DELETE'])('answers 405 with Allow: POST to %s', async (method) => {
		const request = new Request(`${ORIGIN}/api/zendesk/token`, {method, headers: {origin: ORIGIN}});
		const response = await handlerWith()(request);

		expect(response.status).toBe(405);
		expect(response.headers.get('allow')).toBe('POST');
	});

	it.each([
		['text/plain', 'text/plain;charset=UTF-8'],
		['a form', 'application/x-www-form-urlencoded'],
		['no Content-Type', undefined],
	])('answers 415 for %s', async (_, contentType) => {
		const headers: Record<string, string> = contentType === undefined ? {} : {'content-type': contentType};
		const request = new Request(`${ORIGIN}/api/zendesk/token`, {method: 'POST', headers: {origin: ORIGIN, ...headers}, body: new Blob([JSON.stringify(GOOD)])});
		const response = await handlerWith()(request);

		expect(request.headers.get('content-type')).toBe(contentType ?? null);
		expect(response.status).toBe(415);
		expect(await messageOf(response)).toBe('Send the sign-in fields as JSON (Content-Type: application/json).');
	});

	it('accepts application/json with a charset parameter, in any case', async () => {
		const response = await handlerWith()(loginRequest(GOOD, {'content-type': 'Application/JSON; charset=utf-8'}));
		expect(response.status).toBe(200);
	});

	it.each([
		['another site', 'https://evil.example'],
		['another port of the same host', 'https://shop.example:8443'],
		['an opaque origin', 'null'],
	])('answers 403 to a POST whose Origin is %s', async (_, origin) => {
		const authenticate = vi.fn(authenticateAda);
		const response = await handlerWith({authenticate})(loginRequest(GOOD, {origin, 'sec-fetch-site': 'cross-site'}));

		expect(response.status).toBe(403);
		expect(await messageOf(response)).toBe('Cross-site requests are not allowed.');
		expect(authenticate).not.toHaveBeenCalled();
	});

	it('answers 403 to a POST marked Sec-Fetch-Site: cross-site even without Origin', async () => {
		const request = new Request(`${ORIGIN}/api/zendesk/token`, {
			method: 'POST',
			headers: {'content-type': 'application/json', 'sec-fetch-site': 'cross-site'},
			body: JSON.stringify(GOOD),
		});

		expect((await handlerWith()(request)).status).toBe(403);
	});

	it('accepts an origin listed in allowedOrigins, however it is written', async () => {
		const handler = handlerWith({allowedOrigins: ['https://WWW.Example.com/']});
		const response = await handler(loginRequest(GOOD, {origin: 'https://www.example.com', 'sec-fetch-site': 'cross-site'}));

		expect(response.status).toBe(200);
	});

	it('accepts a request with neither Origin nor Sec-Fetch-Site, as a server-side client sends it', async () => {
		const request = new Request(`${ORIGIN}/api/zendesk/token`, {method: 'POST', headers: {'content-type': 'application/json'}, body: JSON.stringify(GOOD)});
		expect((await handlerWith()(request)).status).toBe(200);
	});

	it('answers 500 with a generic message when authenticate throws, and hands the error to onError', async () => {
		const failure = new Error('connect ECONNREFUSED 10.0.0.5:5432 (users database)');
		const onError = vi.fn();
		const request = loginRequest(GOOD);
		const response = await handlerWith({onError, authenticate: () => Promise.reject(failure)})(request);

		expect(response.status).toBe(500);
		const text = await response.text();
		expect(JSON.parse(text)).toEqual({message: 'Something went wrong on our side. Please try again later.'});
		expect(text).not.toContain('ECONNREFUSED');
		expect(onError).toHaveBeenCalledWith(failure, request);
	});

	it('answers 500 and reports ERR_INVALID_USER when authenticate gives a numeric externalId', async () => {
		const onError = vi.fn();
		const response = await handlerWith({onError, authenticate: async () => ({externalId: 42 as unknown as string})})(loginRequest(GOOD));

		expect(response.status).toBe(500);
		expect(onError.mock.calls[0]?.[0]).toMatchObject({code: 'ERR_INVALID_USER', message: expect.stringContaining('from authenticate')});
	});

	it('answers 500 (generic) and reports ERR_INVALID_USER when authenticate gives an externalId Zendesk would refuse (over 255 characters)', async () => {
		const onError = vi.fn();
		const response = await handlerWith({onError, authenticate: async () => ({externalId: 'u'.repeat(256)})})(loginRequest(GOOD));

		expect(response.status).toBe(500);
		expect(await response.json()).toEqual({message: 'Something went wrong on our side. Please try again later.'});
		expect(onError.mock.calls[0]?.[0]).toMatchObject({code: 'ERR_INVALID_USER', message: 'externalId from authenticate is 256 characters: Zendesk accepts at most 255.'});
	});

	it('answers 500 and says why when authenticate resolves undefined instead of a user or null', async () => {
		const onError = vi.fn();
		const response = await handlerWith({onError, authenticate: async () => undefined as unknown as null})(loginRequest(GOOD));

		expect(response.status).toBe(500);
		expect(onError.mock.calls[0]?.[0]).toMatchObject({code: 'ERR_INVALID_USER', message: expect.stringMatching(/^authenticate must give a user .*, or null; got undefined\.$/)});
	});

	it('logs to console.error when no onError is given', async () => {
		const log = vi.spyOn(console, 'error').mockImplementation(() => {});
		const response = await createTokenHandler({keyId: KEY_ID, secret: SECRET, authenticate: () => Promise.reject(new Error('boom'))})(loginRequest(GOOD));

		expect(response.status).toBe(500);
		expect(log).toHaveBeenCalledWith('zendesk-messaging-auth/server:', new Error('boom'));
	});

	it('still answers 500 when onError itself throws', async () => {
		const onError = () => {
			throw new Error('logger down');
		};

		const response = await handlerWith({onError, authenticate: () => Promise.reject(new Error('boom'))})(loginRequest(GOOD));
		expect(response.status).toBe(500);
	});
});

describe('createTokenHandler: the password never comes back', () => {
	const password = 'Pa55-word-that-must-stay-secret';
	const authenticate = async (credentials: Record<string, unknown>) => (credentials['password'] === password ? ADA : null);

	it.each([
		['a good login', {email: ADA.email, password}],
		['a bad login', {email: 'nobody@example.com', password}],
		['an unknown field layout', {user: ADA.email, password}],
	])('echoes the password in no header or body of %s', async (_, credentials) => {
		const handler = handlerWith({authenticate, session: {sessionSecret: SESSION_SECRET}});
		const response = await handler(loginRequest(credentials));

		expect([200, 401]).toContain(response.status);
		const headers = [...response.headers].flat().join('\n');
		const body = await response.text();
		for (const text of [headers, body, Buffer.from(body, 'utf8').toString('base64url')]) expect(text).not.toContain(password);
		// The session cookie's payload is base64url JSON: decode it too.
		for (const cookie of response.headers.getSetCookie()) {
			const payload = cookie.split('=')[1]?.split('.')[1] ?? '';
			expect(Buffer.from(payload, 'base64url').toString()).not.toContain(password);
		}
	});

	it('echoes the password in no answer to a refused request', async () => {
		const handler = handlerWith({authenticate});
		const refusals = [
			post('/api/zendesk/token', {body: `{"password": "${password}"`, headers: {'content-type': 'application/json'}}),
			post('/api/zendesk/token', {body: JSON.stringify({password}), headers: {'content-type': 'text/plain'}}),
			loginRequest({password, padding: 'x'.repeat(MAX_CREDENTIALS_BODY_BYTES)}),
			loginRequest({password}, {origin: 'https://evil.example'}),
		];

		for (const request of refusals) {
			const response = await handler(request);
			expect(response.status).toBeGreaterThanOrEqual(400);
			expect([...response.headers].flat().join('\n') + (await response.text())).not.toContain(password);
		}
	});

	it('keeps the password out of the error an invalid user reports', async () => {
		const onError = vi.fn();
		const handler = handlerWith({onError, authenticate: async (credentials) => ({externalId: credentials['password'] as string, name: 42 as unknown as string})});
		await handler(loginRequest({email: ADA.email, password}));

		expect(String(onError.mock.calls[0]?.[0])).not.toContain(password);
	});
});

describe('createTokenHandler: the session cookie', () => {
	it('sets an HttpOnly, SameSite=Lax session cookie on a good login when given session options', async () => {
		const response = await handlerWith({session: {sessionSecret: SESSION_SECRET, cookiePath: '/api/zendesk'}})(loginRequest(GOOD));
		const {pair, attributes} = setCookieOf(response);

		expect(pair).toMatch(/^zendesk_messaging_session=[\w-]+\.[\w-]+\.[\w-]+$/);
		expect(attributes.get('path')).toBe('/api/zendesk');
		expect(attributes.has('httponly')).toBe(true);
		expect(attributes.get('samesite')).toBe('Lax');
		expect(attributes.has('secure')).toBe(true);
		expect(attributes.get('max-age')).toBe(String(24 * 60 * 60));
	});

	it('sets no cookie without session options, nor for bad credentials', async () => {
		expect((await handlerWith()(loginRequest(GOOD))).headers.getSetCookie()).toEqual([]);
		const bad = await handlerWith({session: {sessionSecret: SESSION_SECRET}})(loginRequest({...GOOD, password: 'wrong'}));
		expect(bad.headers.getSetCookie()).toEqual([]);
	});
});

describe('createTokenHandler: configuration', () => {
	it('refuses to start without authenticate', () => {
		expect(config(() => createTokenHandler({keyId: KEY_ID, secret: SECRET} as TokenHandlerOptions))).toMatchObject({
			code: 'ERR_SERVER_CONFIG',
			message: 'authenticate must be a function; got undefined.',
		});
	});

	it('refuses to start with a missing key id or a short secret, before any request', () => {
		expect(config(() => handlerWith({keyId: ''})).message).toMatch(/^keyId must be/);
		expect(config(() => handlerWith({secret: 'short'})).message).toMatch(/^secret is 5 characters long/);
	});

	it('refuses an unknown option, suggesting the right name', () => {
		const options = {keyId: KEY_ID, secret: SECRET, authenticate: authenticateAda, ExpiresInSeconds: 60} as TokenHandlerOptions;
		expect(config(() => createTokenHandler(options)).message).toMatch(/^Unknown createTokenHandler option "ExpiresInSeconds". Did you mean "expiresInSeconds"\?/);
	});

	it('refuses allowedOrigins that are not origins', () => {
		expect(config(() => handlerWith({allowedOrigins: ['www.example.com']})).message).toContain('"www.example.com" is not one');
		expect(config(() => handlerWith({allowedOrigins: ['file:///index.html']})).message).toContain('"file:///index.html" is not one');
		expect(config(() => handlerWith({allowedOrigins: 'https://www.example.com' as unknown as string[]})).message).toMatch(/^allowedOrigins must be an array/);
	});

	it('refuses a session secret equal to the Zendesk secret', () => {
		expect(config(() => handlerWith({session: {sessionSecret: SECRET}})).message).toMatch(/^sessionSecret must differ from the Zendesk secret/);
	});
});

describe('createTokenHandler: a body that does not arrive (bodyTimeoutMs)', () => {
	/** A JSON body that sends `first` and then nothing more, or one byte every `everyMs`, never closing. */
	function tricklingRequest(first: string, everyMs?: number): {request: Request; cancelled: () => boolean} {
		const encoder = new TextEncoder();
		let cancelled = false;
		let timer: ReturnType<typeof setInterval> | undefined;
		const body = new ReadableStream<Uint8Array>({
			start(controller) {
				controller.enqueue(encoder.encode(first));
				if (everyMs !== undefined) timer = setInterval(() => controller.enqueue(encoder.encode(' ')), everyMs);
			},
			cancel() {
				cancelled = true;
				clearInterval(timer);
			},
		});
		const request = new Request(`${ORIGIN}/api/zendesk/token`, {
			method: 'POST',
			headers: {origin: ORIGIN, 'content-type': 'application/json'},
			body,
			duplex: 'half',
		} as RequestInit);
		return {request, cancelled: () => cancelled};
	}

	async function settledWithin(promise: Promise<Response>, ms: number): Promise<Response | undefined> {
		let settled: Response | undefined;
		void promise.then((response) => (settled = response));
		await vi.advanceTimersByTimeAsync(ms);
		return settled;
	}

	it('answers 408 {"message"} with Connection: close after the default 10000 ms, and stops reading the body', async () => {
		vi.useFakeTimers();
		try {
			const authenticate = vi.fn(authenticateAda);
			const {request, cancelled} = tricklingRequest('{"email": "ada@example.com", "password": "analyt');
			const answer = handlerWith({authenticate})(request);

			expect(await settledWithin(answer, 9_999)).toBeUndefined();
			const response = await settledWithin(answer, 1);
			expect(response?.status).toBe(408);
			expect(response?.headers.get('connection')).toBe('close');
			expect(response?.headers.get('cache-control')).toBe('no-store');
			expect(await response?.json()).toEqual({message: 'The request body took too long to arrive. Please try again.'});
			expect(cancelled()).toBe(true);
			expect(authenticate).not.toHaveBeenCalled();
		} finally {
			vi.useRealTimers();
		}
	});

	it('times the whole body, not the gap between chunks: one byte every 300 ms is answered 408 at bodyTimeoutMs', async () => {
		vi.useFakeTimers();
		try {
			const {request} = tricklingRequest('{', 300);
			const answer = handlerWith({bodyTimeoutMs: 2_000})(request);

			expect(await settledWithin(answer, 1_999)).toBeUndefined();
			expect((await settledWithin(answer, 1))?.status).toBe(408);
		} finally {
			vi.useRealTimers();
		}
	});

	it('leaves no timer behind once a body has arrived in time', async () => {
		vi.useFakeTimers();
		try {
			const response = await handlerWith({bodyTimeoutMs: 5_000})(loginRequest(GOOD));

			expect(response.status).toBe(200);
			expect(vi.getTimerCount()).toBe(0);
		} finally {
			vi.useRealTimers();
		}
	});

	it.each([0, -1, Number.POSITIVE_INFINITY, '10000'])('refuses a bodyTimeoutMs of %j at creation', (bodyTimeoutMs) => {
		expect(config(() => handlerWith({bodyTimeoutMs: bodyTimeoutMs as number})).message).toMatch(
			/^bodyTimeoutMs must be a positive number of milliseconds up to 2147483647 \(default 10000\); got /,
		);
	});
});
