import {MessagingAuthError, type MessagingAuthErrorCode} from '../errors/messaging-auth-error.js';
import type {JwtClaims} from '../types/session.js';
import {expiryOf, hasExpired, serverTimeOfResponse} from './clock.js';
import {post, RequestTimeout} from './http.js';
import {decodeJwt} from './jwt.js';
import type {ResolvedOptions} from './options.js';

/** A token the backend handed out, checked and decoded. */
export interface TokenGrant {
	jwt: string;
	claims: JwtClaims;
	/** The server's time when the answer arrived (ms), when the answer told it. */
	serverTimeMs: number | undefined;
}

// A server message is shown to people as text; a page-long one is a misconfigured server.
const MAX_SERVER_MESSAGE_LENGTH = 300;

type Endpoint = 'token' | 'refresh' | 'logout';

export function absolute(url: string): string {
	// fetch resolves against the document's base URL; Node's fetch (SSR, tests) needs it spelled out.
	return new URL(url, globalThis.document?.baseURI ?? globalThis.location?.href).href;
}

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

function serverMessageOf(body: unknown): string | undefined {
	const message = typeof body === 'object' && body !== null ? (body as {message?: unknown}).message : undefined;
	if (typeof message !== 'string' || message.trim() === '') return undefined;
	return message.trim().slice(0, MAX_SERVER_MESSAGE_LENGTH);
}

/** `Retry-After` is either delta-seconds or an HTTP date. */
function retryAfterSeconds(header: string | null): number | undefined {
	if (!header) return undefined;
	const seconds = /^\d+$/.test(header.trim()) ? Number(header) : (Date.parse(header) - Date.now()) / 1000;
	return Number.isFinite(seconds) ? Math.max(0, Math.ceil(seconds)) : undefined;
}

/** The HTTP side: requests, and the one mapping from answers and failures to error codes. */
export class TokenClient {
	readonly #options: ResolvedOptions;
	#abort = new AbortController();

	constructor(options: ResolvedOptions) {
		this.#options = options;
	}

	/** POSTs the credentials as JSON. 401/403 become `ERR_INVALID_CREDENTIALS`. */
	async login(credentials: Record<string, string>): Promise<TokenGrant> {
		return this.#grant('token', this.#options.tokenEndpoint, credentials);
	}

	/** POSTs with no body; the site's cookie identifies the session. 401/403 become `ERR_SESSION_EXPIRED`: the session is over. */
	async refresh(): Promise<TokenGrant> {
		return this.#grant('refresh', this.#options.refreshEndpoint!, undefined);
	}

	/** Tells the backend the visitor signed out. Rejects on failure; the caller decides it is best effort. */
	async logout(): Promise<void> {
		const {logoutEndpoint} = this.#options;
		if (!logoutEndpoint) return;
		const {response, body} = await this.#post(logoutEndpoint, undefined);
		// 401/403 here means the site session is already over: what logging out wanted.
		if (!response.ok && response.status !== 401 && response.status !== 403) {
			throw this.#statusError('logout', logoutEndpoint, response, body);
		}
	}

	/** Aborts every request in flight; later requests run normally. */
	abortAll(): void {
		this.#abort.abort();
		this.#abort = new AbortController();
	}

	async #grant(endpoint: Endpoint, url: string, json: Record<string, string> | undefined): Promise<TokenGrant> {
		const {response, body, text} = await this.#post(url, json);
		if (!response.ok) throw this.#statusError(endpoint, url, response, body);

		const invalid = (reason: string, cause?: unknown) =>
			new MessagingAuthError('ERR_INVALID_TOKEN', `POST ${url} answered ${response.status}, but ${reason}.`, {
				status: response.status,
				cause,
			});
		if (body === undefined) {
			const looksLikeHtml = /^\s*</.test(text);
			throw invalid(
				looksLikeHtml
					? 'with HTML, not JSON: is the URL right, or did a login page or an SPA fallback answer?'
					: 'not with JSON',
			);
		}

		const record = (typeof body === 'object' && body !== null ? body : {}) as {jwt?: unknown; token?: unknown};
		const jwt = record.jwt ?? record.token;
		if (typeof jwt !== 'string') throw invalid('its JSON has no "jwt" (or "token") string');

		let claims: JwtClaims;
		try {
			claims = decodeJwt(jwt);
		} catch (error) {
			const reason = (error as Error).message.replace(/\.$/, '');
			throw invalid(reason.charAt(0).toLowerCase() + reason.slice(1), error);
		}

		const serverTimeMs = serverTimeOfResponse(response.headers.get('date'), claims.iat);
		if (hasExpired(expiryOf(claims), serverTimeMs ?? Date.now())) {
			throw invalid('the JWT had already expired when it arrived (check the token lifetime and the server clock)');
		}

		return {jwt, claims, serverTimeMs};
	}

	async #post(url: string, json: Record<string, string> | undefined) {
		const {headers, credentials, timeoutMs} = this.#options;
		let extraHeaders: Record<string, string> | undefined;
		try {
			extraHeaders = typeof headers === 'function' ? await headers() : headers;
		} catch (error) {
			throw new MessagingAuthError('ERR_CONFIG', `The headers function threw before POST ${url}: ${(error as Error)?.message ?? error}`, {cause: error});
		}

		try {
			const {response, text} = await post(absolute(url), {json, headers: extraHeaders, credentials, timeoutMs, signal: this.#abort.signal});
			return {response, text, body: parseJson(text)};
		} catch (error) {
			if (error instanceof RequestTimeout) {
				throw new MessagingAuthError('ERR_TIMEOUT', `POST ${url} did not answer within ${timeoutMs} ms (timeoutMs).`, {cause: error});
			}

			throw new MessagingAuthError(
				'ERR_NETWORK',
				`POST ${url} failed before an answer arrived (offline, server down, or blocked by CORS): ${(error as Error)?.message ?? error}`,
				{cause: error},
			);
		}
	}

	#statusError(endpoint: Endpoint, url: string, response: Response, body: unknown): MessagingAuthError {
		const {status} = response;
		const serverMessage = serverMessageOf(body);
		let code: MessagingAuthErrorCode = 'ERR_TOKEN_ENDPOINT';
		let what = 'an error';
		let retryAfter: number | undefined;
		if (status === 401 || status === 403) {
			code = endpoint === 'refresh' ? 'ERR_SESSION_EXPIRED' : 'ERR_INVALID_CREDENTIALS';
			what = endpoint === 'refresh' ? 'that the site session is over' : 'that the credentials were refused';
		} else if (status === 429) {
			code = 'ERR_RATE_LIMITED';
			what = 'too many requests';
			retryAfter = retryAfterSeconds(response.headers.get('retry-after'));
		}

		const tail = [serverMessage?.replace(/[.!?]$/, ''), retryAfter === undefined ? undefined : `retry after ${retryAfter} s`].filter(Boolean).join('; ');
		return new MessagingAuthError(code, `POST ${url} answered ${status} (${what})${tail ? `: ${tail}` : ''}.`, {
			status,
			...(serverMessage === undefined ? {} : {serverMessage}),
			...(retryAfter === undefined ? {} : {retryAfterSeconds: retryAfter}),
		});
	}
}
