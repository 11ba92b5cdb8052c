import {createServer, type IncomingHttpHeaders, type Server} from 'node:http';
import {randomUUID} from 'node:crypto';
import type {AddressInfo} from 'node:net';
import {mintJwt} from './jwt.js';

export const ADA = {email: 'ada@example.com', password: 'analytical-engine', externalId: 'user-ada', name: 'Ada Lovelace'};

export interface ScriptedResponse {
	status?: number;
	body?: string | Record<string, unknown>;
	headers?: Record<string, string>;
	delayMs?: number;
}

export interface RecordedRequest {
	method: string;
	path: string;
	body: string;
	headers: IncomingHttpHeaders;
}

/**
A site backend on loopback, as the wire protocol describes it: POST /token (JSON credentials), POST /refresh
(no body), POST /logout. Answers can be scripted one at a time with `next(path, response)`.
*/
export async function startTokenServer() {
	const scripted = new Map<string, ScriptedResponse[]>();
	const requests: RecordedRequest[] = [];
	const state = {
		lifetimeSeconds: 600,
		/** Seconds the server's clock is ahead of the machine's (both in its tokens and its Date header). */
		clockOffsetSeconds: 0,
		signedIn: undefined as string | undefined,
		/** When set, refreshes that succeed before the site session is revoked (401). */
		refreshesLeft: undefined as number | undefined,
	};

	const token = (email: string) =>
		mintJwt({
			lifetimeSeconds: state.lifetimeSeconds,
			nowSeconds: Math.floor(Date.now() / 1000) + state.clockOffsetSeconds,
			claims: {jti: randomUUID(), ...(email === ADA.email ? {} : {external_id: `user-${email}`, name: undefined, email})},
		});

	const server: Server = createServer((request, response) => {
		let body = '';
		request.on('data', (chunk: Buffer) => (body += chunk.toString()));
		request.on('end', () => {
			const path = new URL(request.url ?? '/', 'http://x').pathname;
			requests.push({method: request.method ?? '', path, body, headers: request.headers});
			const send = ({status = 200, body: payload, headers = {}, delayMs = 0}: ScriptedResponse) => {
				setTimeout(() => {
					if (response.destroyed) return;
					const text = typeof payload === 'string' ? payload : payload === undefined ? '' : JSON.stringify(payload);
					const date = new Date(Date.now() + state.clockOffsetSeconds * 1000).toUTCString();
					response.writeHead(status, {
						date,
						...(typeof payload === 'object' ? {'content-type': 'application/json'} : {}),
						...headers,
					});
					response.end(text);
				}, delayMs);
			};

			const next = scripted.get(path)?.shift();
			if (next) return send(next);
			if (request.method !== 'POST') return send({status: 405, body: {message: 'POST only'}});
			if (path === '/token') {
				let credentials: Record<string, unknown> = {};
				try {
					credentials = JSON.parse(body) as Record<string, unknown>;
				} catch {
					return send({status: 400, body: {message: 'Malformed JSON'}});
				}

				if (credentials['email'] === ADA.email && credentials['password'] === ADA.password) {
					state.signedIn = ADA.email;
					return send({body: {jwt: token(ADA.email)}});
				}

				return send({status: 401, body: {message: 'Invalid email or password.'}});
			}

			if (path === '/refresh') {
				if (state.refreshesLeft !== undefined && state.refreshesLeft-- <= 0) state.signedIn = undefined;
				if (!state.signedIn) return send({status: 401, body: {message: 'No session'}});
				return send({body: {jwt: token(state.signedIn)}});
			}

			if (path === '/logout') {
				state.signedIn = undefined;
				return send({status: 204});
			}

			send({status: 404, body: {message: 'Not found'}});
		});
	});

	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as AddressInfo;
	const origin = `http://127.0.0.1:${port}`;
	return {
		state,
		requests,
		url: (path: string) => `${origin}${path}`,
		/** Scripts the next answer to `path` (one-shot, in order). */
		next(path: string, response: ScriptedResponse) {
			scripted.set(path, [...(scripted.get(path) ?? []), response]);
		},
		count: (path: string) => requests.filter((request) => request.path === path).length,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

export type TokenServer = Awaited<ReturnType<typeof startTokenServer>>;
