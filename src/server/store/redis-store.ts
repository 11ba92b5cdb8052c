import RateLimiterRedis from 'rate-limiter-flexible/lib/RateLimiterRedis.js';
import {MessagingServerError} from '../errors.js';
import {checkKnownKeys, checkMilliseconds, checkOptionsObject, describe} from '../validation.js';
import {registerStore, withDeadline, type SessionStore, type StoreBackend} from './session-store.js';

/** How long a handler waits for each store call before it goes on without it, in milliseconds. */
export const DEFAULT_STORE_TIMEOUT_MS = 500;

/** Prefix of every key `redisStore` writes, when none is given. */
export const DEFAULT_REDIS_PREFIX = 'zendesk-messaging-auth:';

/** The parts of a `redis` (node-redis 4 or 5) client this package looks at; `createClient()` returns one. */
export interface NodeRedisClient {
	readonly isOpen: boolean;
	readonly isReady: boolean;
}

/** The parts of an `ioredis` client this package looks at; `new Redis()` returns one. */
export interface IoRedisClient {
	readonly status: string;
	defineCommand(name: string, definition: {lua: string; numberOfKeys?: number}): void;
}

/** Options of `redisStore`. */
export interface RedisStoreOptions {
	/**
	Prefix of every key written: give each site (or each deployment sharing one Redis) its own.

	@default 'zendesk-messaging-auth:'
	*/
	prefix?: string | undefined;

	/**
	Deadline of each store call in milliseconds. Past it the handler goes on without the store: a sign-in without limits (reported to `onError`), a refresh answered `503`.

	@default 500 (`DEFAULT_STORE_TIMEOUT_MS`)
	*/
	timeoutMs?: number | undefined;
}

type ClientKind = 'node-redis' | 'ioredis';

interface EventSource {
	on(event: 'error', listener: (error: unknown) => void): unknown;
	listenerCount(event: 'error'): number;
}

const configError = (message: string) => new MessagingServerError('ERR_SERVER_CONFIG', message);

function clientKindOf(client: unknown): ClientKind {
	const candidate = (typeof client === 'object' && client !== null ? client : {}) as Record<string, unknown>;
	if (typeof candidate['isOpen'] === 'boolean' && typeof candidate['isReady'] === 'boolean') {
		if (!candidate['isOpen']) {
			throw configError('redisStore needs a connected client: call `await client.connect()` on the redis client before passing it (or the client was closed).');
		}

		return 'node-redis';
	}

	if (typeof candidate['status'] === 'string' && typeof candidate['defineCommand'] === 'function') {
		if (candidate['status'] === 'wait') throw configError('redisStore needs a connected client: this ioredis client was made with lazyConnect; call `await client.connect()` first.');
		if (candidate['status'] === 'end') throw configError('redisStore needs a connected client: this ioredis client was closed (quit or disconnect).');
		return 'ioredis';
	}

	throw configError(
		`redisStore needs a client of the redis package (\`await createClient({url}).connect()\`) or of ioredis (\`new Redis(url)\`); got ${describe(client)}.`,
	);
}

/**
A store in Redis, for a site served by several processes: login limits and revocations then hold across every
process that shares the Redis. Give it a connected client of the `redis` package (node-redis 4 or 5) or of
`ioredis`; the client stays yours (reconnects, `quit()` at shutdown). When the client has no `error` listener one
that ignores errors is added, so a Redis outage cannot crash the process through an unhandled `error` event: the
handlers report each failed call to their `onError`.

Each call is bounded by `timeoutMs`; while Redis is unreachable a call fails at once (nothing queues), and the
handlers recover by themselves when the client has reconnected.

Keys (under `prefix`): `login:account:<hash>` and `login:address:<hash>` (failure counters, each expiring at the
end of its window) and `revoked:<session id>` (expiring when the revoked cookie would have).

@example
```ts
import {createClient} from 'redis';
import {redisStore} from 'zendesk-messaging-auth/server';

const redis = await createClient({url: process.env.REDIS_URL}).connect();
const session = {sessionSecret: process.env.SESSION_SECRET!, store: redisStore(redis)};
```
*/
export function redisStore(client: NodeRedisClient | IoRedisClient, options: RedisStoreOptions = {}): SessionStore {
	const kind = clientKindOf(client);
	const given = checkOptionsObject('redisStore', options, "{prefix: 'my-site:'}");
	checkKnownKeys('redisStore', given, ['prefix', 'timeoutMs']);
	const prefix = given['prefix'] ?? DEFAULT_REDIS_PREFIX;
	if (typeof prefix !== 'string' || prefix === '' || /\s/.test(prefix)) {
		throw configError(`redisStore's prefix must be a non-empty string without spaces, such as "my-site:"; got ${describe(prefix)}.`);
	}

	const timeoutMs = checkMilliseconds('redisStore timeoutMs', given['timeoutMs'], DEFAULT_STORE_TIMEOUT_MS);
	const events = client as unknown as EventSource;
	if (typeof events.listenerCount === 'function' && events.listenerCount('error') === 0) events.on('error', () => {});

	const limiter = (keyPrefix: string) =>
		new RateLimiterRedis({
			storeClient: client,
			useRedisPackage: kind === 'node-redis',
			// Fail at once while the connection is down, rather than queue commands that would answer after the deadline.
			rejectIfRedisNotReady: true,
			keyPrefix: `${prefix}${keyPrefix}`,
			points: Number.MAX_SAFE_INTEGER,
			duration: 1,
		});
	// The handler compares counts with its own limits, so the limiter's point limit is unused.
	const counters = limiter('login');
	const revocations = limiter('revoked');
	const bounded = <T>(promise: Promise<T>, what: string) => withDeadline(promise, timeoutMs, what);

	const backend: StoreBackend = {
		async addFailure(key, windowSeconds) {
			const counting = counters.penalty(key, 1, {customDuration: windowSeconds});
			try {
				const result = await bounded(counting, 'counting a sign-in attempt');
				return {failures: result.consumedPoints, msUntilReset: result.msBeforeNext};
			} catch (error) {
				// The attempt goes on without limits: a count that lands after the deadline is taken back, or slow
				// answers from Redis would add up to a lockout nobody earned.
				counting.then(
					() => counters.reward(key, 1, {customDuration: windowSeconds}).catch(() => {}),
					() => {},
				);
				throw error;
			}
		},
		async removeFailure(key, windowSeconds) {
			await bounded(counters.reward(key, 1, {customDuration: windowSeconds}), 'taking back a counted attempt');
		},
		async clearFailures(key) {
			await bounded(counters.delete(key), 'clearing failed sign-ins');
		},
		async revoke(sessionId, seconds) {
			await bounded(revocations.set(sessionId, 1, Math.max(1, Math.ceil(seconds))), 'revoking a session');
		},
		async isRevoked(sessionId) {
			return (await bounded(revocations.get(sessionId), 'checking a revocation')) !== null;
		},
	};
	return registerStore('redis', backend);
}
