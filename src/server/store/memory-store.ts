import RateLimiterMemory from 'rate-limiter-flexible/lib/RateLimiterMemory.js';
import {registerStore, type FailureCount, type SessionStore, type StoreBackend} from './session-store.js';

// Expired revocations are swept once the map has doubled since the last sweep: amortised O(1) per revocation.
const MIN_SWEEP_SIZE = 1024;

function memoryBackend(): StoreBackend {
	// rate-limiter-flexible's memory counters (fixed window from the first failure, expiry by an unref'd timer).
	// Its own point limit is unused: the handler compares the count with its limits, so one limiter serves them all.
	const counters = new RateLimiterMemory({points: Number.MAX_SAFE_INTEGER, duration: 1, keyPrefix: 'login'});
	// sessionId → end of its revocation (ms). Not the limiter's timers: a cookie may live 400 days, beyond what setTimeout can wait.
	const revoked = new Map<string, number>();
	let sweepAt = MIN_SWEEP_SIZE;

	return {
		async addFailure(key, windowSeconds): Promise<FailureCount> {
			const result = await counters.penalty(key, 1, {customDuration: windowSeconds});
			return {failures: result.consumedPoints, msUntilReset: result.msBeforeNext};
		},
		async removeFailure(key, windowSeconds) {
			const {consumedPoints} = await counters.reward(key, 1, {customDuration: windowSeconds});
			// A record back at zero is dropped rather than kept to the end of its window: a busy site signs in
			// thousands of visitors from as many addresses, and their records would only weigh on the heap.
			if (consumedPoints <= 0) await counters.delete(key);
		},
		async clearFailures(key) {
			await counters.delete(key);
		},
		async revoke(sessionId, seconds) {
			const now = Date.now();
			revoked.set(sessionId, now + seconds * 1000);
			if (revoked.size >= sweepAt) {
				for (const [id, until] of revoked) if (until <= now) revoked.delete(id);
				sweepAt = Math.max(MIN_SWEEP_SIZE, revoked.size * 2);
			}
		},
		async isRevoked(sessionId) {
			const until = revoked.get(sessionId);
			if (until === undefined) return false;
			if (until > Date.now()) return true;
			revoked.delete(sessionId);
			return false;
		},
	};
}

/**
A store in this process's memory: enough for a site served by one server process. Every handler given the same
store shares its counters and revocations; handlers given no `session.store` share one such store per process.

@example
```ts
const session = {sessionSecret: process.env.SESSION_SECRET!, store: memoryStore()};
```
*/
export function memoryStore(): SessionStore {
	return registerStore('memory', memoryBackend());
}

let processStore: StoreBackend | undefined;

/** The memory store every handler of this process uses when given no `session.store`. */
export function processMemoryStore(): StoreBackend {
	processStore ??= memoryBackend();
	return processStore;
}
