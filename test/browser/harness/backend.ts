/*
The test site backend, as PRODUCT.md's wire protocol describes it: POST /api/token (JSON credentials),
POST /api/refresh (no body, the HttpOnly site-session cookie), POST /api/logout. Tests steer it from Node
(same process): token lifetime, its clock, delays, and one-shot bad answers.
Also POST /__verify, which checks a JWT as Zendesk would, for the widget stand-in.
*/
import {randomUUID} from 'node:crypto';
import type {IncomingMessage, ServerResponse} from 'node:http';
import {claimsOf, signJwt, verifyJwt, type MessagingClaims, type VerifyResult} from './jwt.js';

export interface TestUser {
	email: string;
	password: string;
	externalId: string;
	name?: string;
}

export const ADA: TestUser = {email: 'ada@example.com', password: 'analytical-engine', externalId: 'user-ada', name: 'Ada Lovelace'};
/** A visitor whose name (set by themselves in the site's profile) is markup: it must stay text everywhere. */
export const MARKUP_NAME = '<img src="x" id="injected-name" onerror="window.__pwned = (window.__pwned || 0) + 1"><b>Mallory</b>';
export const MALLORY: TestUser = {email: 'mallory@example.com', password: 'hunter2', externalId: 'user-mallory', name: MARKUP_NAME};
export const USERS: readonly TestUser[] = [ADA, MALLORY];

export const SESSION_COOKIE = 'zma_site_session';

export const ENDPOINTS = {token: '/api/token', refresh: '/api/refresh', logout: '/api/logout', verify: '/__verify'} as const;

/** A one-shot answer replacing the normal one of the token, refresh or logout endpoint. */
export type ScriptedAnswer =
	/** A 200 HTML page (a login page, an SPA fallback): `html` replaces the default page. */
	| {kind: 'html'; html?: string}
	| {kind: 'no-jwt'}
	| {kind: 'malformed-jwt'}
	| {kind: 'expired-jwt'}
	/** A JWT signed with this key id (`''`: no kid) or secret instead of the backend's own (a misconfigured backend). */
	| {kind: 'signed-with'; keyId?: string; secret?: string}
	/**
	The answer breaks off: headers and half a body, then the connection closes. (A connection closed before any byte
	is no use here: Chromium silently retries a request whose reused keep-alive socket was closed.)
	*/
	| {kind: 'truncated'}
	| {kind: 'status'; status: number; message?: string; headers?: Record<string, string>}
	/** The normal answer, late. */
	| {kind: 'delay'; delayMs: number}
	/** No answer at all: not even the headers, until the client gives up. */
	| {kind: 'hang'}
	/**
	Headers of a 200 and the start of a JSON body, then never the end: with `trickleEveryMs`, one more byte at that
	interval (a body that keeps arriving, slowly), without it nothing more. The connection stays open until the client closes it.
	*/
	| {kind: 'stalled-body'; trickleEveryMs?: number}
	/**
	A 200 JSON answer `bytes` long, written as fast as the client reads it (backpressure: only what the client's
	socket accepts): with `Content-Length` when `declared`, else chunked. `hugeBodySentBytes` counts what got written.
	*/
	| {kind: 'huge-body'; bytes: number; declared: boolean};

/**
How the token and refresh endpoints put a JWT in their 200: `json` is `{"jwt": "..."}`; the others are the bare
compact JWS as real backends send it (docs/wire-protocol.md): `text/plain` as Express's
`res.type('text/plain').send(jwt)`, `application/jwt`, or a JSON string (`res.json(jwt)`).
*/
export type TokenAnswerFormat = 'json' | 'text/plain' | 'application/jwt' | 'json-string';

export interface RecordedRequest {
	method: string;
	path: string;
	url: string;
	body: string;
	hadSessionCookie: boolean;
	atMs: number;
	/** When it arrived on the backend's clock, which `suite.advance()` moves with the pages' fake clock. */
	backendAtMs: number;
}

export interface Verification {
	jwt: string;
	result: VerifyResult;
	atMs: number;
}

type ScriptedEndpoint = 'token' | 'refresh' | 'logout';

export class TestBackend {
	/** Lifetime of the JWTs it mints. */
	lifetimeSeconds = 600;
	/** How far the backend's clock is ahead of the machine's (its tokens, its Date header, its /__verify). */
	clockOffsetMs = 0;
	/** Message of the 401 for bad credentials. */
	badCredentialsMessage = 'Wrong email or password.';
	/** How the token and refresh endpoints send a JWT. */
	tokenAnswerFormat: TokenAnswerFormat = 'json';
	/**
	What the refresh endpoint answers when the request carries no live site session: 401 {"message"} as older backends
	do, or 204 as the server subpath's handlers do (PRODUCT.md, wire protocol).
	*/
	noSessionStatus: 204 | 401 = 401;
	readonly requests: RecordedRequest[] = [];
	/** Every JWT handed out, in order: no one of them may end up in storage, cookies or the URL. */
	readonly minted: string[] = [];
	readonly verifications: Verification[] = [];
	/** Bytes of the last `huge-body` answer the client's socket accepted: what a client that stopped reading let in. */
	hugeBodySentBytes = 0;
	readonly #scripted: Record<ScriptedEndpoint, ScriptedAnswer[]> = {token: [], refresh: [], logout: []};
	readonly #sessions = new Map<string, TestUser>();

	reset(): void {
		this.lifetimeSeconds = 600;
		this.clockOffsetMs = 0;
		this.badCredentialsMessage = 'Wrong email or password.';
		this.tokenAnswerFormat = 'json';
		this.noSessionStatus = 401;
		this.requests.length = 0;
		this.minted.length = 0;
		this.verifications.length = 0;
		this.hugeBodySentBytes = 0;
		for (const answers of Object.values(this.#scripted)) answers.length = 0;
		this.#sessions.clear();
	}

	/** Now on the backend's clock (ms). */
	now(): number {
		return Date.now() + this.clockOffsetMs;
	}

	/** Moves the backend's clock forward, as `page.clock.fastForward` moves the page's. */
	advance(ms: number): void {
		this.clockOffsetMs += ms;
	}

	answerNextToken(...answers: ScriptedAnswer[]): void {
		this.#scripted.token.push(...answers);
	}

	answerNextRefresh(...answers: ScriptedAnswer[]): void {
		this.#scripted.refresh.push(...answers);
	}

	answerNextLogout(...answers: ScriptedAnswer[]): void {
		this.#scripted.logout.push(...answers);
	}

	/** Ends every site session, as an admin revoking access would: the next refresh answers 401. */
	revokeSessions(): void {
		this.#sessions.clear();
	}

	count(path: string): number {
		return this.requests.filter((request) => request.path === path).length;
	}

	mint(user: TestUser, {issuedAtMs = this.now(), lifetimeSeconds = this.lifetimeSeconds} = {}): string {
		const iat = Math.floor(issuedAtMs / 1000);
		const claims: MessagingClaims = {
			external_id: user.externalId,
			scope: 'user',
			...(user.name === undefined ? {} : {name: user.name}),
			email: user.email,
			email_verified: true,
			iat,
			exp: iat + lifetimeSeconds,
			jti: randomUUID(),
		};
		const jwt = signJwt(claims);
		this.minted.push(jwt);
		return jwt;
	}

	/** Answers the request if it is one of the backend's; returns whether it was. */
	async handle(request: IncomingMessage, response: ServerResponse, path: string, body: string): Promise<boolean> {
		const endpoint = (Object.entries(ENDPOINTS) as Array<[keyof typeof ENDPOINTS, string]>).find(([, route]) => route === path)?.[0];
		if (!endpoint) return false;
		const sessionId = readCookie(request.headers.cookie, SESSION_COOKIE);
		this.requests.push({
			method: request.method ?? '',
			path,
			url: request.url ?? '',
			body,
			hadSessionCookie: sessionId !== undefined,
			atMs: Date.now(),
			backendAtMs: this.now(),
		});
		if (request.method !== 'POST') {
			this.#send(response, 405, {message: 'POST only.'});
			return true;
		}

		switch (endpoint) {
			case 'token':
				await this.#token(response, body);
				break;
			case 'refresh':
				await this.#refresh(response, sessionId);
				break;
			case 'logout':
				await this.#answer('logout', response, ADA, () => {
					if (sessionId !== undefined) this.#sessions.delete(sessionId);
					this.#send(response, 204, undefined, {'set-cookie': `${SESSION_COOKIE}=; HttpOnly; Path=/; SameSite=Strict; Max-Age=0`});
				});
				break;
			case 'verify': {
				// The stand-in may expect another signing key id (?kid=), to play a widget that refuses our tokens.
				const {jwt, kid} = (parseJson(body) ?? {}) as {jwt?: unknown; kid?: unknown};
				const result = verifyJwt(jwt, this.now(), typeof kid === 'string' ? {keyId: kid} : {});
				this.verifications.push({jwt: typeof jwt === 'string' ? jwt : String(jwt), result, atMs: Date.now()});
				// Zendesk judges expiry on its own clock: the stand-in times its re-ask from this, not from the visitor's clock.
				this.#send(response, 200, {...result, serverNowMs: this.now()});
				break;
			}
		}

		return true;
	}

	async #token(response: ServerResponse, body: string): Promise<void> {
		const credentials = parseJson(body) as {email?: unknown; password?: unknown} | undefined;
		const user = USERS.find((candidate) => candidate.email === credentials?.email && candidate.password === credentials?.password);
		const issue = () => {
			if (!user) {
				this.#send(response, 401, {message: this.badCredentialsMessage});
				return;
			}

			const sessionId = randomUUID();
			this.#sessions.set(sessionId, user);
			this.#sendToken(response, this.mint(user), {'set-cookie': `${SESSION_COOKIE}=${sessionId}; HttpOnly; Path=/; SameSite=Strict`});
		};

		await this.#answer('token', response, user ?? ADA, issue);
	}

	async #refresh(response: ServerResponse, sessionId: string | undefined): Promise<void> {
		const user = sessionId === undefined ? undefined : this.#sessions.get(sessionId);
		if (!user) {
			// Scripted answers are for the refresh of a session, not for a start-up restore that finds none.
			if (this.noSessionStatus === 204) this.#send(response, 204, undefined);
			else this.#send(response, 401, {message: 'No site session.'});
			return;
		}

		await this.#answer('refresh', response, user, () => {
			this.#sendToken(response, this.mint(user));
		});
	}

	async #answer(endpoint: ScriptedEndpoint, response: ServerResponse, user: TestUser, normal: () => void): Promise<void> {
		const scripted = this.#scripted[endpoint].shift();
		switch (scripted?.kind) {
			case undefined:
				normal();
				return;
			case 'delay':
				await new Promise((resolve) => setTimeout(resolve, scripted.delayMs));
				if (!response.destroyed) normal();
				return;
			case 'html':
				this.#send(response, 200, scripted.html ?? '<!doctype html><html><body><h1>Please sign in</h1></body></html>', {'content-type': 'text/html'});
				return;
			case 'hang':
				return;
			case 'stalled-body': {
				response.writeHead(200, {'content-type': 'application/json', 'cache-control': 'no-store', date: new Date(this.now()).toUTCString()});
				response.write('{"jwt": "eyJhbGciOiJIUzI1NiJ9.');
				if (scripted.trickleEveryMs === undefined) return;
				const trickle = setInterval(() => response.write('e'), scripted.trickleEveryMs);
				response.on('close', () => clearInterval(trickle));
				return;
			}
			case 'huge-body': {
				response.writeHead(200, {'content-type': 'application/json', 'cache-control': 'no-store', ...(scripted.declared ? {'content-length': String(scripted.bytes)} : {})});
				this.hugeBodySentBytes = 0;
				const chunk = Buffer.alloc(64 * 1024, ' ');
				const write = () => {
					while (this.hugeBodySentBytes < scripted.bytes && !response.destroyed) {
						this.hugeBodySentBytes += chunk.length;
						if (!response.write(chunk)) return void response.once('drain', write);
					}

					if (!response.destroyed) response.end();
				};
				write();
				return;
			}
			case 'no-jwt':
				this.#send(response, 200, {ok: true, user: user.externalId});
				return;
			case 'malformed-jwt':
				this.#send(response, 200, {jwt: 'this.is-not.a-jwt!'});
				return;
			case 'expired-jwt':
				this.#send(response, 200, {jwt: this.mint(user, {issuedAtMs: this.now() - 3_600_000, lifetimeSeconds: 600})});
				return;
			case 'signed-with': {
				this.#send(response, 200, {jwt: signJwt(claimsOf(this.mint(user))!, {...(scripted.keyId === undefined ? {} : {keyId: scripted.keyId}), ...(scripted.secret === undefined ? {} : {secret: scripted.secret})})});
				return;
			}
			case 'truncated':
				response.writeHead(200, {'content-type': 'application/json', 'content-length': '400', date: new Date(this.now()).toUTCString()});
				response.write('{"jwt": "eyJhbGciOiJIUzI1NiJ9.');
				setTimeout(() => response.socket?.destroy(), 50);
				return;
			case 'status':
				this.#send(response, scripted.status, scripted.message === undefined ? {} : {message: scripted.message}, scripted.headers);
				return;
		}
	}

	/** A 200 with `jwt` in this backend's `tokenAnswerFormat`. */
	#sendToken(response: ServerResponse, jwt: string, headers: Record<string, string> = {}): void {
		switch (this.tokenAnswerFormat) {
			case 'json':
				this.#send(response, 200, {jwt}, headers);
				return;
			case 'json-string':
				this.#send(response, 200, JSON.stringify(jwt), {'content-type': 'application/json; charset=utf-8', ...headers});
				return;
			case 'text/plain':
				this.#send(response, 200, jwt, {'content-type': 'text/plain; charset=utf-8', ...headers});
				return;
			case 'application/jwt':
				this.#send(response, 200, jwt, {'content-type': 'application/jwt', ...headers});
				return;
		}
	}

	#send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
		if (response.destroyed) return;
		const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
		response.writeHead(status, {
			// The SDK estimates the server's clock from this header: it must follow the backend's clock.
			date: new Date(this.now()).toUTCString(),
			'cache-control': 'no-store',
			...(typeof body === 'object' ? {'content-type': 'application/json'} : {}),
			...headers,
		});
		response.end(text);
	}
}

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

function readCookie(header: string | undefined, name: string): string | undefined {
	for (const part of (header ?? '').split(';')) {
		const [key, ...value] = part.trim().split('=');
		if (key === name && value.join('=') !== '') return value.join('=');
	}

	return undefined;
}
