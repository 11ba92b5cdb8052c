import ky, {HTTPError, type KyInstance, type Options, type RetryOptions} from 'ky';
import {MessagingAuthError} from '../errors/messaging-auth-error.js';
import type {JwtClaims} from '../types/session.js';
import {expiryOf, hasExpired, serverTimeOfResponse} from './clock.js';
import {ABORTED_BY_SDK, BODY_TIMED_OUT, type Endpoint, requestFailure, retryAfterSeconds, statusError} from './http-errors.js';
import {decodeJwt} from './jwt.js';
import type {ResolvedOptions} from './options.js';
import {readTokenAnswer} from './token-answer.js';
import {resolveUrl} from './url.js';

const noop = () => {};

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

/** PRODUCT.md, "Bounded answers": no answer is read past this; a token answer is a few hundred bytes. */
export const MAX_BODY_BYTES = 64 * 1024;

/**
Reads a body as UTF-8 text, at most MAX_BODY_BYTES of it: `undefined` when it is larger. A declared Content-Length
over the cap is refused before a byte is read; otherwise the stream is read chunk by chunk and cancelled at the cap,
so a huge answer never fills memory. When `signal` aborts (the body's deadline, the SDK's own abort) the read is
cancelled here, whether or not the engine ends the stream itself, and rejects with `signal.reason`.
*/
export async function readBoundedText(response: Response, signal: AbortSignal): Promise<string | undefined> {
	const reader = response.body?.getReader();
	// Cancelling resolves a pending read() as done (Streams spec); cancelling again, or after the end, does nothing.
	const stop = () => void reader?.cancel().catch(noop);
	// A gzip Content-Length counts compressed bytes: the count below still measures what arrives.
	if (Number(response.headers.get('content-length')) > MAX_BODY_BYTES) return stop();
	signal.addEventListener('abort', stop);
	if (signal.aborted) stop();
	const decoder = new TextDecoder();
	let text = '';
	let size = 0;
	try {
		for (let chunk; reader && !(chunk = await reader.read()).done; ) {
			size += chunk.value.byteLength;
			if (size > MAX_BODY_BYTES) return undefined;
			text += decoder.decode(chunk.value, {stream: true});
		}

		if (signal.aborted) throw signal.reason;
	} finally {
		signal.removeEventListener('abort', stop);
		stop();
	}

	return text + decoder.decode();
}

/**
The HTTP side, on ky: one instance per SDK instance. Who may abort what: a sign-in's requests (login, refresh, restore)
are the session's, abandoned by abortSignIns() when a newer sign-in, a sign-out or destroy() makes them moot. A
sign-out's request is no sign-in's to cancel: it is sent with `keepalive`, never aborted (not by destroy(), a new
login(), nor a page that navigates away), and a sign-in waits for its answer, so that the old session's cleared cookie
cannot land after the new session's.
*/
export class TokenClient {
	readonly #options: ResolvedOptions;
	readonly #ky: KyInstance;
	readonly #signInsInFlight = new Set<AbortController>();
	/** Settles when the last sign-out's request was answered (or failed). */
	#signingOut: Promise<unknown> = Promise.resolve();

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
	204 ("no session"), 401 and 403 become `ERR_SESSION_EXPIRED`: the session is over. `mayRetry` tells ky's retries whether the session still
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
		const sent = this.#post(url, {keepalive: true}, false);
		this.#signingOut = sent.catch(noop);
		const {response, text} = await sent;
		// 401/403 here means the site session is already over: what logging out wanted.
		if (!response.ok && response.status !== 401 && response.status !== 403) throw statusError('logout', url, response, text ?? '');
	}

	/** Aborts every sign-in request in flight (they reject with `ERR_ABORTED`); later requests run normally. */
	abortSignIns(): void {
		for (const controller of this.#signInsInFlight) controller.abort(ABORTED_BY_SDK);
		this.#signInsInFlight.clear();
	}

	async #grant(endpoint: Endpoint, url: string, options: Options): Promise<TokenGrant> {
		const {response, text} = await this.#post(url, options);
		// 204 from the refresh endpoint is "no site session" (PRODUCT.md, wire protocol), as 401/403 are. An error page too
		// large to read still has its status to go by (a 401 is refused credentials, whatever its page).
		if (!response.ok || (response.status === 204 && endpoint === 'refresh')) throw statusError(endpoint, url, response, text ?? '');

		const invalid = (reason: string, cause?: unknown) =>
			new MessagingAuthError('ERR_INVALID_TOKEN', `POST ${url} answered ${response.status}, but ${reason}.`, {status: response.status, cause});
		if (text === undefined) throw invalid('its body is over 64 KiB, too large to be a token answer (a file or a page at that URL?)');
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

	/**
	One POST through ky and its answer's body, at most MAX_BODY_BYTES of it (`text` undefined when larger): each try,
	headers and body, within `timeoutMs`. A sign-in's POST is abortable by abortSignIns(); a sign-out's is not.
	*/
	async #post(url: string, options: Options, signIn = true): Promise<{response: Response; text: string | undefined}> {
		const {timeoutMs} = this.#options;
		const controller = new AbortController();
		if (signIn) this.#signInsInFlight.add(controller);
		const {log} = this.#options;
		const startedAt = Date.now();
		let tryStartedAt = startedAt;
		let bodyTimer: ReturnType<typeof setTimeout> | undefined;
		try {
			if (signIn) await this.#signingOut;
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
			const text = await readBoundedText(response, controller.signal);
			log?.(`POST ${url}: ${response.status} (${Date.now() - startedAt} ms)`);
			return {response, text};
		} catch (error) {
			// Whatever was thrown, even null from a fetch the page wrapped: the log must not turn it into its own TypeError.
			const failure = requestFailure(url, error, controller.signal, timeoutMs);
			log?.(`POST ${url}: ${(failure as MessagingAuthError | null)?.code ?? 'failed'} (${Date.now() - startedAt} ms)`);
			throw failure;
		} finally {
			clearTimeout(bodyTimer);
			this.#signInsInFlight.delete(controller);
		}
	}
}
