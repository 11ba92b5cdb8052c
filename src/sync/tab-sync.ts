/*
Keeps the tabs of one origin in step over a BroadcastChannel, with Web Locks so that one tab at a time talks
to the refresh endpoint. No token is written to storage for this: messages stay in memory.
Where either API is missing, each tab simply works on its own.
*/
import {expiryOf, hasExpired} from '../core/clock.js';
import {decodeJwt} from '../core/jwt.js';
import type {TokenGrant} from '../core/token-client.js';
import {abandoned} from '../core/http-errors.js';
import type {JwtClaims} from '../types/session.js';
import {isNewer, readTabMessage, shouldAdopt, type SharedToken, type TabMessage} from './messages.js';

/** What tab sync needs of the session: this tab's token, and what to do with another tab's news. */
export interface TabSyncHandlers {
	/** This tab's session, if any. */
	current(): {jwt: string; claims: JwtClaims} | undefined;
	/** Now on the server's clock, as this tab estimates it: what a shared token is judged by (and sent along, for older SDKs). */
	serverNow(): number;
	/** Another tab signed in or refreshed, with a token this tab should take (checked: valid, and newer or someone else's). */
	onSession(grant: TokenGrant): void;
	/** Another tab signed out. */
	onLogout(): void;
}

export type TabSyncMode = 'channel+locks' | 'channel' | 'off';

/** One channel per origin: BroadcastChannel never crosses origins, and tabs of one origin share one session. */
export const CHANNEL_NAME = 'zendesk-messaging-auth';

const GAVE_UP = Symbol();

// A signed-in tab answers a hello within milliseconds; past this, nobody has what was asked for.
const HELLO_WAIT_MS = 250;

const closedError = () => abandoned('Waiting for another tab');

export class TabSync {
	readonly #channel: BroadcastChannel | undefined;
	readonly #locks: LockManager | undefined;
	readonly #id = Math.random().toString(36).slice(2);
	readonly #handlers: TabSyncHandlers;
	readonly #helloWaiters = new Set<(token?: SharedToken) => void>();
	/** Aborted by close(): every lock request still queued is dropped with it. */
	readonly #closed = new AbortController();
	#releasePresence: (() => void) | undefined;
	/** Whether this tab is signed in: its presence lock is held while the page is shown (see the constructor). */
	#signedIn = false;

	constructor(enabled: boolean, handlers: TabSyncHandlers) {
		this.#handlers = handlers;
		this.#channel = enabled && typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL_NAME) : undefined;
		this.#locks = this.#channel && typeof navigator !== 'undefined' ? navigator.locks : undefined;
		this.#channel?.addEventListener('message', this.#onMessage);
		if (this.#locks) {
			/*
			A page that leaves lets go of its presence lock: Firefox keeps no page that holds a Web Lock in its back/forward
			cache (pagehide is too late to let go there, beforeunload is not, and no engine refuses a page for listening to
			it), and a page in that cache answers no tab. Taken again when the page is shown again. The listeners go with
			close().
			*/
			for (const type of ['beforeunload', 'pagehide', 'pageshow']) {
				addEventListener(type, (event) => this.#present(event.type == 'pageshow' && this.#signedIn), {signal: this.#closed.signal});
			}
		}
	}

	get mode(): TabSyncMode {
		return this.#channel ? (this.#locks ? 'channel+locks' : 'channel') : 'off';
	}

	/** Tells the other tabs about this tab's new token (a sign-in or a refresh). */
	announceSession(jwt: string): void {
		this.#post({type: 'session', from: this.#id, token: {jwt, serverTimeMs: this.#handlers.serverNow()}});
	}

	announceLogout(): void {
		this.#post({type: 'logout', from: this.#id});
	}

	/** Signed-in tabs hold a presence lock, so a new tab knows at once whether asking is worth a wait. */
	setSignedIn(signedIn: boolean): void {
		this.#signedIn = signedIn;
		this.#present(signedIn);
	}

	#present(signedIn: boolean): void {
		if (!signedIn) {
			this.#releasePresence?.();
			this.#releasePresence = undefined;
		} else if (this.#locks && !this.#releasePresence && !this.#closed.signal.aborted) {
			const held = new Promise<void>((resolve) => (this.#releasePresence = resolve));
			this.#locks.request(`${CHANNEL_NAME}:signed-in:${this.#id}`, {signal: this.#closed.signal}, () => held).catch(() => undefined);
		}
	}

	/**
	Asks the other tabs for a token that expires after `newerThanExp` (seconds since the epoch), checked as any shared
	token is. Resolves undefined at once when no other tab is signed in, else with the first answer or nothing after a
	short wait.
	*/
	async askForSession(newerThanExp: number): Promise<TokenGrant | undefined> {
		const token = await this.#ask(newerThanExp);
		return token && this.#usable(token);
	}

	async #ask(newerThanExp: number): Promise<SharedToken | undefined> {
		if (!this.#channel || this.#closed.signal.aborted) return undefined;
		if (this.#locks) {
			const {held = []} = await this.#locks.query();
			const presence = `${CHANNEL_NAME}:signed-in:`;
			if (!held.some(({name}) => name?.startsWith(presence) && name !== `${presence}${this.#id}`)) return undefined;
		}

		if (this.#closed.signal.aborted) return undefined;
		return new Promise((resolve) => {
			const answer = (token?: SharedToken) => {
				clearTimeout(timer);
				this.#helloWaiters.delete(answer);
				resolve(token);
			};
			const timer = setTimeout(answer, HELLO_WAIT_MS);
			this.#helloWaiters.add(answer);
			this.#post({type: 'hello', from: this.#id, newerThanExp});
		});
	}

	/**
	Runs `task` holding the tabs' refresh lock, so one tab at a time asks the backend. `task` learns whether it
	had to wait (another tab may have refreshed meanwhile). A lock that cannot be had within `timeoutMs` (a frozen
	tab holding it) is given up on: the lock must never deadlock a session. The tabs that gave up then queue on a
	lock named after what they refresh (`key`, the expiry), which no frozen tab can be holding yet, so they still
	make one request between them. After close() no task starts: it rejects with `ERR_ABORTED`.
	*/
	async withRefreshLock<T>(timeoutMs: number, key: string, task: (waited: boolean) => Promise<T>): Promise<T> {
		const run = (waited: boolean) => (this.#closed.signal.aborted ? Promise.reject(closedError()) : task(waited));
		const locks = this.#locks;
		if (!locks) return run(false);
		const name = `${CHANNEL_NAME}:refresh`;
		const NOT_FREE = Symbol();
		const first = await locks.request(name, {ifAvailable: true}, async (lock) => (lock ? run(false) : NOT_FREE));
		if (first !== NOT_FREE) return first as T;

		for (const lock of [name, `${name}:${key}`]) {
			const result = await this.#holding(locks, lock, timeoutMs, () => run(true));
			if (result !== GAVE_UP) return result;
		}

		return run(true);
	}

	/** Runs `run` holding lock `name`, or answers GAVE_UP when the lock cannot be had within `timeoutMs`. */
	async #holding<T>(locks: LockManager, name: string, timeoutMs: number, run: () => Promise<T>): Promise<T | typeof GAVE_UP> {
		let started = false;
		const giveUp = new AbortController();
		const timer = setTimeout(() => giveUp.abort(), timeoutMs);
		const onClose = () => giveUp.abort();
		this.#closed.signal.addEventListener('abort', onClose);
		try {
			return await locks.request(name, {signal: giveUp.signal}, async () => {
				started = true;
				clearTimeout(timer);
				return run();
			});
		} catch (error) {
			if (started) throw error;
			if (this.#closed.signal.aborted) throw closedError();
			return GAVE_UP;
		} finally {
			clearTimeout(timer);
			this.#closed.signal.removeEventListener('abort', onClose);
		}
	}

	close(): void {
		this.setSignedIn(false);
		this.#closed.abort();
		for (const answer of this.#helloWaiters) answer();
		this.#channel?.removeEventListener('message', this.#onMessage);
		this.#channel?.close();
	}

	#post(message: TabMessage): void {
		if (!this.#closed.signal.aborted) this.#channel?.postMessage(message);
	}

	/**
	A shared token as a grant this tab may take: a JWT Zendesk accepts, not expired, newer than ours or someone else's.
	Expiry is judged by this tab's own estimate of the server's clock, never by the sender's word (a page script can
	post on the channel); the grant carries no server time, so the clock stays where it is.
	*/
	#usable(token: SharedToken): TokenGrant | undefined {
		let claims: JwtClaims;
		try {
			claims = decodeJwt(token.jwt);
		} catch {
			return undefined;
		}

		const current = this.#handlers.current();
		if (token.jwt === current?.jwt || hasExpired(expiryOf(claims), this.#handlers.serverNow()) || !shouldAdopt(claims, current?.claims)) return undefined;
		return {jwt: token.jwt, claims, serverTimeMs: undefined};
	}

	readonly #onMessage = (event: MessageEvent<unknown>): void => {
		const message = readTabMessage(event.data, Date.now());
		if (!message || message.from === this.#id || this.#closed.signal.aborted) return;
		if (message.type === 'hello') {
			const current = this.#handlers.current();
			if (current && isNewer(current.claims, {exp: message.newerThanExp})) {
				this.#post({type: 'session', from: this.#id, to: message.from, token: {jwt: current.jwt, serverTimeMs: this.#handlers.serverNow()}});
			}
		} else if (message.type === 'logout') {
			this.#handlers.onLogout();
		} else if (message.to === undefined) {
			const grant = this.#usable(message.token);
			if (grant) this.#handlers.onSession(grant);
		} else if (message.to === this.#id) {
			for (const answer of this.#helloWaiters) answer(message.token);
		}
	};
}
