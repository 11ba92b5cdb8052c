/*
Expiry is judged on the server's clock: the visitor's may be minutes off, and may jump.
One place holds that maths: the offset estimate, "now" on the server's clock, and when to refresh.
*/

// The Date header and iat have a resolution of one second, so smaller differences are noise.
const NOISE_MS = 2000;

/**
The server's time when a token response arrived, in ms: its `Date` header when readable (a cross-origin
endpoint must list it in Access-Control-Expose-Headers), else the token's `iat`, else nothing known.
*/
export function serverTimeOfResponse(dateHeader: string | null | undefined, iatSeconds: number | undefined): number | undefined {
	const date = dateHeader ? Date.parse(dateHeader) : Number.NaN;
	// Both are truncated to the second: the middle of that second is the best estimate.
	if (Number.isFinite(date)) return date + 500;
	if (iatSeconds !== undefined) return iatSeconds * 1000 + 500;
	return undefined;
}

export class ServerClock {
	#offsetMs = 0;
	#wallAtSync = Date.now();
	#monotonicAtSync = performance.now();

	/** Server clock minus the visitor's clock, in ms. */
	get offsetMs(): number {
		return this.#offsetMs;
	}

	/** Records the server's time (ms) as of now. Called at each token response. */
	sync(serverTimeMs: number | undefined): void {
		this.#wallAtSync = Date.now();
		this.#monotonicAtSync = performance.now();
		if (serverTimeMs === undefined) return;
		const offset = serverTimeMs - this.#wallAtSync;
		this.#offsetMs = Math.abs(offset) < NOISE_MS ? 0 : offset;
	}

	/**
	Now on the server's clock, in ms. Time elapsed since the last sync is the larger of the wall clock's
	(which keeps running while the machine sleeps) and the monotonic clock's (which a clock change
	cannot move back): so a token is never believed fresher than it is.
	*/
	now(): number {
		const elapsed = Math.max(Date.now() - this.#wallAtSync, performance.now() - this.#monotonicAtSync);
		return this.#wallAtSync + this.#offsetMs + elapsed;
	}

	/** A server time (ms) expressed on the visitor's clock, for display and for `Session.expiresAt`. */
	toLocal(serverTimeMs: number): number {
		return serverTimeMs - this.#offsetMs;
	}
}

/** A token's expiry in server ms, from its `exp` claim (seconds); undefined when it has none. */
export const expiryOf = ({exp}: {exp?: number}): number | undefined => (exp === undefined ? undefined : exp * 1000);

/** The one expiry rule: a token is expired from the very millisecond of its `exp`, judged on the server's clock. */
export const hasExpired = (expiresAtMs: number | undefined, serverNowMs: number): boolean =>
	expiresAtMs !== undefined && expiresAtMs <= serverNowMs;

/**
When to refresh, in server ms: `exp - min(leeway, lifetime / 2)`. Lifetime counts from `iat`, else from
when the token arrived.
*/
export function refreshTime(expSeconds: number, iatSeconds: number | undefined, leewaySeconds: number, arrivedAtMs: number): number {
	const expMs = expSeconds * 1000;
	const issuedMs = iatSeconds === undefined ? arrivedAtMs : Math.min(iatSeconds * 1000, arrivedAtMs);
	const lifetimeMs = Math.max(0, expMs - issuedMs);
	return expMs - Math.min(leewaySeconds * 1000, lifetimeMs / 2);
}
