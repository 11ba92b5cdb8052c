import {createServer, type IncomingMessage, type ServerResponse} from 'node:http';
import {request as httpsRequest, createServer as createHttpsServer} from 'node:https';
import {createSecureServer, createServer as createHttp2Server} from 'node:http2';
import express from 'express';
import expressSession from 'express-session';
import {afterEach, beforeAll, describe, expect, it, vi} from 'vitest';
import {createJwtHandler, createLogoutHandler, createTokenHandler, nodeRequestOf, toNodeHandler, type FetchHandler, type User} from '../../src/server.js';
import {ADA, authenticateAda, KEY_ID, PASSWORD, SECRET, SESSION_SECRET} from './fixtures.js';
import {http2Request, Loopback, rawRequest, selfSignedCertificate} from './node-servers.js';
import {verifyZendeskJwt} from './zendesk-verifier.js';

const loopback = new Loopback();
afterEach(() => loopback.close());

const session = {sessionSecret: SESSION_SECRET, cookiePath: '/api/zendesk'};
const GOOD = JSON.stringify({email: ADA.email, password: PASSWORD});
const tokenHandler = (options: {bodyTimeoutMs?: number} = {}) =>
	createTokenHandler({keyId: KEY_ID, secret: SECRET, authenticate: authenticateAda, session, onError: vi.fn(), ...options});

const jwtOf = (body: string) => verifyZendeskJwt((JSON.parse(body) as {jwt: string}).jwt, SECRET).claims;

/** A POST through real `fetch`, as the browser SDK sends it (same origin). */
async function login(base: string, body: string, contentType = 'application/json'): Promise<{status: number; body: string}> {
	const response = await fetch(`${base}/api/zendesk/token`, {method: 'POST', headers: {'content-type': contentType, origin: base}, body});
	return {status: response.status, body: await response.text()};
}

/**
body-parser 1.x's `json()`, the `express.json()` of Express 4, in the part that matters here: it sets
`req.body = req.body || {}` first, then reads and parses only `application/json` (its default `type`) and leaves
every other content type, `application/*+json` included, unread on the stream.
*/
function bodyParser1Json() {
	return (req: IncomingMessage & {body?: unknown}, _res: ServerResponse, next: (error?: unknown) => void) => {
		req.body = req.body || {};
		if ((req.headers['content-type'] ?? '').split(';')[0]!.trim() !== 'application/json') return next();
		let text = '';
		req.setEncoding('utf8');
		req.on('data', (chunk: string) => (text += chunk));
		req.on('end', () => {
			try {
				req.body = JSON.parse(text);
				next();
			} catch (error) {
				next(error);
			}
		});
	};
}

/** `req.body = req.body || {}` as many apps write it, in front of every route. */
const defaultBody = (req: IncomingMessage & {body?: unknown}, _res: ServerResponse, next: () => void) => {
	req.body = req.body || {};
	next();
};

function expressApp(middleware: express.RequestHandler[]) {
	const app = express();
	for (const each of middleware) app.use(each);
	app.post('/api/zendesk/token', toNodeHandler(tokenHandler()));
	return app;
}

describe('toNodeHandler and a req.body a middleware set: the stream decides (issue 14, case 1)', () => {
	it.each([
		['Express 5, one line of middleware setting req.body = {}, a streamed JSON body', [defaultBody], 'application/json'],
		['Express 4-style body-parser 1.x json(), a JSON body it skips (application/vnd.api+json)', [bodyParser1Json()], 'application/vnd.api+json'],
		['Express 4-style body-parser 1.x json(), a JSON body with a charset it skips', [bodyParser1Json()], 'application/json; charset=utf-8'],
		['Express 5 express.json(), then req.body = req.body || {}, a +json type express.json() skips', [express.json(), defaultBody], 'application/ld+json'],
	])('%s: reads the stream itself and signs in', async (_, middleware, contentType) => {
		const base = `http://127.0.0.1:${await loopback.listen(createServer(expressApp(middleware as express.RequestHandler[])))}`;

		const answer = await login(base, GOOD, contentType);

		expect(answer.status).toBe(200);
		expect(jwtOf(answer.body)['external_id']).toBe(ADA.externalId);
		expect((await login(base, JSON.stringify({email: ADA.email, password: 'wrong'}), contentType)).status).toBe(401);
	});

	it.each([
		['Express 5 express.json()', [express.json()]],
		['Express 5 express.json(), then req.body = req.body || {}', [express.json(), defaultBody]],
		['Express 4-style body-parser 1.x json()', [bodyParser1Json()]],
	])('%s, a body it parsed (pre-parsed): takes req.body, the stream being read to its end', async (_, middleware) => {
		const base = `http://127.0.0.1:${await loopback.listen(createServer(expressApp(middleware as express.RequestHandler[])))}`;

		expect((await login(base, GOOD)).status).toBe(200);
		expect((await login(base, JSON.stringify({email: ADA.email, password: 'wrong'}))).status).toBe(401);
	});

	it('takes a body a parser rewrote (the stream read to its end), not the bytes on the wire', async () => {
		const rewriting: express.RequestHandler = (req, _res, next) => {
			req.resume();
			req.on('end', () => {
				req.body = {email: ADA.email, password: PASSWORD};
				next();
			});
		};
		const base = `http://127.0.0.1:${await loopback.listen(createServer(expressApp([rewriting])))}`;

		expect((await login(base, JSON.stringify({email: 'someone@else.example', password: 'x'}))).status).toBe(200);
	});

	it('answers 415 to a skipped content type that is not JSON, and serves the next request on the same connection', async () => {
		const base = `http://127.0.0.1:${await loopback.listen(createServer(expressApp([bodyParser1Json()])))}`;
		const port = Number(new URL(base).port);
		const headers = {host: `127.0.0.1:${port}`, 'content-type': 'text/plain', 'content-length': String(GOOD.length), connection: 'close'};

		const answer = await rawRequest(port, {target: '/api/zendesk/token', headers}, [GOOD]);

		expect(answer.status).toBe(415);
		expect((await login(base, GOOD, 'application/json')).status).toBe(200);
	});

	it('plain node:http with req.body = {} set in front: reads the stream', async () => {
		const adapter = toNodeHandler(tokenHandler());
		const port = await loopback.listen(createServer((req, res) => void adapter(Object.assign(req, {body: {}}), res)));

		expect((await login(`http://127.0.0.1:${port}`, GOOD)).status).toBe(200);
	});
});

describe('toNodeHandler and request targets that name another host (issue 14, case 2)', () => {
	const logoutApp = (onUrl: (url: string) => void = () => {}) => {
		const logout = createLogoutHandler({session, onError: vi.fn()});
		return toNodeHandler(async (request) => {
			onUrl(request.url);
			return logout(request);
		});
	};

	it.each([
		['a //host path', '//evil.example/api/zendesk/logout'],
		['an absolute-form target', 'http://evil.example/api/zendesk/logout'],
		['an absolute-form https target', 'https://evil.example/api/zendesk/logout'],
	])('%s keeps the origin of the connection: another site is refused 403, without a clearing cookie', async (_, target) => {
		let seen = '';
		const port = await loopback.listen(createServer(logoutApp((url) => (seen = url))));
		const headers = {host: `127.0.0.1:${port}`, origin: 'http://evil.example', connection: 'close', 'content-length': '0'};

		const answer = await rawRequest(port, {target, headers});

		expect(answer.status).toBe(403);
		expect(answer.headers['set-cookie']).toBeUndefined();
		expect(new URL(seen).origin).toBe(`http://127.0.0.1:${port}`);
	});

	it('a /\\host path (which Node reads with insecureHTTPParser) keeps the origin too', async () => {
		let seen = '';
		const port = await loopback.listen(createServer({insecureHTTPParser: true}, logoutApp((url) => (seen = url))));
		const headers = {host: `127.0.0.1:${port}`, origin: 'http://evil.example', connection: 'close', 'content-length': '0'};

		const answer = await rawRequest(port, {target: '/\\evil.example/api/zendesk/logout', headers});

		expect(answer.status).toBe(403);
		expect(seen).toBe(`http://127.0.0.1:${port}//evil.example/api/zendesk/logout`);
	});

	it('a \\\\host target handed on by a layer in front (Node\'s own parser refuses it) keeps the origin', async () => {
		// A rewrite or a proxy that decodes %5C can hand on a target that Node's strict parser never would.
		let seen = '';
		const adapter = logoutApp((url) => (seen = url));
		const port = await loopback.listen(
			createServer((req, res) => void adapter(Object.assign(req, {url: '\\\\evil.example\\api\\zendesk\\logout'}), res)),
		);

		const answer = await rawRequest(port, {target: '/', headers: {host: `127.0.0.1:${port}`, origin: 'http://evil.example', connection: 'close', 'content-length': '0'}});

		expect(answer.status).toBe(403);
		expect(new URL(seen).origin).toBe(`http://127.0.0.1:${port}`);
	});

	it('keeps the path and query such a target names, so a same-origin request still works', async () => {
		let seen = '';
		const port = await loopback.listen(createServer(logoutApp((url) => (seen = url))));
		const own = `http://127.0.0.1:${port}`;

		const slashes = await rawRequest(port, {target: '//evil.example/api/zendesk/logout?a=1', headers: {host: `127.0.0.1:${port}`, origin: own, connection: 'close', 'content-length': '0'}});
		expect(slashes.status).toBe(204);
		expect(seen).toBe(`${own}//evil.example/api/zendesk/logout?a=1`);

		const absolute = await rawRequest(port, {target: 'http://evil.example/api/zendesk/logout?b=2', headers: {host: `127.0.0.1:${port}`, origin: own, connection: 'close', 'content-length': '0'}});
		expect(absolute.status).toBe(204);
		expect(seen).toBe(`${own}/api/zendesk/logout?b=2`);

		await rawRequest(port, {method: 'OPTIONS', target: '*', headers: {host: `127.0.0.1:${port}`, connection: 'close'}});
		expect(seen).toBe(`${own}/`);
	});

	it('an https absolute-form target over plain http does not make the session cookie Secure', async () => {
		const port = await loopback.listen(createServer(toNodeHandler(tokenHandler())));
		const headers = {host: `127.0.0.1:${port}`, 'content-type': 'application/json', 'content-length': String(GOOD.length), connection: 'close'};

		const answer = await rawRequest(port, {target: 'https://127.0.0.1/api/zendesk/token', headers}, [GOOD]);

		expect(answer.status).toBe(200);
		expect(String(answer.headers['set-cookie'])).not.toContain('Secure');
	});
});

describe('toNodeHandler over node:https and node:http2 (issue 14, case 3)', () => {
	let tls: {key: string; cert: string};
	beforeAll(() => {
		tls = selfSignedCertificate();
	});

	it('h2c (node:http2 without TLS): the host is :authority, a same-origin login gets 200, another site 403', async () => {
		const port = await loopback.listen(createHttp2Server(toNodeHandler(tokenHandler())));
		const own = `http://127.0.0.1:${port}`;
		const client = loopback.http2Client(own);
		const headers = {':method': 'POST', ':path': '/api/zendesk/token', 'content-type': 'application/json'};

		const same = await http2Request(client, {...headers, origin: own}, GOOD);
		expect(same.status).toBe(200);
		expect(jwtOf(same.body)['external_id']).toBe(ADA.externalId);
		expect(same.headers['cache-control']).toBe('no-store');
		expect(String(same.headers['set-cookie'])).toMatch(/^zendesk_messaging_session=[^;]+; Path=\/api\/zendesk; .*HttpOnly; SameSite=Lax$/);

		expect((await http2Request(client, {...headers, origin: 'http://evil.example'}, GOOD)).status).toBe(403);
		expect((await http2Request(client, {...headers, ':path': '//evil.example/api/zendesk/token', origin: 'http://evil.example'}, GOOD)).status).toBe(403);
	});

	it('node:http2: leaves out the HTTP/1 connection headers a Fetch handler may answer with, which node:http2 throws on', async () => {
		const handler: FetchHandler = async () =>
			new Response('ok', {headers: {'keep-alive': 'timeout=5', 'transfer-encoding': 'chunked', upgrade: 'h2c', connection: 'keep-alive', 'x-kept': 'yes'}});
		const port = await loopback.listen(createHttp2Server(toNodeHandler(handler)));

		const answer = await http2Request(loopback.http2Client(`http://127.0.0.1:${port}`), {':method': 'POST', ':path': '/'}, '');

		expect(answer.status).toBe(200);
		expect(answer.body).toBe('ok');
		expect(answer.headers['x-kept']).toBe('yes');
		for (const name of ['keep-alive', 'transfer-encoding', 'upgrade', 'connection']) expect(answer.headers[name]).toBeUndefined();
	});

	it('node:http2 over TLS: a same-origin login gets 200 and a Secure cookie', async () => {
		const port = await loopback.listen(createSecureServer(tls, toNodeHandler(tokenHandler())));
		const own = `https://127.0.0.1:${port}`;
		const client = loopback.http2Client(own, tls.cert);

		const answer = await http2Request(client, {':method': 'POST', ':path': '/api/zendesk/token', 'content-type': 'application/json', origin: own}, GOOD);

		expect(answer.status).toBe(200);
		expect(jwtOf(answer.body)['external_id']).toBe(ADA.externalId);
		expect(String(answer.headers['set-cookie'])).toMatch(/; Secure$/);
	});

	it('node:https: a same-origin login gets 200 and a Secure cookie; another site 403', async () => {
		const port = await loopback.listen(createHttpsServer(tls, toNodeHandler(tokenHandler())));
		const own = `https://127.0.0.1:${port}`;
		const send = (origin: string) =>
			new Promise<{status: number; cookie: string; body: string}>((resolve, reject) => {
				const request = httpsRequest(
					`${own}/api/zendesk/token`,
					{method: 'POST', ca: tls.cert, headers: {'content-type': 'application/json', origin}},
					(response) => {
						let body = '';
						response.setEncoding('utf8');
						response.on('data', (chunk: string) => (body += chunk));
						response.on('end', () => resolve({status: response.statusCode ?? 0, cookie: String(response.headers['set-cookie']), body}));
					},
				);
				request.on('error', reject);
				request.end(GOOD);
			});

		const same = await send(own);
		expect(same.status).toBe(200);
		expect(jwtOf(same.body)['external_id']).toBe(ADA.externalId);
		expect(same.cookie).toMatch(/; Secure$/);
		expect((await send('https://evil.example')).status).toBe(403);
	});
});

describe('toNodeHandler and a body that trickles in (issue 14, case 5)', () => {
	const trickle = Array.from({length: 40}, (_, index) => (index === 0 ? '{' : ' '));

	it('node:http: answers 408 {"message"} at bodyTimeoutMs and closes the connection', async () => {
		const port = await loopback.listen(createServer(toNodeHandler(tokenHandler({bodyTimeoutMs: 600}))));
		const headers = {host: `127.0.0.1:${port}`, 'content-type': 'application/json', 'transfer-encoding': 'chunked'};
		const chunked = trickle.map((byte) => `1\r\n${byte}\r\n`);

		const answer = await rawRequest(port, {target: '/api/zendesk/token', headers}, chunked, {gapMs: 100, timeoutMs: 3_000});

		expect(answer.status).toBe(408);
		expect(JSON.parse(answer.body.replace(/^[\da-f]+\r\n|\r\n0\r\n\r\n$/g, ''))).toEqual({message: 'The request body took too long to arrive. Please try again.'});
		expect(answer.headers['connection']).toBe('close');
		// Closed by the server soon after the deadline, not by our 3 s guard nor the end of the 4 s trickle.
		expect(answer.closedByServer).toBe(true);
		expect(answer.elapsedMs).toBeLessThan(2_000);
	});

	it('node:http2: answers 408 {"message"} at bodyTimeoutMs, without the HTTP/1 Connection header HTTP/2 forbids', async () => {
		const port = await loopback.listen(createHttp2Server(toNodeHandler(tokenHandler({bodyTimeoutMs: 600}))));
		const own = `http://127.0.0.1:${port}`;
		const started = performance.now();

		const answer = await http2Request(
			loopback.http2Client(own),
			{':method': 'POST', ':path': '/api/zendesk/token', 'content-type': 'application/json', origin: own},
			undefined,
			{chunks: trickle, gapMs: 100},
		);

		expect(answer.status).toBe(408);
		expect(JSON.parse(answer.body)).toEqual({message: 'The request body took too long to arrive. Please try again.'});
		expect(answer.headers['connection']).toBeUndefined();
		expect(performance.now() - started).toBeLessThan(2_000);
	});
});

describe('nodeRequestOf: createJwtHandler reading express-session (the recipe of docs/site-login.md)', () => {
	interface SiteSession {
		user?: User;
	}

	function siteApp() {
		const app = express();
		app.use(expressSession({secret: SESSION_SECRET, resave: false, saveUninitialized: false}));
		app.post('/login', express.json(), (req, res) => {
			const found = req.body?.email === ADA.email && req.body?.password === PASSWORD;
			if (!found) return void res.status(401).end();
			(req.session as SiteSession).user = ADA;
			res.status(204).end();
		});
		app.post('/logout', (req, res) => req.session.destroy(() => res.status(204).end()));
		const handleJwt = createJwtHandler({
			keyId: KEY_ID,
			secret: SECRET,
			getUser: async (request) => (nodeRequestOf<express.Request>(request)?.session as SiteSession | undefined)?.user ?? null,
		});
		app.post('/api/zendesk/jwt', toNodeHandler(handleJwt));
		return app;
	}

	it('answers 204 before the site login, 200 {"jwt"} for the session user after it, and 204 after the site logout', async () => {
		const base = `http://127.0.0.1:${await loopback.listen(createServer(siteApp()))}`;
		const jwt = (cookie = '') => fetch(`${base}/api/zendesk/jwt`, {method: 'POST', headers: {origin: base, cookie}});

		expect((await jwt()).status).toBe(204);
		const signIn = await fetch(`${base}/login`, {method: 'POST', headers: {'content-type': 'application/json'}, body: GOOD});
		const cookie = signIn.headers.getSetCookie()[0]!.split(';')[0]!;

		const signedIn = await jwt(cookie);
		expect(signedIn.status).toBe(200);
		expect(jwtOf(await signedIn.text())).toMatchObject({external_id: ADA.externalId, name: ADA.name, email: ADA.email});

		await fetch(`${base}/logout`, {method: 'POST', headers: {cookie}});
		expect((await jwt(cookie)).status).toBe(204);
	});

	it('gives back the Node request of a request toNodeHandler built, and undefined for any other', async () => {
		let seen: unknown;
		let other: unknown = 'unset';
		const handler: FetchHandler = async (request) => {
			seen = nodeRequestOf(request);
			other = nodeRequestOf(request.clone());
			return new Response(null, {status: 204});
		};
		let incoming: unknown;
		const adapter = toNodeHandler(handler);
		const port = await loopback.listen(createServer((req, res) => void adapter((incoming = req) as IncomingMessage, res)));

		await fetch(`http://127.0.0.1:${port}/`, {method: 'POST'});

		expect(seen).toBe(incoming);
		expect(other).toBeUndefined();
		expect(nodeRequestOf(new Request('https://shop.example/'))).toBeUndefined();
	});
});
