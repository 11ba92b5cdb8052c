import {afterEach, beforeEach, vi} from 'vitest';
import {createMessagingAuth} from '../../src/create-messaging-auth.js';
import type {MessagingAuthError} from '../../src/errors/messaging-auth-error.js';
import type {MessagingAuthOptions} from '../../src/types/options.js';
import type {MessagingAuth, MessagingAuthEvents} from '../../src/types/session.js';
import {installZendeskStandIn, type ZendeskStandIn} from './zendesk-stand-in.js';

export type RecordedEvent = {[Name in keyof MessagingAuthEvents]: [Name, MessagingAuthEvents[Name]]}[keyof MessagingAuthEvents];

const created = new Set<MessagingAuth>();
// Instances of one test file share a BroadcastChannel (as tabs do): none may outlive its test.
afterEach(() => {
	for (const auth of created) auth.destroy();
	created.clear();
});

/** Creates an instance that is destroyed after the test. */
export function track<T extends MessagingAuth>(auth: T): T {
	created.add(auth);
	return auth;
}

/**
Creates an instance against relative endpoints (jsdom's page is http://localhost:3000/) and records every event.
`restoreOnLoad: 'always'` unless given: these tests were written when every page load asked refreshEndpoint at once
(their backends script that first answer); the quiet start itself is tested with `'auto'`, the default
(test/core/quiet-start.test.ts).
*/
export function createRecordedAuth(options: Partial<MessagingAuthOptions> = {}) {
	const auth = track(createMessagingAuth({tokenEndpoint: '/api/token', restoreOnLoad: 'always', ...options}));
	const events: RecordedEvent[] = [];
	for (const name of ['statechange', 'login', 'refresh', 'logout', 'error'] as const) {
		auth.on(name, ((payload: unknown) => events.push([name, payload] as RecordedEvent)) as never);
	}

	return {
		auth,
		events,
		errors: () => events.filter((event) => event[0] === 'error').map((event) => event[1] as MessagingAuthError),
		states: () => events.filter((event) => event[0] === 'statechange').map((event) => (event[1] as {state: string}).state),
		named: <Name extends keyof MessagingAuthEvents>(name: Name) =>
			events.filter((event) => event[0] === name).map((event) => event[1] as MessagingAuthEvents[Name]),
	};
}

/** Fake timers that leave the microtask queue alone (fetch bodies resolve through it). */
export function useFakeClock(now = Date.parse('2026-11-24T10:00:00Z')) {
	vi.useFakeTimers({now, toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date', 'performance']});
}

export const settle = () => vi.advanceTimersByTimeAsync(0);

/** Each test of the file gets the fake clock and a fresh widget stand-in; the returned object reads the current one. */
export function useFakeClockAndWidget() {
	let current: ZendeskStandIn;
	beforeEach(() => {
		useFakeClock();
		current = installZendeskStandIn();
	});
	afterEach(() => {
		current.uninstall();
		vi.useRealTimers();
	});
	return {
		get record() {
			return current.record;
		},
		reask: () => current.reask(),
	};
}

export type {MessagingAuth};
