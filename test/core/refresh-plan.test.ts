/*
The refresh decision as a pure function: no timers, no clock, only times in and an action out.
*/
import {describe, expect, it} from 'vitest';
import {
	FIRST_REFRESH_GAP_MS,
	MAX_REFRESH_GAP_MS,
	MAX_UNPRODUCTIVE_REFRESHES,
	mayRefreshEarly,
	planRefresh,
	refreshGapMs,
	type RefreshInput,
} from '../../src/core/refresh-plan.js';

const EXP = 1_000_000;
const input = (overrides: Omit<Partial<RefreshInput>, 'history'> & {history?: Partial<RefreshInput['history']>} = {}): RefreshInput => ({
	nowMs: 0,
	expiresAtMs: EXP,
	refreshAtMs: EXP - 60_000,
	canRefresh: true,
	jitter: 0.5,
	...overrides,
	history: {lastAttemptAtMs: 0, unproductive: 0, retryAfterMs: 0, ...overrides.history},
});

describe('planRefresh', () => {
	it('waits until the token says to refresh, then refreshes', () => {
		expect(planRefresh(input())).toEqual({action: 'wait', untilMs: EXP - 60_000});
		expect(planRefresh(input({nowMs: EXP - 60_000}))).toEqual({action: 'refresh'});
	});

	it('a token that arrived already inside its refresh window is refreshed a couple of seconds later, not at once', () => {
		const arrived = EXP - 50_000;
		const plan = planRefresh(input({nowMs: arrived, history: {lastAttemptAtMs: arrived}}));
		expect(plan).toEqual({action: 'wait', untilMs: arrived + FIRST_REFRESH_GAP_MS});
	});

	it('refreshes that bring no later exp back off: each gap at least as long as the last, capped', () => {
		const arrived = EXP - 500_000;
		const waits = [1, 2, 3, 4, 5, 6].map((unproductive) => {
			const plan = planRefresh(input({nowMs: arrived, refreshAtMs: arrived - 1, history: {lastAttemptAtMs: arrived, unproductive}}));
			expect(plan.action).toBe('wait');
			return (plan as {untilMs: number}).untilMs - arrived;
		});
		for (let index = 1; index < waits.length; index++) expect(waits[index]).toBeGreaterThanOrEqual(waits[index - 1]!);
		expect(waits[0]).toBeGreaterThanOrEqual(FIRST_REFRESH_GAP_MS);
		expect(Math.max(...waits)).toBeLessThanOrEqual(MAX_REFRESH_GAP_MS);
	});

	it('a caching backend gets a handful of requests for a token with 50 s left, never a storm', () => {
		// Simulates the session: every refresh answers the same token (no later exp).
		let now = EXP - 50_000;
		let history = {lastAttemptAtMs: now, unproductive: 0, retryAfterMs: 0};
		let requests = 0;
		for (let step = 0; step < 10_000 && now <= EXP + 1; step++) {
			const plan = planRefresh({nowMs: now, expiresAtMs: EXP, refreshAtMs: EXP - 60_000, canRefresh: true, history, jitter: 0.5});
			if (plan.action === 'refresh') {
				requests++;
				history = {lastAttemptAtMs: now, unproductive: history.unproductive + 1, retryAfterMs: 0};
			} else if (plan.action === 'wait') {
				now = plan.untilMs;
			} else {
				break;
			}
		}

		expect(requests).toBeGreaterThanOrEqual(2);
		expect(requests).toBeLessThanOrEqual(6);
	});

	it('honours a Retry-After longer than the backoff', () => {
		const plan = planRefresh(input({nowMs: EXP - 59_000, history: {lastAttemptAtMs: EXP - 59_000, unproductive: 1, retryAfterMs: 20_000}}));
		expect(plan).toEqual({action: 'wait', untilMs: EXP - 39_000});
	});

	it('uses the token until it expires when the next attempt would come after expiry', () => {
		const plan = planRefresh(input({nowMs: EXP - 2000, history: {lastAttemptAtMs: EXP - 2000, unproductive: 3}}));
		expect(plan).toEqual({action: 'wait', untilMs: EXP});
	});

	it('at expiry: one last attempt if none was made since, then expire', () => {
		expect(planRefresh(input({nowMs: EXP + 3_600_000}))).toEqual({action: 'refresh'});
		expect(planRefresh(input({nowMs: EXP + 1000, history: {lastAttemptAtMs: EXP + 500, unproductive: 1}}))).toEqual({action: 'expire'});
	});

	it('stops refreshing after MAX_UNPRODUCTIVE_REFRESHES fruitless attempts: the token is used until it expires', () => {
		const history = {lastAttemptAtMs: 0, unproductive: MAX_UNPRODUCTIVE_REFRESHES};
		expect(planRefresh(input({nowMs: EXP - 10_000, history}))).toEqual({action: 'wait', untilMs: EXP});
		expect(planRefresh(input({nowMs: EXP, history}))).toEqual({action: 'expire'});
	});

	it('without a refresh endpoint: wait until expiry, then expire', () => {
		expect(planRefresh(input({canRefresh: false}))).toEqual({action: 'wait', untilMs: EXP});
		expect(planRefresh(input({canRefresh: false, nowMs: EXP}))).toEqual({action: 'expire'});
	});

	it('a token without exp is never refreshed nor expired', () => {
		expect(planRefresh(input({expiresAtMs: undefined, refreshAtMs: undefined}))).toEqual({action: 'idle'});
	});
});

describe('refreshGapMs', () => {
	it('doubles from 5 s, jittered within its upper half, up to a minute', () => {
		expect(refreshGapMs(1, 0)).toBe(2500);
		expect(refreshGapMs(1, 1)).toBe(5000);
		expect(refreshGapMs(2, 1)).toBe(10_000);
		expect(refreshGapMs(20, 1)).toBe(MAX_REFRESH_GAP_MS);
	});
});

describe('mayRefreshEarly', () => {
	it('lets a refresh go ahead of its time only once the gap since the last attempt has passed', () => {
		const history = {lastAttemptAtMs: 10_000, unproductive: 0, retryAfterMs: 0};
		expect(mayRefreshEarly({nowMs: 10_000 + FIRST_REFRESH_GAP_MS - 1, history, jitter: 0.5})).toBe(false);
		expect(mayRefreshEarly({nowMs: 10_000 + FIRST_REFRESH_GAP_MS, history, jitter: 0.5})).toBe(true);
		expect(mayRefreshEarly({nowMs: 10_000 + 3000, history: {...history, unproductive: 2}, jitter: 0.5})).toBe(false);
		expect(mayRefreshEarly({nowMs: 1e12, history: {...history, unproductive: MAX_UNPRODUCTIVE_REFRESHES}, jitter: 0.5})).toBe(false);
	});
});
