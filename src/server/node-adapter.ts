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
	/** Express: the URL before any router stripped its mount path. */
	originalUrl?: string | undefined;
	/** Set when a body parser (`express.json()`) read the body first. */
	body?: unknown;
	readableEnded?: boolean | undefined;
	/** A TLS socket has `encrypted: true`: the protocol of a plain `https.createServer` request. */
	socket?: object | null | undefined;
	on(event: 'data', listener: (chunk: Uint8Array | string) => void): unknown;
	on(event: 'end', listener: () => void): unknown;
	on(event: 'error', listener: (error: Error) => void): unknown;
	off(event: 'data', listener: (chunk: Uint8Array | string) => void): unknown;
	pause(): unknown;
	resume(): unknown;
}

/** The parts of Node's `http.ServerResponse` (and Express's `res`) the adapter writes. */
export interface NodeResponse {
	statusCode: number;
	setHeader(name: string, value: string | string[]): unknown;
	end(chunk?: Uint8Array): unknown;
}

const encoder = new TextEncoder();

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

/**
The host the browser addressed, port included, for the origin check. Express 5's `req.host` is exactly that
(from `X-Forwarded-Host` when the proxy is trusted); Express 4's drops the port, so when it merely repeats the
`Host` header's name the header wins.
*/
function hostOf(request: NodeRequest): string {
	const header = request.headers['host'];
	const direct = typeof header === 'string' && header !== '' ? header : undefined;
	const express = request.host !== undefined && request.host !== '' ? request.host : undefined;
	if (express !== undefined && (direct === undefined || !direct.startsWith(`${express}:`))) return express;
	return direct ?? 'localhost';
}

function toFetchRequest(request: NodeRequest): Request {
	const encrypted = typeof request.socket === 'object' && request.socket !== null && 'encrypted' in request.socket && request.socket.encrypted === true;
	const protocol = request.protocol ?? (encrypted ? 'https' : 'http');
	const url = new URL(request.originalUrl ?? request.url ?? '/', `${protocol}://${hostOf(request)}`);
	const headers = new Headers();
	for (const [name, value] of Object.entries(request.headers)) {
		// HTTP/2 pseudo-headers (`:path`) are not headers to the Fetch API.
		if (value === undefined || name.startsWith(':')) continue;
		for (const each of typeof value === 'string' ? [value] : value) headers.append(name, each);
	}

	const method = request.method ?? 'GET';
	let body: BodyInit | null = null;
	if (method !== 'GET' && method !== 'HEAD') {
		if (request.body !== undefined) {
			// A body parser got there first: hand on what it parsed, in place of the stream it emptied.
			body = typeof request.body === 'string' ? request.body : request.body instanceof Uint8Array ? new Uint8Array(request.body) : JSON.stringify(request.body);
			headers.delete('content-length');
			// A parser that skipped this content type (Express 4's leaves `{}`) left the stream unread: drain it.
			if (request.readableEnded !== true) request.resume();
		} else if (request.readableEnded !== true) {
			body = bodyStream(request);
		}
	}

	// `duplex: 'half'` is required by Node's fetch for a streamed body; it is not in the DOM typings yet.
	return new Request(url, {method, headers, body, duplex: 'half'} as RequestInit);
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
		console.error('zendesk-messaging-auth/server:', error);
		return new Response(null, {status: 500});
	} finally {
		// A body the handler never touched (a 405, 403 or 415) must still be drained, or a keep-alive connection stalls.
		const {body} = fetchRequest;
		if (body !== null && !fetchRequest.bodyUsed && !body.locked) void body.cancel().catch(() => {});
	}
}

/**
Mounts a Fetch handler in Node's `http` server, Express (4 and 5), or anything else built on
`IncomingMessage`/`ServerResponse`. The request URL is built from Express's `req.protocol` and `req.host`
(so `app.set('trust proxy', 1)` behind a TLS-terminating proxy makes `Secure` cookies and the origin check
right), the body is streamed (or taken from `req.body` when `express.json()` already read it), and every
`Set-Cookie` header is kept.

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
		const answer = await answerOf(handler, request);
		response.statusCode = answer.status;
		for (const [name, value] of answer.headers) {
			if (name !== 'set-cookie') response.setHeader(name, value);
		}

		const cookies = answer.headers.getSetCookie();
		if (cookies.length > 0) response.setHeader('set-cookie', cookies);
		response.end(answer.body === null ? undefined : new Uint8Array(await answer.arrayBuffer()));
	};
}
