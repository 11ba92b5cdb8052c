/*
When to refresh, as a pure decision: the session's times and history in, one action out. The session core turns
the answer into a request or a timer; nothing here reads a clock or sets one. All times are server-clock ms.
*/

/** A token that arrives already inside its refresh window is refreshed this long after it arrived, not at once. */
export const FIRST_REFRESH_GAP_MS = 2000;
/** Refreshes of one session that bring no later `exp` (or fail) are spaced this far apart, doubling each time. */
export const MIN_REFRESH_GAP_MS = 5000;
/** The longest wait between two refreshes that brought nothing new. */
export const MAX_REFRESH_GAP_MS = 60_000;
/** After this many refreshes in a row that brought no later `exp`, the token is simply used until it expires. */
export const MAX_UNPRODUCTIVE_REFRESHES = 8;

export interface RefreshHistory {
	/** When the current token arrived or the last refresh attempt for it ended. */
	lastAttemptAtMs: number;
	/** Refresh attempts in a row that failed or brought no later `exp`. */
	unproductive: number;
	/** The server asked for this much quiet after the last attempt (a 429's Retry-After), in ms. */
	retryAfterMs: number;
}

export interface RefreshInput {
	nowMs: number;
	/** `exp` in ms; undefined for a token without `exp` (it never expires, so it is never refreshed). */
	expiresAtMs: number | undefined;
	/** When the token itself says to refresh: `exp - min(leeway, lifetime / 2)` (see clock.ts refreshTime). */
	refreshAtMs: number | undefined;
	/** A refresh endpoint is configured. */
	canRefresh: boolean;
	history: RefreshHistory;
	/** A number in [0, 1) spreading the retries of many visitors (Math.random() in the session, fixed in tests). */
	jitter: number;
}

export type RefreshPlan =
	| {action: 'refresh'}
	| {action: 'expire'}
	| {action: 'wait'; untilMs: number}
	/** A token without `exp`: nothing is ever due. */
	| {action: 'idle'};

/** The wait after `unproductive` fruitless attempts: 5 s, 10 s, 20 s … up to a minute, with half of it jittered. */
export function refreshGapMs(unproductive: number, jitter: number): number {
	const gap = Math.min(MAX_REFRESH_GAP_MS, MIN_REFRESH_GAP_MS * 2 ** Math.max(0, unproductive - 1));
	return gap / 2 + (gap / 2) * jitter;
}

/**
Whether a refresh asked for before its time (a widget that wants a token with more validity than is left) may go
out now: not within the gap after the last attempt, so that asking again and again never becomes a storm.
*/
export function mayRefreshEarly({nowMs, history, jitter}: Pick<RefreshInput, 'nowMs' | 'history' | 'jitter'>): boolean {
	if (history.unproductive >= MAX_UNPRODUCTIVE_REFRESHES) return false;
	const fresh = history.unproductive === 0 && history.retryAfterMs === 0;
	const gap = fresh ? FIRST_REFRESH_GAP_MS : Math.max(refreshGapMs(history.unproductive, jitter), history.retryAfterMs);
	return nowMs >= history.lastAttemptAtMs + gap;
}

/**
Decides what is due for a session.
- A token whose refresh time has come is refreshed, but never sooner than the gap after the last attempt: a backend
  that answers with a token already inside its refresh window (a cached JWT, a `Date` far off) gets a request every
  few seconds at most, backing off, never a storm.
- A token that expired gets one last refresh attempt if none was made since its expiry (a tab that slept through
  its refresh time), then the session expires.
- Without a refresh endpoint the token is used until it expires.
*/
export function planRefresh({nowMs, expiresAtMs, refreshAtMs, canRefresh, history, jitter}: RefreshInput): RefreshPlan {
	if (expiresAtMs === undefined) return {action: 'idle'};
	const mayRefresh = canRefresh && history.unproductive < MAX_UNPRODUCTIVE_REFRESHES;

	if (nowMs >= expiresAtMs) {
		return mayRefresh && history.lastAttemptAtMs < expiresAtMs ? {action: 'refresh'} : {action: 'expire'};
	}

	if (!mayRefresh) return {action: 'wait', untilMs: expiresAtMs};
	const due = refreshAtMs ?? expiresAtMs;
	const fresh = history.unproductive === 0 && history.retryAfterMs === 0;
	const earliest = fresh
		? due > history.lastAttemptAtMs
			? due
			: history.lastAttemptAtMs + FIRST_REFRESH_GAP_MS
		: Math.max(due, history.lastAttemptAtMs + Math.max(refreshGapMs(history.unproductive, jitter), history.retryAfterMs));
	if (earliest >= expiresAtMs) return {action: 'wait', untilMs: expiresAtMs};
	return nowMs >= earliest ? {action: 'refresh'} : {action: 'wait', untilMs: earliest};
}
