import {Agent, createServer, request as httpRequest, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import express from 'express';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {createLogoutHandler, createRefreshHandler, createTokenHandler, MAX_CREDENTIALS_BODY_BYTES, toNodeHandler} from '../../src/server.js';
import {ADA, authenticateAda, KEY_ID, PASSWORD, SECRET, SESSION_SECRET} from './fixtures.js';
import {verifyZendeskJwt} from './zendesk-verifier.js';

const servers: Server[] = [];

afterEach(async () => {
	await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** Listens on a free loopback port and returns the base URL. */
async function listen(server: Server): Promise<string> {
	servers.push(server);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** The Express mounting of docs/server.md ("Mounting it"): three routes, one line of glue each. */
function expressApp(configure: (app: express.Express) => void = () => {}) {
	const session = {sessionSecret: SESSION_SECRET, cookiePath: '/api/zendesk'};
	const app = express();
	configure(app);
	app.post('/api/zendesk/token', toNodeHandler(createTokenHandler({keyId: KEY_ID, secret: SECRET, authenticate: authenticateAda, session})));
	app.post('/api/zendesk/refresh', toNodeHandler(createRefreshHandler({keyId: KEY_ID, secret: SECRET, session})));
	app.post('/api/zendesk/logout', toNodeHandler(createLogoutHandler({session})));
	return app;
}

const cookiePair = (response: Response) => response.headers.getSetCookie()[0]?.split(';')[0] ?? '';

const postJson = (url: string, body: unknown, headers: Record<string, string> = {}) =>
	fetch(url, {method: 'POST', headers: {'content-type': 'application/json', ...headers}, body: JSON.stringify(body)});

describe('toNodeHandler in a real Express 5 app on loopback', () => {
	it('signs in, refreshes with the cookie carried, signs out, and then refuses to refresh', async () => {
		const base = await listen(createServer(expressApp()));

		const login = await postJson(`${base}/api/zendesk/token`, {email: ADA.email, password: PASSWORD}, {origin: base});
		expect(login.status).toBe(200);
		expect(login.headers.get('cache-control')).toBe('no-store');
		expect(verifyZendeskJwt(((await login.json()) as {jwt: string}).jwt, SECRET).claims['external_id']).toBe(ADA.externalId);
		const loginCookie = cookiePair(login);
		expect(login.headers.getSetCookie()[0]).toContain('HttpOnly');

		const refresh = await fetch(`${base}/api/zendesk/refresh`, {method: 'POST', headers: {cookie: loginCookie, origin: base}});
		expect(refresh.status).toBe(200);
		expect(verifyZendeskJwt(((await refresh.json()) as {jwt: string}).jwt, SECRET).claims['name']).toBe(ADA.name);
		const rotatedCookie = cookiePair(refresh);
		expect(rotatedCookie).toMatch(/^zendesk_messaging_session=.+/);

		const logout = await fetch(`${base}/api/zendesk/logout`, {method: 'POST', headers: {cookie: rotatedCookie, origin: base}});
		expect(logout.status).toBe(204);
		expect(logout.headers.getSetCookie()[0]).toMatch(/^zendesk_messaging_session=; Path=\/api\/zendesk; Max-Age=0/);

		// The browser dropped the cookie...
		const signedOut = await fetch(`${base}/api/zendesk/refresh`, {method: 'POST', headers: {origin: base}});
		expect(signedOut.status).toBe(204);
		expect(await signedOut.text()).toBe('');
		// ...and a copy of it kept elsewhere was revoked by the sign-out (the process's memory store).
		const copied = await fetch(`${base}/api/zendesk/refresh`, {method: 'POST', headers: {cookie: rotatedCookie}});
		expect(copied.status).toBe(204);
	});

	it('answers 401 to bad credentials and 403 to another site, through the glue', async () => {
		const base = await listen(createServer(expressApp()));

		expect((await postJson(`${base}/api/zendesk/token`, {email: ADA.email, password: 'nope'})).status).toBe(401);
		expect((await postJson(`${base}/api/zendesk/token`, {email: ADA.email, password: PASSWORD}, {origin: 'https://evil.example'})).status).toBe(403);
	});

	it('works behind express.json(), which reads the body before the handler', async () => {
		const base = await listen(createServer(expressApp((app) => app.use(express.json()))));

		const login = await postJson(`${base}/api/zendesk/token`, {email: ADA.email, password: PASSWORD});
		expect(login.status).toBe(200);
	});

	it('answers 400 to an oversized chunked body, then serves the next login', async () => {
		const base = await listen(createServer(expressApp()));
		const huge = JSON.stringify({email: ADA.email, password: PASSWORD, padding: 'x'.repeat(64 * MAX_CREDENTIALS_BODY_BYTES)});
		const chunked = new ReadableStream<Uint8Array>({
			start(controller) {
				controller.enqueue(new TextEncoder().encode(huge));
				controller.close();
			},
		});

		const response = await fetch(`${base}/api/zendesk/token`, {
			method: 'POST',
			headers: {'content-type': 'application/json'},
			body: chunked,
			duplex: 'half',
		} as RequestInit);
		expect(response.status).toBe(400);
		expect(await response.json()).toEqual({message: 'The request body is too large.'});

		expect((await postJson(`${base}/api/zendesk/token`, {email: ADA.email, password: PASSWORD})).status).toBe(200);
	});

	it('drains bodies it refuses, unread or oversized, so one keep-alive connection serves the next request', async () => {
		const server = createServer(expressApp());
		let connections = 0;
		server.on('connection', () => connections++);
		const base = await listen(server);
		const agent = new Agent({keepAlive: true, maxSockets: 1});
		const send = (body: string, contentType: string) =>
			new Promise<number>((resolve, reject) => {
				const request = httpRequest(`${base}/api/zendesk/token`, {method: 'POST', agent, headers: {'content-type': contentType}}, (response) => {
					response.resume();
					response.on('end', () => resolve(response.statusCode ?? 0));
				});
				request.on('error', reject);
				request.end(body);
			});

		try {
			expect(await send('x'.repeat(1_000_000), 'text/plain')).toBe(415);
			expect(await send(JSON.stringify({padding: 'x'.repeat(1_000_000)}), 'application/json')).toBe(400);
			expect(await send(JSON.stringify({email: ADA.email, password: PASSWORD}), 'application/json')).toBe(200);
			expect(connections).toBe(1);
		} finally {
			agent.destroy();
		}
	});

	it('marks the cookie Secure behind a TLS-terminating proxy when Express trusts it', async () => {
		const base = await listen(createServer(expressApp((app) => app.set('trust proxy', 'loopback'))));

		const login = await postJson(
			`${base}/api/zendesk/token`,
			{email: ADA.email, password: PASSWORD},
			{'x-forwarded-proto': 'https', 'x-forwarded-host': 'shop.example', origin: 'https://shop.example'},
		);
		expect(login.status).toBe(200);
		expect(login.headers.getSetCookie()[0]).toMatch(/; Secure$/);
	});
});

describe('toNodeHandler in a plain node:http server', () => {
	it('serves a Fetch handler, status, headers and body', async () => {
		const handler = vi.fn(async (request: Request) => {
			const text = await request.text();
			const headers = new Headers({'content-type': 'text/plain', 'x-seen-method': request.method});
			headers.append('set-cookie', 'a=1');
			headers.append('set-cookie', 'b=2');
			return new Response(`${new URL(request.url).pathname} ${text}`, {status: 202, headers});
		});
		const base = await listen(createServer(toNodeHandler(handler)));

		const response = await fetch(`${base}/echo?x=1`, {method: 'PUT', body: 'hello'});

		expect(response.status).toBe(202);
		expect(await response.text()).toBe('/echo hello');
		expect(response.headers.get('x-seen-method')).toBe('PUT');
		expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
		expect(handler.mock.calls[0]?.[0].url).toBe(`${base}/echo?x=1`);
	});

	it('answers 500 when a Fetch handler throws, and the server keeps running', async () => {
		const log = vi.spyOn(console, 'error').mockImplementation(() => {});
		const base = await listen(createServer(toNodeHandler(() => Promise.reject(new Error('handler bug')))));

		expect((await fetch(`${base}/`, {method: 'POST'})).status).toBe(500);
		expect((await fetch(`${base}/`, {method: 'POST'})).status).toBe(500);
		expect(log).toHaveBeenCalledWith('zendesk-messaging-auth/server:', new Error('handler bug'));
	});

	it.each([
		['plain Node: the Host header', {}, 'http://127.0.0.1:PORT/login'],
		['Express 5 behind a trusted proxy: req.protocol and req.host', {protocol: 'https', host: 'shop.example'}, 'https://shop.example/login'],
		['Express 4: req.host without the port', {protocol: 'http', host: '127.0.0.1'}, 'http://127.0.0.1:PORT/login'],
		['a mounted Express router: req.originalUrl', {originalUrl: '/api/login'}, 'http://127.0.0.1:PORT/api/login'],
	])('builds the request URL from %s', async (_, properties, expected) => {
		let seen = '';
		const adapter = toNodeHandler(async (request) => {
			seen = request.url;
			return new Response(null, {status: 204});
		});
		const base = await listen(createServer((request, response) => void adapter(Object.assign(request, properties), response)));
		const port = new URL(base).port;

		await fetch(`${base}/login`, {method: 'POST'});
		expect(seen).toBe(expected.replace('PORT', port));
	});
});

