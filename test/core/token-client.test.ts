import {createServer} from 'node:http';
import type {AddressInfo} from 'node:net';
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest';
import {resolveOptions} from '../../src/core/options.js';
import {MAX_BODY_BYTES, readBoundedText, TokenClient} from '../../src/core/token-client.js';
import {MessagingAuthError, type MessagingAuthErrorCode} from '../../src/errors/messaging-auth-error.js';
import {mintJwt} from '../helpers/jwt.js';
import {ADA, startTokenServer, type TokenServer} from '../helpers/token-server.js';

let server: TokenServer;
beforeAll(async () => {
	server = await startTokenServer();
});
afterAll(async () => server.close());

const client = (options: Record<string, unknown> = {}) =>
	new TokenClient(
		resolveOptions({tokenEndpoint: server.url('/token'), refreshEndpoint: server.url('/refresh'), logoutEndpoint: server.url('/logout'), ...options}),
	);

async function failure(promise: Promise<unknown>, code: MessagingAuthErrorCode): Promise<MessagingAuthError> {
	const error = await promise.then(
		() => {
			throw new Error(`expected ${code}`);
		},
		(error: unknown) => error,
	);
	expect(error).toBeInstanceOf(MessagingAuthError);
	expect((error as MessagingAuthError).code).toBe(code);
	return error as MessagingAuthError;
}

describe('TokenClient', () => {
	it('POSTs the credentials as JSON and returns the decoded token', async () => {
		const grant = await client().login({email: ADA.email, password: ADA.password});
		expect(grant.claims).toMatchObject({external_id: ADA.externalId, name: ADA.name});
		const request = server.requests.at(-1)!;
		expect(request).toMatchObject({method: 'POST', path: '/token'});
		expect(request.headers['content-type']).toMatch(/^application\/json/);
		expect(JSON.parse(request.body)).toEqual({email: ADA.email, password: ADA.password});
	});

	it('POSTs the refresh with no body', async () => {
		server.next('/refresh', {body: {jwt: mintJwt()}});
		await client().refresh();
		expect(server.requests.at(-1)).toMatchObject({method: 'POST', path: '/refresh', body: ''});
	});

	it('accepts {"token": …} as well as {"jwt": …}', async () => {
		server.next('/token', {body: {token: mintJwt()}});
		expect((await client().login({})).claims.external_id).toBe('user-ada');
	});

	it('sends extra headers, from an object or from a function called per request', async () => {
		await client({headers: {'X-Static': 'a'}}).login({email: ADA.email, password: ADA.password});
		expect(server.requests.at(-1)!.headers['x-static']).toBe('a');
		let n = 0;
		const rotating = client({headers: () => ({'X-CSRF-Token': `t${++n}`})});
		await rotating.login({email: ADA.email, password: ADA.password});
		await rotating.login({email: ADA.email, password: ADA.password});
		expect(server.requests.at(-1)!.headers['x-csrf-token']).toBe('t2');
	});

	it('maps a headers function that throws to ERR_CONFIG', async () => {
		const error = await failure(client({headers: () => {
			throw new Error('no csrf cookie');
		}}).login({}), 'ERR_CONFIG');
		expect(error.message).toMatch(/headers function threw.*no csrf cookie/);
	});

	it('maps 401 on login to ERR_INVALID_CREDENTIALS carrying the server message as text', async () => {
		const error = await failure(client().login({email: ADA.email, password: 'wrong'}), 'ERR_INVALID_CREDENTIALS');
		expect(error.status).toBe(401);
		expect(error.serverMessage).toBe('Invalid email or password.');
		expect(error.message).toMatch(/: Invalid email or password\.$/);
	});

	it('maps 403 on login to ERR_INVALID_CREDENTIALS', async () => {
		server.next('/token', {status: 403, body: {message: 'Account locked'}});
		expect((await failure(client().login({}), 'ERR_INVALID_CREDENTIALS')).serverMessage).toBe('Account locked');
	});

	it('maps 401/403 on refresh to ERR_SESSION_EXPIRED', async () => {
		server.next('/refresh', {status: 401});
		await failure(client().refresh(), 'ERR_SESSION_EXPIRED');
		server.next('/refresh', {status: 403});
		await failure(client().refresh(), 'ERR_SESSION_EXPIRED');
	});

	it('maps 429 to ERR_RATE_LIMITED with Retry-After in seconds or as a date', async () => {
		server.next('/token', {status: 429, headers: {'retry-after': '30'}, body: {message: 'Slow down'}});
		const seconds = await failure(client().login({}), 'ERR_RATE_LIMITED');
		expect(seconds.retryAfterSeconds).toBe(30);
		expect(seconds.serverMessage).toBe('Slow down');
		server.next('/token', {status: 429, headers: {'retry-after': new Date(Date.now() + 120_000).toUTCString()}});
		expect((await failure(client().login({}), 'ERR_RATE_LIMITED')).retryAfterSeconds).toBeGreaterThanOrEqual(118);
	});

	it('maps other non-2xx answers to ERR_TOKEN_ENDPOINT with the status', async () => {
		server.next('/token', {status: 500, body: '<html>Internal error</html>'});
		const error = await failure(client().login({}), 'ERR_TOKEN_ENDPOINT');
		expect(error.status).toBe(500);
		expect(error.serverMessage).toBeUndefined();
		server.next('/token', {status: 404, body: {message: 'no such route'}});
		expect((await failure(client().login({}), 'ERR_TOKEN_ENDPOINT')).status).toBe(404);
	});

	it('keeps a page-long server message to a readable length', async () => {
		server.next('/token', {status: 401, body: {message: 'x'.repeat(5000)}});
		expect((await failure(client().login({}), 'ERR_INVALID_CREDENTIALS')).serverMessage).toHaveLength(300);
	});

	it('maps a request that gets no answer to ERR_NETWORK', async () => {
		const closed = new TokenClient(resolveOptions({tokenEndpoint: 'http://127.0.0.1:9/token'}));
		await failure(closed.login({}), 'ERR_NETWORK');
	});

	it('maps a slow answer to ERR_TIMEOUT after timeoutMs', async () => {
		server.next('/token', {delayMs: 500, body: {jwt: mintJwt()}});
		const started = Date.now();
		const error = await failure(client({timeoutMs: 100}).login({}), 'ERR_TIMEOUT');
		expect(Date.now() - started).toBeLessThan(450);
		expect(error.message).toMatch(/100 ms/);
	});

	it('times out an answer whose headers arrive but whose body never completes', async () => {
		const stalling = createServer((_request, response) => {
			response.writeHead(200, {'content-type': 'application/json'});
			response.write('{"jwt": "');
		});
		await new Promise<void>((resolve) => stalling.listen(0, '127.0.0.1', resolve));
		const url = `http://127.0.0.1:${(stalling.address() as AddressInfo).port}/token`;
		try {
			await failure(new TokenClient(resolveOptions({tokenEndpoint: url, timeoutMs: 150})).login({}), 'ERR_TIMEOUT');
		} finally {
			stalling.closeAllConnections();
			stalling.close();
		}
	});

	it('abortSignIns() ends a sign-in request in flight as ERR_ABORTED (not a network failure), and later requests work', async () => {
		server.next('/token', {delayMs: 300, body: {jwt: mintJwt()}});
		const tokens = client();
		const before = server.count('/token');
		const pending = tokens.login({});
		// Abort once the request is at the server, waiting for its slow answer.
		await vi.waitFor(() => expect(server.count('/token')).toBe(before + 1));
		tokens.abortSignIns();
		await failure(pending, 'ERR_ABORTED');
		await expect(tokens.login({email: ADA.email, password: ADA.password})).resolves.toMatchObject({claims: {external_id: ADA.externalId}});
	});

	it.each([
		['the bare token as text/plain', (jwt: string) => ({body: jwt, headers: {'content-type': 'text/plain'}})],
		['the bare token as application/jwt, with a trailing newline', (jwt: string) => ({body: `${jwt}\n`, headers: {'content-type': 'application/jwt'}})],
		['the token as a JSON string', (jwt: string) => ({body: JSON.stringify(jwt), headers: {'content-type': 'application/json'}})],
		['JSON {"token"}', (jwt: string) => ({body: {token: jwt}})],
		['JSON {"jwt"}', (jwt: string) => ({body: {jwt}})],
	])('accepts a 200 whose body is %s', async (_name, answer) => {
		const jwt = mintJwt();
		server.next('/token', answer(jwt));
		await expect(client().login({})).resolves.toMatchObject({jwt, claims: {external_id: 'user-ada'}});
	});

	it.each([
		['an HTML page', {body: '<!doctype html><html>Login</html>', headers: {'content-type': 'text/html'}}, /HTML, not a JWT/],
		['plain text', {body: 'ok'}, /neither JSON nor a JWT/],
		['an empty body', {body: ''}, /empty body/],
		['two tokens in one text/plain body', {body: `${mintJwt()}\n${mintJwt()}`, headers: {'content-type': 'text/plain'}}, /neither JSON nor a JWT/],
		['a JSON string that is not a JWT', {body: '"hello"'}, /not one Zendesk accepts/],
		['JSON without a jwt', {body: {ok: true}}, /no "jwt"/],
		['a JSON array', {body: '[1]'}, /no "jwt"/],
		['a malformed JWT', {body: {jwt: 'not.a.jwt'}}, /not one Zendesk accepts/],
		['a JWT with a numeric external_id', {body: {jwt: mintJwt({claims: {external_id: 42}})}}, /external_id/],
		['an already-expired JWT', {body: {jwt: mintJwt({nowSeconds: Math.floor(Date.now() / 1000) - 700, lifetimeSeconds: 600})}}, /already expired/],
	])('maps a 200 with %s to ERR_INVALID_TOKEN', async (_name, answer, reason) => {
		server.next('/token', answer);
		const error = await failure(client().login({}), 'ERR_INVALID_TOKEN');
		expect(error.message).toMatch(reason);
	});

	it('judges expiry on the server clock: a token from a server 10 minutes ahead is fresh', async () => {
		server.state.clockOffsetSeconds = 600;
		try {
			const grant = await client().login({email: ADA.email, password: ADA.password});
			expect(grant.serverTimeMs! - Date.now()).toBeGreaterThan(598_000);
		} finally {
			server.state.clockOffsetSeconds = 0;
		}
	});

	it('judges expiry on the server clock: a token that expired on the server clock is refused even if the visitor clock is behind', async () => {
		const nowSeconds = Math.floor(Date.now() / 1000);
		// The server is 10 minutes behind the visitor, and its token expired 5 s ago by its own clock.
		server.next('/token', {
			headers: {date: new Date((nowSeconds - 600) * 1000).toUTCString()},
			body: {jwt: mintJwt({nowSeconds: nowSeconds - 600 - 65, lifetimeSeconds: 60})},
		});
		await failure(client().login({}), 'ERR_INVALID_TOKEN');
	});

	it('logout POSTs and treats 401 as already signed out', async () => {
		server.next('/logout', {status: 401});
		await expect(client().logout()).resolves.toBeUndefined();
		server.next('/logout', {status: 500});
		await failure(client().logout(), 'ERR_TOKEN_ENDPOINT');
	});

	it('uses the credentials mode for every request', async () => {
		const seen: Array<RequestCredentials | undefined> = [];
		const original = globalThis.fetch;
		globalThis.fetch = async (input, init) => {
			seen.push((input as Request).credentials ?? init?.credentials);
			return original(input, init);
		};

		try {
			const include = client({credentials: 'include'});
			await include.login({email: ADA.email, password: ADA.password});
			await include.refresh();
			await include.logout();
		} finally {
			globalThis.fetch = original;
		}

		expect(seen).toEqual(['include', 'include', 'include']);
	});
});

/**
A body stream that hands out `chunk` on every pull, 256 times (far past the cap, yet finite, so a missing cap fails
an assertion rather than the worker's memory), and counts the pulls and whether it was cancelled.
*/
function endlessBody(chunk: Uint8Array) {
	const seen = {pulls: 0, cancelled: false};
	const stream = new ReadableStream<Uint8Array>(
		{
			pull(controller) {
				seen.pulls++;
				controller.enqueue(chunk);
				if (seen.pulls === 256) controller.close();
			},
			cancel() {
				seen.cancelled = true;
			},
		},
		{highWaterMark: 0},
	);
	return {stream, seen};
}

describe('readBoundedText (PRODUCT.md, "Bounded answers")', () => {
	const live = () => new AbortController().signal;

	it('reads a body up to the cap as UTF-8, a character split across chunks included', async () => {
		const bytes = new TextEncoder().encode('{"message": "Überprüfung fehlgeschlagen"}');
		const split = bytes.indexOf(0xc3) + 1;
		const stream = new ReadableStream<Uint8Array>({
			start(controller) {
				controller.enqueue(bytes.slice(0, split));
				controller.enqueue(bytes.slice(split));
				controller.close();
			},
		});
		await expect(readBoundedText(new Response(stream), live())).resolves.toBe('{"message": "Überprüfung fehlgeschlagen"}');
		await expect(readBoundedText(new Response('x'.repeat(MAX_BODY_BYTES)), live())).resolves.toHaveLength(MAX_BODY_BYTES);
		await expect(readBoundedText(new Response(null, {status: 204}), live())).resolves.toBe('');
	});

	it('refuses a declared Content-Length over 64 KiB without reading a byte', async () => {
		const {stream, seen} = endlessBody(new Uint8Array(1024));
		const response = new Response(stream, {headers: {'content-length': String(300 * 1024 * 1024)}});
		await expect(readBoundedText(response, live())).resolves.toBeUndefined();
		expect(seen).toEqual({pulls: 0, cancelled: true});
	});

	it('stops reading a 4 MiB body of no declared length at the cap, and cancels the rest', async () => {
		const {stream, seen} = endlessBody(new Uint8Array(16 * 1024));
		await expect(readBoundedText(new Response(stream), live())).resolves.toBeUndefined();
		// Four chunks are exactly 64 KiB; the fifth goes over: nothing more is asked of the stream.
		expect(seen).toEqual({pulls: 5, cancelled: true});
	});

	it('rejects with the signal\'s reason when it aborts while the body stalls, and cancels the body', async () => {
		let cancelled = false;
		const stalled = new ReadableStream<Uint8Array>({
			start(controller) {
				controller.enqueue(new TextEncoder().encode('{"jwt": "eyJ'));
			},
			cancel() {
				cancelled = true;
			},
		});
		const controller = new AbortController();
		const reading = readBoundedText(new Response(stalled), controller.signal);
		const reason = Symbol('deadline');
		setTimeout(() => controller.abort(reason), 10);
		await expect(reading).rejects.toBe(reason);
		expect(cancelled).toBe(true);
		const already = new AbortController();
		already.abort(reason);
		await expect(readBoundedText(new Response('{}'), already.signal)).rejects.toBe(reason);
	});
});

describe('TokenClient with answers too large or too slow', () => {
	/** A loopback server whose every answer is `answer`; counts the bytes it managed to write. */
	async function answering(answer: (response: import('node:http').ServerResponse, sent: {bytes: number}) => void) {
		const sent = {bytes: 0};
		const huge = createServer((request, response) => {
			request.resume();
			request.on('end', () => answer(response, sent));
		});
		await new Promise<void>((resolve) => huge.listen(0, '127.0.0.1', resolve));
		const url = `http://127.0.0.1:${(huge.address() as AddressInfo).port}/token`;
		return {
			url,
			sent,
			close: () => {
				huge.closeAllConnections();
				huge.close();
			},
		};
	}

	/** Writes `totalBytes` of `fill` as fast as the client reads them (with backpressure), then ends. */
	function stream(response: import('node:http').ServerResponse, sent: {bytes: number}, totalBytes: number, fill = 'x') {
		const chunk = Buffer.alloc(64 * 1024, fill);
		const write = () => {
			while (sent.bytes < totalBytes && !response.destroyed) {
				sent.bytes += chunk.length;
				if (!response.write(chunk)) return void response.once('drain', write);
			}

			if (!response.destroyed) response.end();
		};
		write();
	}

	const HUGE = 300 * 1024 * 1024;

	it.each([
		['declared in Content-Length', {'content-length': String(HUGE)}],
		['sent chunked, with no length', {}],
	])('refuses a 300 MB 200 answer %s as ERR_INVALID_TOKEN, reading no more than a few MB of it', async (_how, headers) => {
		const backend = await answering((response, sent) => {
			response.writeHead(200, {'content-type': 'application/json', ...headers});
			stream(response, sent, HUGE);
		});
		try {
			const error = await failure(new TokenClient(resolveOptions({tokenEndpoint: backend.url})).login({}), 'ERR_INVALID_TOKEN');
			expect(error.message).toMatch(/answered 200, but its body is over 64 KiB, too large to be a token answer/);
			// What the server could push into socket buffers before the client stopped reading: far from 300 MB.
			await new Promise((resolve) => setTimeout(resolve, 50));
			expect(backend.sent.bytes).toBeLessThan(32 * 1024 * 1024);
		} finally {
			backend.close();
		}
	});

	it('maps a 401 with a huge page by its status, with no server message', async () => {
		const backend = await answering((response, sent) => {
			response.writeHead(401, {'content-type': 'text/html'});
			stream(response, sent, 10 * 1024 * 1024);
		});
		try {
			const error = await failure(new TokenClient(resolveOptions({tokenEndpoint: backend.url})).login({}), 'ERR_INVALID_CREDENTIALS');
			expect(error.serverMessage).toBeUndefined();
		} finally {
			backend.close();
		}
	});

	it('ends in ERR_TIMEOUT when a small body keeps trickling in past timeoutMs', async () => {
		const backend = await answering((response) => {
			response.writeHead(200, {'content-type': 'application/json'});
			response.write('{"jwt": "eyJ');
			const trickle = setInterval(() => response.write('e'), 20);
			response.on('close', () => clearInterval(trickle));
		});
		try {
			const started = Date.now();
			const error = await failure(new TokenClient(resolveOptions({tokenEndpoint: backend.url, timeoutMs: 200})).login({}), 'ERR_TIMEOUT');
			expect(error.message).toMatch(/within 200 ms/);
			expect(Date.now() - started).toBeLessThan(2000);
		} finally {
			backend.close();
		}
	});
});

