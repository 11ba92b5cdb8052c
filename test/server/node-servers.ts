import {execFileSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import type {Server as HttpServer} from 'node:http';
import {connect as http2Connect, type ClientHttp2Session, type Http2SecureServer, type Http2Server, type OutgoingHttpHeaders} from 'node:http2';
import type {AddressInfo} from 'node:net';
import {connect as netConnect} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

/*
Real servers on loopback for the adapter's tests: node:http, node:https and node:http2 (h2c and TLS), a raw
HTTP/1.1 client for request targets `fetch` would normalise away, and a self-signed certificate made at test time.
*/

type AnyServer = HttpServer | Http2Server | Http2SecureServer;

export interface Answer {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	body: string;
}

/** Tracks servers and HTTP/2 clients so each test file closes them all. */
export class Loopback {
	readonly #servers: AnyServer[] = [];
	readonly #clients: ClientHttp2Session[] = [];

	/** Listens on a free 127.0.0.1 port and returns it. */
	async listen(server: AnyServer): Promise<number> {
		this.#servers.push(server);
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		return (server.address() as AddressInfo).port;
	}

	/** An HTTP/2 session to `origin` (`http:` for h2c), closed with the servers. */
	http2Client(origin: string, ca?: string): ClientHttp2Session {
		const client = http2Connect(origin, ca === undefined ? {} : {ca});
		this.#clients.push(client);
		return client;
	}

	async close(): Promise<void> {
		for (const client of this.#clients.splice(0)) client.destroy();
		await Promise.all(
			this.#servers.splice(0).map(
				(server) =>
					new Promise<void>((resolve) => {
						// A trickling client of a test may still hold a connection open: do not wait for it.
						if ('closeAllConnections' in server) server.closeAllConnections();
						server.close(() => resolve());
					}),
			),
		);
	}
}

/**
Sends one HTTP/1.1 request exactly as written, request target and all, on a fresh connection, and reads the
answer until the server closes it. `fetch` and `http.request` would normalise a target such as `//evil.example/x`.
`chunks` are written `gapMs` apart (a trickling client); the connection is closed by us only after `timeoutMs`.
*/
export function rawRequest(
	port: number,
	head: {method?: string; target: string; headers: Record<string, string>},
	chunks: readonly string[] = [],
	{gapMs = 0, timeoutMs = 5_000}: {gapMs?: number; timeoutMs?: number} = {},
): Promise<Answer & {closedByServer: boolean; elapsedMs: number}> {
	const started = performance.now();
	return new Promise((resolve, reject) => {
		const socket = netConnect(port, '127.0.0.1');
		let received = '';
		let closedByServer = false;
		const timer = setTimeout(() => socket.destroy(), timeoutMs);
		const trickle: ReturnType<typeof setTimeout>[] = [];
		socket.setEncoding('utf8');
		socket.on('data', (data: string) => (received += data));
		socket.on('end', () => (closedByServer = true));
		socket.on('error', reject);
		socket.on('close', () => {
			clearTimeout(timer);
			for (const each of trickle) clearTimeout(each);
			const separator = received.indexOf('\r\n\r\n');
			if (separator < 0) return reject(new Error(`no HTTP answer: ${JSON.stringify(received)}`));
			const [statusLine, ...headerLines] = received.slice(0, separator).split('\r\n');
			const headers: Record<string, string | string[]> = {};
			for (const line of headerLines) {
				const name = line.slice(0, line.indexOf(':')).toLowerCase();
				const value = line.slice(line.indexOf(':') + 1).trim();
				const previous = headers[name];
				headers[name] = previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
			}

			resolve({status: Number(statusLine!.split(' ')[1]), headers, body: received.slice(separator + 4), closedByServer, elapsedMs: performance.now() - started});
		});
		socket.on('connect', () => {
			const lines = [`${head.method ?? 'POST'} ${head.target} HTTP/1.1`, ...Object.entries(head.headers).map(([name, value]) => `${name}: ${value}`)];
			socket.write(`${lines.join('\r\n')}\r\n\r\n`);
			chunks.forEach((chunk, index) => trickle.push(setTimeout(() => socket.writable && socket.write(chunk), index * gapMs)));
		});
	});
}

/** One request on an HTTP/2 session; the body is the whole of `body`, or `chunks` written `gapMs` apart without an end. */
export function http2Request(
	client: ClientHttp2Session,
	headers: OutgoingHttpHeaders,
	body?: string,
	trickle?: {chunks: readonly string[]; gapMs: number},
): Promise<Answer> {
	return new Promise((resolve, reject) => {
		const stream = client.request(headers, {endStream: body === undefined && trickle === undefined});
		let status = 0;
		let answerHeaders: Record<string, string | string[] | undefined> = {};
		let received = '';
		const timers: ReturnType<typeof setTimeout>[] = [];
		stream.setEncoding('utf8');
		stream.on('response', (responseHeaders) => {
			status = Number(responseHeaders[':status']);
			answerHeaders = responseHeaders as Record<string, string | string[] | undefined>;
		});
		stream.on('data', (data: string) => (received += data));
		stream.on('end', () => {
			for (const timer of timers) clearTimeout(timer);
			resolve({status, headers: answerHeaders, body: received});
			stream.close();
		});
		stream.on('error', reject);
		if (body !== undefined) stream.end(body);
		trickle?.chunks.forEach((chunk, index) => timers.push(setTimeout(() => !stream.destroyed && stream.write(chunk), index * trickle.gapMs)));
	});
}

/** A self-signed certificate for 127.0.0.1, made now with the system's openssl and deleted at once. */
export function selfSignedCertificate(): {key: string; cert: string} {
	const folder = mkdtempSync(join(tmpdir(), 'zma-tls-'));
	try {
		execFileSync('openssl', [
			'req',
			'-x509',
			'-newkey',
			'ec',
			'-pkeyopt',
			'ec_paramgen_curve:prime256v1',
			'-nodes',
			'-days',
			'1',
			'-subj',
			'/CN=127.0.0.1',
			'-addext',
			'subjectAltName=IP:127.0.0.1',
			'-keyout',
			join(folder, 'key.pem'),
			'-out',
			join(folder, 'cert.pem'),
		], {stdio: 'pipe'});
		return {key: readFileSync(join(folder, 'key.pem'), 'utf8'), cert: readFileSync(join(folder, 'cert.pem'), 'utf8')};
	} finally {
		rmSync(folder, {recursive: true, force: true});
	}
}
