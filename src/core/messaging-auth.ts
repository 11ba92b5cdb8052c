import {MessagingAuthError} from '../errors/messaging-auth-error.js';
import type {MessagingAuthOptions} from '../types/options.js';
import type {
	Listener,
	LogoutReason,
	MessagingAuth,
	MessagingAuthDiagnostics,
	MessagingAuthEventName,
	Session,
	SessionState,
} from '../types/session.js';
import {type SharedToken, TabSync} from '../sync/tab-sync.js';
import {WidgetAdapter} from '../widget/widget-adapter.js';
import {expiryOf, hasExpired, refreshTime, ServerClock} from './clock.js';
import {Emitter} from './emitter.js';
import {resolveOptions, type ResolvedOptions} from './options.js';
import {decodeJwt} from './jwt.js';
import {absolute, TokenClient, type TokenGrant} from './token-client.js';

/** getToken() hands out a token only if it stays valid this much longer. */
export const MIN_TOKEN_VALIDITY_MS = 10_000;
/** Refresh retries per token, so a broken backend is not hammered. */
export const MAX_REFRESH_ATTEMPTS = 8;
const RETRY_BASE_MS = 1000;
const RETRY_CAP_MS = 30_000;
// setTimeout overflows past 2^31 - 1 ms and fires at once; longer waits are re-armed.
const MAX_TIMER_MS = 2_147_483_647;
// A tab waits this much longer than a request may take for another tab's refresh lock, then goes ahead.
const LOCK_MARGIN_MS = 2000;
// Events after which timers may have been frozen (sleeping laptop, background tab, bfcache).
const WAKE_EVENTS = ['pageshow', 'online', 'focus'] as const;

interface ActiveSession {
	session: Session;
	/** Server-clock ms; undefined when the JWT has no `exp`. */
	expiresAtMs: number | undefined;
	/** Server-clock ms of the next refresh attempt. */
	nextRefreshAtMs: number | undefined;
	failedRefreshes: number;
	lastError: MessagingAuthError | undefined;
}

const noop = () => {};

/** Exponential backoff with jitter, never sooner than the server's Retry-After. */
function retryDelayMs(failedAttempts: number, error: MessagingAuthError): number {
	const exponential = Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** (failedAttempts - 1));
	const jittered = exponential / 2 + Math.random() * (exponential / 2);
	return Math.max(jittered, (error.retryAfterSeconds ?? 0) * 1000);
}

const asError = (error: unknown): MessagingAuthError =>
	error instanceof MessagingAuthError
		? error
		: new MessagingAuthError('ERR_NETWORK', `Unexpected failure: ${(error as Error)?.message ?? String(error)}`, {cause: error});

class MessagingAuthClient implements MessagingAuth {
	readonly #options: ResolvedOptions;
	readonly #client: TokenClient;
	readonly #clock = new ServerClock();
	readonly #events = new Emitter();
	readonly #widget: WidgetAdapter;
	readonly #sync: TabSync;
	#state: SessionState = 'signed-out';
	#active: ActiveSession | undefined;
	/** Bumped at each sign-in attempt and sign-out: an answer that arrives for an older epoch is dropped. */
	#epoch = 0;
	#signingIn: Promise<Session | null> | undefined;
	#refreshing: Promise<Session> | undefined;
	#timers: Array<ReturnType<typeof setTimeout>> = [];
	#destroyed = false;
	#ledLastRefresh: boolean | null = null;
	#lastError: MessagingAuthError | undefined;
	readonly #onWake = () => this.#check();
	readonly #onVisibility = () => {
		if (document.visibilityState === 'visible') this.#check();
	};

	constructor(options: ResolvedOptions) {
		this.#options = options;
		this.#client = new TokenClient(options);
		this.#widget = new WidgetAdapter({
			widgetKey: options.widgetKey,
			nonce: options.nonce,
			widgetTimeoutMs: options.widgetTimeoutMs,
			getToken: () => this.getToken(),
			reportError: (error) => this.#emitError(error),
		});
		this.#sync = new TabSync(absolute(options.tokenEndpoint), options.syncTabs, {
			onSession: (token) => this.#adoptShared(token),
			onLogout: () => {
				if (this.#active) this.#signOut('remote');
			},
			currentToken: (newerThanExp) => {
				const active = this.#active;
				if (!active || (active.session.claims.exp ?? Number.POSITIVE_INFINITY) <= newerThanExp) return undefined;
				return this.#sharedToken(active.session);
			},
		});

		if (typeof document !== 'undefined') {
			this.#widget.start();
			document.addEventListener('visibilitychange', this.#onVisibility);
			for (const event of WAKE_EVENTS) globalThis.addEventListener(event, this.#onWake);
		}

		if (options.refreshEndpoint) {
			this.restore().catch(noop);
		} else {
			// Without a refresh endpoint another tab is the only way to a session at start-up; quietly, as no request is made.
			void this.#sync.askForSession(0).then((shared) => shared && !this.#active && this.#adoptShared(shared));
		}
	}

	get state(): SessionState {
		return this.#state;
	}

	get session(): Session | null {
		return this.#active?.session ?? null;
	}

	on<Name extends MessagingAuthEventName>(event: Name, listener: Listener<Name>): () => void {
		if (this.#destroyed) return noop;
		return this.#events.on(event, listener);
	}

	async login(credentials: Record<string, string>): Promise<Session> {
		this.#assertAlive();
		if (typeof credentials !== 'object' || credentials === null || Array.isArray(credentials)) {
			throw new MessagingAuthError('ERR_CONFIG', 'login() takes the form fields as an object, such as {email, password}.');
		}

		const epoch = ++this.#epoch;
		const attempt = this.#client.login(credentials).then(
			(grant) => (epoch === this.#epoch ? this.#signedIn(grant, true) : this.#superseded()),
			(error: unknown) => {
				const failure = asError(error);
				if (epoch === this.#epoch) {
					this.#setState(this.#active ? 'signed-in' : 'signed-out');
					this.#check();
					this.#emitError(failure);
				}

				throw failure;
			},
		);
		this.#trackSignIn(attempt);
		this.#setState('signing-in');
		return attempt;
	}

	async restore(): Promise<Session | null> {
		this.#assertAlive();
		if (!this.#options.refreshEndpoint) return null;
		if (this.#active) return this.#active.session;
		if (this.#signingIn) return this.#signingIn;

		const epoch = ++this.#epoch;
		const request = async (): Promise<Session> => {
			// Another tab that is signed in shares its session: no request at all.
			const shared = await this.#sync.askForSession(0);
			if (epoch !== this.#epoch) return this.#superseded();
			if (shared && this.#adoptShared(shared)) return this.#active!.session;
			return this.#sync.withRefreshLock(this.#options.timeoutMs + LOCK_MARGIN_MS, 'restore', async () => {
				// A tab that restored while this one waited for the lock has shared its session.
				if (this.#active) return this.#active.session;
				const grant = await this.#client.refresh();
				return epoch === this.#epoch ? this.#signedIn(grant, true) : this.#superseded();
			});
		};

		const attempt = request().catch((error: unknown) => {
			const failure = asError(error);
			if (epoch !== this.#epoch) throw failure;
			this.#setState('signed-out');
			// No site session to restore: the ordinary signed-out start, not an error.
			if (failure.code === 'ERR_SESSION_EXPIRED') return null;
			this.#emitError(failure);
			throw failure;
		});
		this.#trackSignIn(attempt);
		this.#setState('signing-in');
		return attempt;
	}

	async logout(): Promise<void> {
		this.#assertAlive();
		this.#signOut('user');
		try {
			await this.#client.logout();
		} catch (error) {
			// Best effort: the visitor is signed out here whatever the backend says; the site hears of it.
			this.#emitError(asError(error));
		}
	}

	async getToken(): Promise<string> {
		this.#assertAlive();
		if (this.#signingIn) await this.#signingIn.catch(noop);
		const active = this.#active;
		if (!active) {
			throw new MessagingAuthError('ERR_SESSION_EXPIRED', 'No visitor is signed in: call login() first.');
		}

		if (active.expiresAtMs === undefined || active.expiresAtMs - this.#clock.now() >= MIN_TOKEN_VALIDITY_MS) {
			return active.session.jwt;
		}

		if (!this.#options.refreshEndpoint) {
			// Signs out at once if the token has already expired (a timer may not have run yet).
			this.#check();
			throw new MessagingAuthError('ERR_SESSION_EXPIRED', 'The JWT is about to expire and no refreshEndpoint is configured to renew it: sign in again.');
		}

		return (await this.#refresh()).jwt;
	}

	getDiagnostics(): MessagingAuthDiagnostics {
		const active = this.#active;
		const now = this.#clock.now();
		const until = (time: number | undefined) => (time === undefined ? null : Math.max(0, time - now));
		const refreshPlanned = active && this.#options.refreshEndpoint && active.failedRefreshes < MAX_REFRESH_ATTEMPTS;
		return {
			state: this.#state,
			expiresInMs: until(active?.expiresAtMs),
			nextRefreshInMs: refreshPlanned ? until(active.nextRefreshAtMs) : null,
			failedRefreshes: active?.failedRefreshes ?? 0,
			lastError: this.#lastError ?? null,
			clockOffsetMs: this.#clock.offsetMs,
			widget: {status: this.#widget.status, login: this.#widget.login},
			tabSync: this.#sync.mode,
			ledLastRefresh: active ? this.#ledLastRefresh : null,
		};
	}

	destroy(): void {
		if (this.#destroyed) return;
		this.#destroyed = true;
		this.#clearTimers();
		this.#client.abortAll();
		this.#widget.destroy();
		this.#sync.close();
		this.#events.clear();
		if (typeof document !== 'undefined') {
			document.removeEventListener('visibilitychange', this.#onVisibility);
			for (const event of WAKE_EVENTS) globalThis.removeEventListener(event, this.#onWake);
		}
	}

	#assertAlive(): void {
		if (this.#destroyed) {
			throw new MessagingAuthError('ERR_CONFIG', 'This MessagingAuth instance was destroyed: create a new one with createMessagingAuth().');
		}
	}

	#trackSignIn(attempt: Promise<Session | null>): void {
		const tracked = attempt.finally(() => {
			if (this.#signingIn === tracked) this.#signingIn = undefined;
		});
		tracked.catch(noop);
		this.#signingIn = tracked;
	}

	#superseded(): never {
		throw new MessagingAuthError('ERR_SESSION_EXPIRED', 'This sign-in was superseded by a later sign-in or sign-out.');
	}

	#refresh(): Promise<Session> {
		if (this.#refreshing) return this.#refreshing;
		const active = this.#active;
		if (!active || !this.#options.refreshEndpoint) {
			return Promise.reject(new MessagingAuthError('ERR_SESSION_EXPIRED', 'No session to refresh: sign in again.'));
		}

		const epoch = this.#epoch;
		this.#setState('refreshing');
		const request = async (waited: boolean): Promise<Session> => {
			// A tab that waited for the lock asks the others first: one of them may have refreshed meanwhile.
			if (waited && this.#active === active) {
				const shared = await this.#sync.askForSession(active.session.claims.exp ?? 0);
				if (shared) this.#adoptShared(shared);
			}

			// Another tab's token (its answer, or its broadcast that overtook it) is the new one: no request.
			if (this.#active !== active) return this.#active?.session ?? this.#superseded();

			const grant = await this.#client.refresh();
			if (epoch !== this.#epoch) return this.#superseded();
			this.#ledLastRefresh = true;
			// Adopted while the lock is still held, so the next tab to get it finds this token.
			// The site session may now belong to someone else (a login elsewhere): that is a new sign-in.
			return grant.claims.external_id === active.session.claims.external_id ? this.#refreshed(grant, true) : this.#signedIn(grant, true);
		};

		const attempt = this.#sync.withRefreshLock(this.#options.timeoutMs + LOCK_MARGIN_MS, String(active.session.claims.exp), request).then(
			(session) => {
				this.#refreshing = undefined;
				this.#check();
				return session;
			},
			(error: unknown) => {
				this.#refreshing = undefined;
				const failure = asError(error);
				if (epoch === this.#epoch && this.#active) this.#refreshFailed(failure);
				throw failure;
			},
		);
		attempt.catch(noop);
		this.#refreshing = attempt;
		return attempt;
	}

	#refreshFailed(error: MessagingAuthError): void {
		const active = this.#active!;
		active.failedRefreshes++;
		active.lastError = error;
		if (error.code === 'ERR_SESSION_EXPIRED') {
			this.#signOut('expired', error);
			return;
		}

		if (hasExpired(active.expiresAtMs, this.#clock.now())) {
			this.#signOut('expired', this.#expiredError(error));
			return;
		}

		// Transient (network, timeout, 5xx, 429, a bad answer): the token still works, try again later.
		active.nextRefreshAtMs = this.#clock.now() + retryDelayMs(active.failedRefreshes, error);
		this.#setState('signed-in');
		this.#emitError(error);
		this.#check();
	}

	/** Takes a token as the session's new one (and tells the other tabs when it is this tab's own). */
	#adopt(grant: TokenGrant, announce: boolean): Session {
		this.#clock.sync(grant.serverTimeMs);
		const {exp, iat} = grant.claims;
		const expiresAtMs = expiryOf(grant.claims);
		const session: Session = Object.freeze({
			jwt: grant.jwt,
			claims: Object.freeze({...grant.claims}),
			expiresAt: expiresAtMs === undefined ? null : this.#clock.toLocal(expiresAtMs),
		});
		const now = this.#clock.now();
		this.#active = {
			session,
			expiresAtMs,
			nextRefreshAtMs: exp === undefined ? undefined : refreshTime(exp, iat, this.#options.refreshLeewaySeconds, now),
			failedRefreshes: 0,
			lastError: undefined,
		};
		this.#setState('signed-in');
		this.#sync.setSignedIn(true);
		if (announce) this.#sync.announceSession(this.#sharedToken(session));
		this.#check();
		return session;
	}

	#signedIn(grant: TokenGrant, announce: boolean): Session {
		const previous = this.#active?.session.claims.external_id;
		const session = this.#adopt(grant, announce);
		// One loginUser per sign-in (pitfall 2): the same visitor signing in again keeps the widget's login.
		if (previous !== session.claims.external_id) {
			if (previous !== undefined) this.#widget.signOut();
			this.#widget.signIn();
		}

		this.#events.emit('login', {session});
		return session;
	}

	#refreshed(grant: TokenGrant, announce: boolean): Session {
		const session = this.#adopt(grant, announce);
		this.#events.emit('refresh', {session});
		return session;
	}

	/** Takes a token another tab got, unless it is unusable or not newer than ours. Returns whether it did. */
	#adoptShared(token: SharedToken): boolean {
		if (this.#destroyed) return false;
		let claims;
		try {
			claims = decodeJwt(token.jwt);
		} catch {
			return false;
		}

		const current = this.#active?.session;
		const older = (claims.exp ?? Number.POSITIVE_INFINITY) < (current?.claims.exp ?? 0);
		if (hasExpired(expiryOf(claims), token.serverTimeMs) || token.jwt === current?.jwt || older) return false;
		const grant = {jwt: token.jwt, claims, serverTimeMs: token.serverTimeMs};
		this.#ledLastRefresh = false;
		if (current?.claims.external_id === claims.external_id) this.#refreshed(grant, false);
		else this.#signedIn(grant, false);
		return true;
	}

	#sharedToken(session: Session): SharedToken {
		return {jwt: session.jwt, serverTimeMs: this.#clock.now()};
	}

	#signOut(reason: LogoutReason, error?: MessagingAuthError): void {
		this.#epoch++;
		this.#clearTimers();
		this.#client.abortAll();
		const wasSignedIn = this.#active !== undefined;
		this.#active = undefined;
		this.#setState('signed-out');
		this.#sync.setSignedIn(false);
		if (reason !== 'remote') this.#sync.announceLogout();
		this.#widget.signOut();
		if (wasSignedIn) this.#events.emit('logout', {reason});
		if (error) this.#emitError(error);
	}

	#expiredError(cause?: MessagingAuthError): MessagingAuthError {
		const how = this.#options.refreshEndpoint ? `it could not be refreshed${cause ? ` (${cause.code})` : ''}` : 'no refreshEndpoint is configured';
		return new MessagingAuthError('ERR_SESSION_EXPIRED', `The session expired: ${how}. Sign in again.`, cause ? {cause} : {});
	}

	/**
	The one place that decides what is due: called by the timers, after every change, and when a tab wakes up
	(timers do not run while a laptop sleeps, and a background tab's are throttled).
	*/
	#check(): void {
		this.#clearTimers();
		const active = this.#active;
		if (this.#destroyed || !active || this.#refreshing || this.#state !== 'signed-in') return;
		const now = this.#clock.now();
		const {expiresAtMs, nextRefreshAtMs, failedRefreshes} = active;
		const canRefresh = this.#options.refreshEndpoint !== undefined && failedRefreshes < MAX_REFRESH_ATTEMPTS;

		if (hasExpired(expiresAtMs, now)) {
			// A tab that slept through its refresh gets one attempt before it gives up.
			if (canRefresh && failedRefreshes === 0) this.#refresh().catch(noop);
			else this.#signOut('expired', this.#expiredError(active.lastError));
			return;
		}

		if (canRefresh && nextRefreshAtMs !== undefined) {
			if (now >= nextRefreshAtMs) {
				this.#refresh().catch(noop);
				return;
			}

			this.#setTimer(nextRefreshAtMs - now);
		}

		if (expiresAtMs !== undefined) this.#setTimer(expiresAtMs - now);
	}

	#setTimer(delayMs: number): void {
		this.#timers.push(setTimeout(() => this.#check(), Math.min(Math.max(0, delayMs), MAX_TIMER_MS)));
	}

	#clearTimers(): void {
		for (const timer of this.#timers) clearTimeout(timer);
		this.#timers = [];
	}

	#setState(state: SessionState): void {
		if (this.#destroyed || state === this.#state) return;
		const previous = this.#state;
		this.#state = state;
		this.#events.emit('statechange', {state, previous});
	}

	#emitError(error: MessagingAuthError): void {
		if (this.#destroyed) return;
		this.#lastError = error;
		this.#events.emit('error', error);
	}
}

/**
Creates the SDK instance. Validates the options (throws `MessagingAuthError` `ERR_CONFIG` saying what to fix),
starts waiting for the widget, and restores the site session when `refreshEndpoint` is set.
*/
export function createMessagingAuth(options: MessagingAuthOptions): MessagingAuth {
	return new MessagingAuthClient(resolveOptions(options));
}
