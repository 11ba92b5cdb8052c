/*
Tab messages are checked before anything in them is used: another tab may run another version, or a page script
may post on the channel.
*/
import {describe, expect, it} from 'vitest';
import {isNewer, readTabMessage, shouldAdopt} from '../../src/sync/messages.js';

const NOW = Date.parse('2026-11-24T10:00:00Z');
const session = (token: unknown, extra: Record<string, unknown> = {}) => ({type: 'session', from: 'tab-a', token, ...extra});

describe('readTabMessage', () => {
	it('takes the three kinds of message, copied field by field', () => {
		expect(readTabMessage({type: 'logout', from: 'tab-a', extra: 'dropped'}, NOW)).toEqual({type: 'logout', from: 'tab-a'});
		expect(readTabMessage({type: 'hello', from: 'tab-a', newerThanExp: 123}, NOW)).toEqual({type: 'hello', from: 'tab-a', newerThanExp: 123});
		expect(readTabMessage(session({jwt: 'a.b.c', serverTimeMs: NOW + 600_000}, {to: 'tab-b'}), NOW)).toEqual({
			type: 'session',
			from: 'tab-a',
			to: 'tab-b',
			token: {jwt: 'a.b.c', serverTimeMs: NOW + 600_000},
		});
	});

	it.each([
		['NaN', Number.NaN],
		['Infinity', Number.POSITIVE_INFINITY],
		['0 (would make an expired token look fresh)', 0],
		['two days off', NOW + 2 * 86_400_000],
		['a string', String(NOW)],
		['missing', undefined],
	])('refuses a session whose serverTimeMs is %s', (_name, serverTimeMs) => {
		expect(readTabMessage(session({jwt: 'a.b.c', serverTimeMs}), NOW)).toBeUndefined();
	});

	it.each([
		['not a string', 42],
		['empty', ''],
		['far too long', 'x'.repeat(20_000)],
	])('refuses a session whose jwt is %s', (_name, jwt) => {
		expect(readTabMessage(session({jwt, serverTimeMs: NOW}), NOW)).toBeUndefined();
	});

	it.each([
		['null', null],
		['a string', 'hello'],
		['an array', []],
		['no from', {type: 'logout'}],
		['a long from', {type: 'logout', from: 'x'.repeat(65)}],
		['an unknown type', {type: 'nonsense', from: 'tab-a'}],
		['a hello with a NaN exp', {type: 'hello', from: 'tab-a', newerThanExp: Number.NaN}],
		['a hello with a negative exp', {type: 'hello', from: 'tab-a', newerThanExp: -1}],
		['a session without a token', {type: 'session', from: 'tab-a'}],
		['a session with a non-string to', session({jwt: 'a.b.c', serverTimeMs: NOW}, {to: 7})],
	])('refuses %s', (_name, data) => {
		expect(readTabMessage(data, NOW)).toBeUndefined();
	});
});

describe('the "is this token newer" rule', () => {
	it('newer means a later exp; no exp counts as newest', () => {
		expect(isNewer({exp: 20}, {exp: 10})).toBe(true);
		expect(isNewer({exp: 10}, {exp: 10})).toBe(false);
		expect(isNewer({exp: 5}, {exp: 10})).toBe(false);
		expect(isNewer({}, {exp: 10})).toBe(true);
		expect(isNewer({exp: 10}, undefined)).toBe(true);
	});

	it("a tab takes another visitor's token (a sign-in elsewhere) even if it expires sooner, the same visitor's only if newer", () => {
		const ada = {external_id: 'user-ada', exp: 100};
		expect(shouldAdopt({external_id: 'user-grace', exp: 50}, ada)).toBe(true);
		expect(shouldAdopt({external_id: 'user-ada', exp: 50}, ada)).toBe(false);
		expect(shouldAdopt({external_id: 'user-ada', exp: 150}, ada)).toBe(true);
		expect(shouldAdopt(ada, undefined)).toBe(true);
	});
});
