import {MessagingServerError} from '../errors.js';
import {describe} from '../validation.js';

/**
Where the state that must outlive one request lives: failed sign-ins counted by the login limits, and sessions
revoked by sign-out. Made by `memoryStore()` (one process) or `redisStore(client)` (several processes sharing a
Redis); pass it as `session.store` to every handler. The default, when none is given, is one memory store shared
by every handler of the process.

It keeps counters and revoked session ids, each with an expiry, and nothing else: never a password, a JWT, or an
account name or address in readable form (those are keyed hashes).
*/
export interface SessionStore {
	/** Which kind of store this is. */
	readonly kind: 'memory' | 'redis';
}

/** Failed sign-ins counted for one key within its window. */
export interface FailureCount {
	failures: number;
	/** Milliseconds until the window ends and the count starts again. */
	msUntilReset: number;
}

/** What the handlers ask of a store. Every call settles, or rejects with `ERR_STORE_UNAVAILABLE`, within the store's deadline. */
export interface StoreBackend {
	/** Counts one failure for `key` (atomically) and returns the count; a new count lives `windowSeconds`. */
	addFailure(key: string, windowSeconds: number): Promise<FailureCount>;
	/** Takes one failure back: the attempt it was counted for turned out not to be one. */
	removeFailure(key: string, windowSeconds: number): Promise<void>;
	/** Forgets every failure of `key`. */
	clearFailures(key: string): Promise<void>;
	/** Marks a session revoked for `seconds`. */
	revoke(sessionId: string, seconds: number): Promise<void>;
	isRevoked(sessionId: string): Promise<boolean>;
}

// The backend behind each store handed out: a store is only what our own factories made.
const backends = new WeakMap<SessionStore, StoreBackend>();

export function registerStore(kind: SessionStore['kind'], backend: StoreBackend): SessionStore {
	const store: SessionStore = Object.freeze({kind});
	backends.set(store, backend);
	return store;
}

/** The backend of `session.store`, or `fallback()` when none is given; anything else is `ERR_SERVER_CONFIG`. */
export function backendOf(value: unknown, fallback: () => StoreBackend): StoreBackend {
	if (value === undefined) return fallback();
	const backend = typeof value === 'object' && value !== null ? backends.get(value as SessionStore) : undefined;
	if (backend === undefined) {
		throw new MessagingServerError(
			'ERR_SERVER_CONFIG',
			`session.store must be a store made by memoryStore() or redisStore(client) from zendesk-messaging-auth/server, or left out (one memory store per process); got ${describe(value)}.`,
		);
	}

	return backend;
}

/** The error a handler reports to `onError` when the store failed or missed its deadline. */
export const storeUnavailable = (cause: unknown, what: string): MessagingServerError =>
	new MessagingServerError('ERR_STORE_UNAVAILABLE', `The session store did not answer (${what}): ${cause instanceof Error ? cause.message : String(cause)}`, {cause});

/**
Settles with `promise`, or rejects with `ERR_STORE_UNAVAILABLE` after `deadlineMs`, so a store that hangs (Redis
unreachable, a full offline queue) never holds a request. A late rejection is swallowed: it was reported already.
*/
export function withDeadline<T>(promise: Promise<T>, deadlineMs: number, what: string): Promise<T> {
	return new Promise<T>((resolve, reject) => {
		const timer = setTimeout(() => reject(storeUnavailable(new Error(`no answer within ${deadlineMs} ms`), what)), deadlineMs);
		promise.then(
			(value) => {
				clearTimeout(timer);
				resolve(value);
			},
			(error: unknown) => {
				clearTimeout(timer);
				reject(storeUnavailable(error, what));
			},
		);
	});
}
