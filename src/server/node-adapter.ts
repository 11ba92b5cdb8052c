import type {FetchHandler} from './types.js';

/**
The parts of Node's `http.IncomingMessage` the adapter reads; Express's `req` adds `protocol`, `host`,
`originalUrl` and, after a body parser, `body`. Structural, so this module imports nothing from Node and the
subpath still loads in edge runtimes.
*/
export interface NodeRequest {
	method?: string | undefined;
	url?: string | undefined;
	headers: Readonly<Record<string, string | readonly string[] | undefined>>;
	/** Express: `http` or `https`, honouring `app.set('trust proxy', …)`. */
	protocol?: string | undefined;
	/** Express: the host, honouring `trust proxy`. */
	host?: string | undefined;
	/** Express: the client's address, honouring `trust proxy` (read by `clientAddressOf`). */
	ip?: string | undefined;
	/** Express: the URL before any router stripped its mount path. */
	originalUrl?: string | undefined;
	/** Set when a body parser (`express.json()`) read the body first, and by some parsers that did not read it (see `readableEnded`). */
	body?: unknown;
	/** Node's own record that the body stream was read to its end: the one sign that a parser really consumed it. */
	readableEnded?: boolean | undefined;
	/** 2 for a `node:http2` request (compatibility API), whose answers must not carry HTTP/1 connection headers. */
	httpVersionMajor?: number | undefined;
	/** A TLS socket has `encrypted: true`: the protocol of a plain `https.createServer` request. */
	socket?: object | null | undefined;
	on(event: 'data', listener: (chunk: Uint8Array | string) => void): unknown;
	on(event: 'end', listener: () => void): unknown;
	on(event: 'error', listener: (error: Error) => void): unknown;
	off(event: 'data', listener: (chunk: Uint8Array | string) => void): unknown;
	pause(): unknown;
	resume(): unknown;
	/** Ends the request, and with it the connection when its body has not all arrived (HTTP/1). */
	destroy?(error?: Error): unknown;
}

/** The parts of Node's `http.ServerResponse` (and Express's `res`) the adapter writes. */
export interface NodeResponse {
	statusCode: number;
	/** Set once a middleware (a timeout answering 503, say) or anything else has sent the head: nothing more may be written. */
	headersSent?: boolean | undefined;
	/** Set once the response was ended. */
	writableEnded?: boolean | undefined;
	setHeader(name: string, value: string | string[]): unknown;
	removeHeader?(name: string): unknown;
	getHeaderNames?(): string[];
	/** Ends the response and its connection (HTTP/1) or stream (HTTP/2) when no clean answer can be written. */
	destroy?(error?: Error): unknown;
	// Two signatures, not one with an optional chunk: node:http2's `end` overloads only match them this way.
	end(): unknown;
	end(chunk: Uint8Array): unknown;
	/** node:http2's compatibility response: its stream, which `close` resets with RST_STREAM. */
	stream?: {close(code?: number): unknown} | undefined;
}

const encoder = new TextEncoder();

// RFC 9113 §8.2.2: headers that only HTTP/1 framing has.
const HTTP1_CONNECTION_HEADERS = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade']);

// Answers after which the request body is not read any further: a body refused (400) or too slow (408).
const BODY_REFUSED = new Set([400, 408]);

// RFC 9113 §7: NO_ERROR. §8.1 lets a server that has sent a complete response reset the stream with it when the
// request body is still arriving: the client stops sending, and keeps the response.
const HTTP2_NO_ERROR = 0;

// HTTP/1 has no stream to reset: after a 400 or 408, the rest of the body is read and thrown away, so the connection
// can serve its next request. Past this many bytes, the client is not a browser that sent a little too much.
const MAX_DISCARDED_BODY_BYTES = 1024 * 1024;

/** The request body as a web stream that pauses Node's stream when not read, and discards the rest once cancelled. */
function bodyStream(request: NodeRequest): ReadableStream<Uint8Array> {
	// Node may still emit after the web stream is closed or cancelled: enqueueing then would throw out of an event listener.
	let open = true;
	const onData = (chunk: Uint8Array | string) => {
		if (!open) return;
		controller.enqueue(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
		if ((controller.desiredSize ?? 1) <= 0) request.pause();
	};

	let controller!: ReadableStreamDefaultController<Uint8Array>;
	return new ReadableStream<Uint8Array>({
		start(streamController) {
			controller = streamController;
			request.on('data', onData);
			request.on('end', () => {
				if (open) controller.close();
				open = false;
			});
			request.on('error', (error) => {
				if (open) controller.error(error);
				open = false;
			});
		},
		pull() {
			request.resume();
		},
		cancel() {
			// An oversized body: let the rest flow away unread rather than destroy the request, which would close the socket before the 400 is sent.
			open = false;
			request.off('data', onData);
			request.resume();
		},
	});
}

/** A header Node gives as one string, or undefined when absent, empty or repeated. */
function singleHeader(request: NodeRequest, name: string): string | undefined {
	const value = request.headers[name];
	return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
The host the browser addressed, port included, for the origin check. HTTP/2 carries it in `:authority` (RFC 9113
§8.3.1), HTTP/1.1 in `Host`. Express 5's `req.host` is exactly that (from `X-Forwarded-Host` when the proxy is
trusted); Express 4's drops the port, so when it merely repeats the header's name the header wins.
*/
function hostOf(request: NodeRequest): string {
	const direct = singleHeader(request, ':authority') ?? singleHeader(request, 'host');
	const express = request.host !== undefined && request.host !== '' ? request.host : undefined;
	if (express !== undefined && (direct === undefined || !direct.startsWith(`${express}:`))) return express;
	return direct ?? 'localhost';
}

/**
The path and query of a request target, which is all a target may add to the URL: the origin comes from the
connection and the Host header alone. Resolved against a base, `//evil.example/x` and `\\evil.example\x` would
be protocol-relative URLs on another host, and an absolute-form target (`http://evil.example/x`, as a proxy
receives) would replace the origin: each would let a request claim the origin of the site it came from.
*/
function pathAndQueryOf(target: string): string {
	// Origin-form, slashes and all: appended to the origin below, a leading `//` or `\\` stays part of the path.
	if (target.startsWith('/') || target.startsWith('\\')) return target;
	// `URL.canParse`, not `URL.parse`: the latter is missing from Node 20's first releases.
	const absolute = URL.canParse(target) ? new URL(target) : undefined;
	if (absolute !== undefined && (absolute.protocol === 'http:' || absolute.protocol === 'https:')) return `${absolute.pathname}${absolute.search}`;
	// Asterisk-form (`OPTIONS *`) and anything else name no path of ours.
	return '/';
}

function requestUrl(request: NodeRequest): URL {
	const encrypted = typeof request.socket === 'object' && request.socket !== null && 'encrypted' in request.socket && request.socket.encrypted === true;
	const protocol = request.protocol ?? (encrypted ? 'https' : 'http');
	const {origin} = new URL(`${protocol}://${hostOf(request)}`);
	return new URL(`${origin}${pathAndQueryOf(request.originalUrl ?? request.url ?? '/')}`);
}

// The Node request behind each Fetch request this adapter built, for `nodeRequestOf`. Weak: it lives as long as the request.
const nodeRequests = new WeakMap<Request, NodeRequest>();

function toFetchRequest(request: NodeRequest): Request {
	const url = requestUrl(request);
	const headers = new Headers();
	for (const [name, value] of Object.entries(request.headers)) {
		// HTTP/2 pseudo-headers (`:path`) are not headers to the Fetch API.
		if (value === undefined || name.startsWith(':')) continue;
		for (const each of typeof value === 'string' ? [value] : value) headers.append(name, each);
	}

	const method = request.method ?? 'GET';
	let body: BodyInit | null = null;
	if (method !== 'GET' && method !== 'HEAD') {
		if (request.readableEnded === true) {
			// A body parser read the stream to its end: what it parsed stands in for the stream (nothing, if it kept nothing).
			if (request.body !== undefined) {
				body = typeof request.body === 'string' ? request.body : request.body instanceof Uint8Array ? new Uint8Array(request.body) : JSON.stringify(request.body);
				headers.delete('content-length');
			}
		} else {
			// The stream is unread, whatever `req.body` says: body-parser 1.x (Express 4's `express.json()`) sets
			// `req.body = {}` for content types it skips, and so do many apps. Only the stream holds the real body.
			body = bodyStream(request);
		}
	}

	// `duplex: 'half'` is required by Node's fetch for a streamed body; it is not in the DOM typings yet.
	const fetchRequest = new Request(url, {method, headers, body, duplex: 'half'} as RequestInit);
	nodeRequests.set(fetchRequest, request);
	return fetchRequest;
}

/**
The Node request (Express's `req`) that `toNodeHandler` turned into `request`, or undefined for a request it did
not build (another runtime, or a `request.clone()`). This is how a Fetch handler reads what Express middleware
left on `req`, such as `req.session` from `express-session`, in `createJwtHandler`'s `getUser`.

@example
```ts
import type {Request as ExpressRequest} from 'express';

const handleJwt = createJwtHandler({
	keyId, secret,
	getUser: async (request) => nodeRequestOf<ExpressRequest>(request)?.session.user ?? null,
});
app.post('/api/zendesk/jwt', toNodeHandler(handleJwt));
```
*/
export function nodeRequestOf<Incoming extends NodeRequest = NodeRequest>(request: Request): Incoming | undefined {
	return nodeRequests.get(request) as Incoming | undefined;
}

async function answerOf(handler: FetchHandler, request: NodeRequest): Promise<Response> {
	let fetchRequest: Request;
	try {
		fetchRequest = toFetchRequest(request);
	} catch {
		// A request the Fetch API cannot represent, such as one with an invalid Host header.
		return new Response(null, {status: 400});
	}

	try {
		return await handler(fetchRequest);
	} catch (error) {
		// The handlers of this package never throw; another Fetch handler might, and must not crash a plain node:http server.
		logFailure('zendesk-messaging-auth/server:', error);
		return new Response(null, {status: 500});
	} finally {
		// A body the handler never touched (a 405, 403 or 415) must still be drained, or a keep-alive connection stalls.
		const {body} = fetchRequest;
		if (body !== null && !fetchRequest.bodyUsed && !body.locked) void body.cancel().catch(() => {});
	}
}

/**
Mounts a Fetch handler in Node's `http`, `https` and `http2` servers (HTTP/2 through its compatibility API, the
`(req, res)` of `http2.createServer`/`createSecureServer`), Express (4 and 5), or anything else built on
`IncomingMessage`/`ServerResponse`. The request URL is built from Express's `req.protocol` and `req.host`
(so `app.set('trust proxy', 1)` behind a TLS-terminating proxy makes `Secure` cookies and the origin check
right), else from the socket (TLS or not) and the `Host` header or HTTP/2's `:authority`; the request target
adds only its path and query. The body is streamed, or taken from `req.body` when a parser such as
`express.json()` already read the stream to its end. Every `Set-Cookie` header is kept. `nodeRequestOf(request)`
gives the handler the Node request back.

@example
```ts
import express from 'express';
import {createTokenHandler, toNodeHandler} from 'zendesk-messaging-auth/server';

const app = express();
app.post('/api/zendesk/token', toNodeHandler(createTokenHandler({keyId, secret, authenticate})));
```
*/
export function toNodeHandler(handler: FetchHandler): (request: NodeRequest, response: NodeResponse) => Promise<void> {
	return async (request, response) => {
		try {
			await writeAnswer(await answerOf(handler, request), request, response);
		} catch (error) {
			// A plain node:http server does not catch what its (async) listener rejects with: the process would exit.
			logFailure('zendesk-messaging-auth/server: could not write the answer:', error);
			endAfterFailure(response);
		}
	};
}

/**
Logs what a foreign handler threw, or why the answer could not be written. `console.error` itself throws when the
thrown value does while being printed (an Error whose `stack` getter throws): inside a catch, that would reject the
listener's promise, which a plain node:http server does not catch, and the process would exit.
*/
function logFailure(message: string, error: unknown): void {
	try {
		console.error(message, error);
	} catch {
		console.error(message, 'a value that could not be printed');
	}
}

async function writeAnswer(answer: Response, request: NodeRequest, response: NodeResponse): Promise<void> {
	if (response.headersSent === true || response.writableEnded === true) {
		// A middleware answered first (a timeout's 503): ours is too late, and Node would throw ERR_HTTP_HEADERS_SENT.
		void answer.body?.cancel().catch(() => {});
		if (response.writableEnded !== true) response.end();
		return;
	}

	// The whole body first: a stream that fails now leaves nothing written, so the 500 below can still be sent.
	const body = answer.body === null ? undefined : new Uint8Array(await answer.arrayBuffer());
	const http2 = request.httpVersionMajor === 2;
	response.statusCode = answer.status;
	for (const [name, value] of answer.headers) {
		// HTTP/2 has no connection headers (RFC 9113 §8.2.2): node:http2 throws on them rather than send them.
		if (name === 'set-cookie' || (http2 && HTTP1_CONNECTION_HEADERS.has(name))) continue;
		response.setHeader(name, value);
	}

	const cookies = answer.headers.getSetCookie();
	if (cookies.length > 0) response.setHeader('set-cookie', cookies);
	if (body === undefined) response.end();
	else response.end(body);
	if (!BODY_REFUSED.has(answer.status)) return;
	// HTTP/2 has no `Connection: close`: without a reset the client may go on pushing a body nobody reads.
	if (http2) response.stream?.close(HTTP2_NO_ERROR);
	else if (request.readableEnded !== true) boundDiscardedBody(request);
}

/**
Ends the connection of a refused HTTP/1 body that goes on arriving past MAX_DISCARDED_BODY_BYTES after the answer:
a keep-alive connection would otherwise read it for as long as the client sends (1 GiB in 3 s after a 400 for a body
over the limit). Not at once: a connection closed with unread bytes is reset, and the client may lose the answer.
*/
function boundDiscardedBody(request: NodeRequest): void {
	let left = MAX_DISCARDED_BODY_BYTES;
	const onData = (chunk: Uint8Array | string) => {
		left -= chunk.length;
		if (left >= 0) return;
		request.off('data', onData);
		request.destroy?.();
	};
	request.on('data', onData);
}

/** Ends a response whose answer could not be written: a bare 500 when nothing was sent yet, else the connection or stream. */
function endAfterFailure(response: NodeResponse): void {
	try {
		if (response.headersSent !== true) {
			// Headers set before the failure (one Node refused, say) must not go out with the 500.
			for (const name of response.getHeaderNames?.() ?? []) response.removeHeader?.(name);
			response.statusCode = 500;
			response.end();
		} else if (response.writableEnded !== true) {
			response.destroy?.();
		}
	} catch {
		try {
			response.destroy?.();
		} catch {
			// Nothing is left to end.
		}
	}
}
