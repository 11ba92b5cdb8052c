/*
Failed sign-in attempts per key (an account, an address) in a sliding window. Only failures count: a visitor who
signs in and out repeatedly is not an attacker, and a success does not wipe the record of failures before it.
*/
const MAX_KEYS = 10_000;

export function createRateLimiter({limit, windowMs, now = Date.now}) {
	/** key → times of its failures within the window, oldest first */
	const failures = new Map();

	const recent = (key) => {
		const since = now() - windowMs;
		const times = (failures.get(key) ?? []).filter((time) => time > since);
		if (times.length === 0) failures.delete(key);
		else failures.set(key, times);
		return times;
	};

	return {
		/** Seconds to wait before another attempt may be made for any of `keys`, or 0 when it may be made now. */
		retryAfterSeconds(keys) {
			let waitMs = 0;
			for (const key of keys) {
				const times = recent(key);
				if (times.length >= limit) waitMs = Math.max(waitMs, times[times.length - limit] + windowMs - now());
			}

			return waitMs > 0 ? Math.ceil(waitMs / 1000) : 0;
		},
		recordFailure(keys) {
			// Keys are only pruned when seen again: sweep them all before one-off addresses add up.
			if (failures.size > MAX_KEYS) for (const key of [...failures.keys()]) recent(key);
			for (const key of keys) failures.set(key, [...recent(key), now()]);
		},
		reset() {
			failures.clear();
		},
	};
}
