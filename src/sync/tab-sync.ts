/*
Keeps the tabs of one origin in step over a BroadcastChannel, with Web Locks so that one tab at a time talks
to the refresh endpoint. No token is written to storage for this: messages stay in memory.
Where either API is missing, each tab simply works on its own.
*/

/** A token one tab hands to the others, with the sender's estimate of the server's time (tabs share the wall clock). */
export interface SharedToken {
	jwt: string;
	serverTimeMs: number;
}

type Message =
	| {type: 'session'; from: string; to?: string; token: SharedToken}
	| {type: 'logout'; from: string}
	| {type: 'hello'; from: string; newerThanExp: number};

export interface TabSyncHandlers {
	/** Another tab signed in or refreshed. */
	onSession(token: SharedToken): void;
	/** Another tab signed out. */
	onLogout(): void;
	/** This tab's token if it expires after `newerThanExp` (seconds), for a tab that asks. */
	currentToken(newerThanExp: number): SharedToken | undefined;
}

export type TabSyncMode = 'channel+locks' | 'channel' | 'off';

const GAVE_UP = Symbol('gave up on the lock');

// A signed-in tab answers a hello within milliseconds; past this, nobody has what was asked for.
const HELLO_WAIT_MS = 250;

const isMessage = (data: unknown): data is Message =>
	typeof data === 'object' && data !== null && typeof (data as {type?: unknown}).type === 'string' && typeof (data as {from?: unknown}).from === 'string';

export class TabSync {
	readonly #channel: BroadcastChannel | undefined;
	readonly #locks: LockManager | undefined;
	readonly #name: string;
	readonly #id = Math.random().toString(36).slice(2);
	readonly #handlers: TabSyncHandlers;
	readonly #helloWaiters = new Set<(token?: SharedToken) => void>();
	#releasePresence: (() => void) | undefined;

	constructor(name: string, enabled: boolean, handlers: TabSyncHandlers) {
		this.#name = `zendesk-messaging-auth:${name}`;
		this.#handlers = handlers;
		this.#channel = enabled && typeof BroadcastChannel === 'function' ? new BroadcastChannel(this.#name) : undefined;
		this.#locks = this.#channel && typeof navigator !== 'undefined' ? navigator.locks : undefined;
		this.#channel?.addEventListener('message', this.#onMessage);
	}

	get mode(): TabSyncMode {
		return this.#channel ? (this.#locks ? 'channel+locks' : 'channel') : 'off';
	}

	announceSession(token: SharedToken): void {
		this.#post({type: 'session', from: this.#id, token});
	}

	announceLogout(): void {
		this.#post({type: 'logout', from: this.#id});
	}

	/** Signed-in tabs hold a presence lock, so a new tab knows at once whether asking is worth a wait. */
	setSignedIn(signedIn: boolean): void {
		if (!signedIn) {
			this.#releasePresence?.();
			this.#releasePresence = undefined;
		} else if (this.#locks && !this.#releasePresence) {
			const held = new Promise<void>((resolve) => (this.#releasePresence = resolve));
			this.#locks.request(`${this.#name}:signed-in:${this.#id}`, () => held).catch(() => undefined);
		}
	}

	/**
	Asks the other tabs for a token that expires after `newerThanExp` (seconds since the epoch). Resolves
	undefined at once when no other tab is signed in, else with the first answer or nothing after a short wait.
	*/
	async askForSession(newerThanExp: number): Promise<SharedToken | undefined> {
		if (!this.#channel) return undefined;
		if (this.#locks) {
			const {held = []} = await this.#locks.query();
			const presence = `${this.#name}:signed-in:`;
			if (!held.some(({name}) => name?.startsWith(presence) && name !== `${presence}${this.#id}`)) return undefined;
		}

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
	make one request between them.
	*/
	async withRefreshLock<T>(timeoutMs: number, key: string, task: (waited: boolean) => Promise<T>): Promise<T> {
		const locks = this.#locks;
		if (!locks) return task(false);
		const name = `${this.#name}:refresh`;
		const NOT_FREE = Symbol('not free');
		const first = await locks.request(name, {ifAvailable: true}, async (lock) => (lock ? task(false) : NOT_FREE));
		if (first !== NOT_FREE) return first as T;

		for (const lock of [name, `${name}:${key}`]) {
			const result = await this.#holding(locks, lock, timeoutMs, () => task(true));
			if (result !== GAVE_UP) return result;
		}

		return task(true);
	}

	/** Runs `run` holding lock `name`, or answers GAVE_UP when the lock cannot be had within `timeoutMs`. */
	async #holding<T>(locks: LockManager, name: string, timeoutMs: number, run: () => Promise<T>): Promise<T | typeof GAVE_UP> {
		let started = false;
		const giveUp = new AbortController();
		const timer = setTimeout(() => giveUp.abort(), timeoutMs);
		try {
			return await locks.request(name, {signal: giveUp.signal}, async () => {
				started = true;
				clearTimeout(timer);
				return run();
			});
		} catch (error) {
			if (started) throw error;
			return GAVE_UP;
		} finally {
			clearTimeout(timer);
		}
	}

	close(): void {
		this.setSignedIn(false);
		for (const answer of this.#helloWaiters) answer();
		this.#channel?.removeEventListener('message', this.#onMessage);
		this.#channel?.close();
	}

	#post(message: Message): void {
		this.#channel?.postMessage(message);
	}

	readonly #onMessage = (event: MessageEvent<unknown>): void => {
		const message = event.data;
		if (!isMessage(message) || message.from === this.#id) return;
		if (message.type === 'hello') {
			const token = this.#handlers.currentToken(Number(message.newerThanExp) || 0);
			if (token) this.#post({type: 'session', from: this.#id, to: message.from, token});
		} else if (message.type === 'logout') {
			this.#handlers.onLogout();
		} else if (message.type === 'session' && typeof message.token?.jwt === 'string' && typeof message.token.serverTimeMs === 'number') {
			if (message.to === undefined) this.#handlers.onSession(message.token);
			else if (message.to === this.#id) for (const answer of this.#helloWaiters) answer(message.token);
		}
	};
}
