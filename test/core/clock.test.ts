import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {expiryOf, hasExpired, refreshTime, ServerClock, serverTimeOfResponse} from '../../src/core/clock.js';

describe('serverTimeOfResponse', () => {
	it('prefers the Date header, taking the middle of its second', () => {
		expect(serverTimeOfResponse('Tue, 24 Nov 2026 10:00:00 GMT', 1)).toBe(Date.parse('2026-11-24T10:00:00Z') + 500);
	});

	it('falls back to iat when the Date header is missing or unreadable', () => {
		expect(serverTimeOfResponse(null, 1000)).toBe(1_000_500);
		expect(serverTimeOfResponse('garbage', 1000)).toBe(1_000_500);
	});

	it('knows nothing without either', () => {
		expect(serverTimeOfResponse(undefined, undefined)).toBeUndefined();
	});
});

describe('ServerClock', () => {
	beforeEach(() => {
		vi.useFakeTimers({now: Date.parse('2026-11-24T10:00:00Z')});
	});

	afterEach(() => {
		vi.useRealTimers();
	});

	it('follows a server clock that is ten minutes ahead', () => {
		const clock = new ServerClock();
		clock.sync(Date.now() + 600_000);
		expect(clock.now() - Date.now()).toBe(600_000);
		expect(clock.toLocal(Date.now() + 600_000)).toBe(Date.now());
	});

	it('ignores differences within the Date header resolution', () => {
		const clock = new ServerClock();
		clock.sync(Date.now() + 1500);
		expect(clock.now()).toBe(Date.now());
	});

	it('is not moved back by a visitor clock jumping back mid-session', () => {
		const clock = new ServerClock();
		clock.sync(Date.now());
		const before = clock.now();
		vi.advanceTimersByTime(5000);
		vi.setSystemTime(Date.now() - 3_600_000);
		expect(clock.now()).toBeGreaterThanOrEqual(before + 5000);
	});

	it('counts the time a sleeping machine was away (wall clock ran, timers did not)', () => {
		const clock = new ServerClock();
		clock.sync(Date.now());
		vi.setSystemTime(Date.now() + 3_600_000);
		expect(clock.now() - Date.now()).toBe(0);
	});
});

describe('refreshTime', () => {
	it('refreshes leeway seconds before expiry for a long-lived token', () => {
		expect(refreshTime(3600, 0, 60, 0)).toBe(3_540_000);
	});

	it('never refreshes earlier than half the lifetime', () => {
		expect(refreshTime(100, 0, 60, 0)).toBe(50_000);
	});

	it('counts the lifetime from arrival when the token has no iat', () => {
		expect(refreshTime(100, undefined, 60, 80_000)).toBe(90_000);
	});

	it('with zero leeway refreshes at expiry', () => {
		expect(refreshTime(100, 0, 0, 0)).toBe(100_000);
	});
});

describe('hasExpired / expiryOf', () => {
	it('counts a token as expired from the millisecond of its exp, and never one without exp', () => {
		expect(expiryOf({exp: 100})).toBe(100_000);
		expect(hasExpired(expiryOf({exp: 100}), 99_999)).toBe(false);
		expect(hasExpired(expiryOf({exp: 100}), 100_000)).toBe(true);
		expect(hasExpired(expiryOf({}), Number.MAX_SAFE_INTEGER)).toBe(false);
	});
});
