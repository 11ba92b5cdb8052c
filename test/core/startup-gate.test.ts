/*
PRODUCT.md, "A quiet start": when the restore at creation asks refreshEndpoint. Every combination of the facts.
*/
import {describe, expect, it} from 'vitest';
import {startupMayFindSession, type RestoreOnLoad} from '../../src/core/startup-gate.js';

const ask = (
	{restoreOnLoad = 'auto', tokenEndpoint, sessionHintCookie}: {restoreOnLoad?: RestoreOnLoad; tokenEndpoint?: string; sessionHintCookie?: string},
	{cookie = false, flag = false} = {},
) => startupMayFindSession({restoreOnLoad, tokenEndpoint, sessionHintCookie}, cookie, flag);

describe('startupMayFindSession', () => {
	it('with tokenEndpoint (sessions start in our form): asks only while the sign-in flag is set', () => {
		expect(ask({tokenEndpoint: '/t'})).toBe(false);
		expect(ask({tokenEndpoint: '/t'}, {flag: true})).toBe(true);
	});

	it('with sessionHintCookie (the site\'s own login): asks only while the cookie is on the page; the flag does not count', () => {
		expect(ask({sessionHintCookie: 'logged_in'})).toBe(false);
		expect(ask({sessionHintCookie: 'logged_in'}, {flag: true})).toBe(false);
		expect(ask({sessionHintCookie: 'logged_in'}, {cookie: true})).toBe(true);
	});

	it('with both: asks when either says a session can exist', () => {
		expect(ask({tokenEndpoint: '/t', sessionHintCookie: 'logged_in'})).toBe(false);
		expect(ask({tokenEndpoint: '/t', sessionHintCookie: 'logged_in'}, {cookie: true})).toBe(true);
		expect(ask({tokenEndpoint: '/t', sessionHintCookie: 'logged_in'}, {flag: true})).toBe(true);
	});

	it('the site\'s own login without a hint cookie: asks at every page load, flag or not', () => {
		expect(ask({})).toBe(true);
		expect(ask({}, {flag: true})).toBe(true);
	});

	it('restoreOnLoad "always": asks at every page load, whatever the page says', () => {
		for (const options of [{tokenEndpoint: '/t'}, {sessionHintCookie: 'logged_in'}, {tokenEndpoint: '/t', sessionHintCookie: 'logged_in'}, {}]) {
			expect(ask({...options, restoreOnLoad: 'always'})).toBe(true);
		}
	});
});
