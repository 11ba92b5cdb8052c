import {createServer as createHttpServer} from 'node:http';
import {createServer as createHttp2Server, type ClientHttp2Stream} from 'node:http2';
import {connect as netConnect, type Socket} from 'node:net';
import {afterAll, afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {createTokenHandler, toNodeHandler} from '../../src/server.js';
import {answeringChildServer, type ChildServer} from './child-server.js';
import {ADA, authenticateAda, KEY_ID, PASSWORD, SECRET} from './fixtures.js';
import {Loopback} from './node-servers.js';

describe('toNodeHandler never lets its write step crash a node:http server (issue 20, case 3)', () => {
	// A real node:http server in a child process (test/server/children/writes-server.ts): a crash ends it, which the test sees.
	let child: ChildServer | undefined;
	beforeEach(async () => {
		child = await answeringChildServer(child, 'writes-server');
	}, 60_000);
	afterAll(() => child?.stop());

	const post = (path: string) => fetch(`${child!.base}${path}`, {method: 'POST'});

	async function expectServedNext(): Promise<void> {
		expect(await (await fetch(`${child!.base}/health`)).text()).toBe('ok');
		expect(child!.alive(), child!.stderr()).toBe(true);
	}

	it('a header value Node refuses: a bare 500 without the handler\'s headers, and the next request is served', async () => {
		const response = await post('/header-node-refuses');

		expect(response.status).toBe(500);
		expect(response.headers.get('x-kept')).toBeNull();
		await expectServedNext();
	});

	it('a body stream that fails mid-way: a bare 500, and the next request is served', async () => {
		const response = await post('/body-stream-fails');

		expect(response.status).toBe(500);
		expect(await response.text()).toBe('');
		await expectServedNext();
	});

	it('a Fetch handler that throws an error which throws again when printed: a bare 500, and the next request is served', async () => {
		const response = await post('/throws-unprintable');

		expect(response.status).toBe(500);
		await expectServedNext();
	});

	it('an answer already sent by a middleware (a timeout\'s 503): that answer stands, and the next request is served', async () => {
		const response = await post('/answered-by-middleware');

		expect(response.status).toBe(503);
		expect(await response.text()).toBe('Service Unavailable');
		expect(response.headers.get('x-late')).toBeNull();
		// The late answer comes 20 ms after the 503: wait until the child has tried to write it.
		await vi.waitFor(async () => expect(await (await fetch(`${child!.base}/late-answer-settled`)).text()).toBe('true'), {timeout: 3_000});
		await expectServedNext();
	});
});

describe('toNodeHandler on HTTP/2: a 400 or 408 resets the stream (issue 20, case 4)', () => {
	const loopback = new Loopback();
	afterEach(() => loopback.close());

	const FLOOD_CHUNK = Buffer.alloc(16 * 1024, 0x20);
	// Far more than flow control lets through between the answer and the reset, far less than an open stream swallows.
	const BOUND_BYTES = 1024 * 1024;

	/** Pushes FLOOD_CHUNKs as fast as the stream takes them, until it closes or `ms` have passed. */
	async function flood(stream: ClientHttp2Stream, ms: number): Promise<void> {
		const until = performance.now() + ms;
		while (!stream.closed && !stream.destroyed && performance.now() < until) {
			// Yield to the event loop at each chunk, and wait for the stream to drain when it asks.
			const drained = stream.write(FLOOD_CHUNK);
			await new Promise((resolve) => {
				if (drained) return void setImmediate(resolve);
				stream.once('drain', resolve);
				stream.once('close', resolve);
				setTimeout(resolve, 50);
			});
		}
	}

	it.each([
		['408, a body that trickled past bodyTimeoutMs', 408, false],
		['400, a body over the size limit', 400, true],
	])('%s: the answer arrives whole, the stream is reset, and the bytes the server takes after it are bounded', async (_, status, floodFirst) => {
		let received = 0;
		let receivedAtAnswer = Number.NaN;
		const adapter = toNodeHandler(createTokenHandler({keyId: KEY_ID, secret: SECRET, authenticate: authenticateAda, bodyTimeoutMs: 300, onError: vi.fn()}));
		const port = await loopback.listen(
			createHttp2Server((request, response) => {
				request.on('data', (chunk: Buffer) => (received += chunk.byteLength));
				void adapter(request, response).then(() => (receivedAtAnswer = received));
			}),
		);
		const own = `http://127.0.0.1:${port}`;
		const stream = loopback.http2Client(own).request({':method': 'POST', ':path': '/api/zendesk/token', 'content-type': 'application/json', origin: own}, {endStream: false});
		stream.on('error', () => {});
		let answerBody = '';
		stream.setEncoding('utf8').on('data', (chunk: string) => (answerBody += chunk));
		const answered = new Promise<number>((resolve) => stream.once('response', (headers) => resolve(Number(headers[':status']))));

		stream.write('{');
		if (floodFirst) await flood(stream, 1_000);
		expect(await answered).toBe(status);
		await flood(stream, 1_000);

		expect(received - receivedAtAnswer).toBeLessThan(BOUND_BYTES);
		// RFC 9113 §8.1: a complete answer, then RST_STREAM with NO_ERROR (0). The flood above stops as soon as it arrives.
		expect(stream.closed).toBe(true);
		expect(stream.rstCode).toBe(0);
		expect(JSON.parse(answerBody)).toHaveProperty('message');
	}, 15_000);
});

describe('toNodeHandler on HTTP/1: a refused body that goes on arriving is cut off (issue 20, case 4, on HTTP/1)', () => {
	const loopback = new Loopback();
	afterEach(() => loopback.close());

	const LIMIT = 16 * 1024;
	// The server reads and discards at most 1 MiB after its answer; allow for what its buffers held at that moment.
	const BOUND_BYTES = 2 * 1024 * 1024;

	/** A node:http server with the login handler; `bytesRead()` is what it took from its last connection. */
	async function serve(): Promise<{port: number; bytesRead: () => number; atAnswer: () => number}> {
		let socket: {bytesRead: number} | undefined;
		let atAnswer = Number.NaN;
		const adapter = toNodeHandler(createTokenHandler({keyId: KEY_ID, secret: SECRET, authenticate: authenticateAda, onError: vi.fn()}));
		const port = await loopback.listen(
			createHttpServer((request, response) => {
				socket = request.socket;
				response.once('finish', () => (atAnswer = request.socket.bytesRead));
				void adapter(request, response);
			}),
		);
		return {port, bytesRead: () => socket?.bytesRead ?? 0, atAnswer: () => atAnswer};
	}

	const head = (headers: string) => `POST /api/zendesk/token HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n${headers}\r\n`;

	async function connect(port: number): Promise<{socket: Socket; received: () => string; closed: () => boolean}> {
		const socket = netConnect(port, '127.0.0.1');
		socket.on('error', () => {});
		let received = '';
		let closed = false;
		socket.setEncoding('latin1').on('data', (data: string) => (received += data));
		socket.on('close', () => (closed = true));
		await new Promise((resolve) => socket.once('connect', resolve));
		return {socket, received: () => received, closed: () => closed};
	}

	it.each([
		['a Content-Length over the limit (refused before reading)', `Content-Length: ${1e12}\r\n`, (chunk: Buffer) => chunk],
		['a chunked body that never ends', 'Transfer-Encoding: chunked\r\n', (chunk: Buffer) => Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')])],
	])('%s: the 400 arrives, then the server ends the connection within a bounded number of bytes', async (_, framing, frame) => {
		const server = await serve();
		const client = await connect(server.port);
		client.socket.write(head(framing));
		const chunk = frame(Buffer.alloc(64 * 1024, 0x20));
		const until = performance.now() + 3_000;
		while (!client.closed() && performance.now() < until) {
			const drained = client.socket.write(chunk);
			await new Promise((resolve) => {
				if (drained) return void setImmediate(resolve);
				client.socket.once('drain', resolve);
				setTimeout(resolve, 50);
			});
		}

		expect(client.received()).toMatch(/^HTTP\/1\.1 400 /);
		expect(client.closed()).toBe(true);
		expect(server.bytesRead() - server.atAnswer()).toBeLessThan(BOUND_BYTES);
	}, 15_000);

	it('a body a little over the limit, sent whole: the 400 arrives and the connection serves the next request', async () => {
		const server = await serve();
		const client = await connect(server.port);
		const body = `{"email":"${'a'.repeat(LIMIT)}"}`;

		client.socket.write(`${head(`Content-Length: ${body.length}\r\n`)}${body}`);
		await vi.waitFor(() => expect(client.received()).toMatch(/^HTTP\/1\.1 400 [\s\S]*\r\n\r\n\{[^}]*\}$/), {timeout: 5_000});
		const login = JSON.stringify({email: ADA.email, password: PASSWORD});
		client.socket.write(`${head(`Content-Length: ${login.length}\r\n`)}${login}`);

		await vi.waitFor(() => expect(client.received()).toContain('HTTP/1.1 200 '), {timeout: 5_000});
		expect(client.closed()).toBe(false);
		client.socket.destroy();
	});
});
