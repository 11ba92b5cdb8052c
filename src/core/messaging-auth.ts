import {MessagingAuthError} from '../errors/messaging-auth-error.js';
import {expOf, isNewer} from '../sync/messages.js';
import {TabSync} from '../sync/tab-sync.js';
import type {
	Listener,
	LogoutReason,
	MessagingAuth,
	MessagingAuthDiagnostics,
	MessagingAuthEventName,
	MessagingAuthEvents,
	Session,
	SessionState,
} from '../types/session.js';
import {expiryOf, hasExpired, refreshTime, ServerClock} from './clock.js';
import {type DebugLog, warnUnheard} from './debug-log.js';
import {Emitter, surfaceLater} from './emitter.js';
import {abandoned} from './http-errors.js';
import type {ResolvedOptions} from './options.js';
import {mayRefreshEarly, planRefresh, type RefreshHistory} from './refresh-plan.js';
import {timerDelay} from './timers.js';
import {hasCookie, readSignInMark, readSignedInFlag, writeSignedInFlag} from './session-hints.js';
import {startupMayFindSession} from './startup-gate.js';
import {startupSource} from './startup.js';
import {refreshAttemptBudgetMs, TokenClient, type TokenGrant} from './token-client.js';
import {watchWake} from './wake.js';

/** getToken() hands out a token only if it stays valid this much longer. */
export const MIN_TOKEN_VALIDITY_MS = 10_000;
// A tab waits this much longer than a refresh attempt may take for another tab's refresh lock, then goes ahead.
const LOCK_MARGIN_MS = 2000;

interface ActiveSession {
	session: Session;
	/** Server-clock ms; undefined when the JWT has no `exp`. */
	expiresAtMs: number | undefined;
	/** Server-clock ms when the token itself says to refresh. */
	refreshAtMs: number | undefined;
	history: RefreshHistory;
	/** Spreads this session's retries (refresh-plan.ts), drawn again after each attempt. */
	jitter: number;
	/** The last refresh failure, for the message when the session finally expires. */
	lastError: MessagingAuthError | undefined;
	/** The sign-in flag's id this session stands for (session-hints.ts): another id there means a newer sign-in. */
	mark?: string | null | undefined;
}

/** Something attached to an instance for its lifetime (the widget connection): detached by destroy(). */
export interface Attachment {
	diagnostics?(): Partial<MessagingAuthDiagnostics>;
	disconnect(): void;
}

/** Where a token came from: the token endpoint, the refresh endpoint (also a restore), or another tab. */
type TokenSource = 'login' | 'refresh' | 'tab';

const noop = () => {};

const isCode = (error: unknown, code: MessagingAuthError['code']): error is MessagingAuthError =>
	error instanceof MessagingAuthError && error.code === code;


/** What an abandoned operation rejects with: its own ERR_ABORTED, or one that keeps what ended it as the cause. */
const asAbandoned = (error: unknown, what: string) => (isCode(error, 'ERR_ABORTED') ? error : abandoned(what, error));

/**
The session: the public API, the state, and the epoch that keeps late answers from undoing what happened meanwhile.
What to do when is decided by refresh-plan.ts; HTTP is token-client.ts; other tabs are tab-sync.ts; the widget
follows the public events (widget-adapter.ts), wired by createMessagingAuth.
*/
export class MessagingAuthClient implements MessagingAuth {
	readonly #options: ResolvedOptions;
	readonly #client: TokenClient;
	readonly #clock = new ServerClock();
	readonly #events = new Emitter();
	readonly #sync: TabSync;
	/** False where there is no page (server-side rendering): the instance stays signed out and makes no request. */
	readonly #inBrowser: boolean;
	readonly #stopWatchingWake: () => void;
	readonly #attachments: Attachment[] = [];
	#state: SessionState = 'signed-out';
	#active: ActiveSession | undefined;
	/**
	Bumped whenever the session that stands changes hands (a sign-in starts, another tab's session is adopted, a
	sign-out, destroy): an answer that arrives for an older epoch is dropped, and an event told in an older epoch is not
	told to its remaining listeners (a `login` listener that signs out is followed by no stale `login` or `statechange`).
	*/
	#epoch = 0;
	#signingIn: Promise<Session | null> | undefined;
	/** The epoch of a restore of the site's own login (no tokenEndpoint) that is asking the server: the truth is coming. */
	#askingServer = -1;
	#refreshing: Promise<Session> | undefined;
	/**
	What the start-up found (startup.ts says where it looks): the session, or null, also when no site session can exist
	(startup-gate.ts) and no request was made. Rejects when the restore failed (network, bad answer).
	*/
	#startup: Promise<Session | null> = Promise.resolve(null);
	#timer: ReturnType<typeof setTimeout> | undefined;
	#destroyed = false;
	#ledLastRefresh: boolean | null = null;
	#lastError: MessagingAuthError | undefined;
	readonly #log: DebugLog;
	/** The integration faults already warned about (debug-log.ts): each once per instance. */
	readonly #warned = new Set<string>();

	constructor(options: ResolvedOptions) {
		this.#options = options;
		this.#log = options.log;
		this.#client = new TokenClient(options);
		this.#inBrowser = typeof window !== 'undefined' && typeof document !== 'undefined';
		this.#sync = new TabSync(options.syncTabs && this.#inBrowser, {
			current: () => this.#active?.session,
			serverNow: () => this.#clock.now(),
			// The site's own login asking its server who the visitor is: no tab's token overtakes that answer.
			onSession: (grant) => this.#askingServer !== this.#epoch && this.#adoptShared(grant),
			onLogout: () => {
				this.#log?.('tab: signed out');
				if (this.#active) this.#signOut('remote');
			},
		});
		this.#stopWatchingWake = this.#inBrowser ? watchWake((event) => this.#wake(event)) : noop;
		if (!this.#inBrowser) return;

		const source = startupSource(options);
		if (source === 'tabs') {
			// Quietly, as no request is made: no signing-in state.
			this.#startup = this.#adoptFromTabs(0);
		} else if (startupMayFindSession(options, hasCookie(options.sessionHintCookie), readSignedInFlag())) {
			// A restore() or login() the page started meanwhile overtakes this one: what it finds is what the start-up found
			// (the widget signs out a chat an earlier page left signed in when that is no session).
			const follow = (attempt: Promise<Session | null>): Promise<Session | null> =>
				attempt.catch((error: unknown) => {
					const next = this.#signingIn;
					if (next && isCode(error, 'ERR_ABORTED')) return follow(next);
					throw error;
				});
			this.#startup = follow(this.#restore(source === 'tabs, then server'));
			this.#startup.catch(noop);
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
		this.#assertUsable('login()');
		if (this.#options.tokenEndpoint === undefined) {
			throw new MessagingAuthError(
				'ERR_CONFIG',
				'login() needs tokenEndpoint; with refreshEndpoint alone, call restore() after your own login.',
			);
		}

		if (typeof credentials !== 'object' || credentials === null || Array.isArray(credentials)) {
			throw new MessagingAuthError('ERR_CONFIG', 'login() takes the form fields as an object, such as {email, password}.');
		}

		const epoch = this.#supersede();
		const attempt = (async () => {
			try {
				const grant = await this.#client.login(credentials);
				this.#assertCurrent(epoch, 'This login()');
				const session = this.#signIn(grant, 'login');
				// A listener of this sign-in may have signed out or in again: then this login() was overtaken.
				this.#assertCurrent(epoch, 'This login()');
				return session;
			} catch (error) {
				if (epoch !== this.#epoch) {
					// Overtaken (another tab's sign-out, logout(), destroy()) after the request may have reached the server and
					// started a site session: the next page asks once (a 204 then clears the flag) rather than never.
					writeSignedInFlag(true);
					throw asAbandoned(error, 'This login()');
				}
				this.#settleFailedSignIn(error);
				throw error;
			}
		})();
		this.#trackSignIn(attempt);
		return attempt;
	}

	async restore(): Promise<Session | null> {
		this.#assertUsable('restore()');
		// Called by the page, it always asks: the site session may have changed (the site's own sign-in, another visitor).
		return this.#options.refreshEndpoint ? this.#restore(false) : this.#startup;
	}

	/** Asks `refreshEndpoint` for the site session (after the other tabs, with `askTabs`), and makes it the one that stands. */
	#restore(askTabs: boolean): Promise<Session | null> {
		const epoch = this.#supersede();
		if (this.#options.tokenEndpoint === undefined) this.#askingServer = epoch;
		const request = async (): Promise<Session> => {
			// Another tab that is signed in shares its session: no request at all.
			const shared = askTabs && (await this.#sync.askForSession(0));
			this.#assertCurrent(epoch, 'This restore()');
			if (shared) return this.#adoptShared(shared);
			return this.#sync.withRefreshLock(this.#lockWaitMs(), 'restore', async () => {
				// A tab that restored while this one waited for the lock has shared its session (a new epoch).
				this.#assertCurrent(epoch, 'This restore()');
				const grant = await this.#client.refresh();
				this.#assertCurrent(epoch, 'This restore()');
				const session = this.#land(this.#active, grant, 'refresh');
				this.#assertCurrent(epoch, 'This restore()');
				return session;
			});
		};

		const attempt = request()
			.finally(() => this.#askingServer === epoch && (this.#askingServer = -1))
			.catch((error: unknown) => {
				if (epoch !== this.#epoch) {
					// Another tab's session arrived meanwhile: that is what restoring wanted.
					if (this.#active && !this.#destroyed) return this.#active.session;
					throw asAbandoned(error, 'This restore()');
				}

				// No site session: signed out, in every tab (not an error; at start-up, the ordinary signed-out start).
				if (isCode(error, 'ERR_SESSION_EXPIRED')) {
					this.#signOut('expired');
					return null;
				}

				this.#settleFailedSignIn(error);
				throw error;
			});
		this.#trackSignIn(attempt);
		return attempt;
	}

	async logout(): Promise<void> {
		if (this.#destroyed) this.#assertUsable('logout()');
		if (!this.#inBrowser) return;
		// Sent before any listener hears of the sign-out: a login() from a listener then waits for its answer.
		const sent = this.#client.logout();
		this.#signOut('user');
		try {
			await sent;
		} catch (error) {
			// Best effort: the visitor is signed out here whatever the backend says; the site hears of it.
			this.#report(error);
		}
	}

	async getToken(): Promise<string> {
		this.#assertUsable('getToken()');
		// A sign-in still in flight decides which token to hand out. One that is landing now (the widget asks from the
		// login event) has installed its token already: answering at once keeps the widget ahead of the page's listeners.
		if (this.#signingIn && this.#state === 'signing-in') await this.#signingIn.catch(noop);
		const active = this.#active;
		if (!active) throw new MessagingAuthError('ERR_SESSION_EXPIRED', 'No visitor is signed in: call login() first.');
		if (this.#validForMs(active) >= MIN_TOKEN_VALIDITY_MS) return active.session.jwt;

		if (!this.#options.refreshEndpoint) {
			// Signs out at once if the token has already expired (a timer may not have run yet).
			this.#schedule();
			throw new MessagingAuthError('ERR_SESSION_EXPIRED', 'The JWT is about to expire and no refreshEndpoint can renew it: sign in again.');
		}

		// One refresh, shared by every caller; a backend that keeps answering the same token is not asked again and
		// again (refresh-plan.ts): then the token serves for as long as it is valid at all.
		const nowMs = this.#clock.now();
		if (this.#refreshing || this.#plan(active).action === 'refresh' || mayRefreshEarly({nowMs, history: active.history, jitter: active.jitter})) {
			try {
				await this.#refresh();
			} catch (error) {
				if (!isCode(error, 'ERR_ABORTED') || !this.#active) throw error;
			}
		}

		const now = this.#active;
		if (now && this.#validForMs(now) > 0) return now.session.jwt;
		this.#schedule();
		throw this.#expiredError(this.#active?.lastError);
	}

	getDiagnostics(): MessagingAuthDiagnostics {
		const active = this.#active;
		const now = this.#clock.now();
		const until = (time: number | undefined) => (time === undefined ? null : Math.max(0, time - now));
		const plan = active && this.#options.refreshEndpoint ? this.#plan(active) : undefined;
		const nextRefreshAtMs = plan?.action === 'refresh' ? now : plan?.action === 'wait' && plan.untilMs < (active?.expiresAtMs ?? 0) ? plan.untilMs : undefined;
		const diagnostics: MessagingAuthDiagnostics = {
			state: this.#state,
			expiresInMs: until(active?.expiresAtMs),
			nextRefreshInMs: until(nextRefreshAtMs),
			failedRefreshes: active?.history.unproductive ?? 0,
			lastError: this.#lastError ?? null,
			clockOffsetMs: this.#clock.offsetMs,
			widget: {status: 'unavailable', login: 'signed-out'},
			tabSync: this.#sync.mode,
			ledLastRefresh: active ? this.#ledLastRefresh : null,
		};
		for (const attachment of this.#attachments) Object.assign(diagnostics, attachment.diagnostics?.());
		return diagnostics;
	}

	destroy(): void {
		if (this.#destroyed) return;
		this.#destroyed = true;
		this.#supersede();
		// Inert: no session, no state to come. Quietly (no listener hears another event) and without telling the widget.
		this.#active = undefined;
		this.#state = 'signed-out';
		this.#sync.close();
		this.#stopWatchingWake();
		for (const attachment of this.#attachments.splice(0)) attachment.disconnect();
		this.#events.clear();
	}

	/**
	Attaches something for the instance's lifetime; `connect` gets the function that emits an `error` event.
	Used by createMessagingAuth to connect the widget before any listener of the page.
	*/
	attach(connect: (report: (error: MessagingAuthError) => void, startup: Promise<Session | null>) => Attachment): void {
		if (this.#destroyed || !this.#inBrowser) return;
		this.#attachments.push(connect((error) => this.#emitError(error), this.#startup));
	}

	#assertUsable(what: string): void {
		if (this.#destroyed) {
			throw new MessagingAuthError('ERR_CONFIG', `${what}: this instance was destroyed; create a new one.`);
		}

		if (!this.#inBrowser) {
			throw new MessagingAuthError('ERR_CONFIG', `${what}: the SDK signs visitors in from the browser only (there is no window here).`);
		}
	}

	/** Throws `ERR_ABORTED` when a sign-in, sign-out or destroy() happened since `epoch`: the answer is dropped. */
	#assertCurrent(epoch: number, what: string): void {
		if (epoch !== this.#epoch || this.#destroyed) throw abandoned(what);
	}

	/** How long a tab waits for another tab's refresh lock before it concludes that tab is frozen. */
	#lockWaitMs(): number {
		return refreshAttemptBudgetMs(this.#options.timeoutMs) + LOCK_MARGIN_MS;
	}

	/**
	A sign-in or sign-out starts: whatever a sign-in had in flight is abandoned (a sign-out's request is not its to
	abort, token-client.ts), and a late answer will be dropped.
	*/
	#supersede(): number {
		this.#clearTimer();
		this.#client.abortSignIns();
		return ++this.#epoch;
	}

	#trackSignIn(attempt: Promise<Session | null>): void {
		this.#setState('signing-in');
		const tracked = attempt.finally(() => {
			if (this.#signingIn === tracked) this.#signingIn = undefined;
		});
		tracked.catch(noop);
		this.#signingIn = tracked;
	}

	/** A login() or restore() that still stood failed: back to the session there was, if any, and report. */
	#settleFailedSignIn(error: unknown): void {
		this.#setState(this.#active ? 'signed-in' : 'signed-out');
		if (error !== undefined) this.#report(error);
		this.#schedule();
	}

	#validForMs(active: ActiveSession): number {
		return active.expiresAtMs === undefined ? Number.POSITIVE_INFINITY : active.expiresAtMs - this.#clock.now();
	}

	#plan(active: ActiveSession) {
		return planRefresh({
			nowMs: this.#clock.now(),
			expiresAtMs: active.expiresAtMs,
			refreshAtMs: active.refreshAtMs,
			canRefresh: this.#options.refreshEndpoint !== undefined,
			history: active.history,
			jitter: active.jitter,
		});
	}

	/** Refreshes the current session, one request at a time across this tab's callers and (with locks) all tabs. */
	#refresh(): Promise<Session> {
		if (this.#refreshing) return this.#refreshing;
		// Called only with a session and a refresh endpoint (by the schedule and getToken).
		const active = this.#active!;

		const epoch = this.#epoch;
		this.#clearTimer();
		this.#setState('refreshing');
		const stillWanted = () => epoch === this.#epoch && !this.#destroyed;
		const task = async (waited: boolean): Promise<Session> => {
			// A tab that waited for the lock asks the others first: one of them may have refreshed meanwhile
			// (adopting its token starts a new epoch).
			if (waited && stillWanted()) {
				const shared = await this.#sync.askForSession(expOf(active.session.claims));
				if (shared && stillWanted()) this.#adoptShared(shared);
			}

			this.#assertCurrent(epoch, 'This refresh');
			const grant = await this.#client.refresh(() => stillWanted() && !hasExpired(active.expiresAtMs, this.#clock.now()));
			this.#assertCurrent(epoch, 'This refresh');
			this.#ledLastRefresh = true;
			// Taken while the lock is still held, so the next tab to get it finds this token.
			return this.#land(active, grant, 'refresh');
		};

		const attempt = this.#sync.withRefreshLock(this.#lockWaitMs(), String(active.session.claims.exp), task).then(
			(session) => {
				this.#refreshing = undefined;
				this.#schedule();
				return session;
			},
			(error: unknown) => {
				this.#refreshing = undefined;
				if (stillWanted() && this.#active === active) this.#refreshFailed(active, error);
				else if (this.#state === 'refreshing') this.#setState(this.#active ? 'signed-in' : 'signed-out');
				this.#schedule();
				throw stillWanted() ? error : asAbandoned(error, 'This refresh');
			},
		);
		attempt.catch(noop);
		this.#refreshing = attempt;
		return attempt;
	}

	#refreshFailed(active: ActiveSession, error: unknown): void {
		if (isCode(error, 'ERR_SESSION_EXPIRED')) {
			this.#signOut('expired', error);
			return;
		}

		const failure = error instanceof MessagingAuthError ? error : undefined;
		if (hasExpired(active.expiresAtMs, this.#clock.now())) {
			this.#signOut('expired', this.#expiredError(failure));
			if (!failure) surfaceLater(error);
			return;
		}

		// Transient (network, timeout, 5xx, 429, a bad answer): the token still works, try again later (refresh-plan.ts).
		this.#recordFailedAttempt(active, (failure?.retryAfterSeconds ?? 0) * 1000);
		active.lastError = failure;
		this.#setState('signed-in');
		this.#report(error);
	}

	#recordFailedAttempt(active: ActiveSession, retryAfterMs: number): void {
		active.history = {lastAttemptAtMs: this.#clock.now(), unproductive: active.history.unproductive + 1, retryAfterMs};
		active.jitter = Math.random();
	}

	/**
	Makes a token the session's (the clock first: it judges the token). Events are the caller's to emit. A token from
	a login was no refresh attempt: it may be refreshed at once if it needs to be (a short-lived login token).
	*/
	#install(grant: TokenGrant, from: TokenSource): ActiveSession {
		// Only the server's own answers move the clock: a tab message never does, so a forged one cannot bend time.
		if (from !== 'tab') this.#clock.sync(grant.serverTimeMs);
		const {exp, iat} = grant.claims;
		const expiresAtMs = expiryOf(grant.claims);
		const now = this.#clock.now();
		const active: ActiveSession = {
			session: Object.freeze({
				jwt: grant.jwt,
				claims: Object.freeze({...grant.claims}),
				expiresAt: expiresAtMs === undefined ? null : this.#clock.toLocal(expiresAtMs),
			}),
			expiresAtMs,
			refreshAtMs: exp === undefined ? undefined : refreshTime(exp, iat, this.#options.refreshLeewaySeconds, now),
			history: {lastAttemptAtMs: from === 'login' ? Number.NEGATIVE_INFINITY : now, unproductive: 0, retryAfterMs: 0},
			jitter: Math.random(),
			lastError: undefined,
		};
		this.#active = active;
		this.#log?.(`token (${from}): external_id ${grant.claims.external_id}, exp ${exp}, ${Math.round((expiresAtMs! - now) / 1000)} s left, clock offset ${Math.round(this.#clock.offsetMs / 1000)} s`);
		return active;
	}

	/**
	Tells the other tabs, after the widget and the page heard of it: that this tab is signed in, and its new token
	when `announce`. Not if a listener has meanwhile signed out or in again.
	*/
	#shareSoon(active: ActiveSession, announce: boolean, newSignIn = false): void {
		// A microtask later: after the widget's jwtCallback got its token (a Web Lock and a broadcast cost more than
		// the rest of a sign-in), still before a refresh task returns and lets go of the tabs' refresh lock.
		queueMicrotask(() => {
			if (this.#active !== active) return;
			active.mark = writeSignedInFlag(true, newSignIn);
			this.#sync.setSignedIn(true);
			if (announce) this.#sync.announceSession(active.session.jwt);
		});
	}

	/**
	A new sign-in (ours, or another tab's). The widget's listener was attached first, so it hears `login` before any
	listener of the page, and `statechange` (which re-renders forms) comes after.
	*/
	#signIn(grant: TokenGrant, from: TokenSource, newVisitor = from === 'login'): Session {
		if (from === 'tab') this.#ledLastRefresh = false;
		const active = this.#install(grant, from);
		const {session} = active;
		this.#setState('signed-in', () => this.#emit('login', {session}));
		// A new sign-in id for a login, or for another visitor than the one signed in; not for a new page's restore.
		this.#shareSoon(active, from !== 'tab', from !== 'tab' && newVisitor);
		this.#schedule();
		return session;
	}

	/**
	The same visitor's new token. One that expires no later than the last, or that arrives already inside its refresh
	window (a cached JWT, a `Date` far off), counts as no progress: the next try backs off (refresh-plan.ts).
	*/
	#refreshed(previous: ActiveSession, grant: TokenGrant, from: TokenSource): Session {
		const active = this.#install(grant, from);
		const inWindow = active.refreshAtMs !== undefined && active.refreshAtMs <= active.history.lastAttemptAtMs;
		if (inWindow || !isNewer(grant.claims, previous.session.claims)) {
			this.#log?.('refresh: no later exp, backing off');
			active.history = {...active.history, unproductive: previous.history.unproductive + 1};
		}

		this.#setState('signed-in', () => this.#emit('refresh', {session: active.session}));
		this.#shareSoon(active, from !== 'tab' && grant.jwt !== previous.session.jwt);
		return active.session;
	}

	/** A token for the session that stands: the same visitor's is a refresh; anyone else's (a login elsewhere) a new sign-in. */
	#land(previous: ActiveSession | undefined, grant: TokenGrant, from: TokenSource): Session {
		return previous?.session.claims.external_id === grant.claims.external_id ? this.#refreshed(previous, grant, from) : this.#signIn(grant, from, previous !== undefined);
	}

	/** Takes a token another tab got (tab-sync.ts checked it is valid, and newer or someone else's). */
	#adoptShared(grant: TokenGrant): Session {
		const previous = this.#active;
		this.#log?.('tab: token adopted');
		this.#supersede();
		this.#ledLastRefresh = false;
		const session = this.#land(previous, grant, 'tab');
		this.#schedule();
		return session;
	}

	#signOut(reason: LogoutReason, error?: MessagingAuthError): void {
		const wasSignedIn = this.#active !== undefined;
		this.#supersede();
		this.#active = undefined;
		writeSignedInFlag(false);
		this.#sync.setSignedIn(false);
		if (reason !== 'remote') this.#sync.announceLogout();
		// The visitor's own sign-out always reaches the widget, which an earlier page may have signed in.
		this.#setState('signed-out', () => (wasSignedIn || reason === 'user') && this.#emit('logout', {reason}));
		if (error) this.#emitError(error);
	}

	#expiredError(cause?: MessagingAuthError): MessagingAuthError {
		const how = this.#options.refreshEndpoint ? `it could not be refreshed${cause ? ` (${cause.code})` : ''}` : 'no refreshEndpoint is configured';
		return new MessagingAuthError('ERR_SESSION_EXPIRED', `The session expired: ${how}. Sign in again.`, cause ? {cause} : {});
	}

	/** Asks the other tabs for a session that expires after `newerThanExp`, and takes it if nothing changed meanwhile. */
	#adoptFromTabs(newerThanExp: number): Promise<Session | null> {
		const epoch = this.#epoch;
		return this.#sync.askForSession(newerThanExp).then((grant) => {
			if (grant && epoch === this.#epoch && !this.#destroyed) this.#adoptShared(grant);
			return this.#active?.session ?? null;
		});
	}

	/**
	The page may have slept. One back from the back/forward cache also missed the other tabs' messages: it catches up
	from the sign-in flag (a session ended meanwhile signs it out, and the widget with it) and asks the tabs for a newer
	token before its own refresh is weighed.
	*/
	#wake(event: Event): void {
		const active = this.#active;
		if (!(event as PageTransitionEvent).persisted || !this.#options.syncTabs) this.#schedule();
		else if (!readSignedInFlag()) active && this.#signOut('remote');
		// Another sign-in since this page was left (the next page signed someone in): ask who it is, tabs then server.
		else if (active?.mark && readSignInMark() !== active.mark) this.#restore(true).catch(noop);
		else this.#adoptFromTabs(active ? expOf(active.session.claims) : 0).then(() => this.#schedule(), noop);
	}

	/**
	The one place that acts on the refresh plan: called after every change, by its own timer, and when a tab wakes
	up (timers do not run while a laptop sleeps, and a background tab's are throttled).
	*/
	#schedule(): void {
		this.#clearTimer();
		const active = this.#active;
		if (this.#destroyed || !active || this.#refreshing || this.#state !== 'signed-in') return;
		const plan = this.#plan(active);
		this.#log?.(`plan: ${plan.action}${plan.action === 'wait' ? ` ${Math.round((plan.untilMs - this.#clock.now()) / 1000)} s${plan.untilMs < active.expiresAtMs! ? '' : ', to expiry'}` : ''}`);
		if (plan.action === 'refresh') this.#refresh().catch(noop);
		else if (plan.action === 'expire') this.#signOut('expired', this.#expiredError(active.lastError));
		else if (plan.action === 'wait') this.#timer = setTimeout(() => this.#schedule(), timerDelay(plan.untilMs - this.#clock.now()));
	}

	#clearTimer(): void {
		clearTimeout(this.#timer);
		this.#timer = undefined;
	}

	/**
	Sets the state; `before` runs first (the sign-in's `login` event), then `statechange` if the state changed, unless a
	listener of `before` changed the session or the state meanwhile: its own events told the page the newer story.
	*/
	#setState(state: SessionState, before?: () => void): void {
		if (this.#destroyed) return;
		const previous = this.#state;
		const epoch = this.#epoch;
		this.#state = state;
		before?.();
		if (state !== previous) this.#log?.(`state: ${previous} -> ${state}`);
		if (state !== previous && state === this.#state) this.#emit('statechange', {state, previous}, epoch);
	}

	/** Emits a session event, told to each listener only while the epoch it belongs to stands (never after destroy()). */
	#emit<Name extends Exclude<MessagingAuthEventName, 'error'>>(event: Name, payload: MessagingAuthEvents[Name], epoch = this.#epoch): void {
		this.#events.emit(event, payload, () => epoch === this.#epoch && !this.#destroyed);
	}

	/** Reports a failure: ours as an `error` event (never one the SDK abandoned itself), anything else as it is. */
	#report(error: unknown): void {
		if (!(error instanceof MessagingAuthError)) surfaceLater(error);
		else if (error.code !== 'ERR_ABORTED') this.#emitError(error);
	}

	/** An error is a fact, not a moment of the session: every listener hears it, until destroy(). */
	#emitError(error: MessagingAuthError): void {
		if (this.#destroyed) return;
		this.#lastError = error;
		this.#log?.(`error ${error.code}`);
		if (!this.#events.emit('error', error, () => !this.#destroyed)) warnUnheard(error, this.#warned);
	}
}
