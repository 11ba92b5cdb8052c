import ky, {HTTPError, type KyInstance, type Options, type RetryOptions} from 'ky';
import {MessagingAuthError} from '../errors/messaging-auth-error.js';
import type {JwtClaims} from '../types/session.js';
import {expiryOf, hasExpired, serverTimeOfResponse} from './clock.js';
import {ABORTED_BY_SDK, BODY_TIMED_OUT, type Endpoint, requestFailure, retryAfterSeconds, statusError} from './http-errors.js';
import {decodeJwt} from './jwt.js';
import type {ResolvedOptions} from './options.js';
import {readTokenAnswer} from './token-answer.js';
import {resolveUrl} from './url.js';

/** A token the backend handed out, checked and decoded. */
export interface TokenGrant {
	jwt: string;
	claims: JwtClaims;
	/** The server's time when the answer arrived (ms), when the answer told it. */
	serverTimeMs: number | undefined;
}

/*
A refresh is retried by ky itself, quickly, for blips (a dropped connection, a 502 from a restarting server, a 429
asking for a short pause). Longer outages are the session's to schedule (refresh-plan.ts): its timers are re-checked
when a sleeping tab wakes, it stops at expiry, and it does not hold the tabs' refresh lock while it waits.
*/
export const REFRESH_RETRIES = 1;
/** A `Retry-After` longer than this ends the attempt: the session waits it out, without holding the refresh lock. */
const MAX_RETRY_AFTER_MS = 3000;
const MAX_BACKOFF_MS = 1000;
const REFRESH_RETRY: RetryOptions = {
	limit: REFRESH_RETRIES,
	// ky's own statusCodes (408, 413, 429, 5xx) and its Retry-After handling; a POST only because refresh sends no body.
	methods: ['post'],
	maxRetryAfter: MAX_RETRY_AFTER_MS,
	backoffLimit: MAX_BACKOFF_MS,
	jitter: true,
};

/**
The longest one refresh attempt can take (each try within `timeoutMs`, ky's pause between tries): how long another
tab waits for the refresh lock (plus a margin) before it concludes the holder is frozen. With the defaults, 23 s: well
inside the 60 s refresh leeway.
*/
export const refreshAttemptBudgetMs = (timeoutMs: number): number =>
	(REFRESH_RETRIES + 1) * timeoutMs + REFRESH_RETRIES * Math.max(MAX_RETRY_AFTER_MS, MAX_BACKOFF_MS);

/** The HTTP side, on ky: one instance per SDK instance, every request abortable by the SDK. */
export class TokenClient {
	readonly #options: ResolvedOptions;
	readonly #ky: KyInstance;
	readonly #inFlight = new Set<AbortController>();

	constructor(options: ResolvedOptions) {
		this.#options = options;
		const {headers, credentials, timeoutMs} = options;
		// The headers option, sync or async, goes in just before each request (a CSRF token may rotate).
		const addHeaders = async (request: Request) => {
			let extra: Record<string, string>;
			try {
				extra = typeof headers === 'function' ? await headers() : headers!;
			} catch (error) {
				throw new MessagingAuthError('ERR_CONFIG', `The headers function threw before POST ${request.url}: ${(error as Error)?.message}`, {cause: error});
			}

			for (const [name, value] of Object.entries(extra ?? {})) request.headers.set(name, value);
		};
		this.#ky = ky.create({
			method: 'post',
			credentials,
			cache: 'no-store',
			timeout: timeoutMs,
			retry: 0,
			headers: {accept: 'application/json'},
			hooks: {beforeRequest: headers === undefined ? [] : [addHeaders]},
		});
	}

	/** POSTs the credentials as JSON to `tokenEndpoint` (the session checks it is set). 401/403 become `ERR_INVALID_CREDENTIALS`. */
	async login(credentials: Record<string, string>): Promise<TokenGrant> {
		return this.#grant('token', this.#options.tokenEndpoint!, {json: credentials});
	}

	/**
	POSTs `refreshEndpoint` (the session checks it is set) with no body; the site's cookie identifies the session.
	401/403 become `ERR_SESSION_EXPIRED`: the session is over. `mayRetry` tells ky's retries whether the session still
	wants this token (it has not expired, nothing superseded it).
	*/
	async refresh(mayRetry: () => boolean = () => true): Promise<TokenGrant> {
		return this.#grant('refresh', this.#options.refreshEndpoint!, {
			retry: {
				...REFRESH_RETRY,
				shouldRetry: ({error}) =>
					// Longer pauses than ky may wait are left to the session's own schedule.
					mayRetry() && !(error instanceof MessagingAuthError) && !((retryAfterSeconds((error as HTTPError).response?.headers.get('retry-after')) ?? 0) * 1000 > MAX_RETRY_AFTER_MS)
						? undefined
						: false,
			},
		});
	}

	/** Tells the backend the visitor signed out. Rejects on failure; the caller decides it is best effort. */
	async logout(): Promise<void> {
		const url = this.#options.logoutEndpoint;
		if (url === undefined) return;
		const {response, text} = await this.#post(url, {});
		// 401/403 here means the site session is already over: what logging out wanted.
		if (!response.ok && response.status !== 401 && response.status !== 403) throw statusError('logout', url, response, text);
	}

	/** Aborts every request in flight (they reject with `ERR_ABORTED`); later requests run normally. */
	abortAll(): void {
		for (const controller of this.#inFlight) controller.abort(ABORTED_BY_SDK);
		this.#inFlight.clear();
	}

	async #grant(endpoint: Endpoint, url: string, options: Options): Promise<TokenGrant> {
		const {response, text} = await this.#post(url, options);
		if (!response.ok) throw statusError(endpoint, url, response, text);

		const invalid = (reason: string, cause?: unknown) =>
			new MessagingAuthError('ERR_INVALID_TOKEN', `POST ${url} answered ${response.status}, but ${reason}.`, {status: response.status, cause});
		const answer = readTokenAnswer(text);
		if ('problem' in answer) throw invalid(answer.problem);

		let claims: JwtClaims;
		try {
			claims = decodeJwt(answer.jwt);
		} catch (error) {
			const reason = (error as Error).message.replace(/\.$/, '');
			throw invalid(reason.charAt(0).toLowerCase() + reason.slice(1), error);
		}

		const serverTimeMs = serverTimeOfResponse(response.headers.get('date'), claims.iat);
		if (hasExpired(expiryOf(claims), serverTimeMs ?? Date.now())) {
			throw invalid('the JWT had already expired when it arrived (check its lifetime and the server clock)');
		}

		return {jwt: answer.jwt, claims, serverTimeMs};
	}

	/** One POST through ky, its answer read whole: each try, headers and body, within `timeoutMs`. */
	async #post(url: string, options: Options): Promise<{response: Response; text: string}> {
		const {timeoutMs} = this.#options;
		const controller = new AbortController();
		this.#inFlight.add(controller);
		const {log} = this.#options;
		const startedAt = Date.now();
		let tryStartedAt = startedAt;
		let bodyTimer: ReturnType<typeof setTimeout> | undefined;
		try {
			let response: Response;
			try {
				response = await this.#ky(resolveUrl(url), {
					...options,
					signal: controller.signal,
					hooks: {beforeRequest: [() => void (tryStartedAt = Date.now())]},
				});
			} catch (error) {
				if (!(error instanceof HTTPError)) throw error;
				response = error.response;
			}

			// ky's timeout ends with the headers; the body gets what is left of this try's time.
			bodyTimer = setTimeout(() => controller.abort(BODY_TIMED_OUT), Math.max(0, timeoutMs - (Date.now() - tryStartedAt)));
			const text = await response.text();
			log?.(`POST ${url}: ${response.status} (${Date.now() - startedAt} ms)`);
			return {response, text};
		} catch (error) {
			const failure = requestFailure(url, error, controller.signal, timeoutMs);
			log?.(`POST ${url}: ${(failure as MessagingAuthError).code ?? 'failed'} (${Date.now() - startedAt} ms)`);
			throw failure;
		} finally {
			clearTimeout(bodyTimer);
			this.#inFlight.delete(controller);
		}
	}
}
