// The checks that keep `npm run bench` honest (bench/latency-sample.mjs): a sample is refused unless it came from
// exactly one sign-in whose JWT reached the widget after the token response arrived.
import {describe, expect, it} from 'vitest';
import {assertTabSyncOn, BenchmarkError, latencyOf, median, pageNotReady, type RunRecord, runsFrom, summarise} from '../../bench/latency-sample.mjs';

const JWT = 'header.payload.signature';
const goodRun = (): RunRecord => ({
	tokenEntries: [{name: 'http://127.0.0.1/token', responseEnd: 100.25}],
	provided: [{at: 101.5, jwt: JWT}],
	loginUserCalls: 1,
});
const refusal = (run: () => unknown) => {
	try {
		run();
	} catch (error) {
		expect(error).toBeInstanceOf(BenchmarkError);
		return (error as BenchmarkError).code;
	}

	throw new Error('expected a BenchmarkError');
};

describe('latencyOf', () => {
	it('is the time from the token response’s responseEnd to provide(jwt)', () => {
		expect(latencyOf(goodRun(), [JWT], 'path')).toBe(1.25);
	});

	it('refuses a run in which the server answered more or fewer than one token request', () => {
		expect(refusal(() => latencyOf(goodRun(), [JWT, 'second.jwt.x'], 'path'))).toBe('ERR_TOKEN_REQUESTS');
		expect(refusal(() => latencyOf(goodRun(), [], 'path'))).toBe('ERR_TOKEN_REQUESTS');
	});

	it('refuses a run whose arrival instant is missing or ambiguous', () => {
		expect(refusal(() => latencyOf({...goodRun(), tokenEntries: []}, [JWT], 'path'))).toBe('ERR_ARRIVAL_UNKNOWN');
		const twice = goodRun();
		twice.tokenEntries.push({name: 'http://127.0.0.1/token', responseEnd: 90});
		expect(refusal(() => latencyOf(twice, [JWT], 'path'))).toBe('ERR_ARRIVAL_UNKNOWN');
	});

	it('refuses a run where loginUser was not called exactly once', () => {
		expect(refusal(() => latencyOf({...goodRun(), loginUserCalls: 2}, [JWT], 'path'))).toBe('ERR_LOGIN_USER_CALLS');
		expect(refusal(() => latencyOf({...goodRun(), loginUserCalls: 0}, [JWT], 'path'))).toBe('ERR_LOGIN_USER_CALLS');
	});

	it('refuses a run where the widget never got its JWT, or got two', () => {
		expect(refusal(() => latencyOf({...goodRun(), provided: []}, [JWT], 'path'))).toBe('ERR_PROVIDE_CALLS');
		const twice = goodRun();
		twice.provided.push({at: 102, jwt: JWT});
		expect(refusal(() => latencyOf(twice, [JWT], 'path'))).toBe('ERR_PROVIDE_CALLS');
	});

	it('refuses a provide() of another JWT than the one served in this run (a leftover of the previous run)', () => {
		expect(refusal(() => latencyOf({...goodRun(), provided: [{at: 101.5, jwt: 'previous.run.jwt'}]}, [JWT], 'path'))).toBe('ERR_WRONG_JWT');
		expect(refusal(() => latencyOf({...goodRun(), provided: [{at: 101.5, jwt: null}]}, [JWT], 'path'))).toBe('ERR_WRONG_JWT');
	});

	it('refuses a provide() stamped before the response arrived, or a NaN instant', () => {
		expect(refusal(() => latencyOf({...goodRun(), provided: [{at: 99, jwt: JWT}]}, [JWT], 'path'))).toBe('ERR_CLOCK');
		expect(refusal(() => latencyOf({...goodRun(), tokenEntries: [{name: 'x', responseEnd: Number.NaN}]}, [JWT], 'path'))).toBe('ERR_CLOCK');
	});

	it('names the path in its message', () => {
		expect(() => latencyOf({...goodRun(), provided: []}, [JWT], 'main path SDK')).toThrow(/^main path SDK: /);
	});
});

describe('assertTabSyncOn', () => {
	it('accepts tab sync over a channel, with or without Web Locks', () => {
		expect(() => assertTabSyncOn('channel+locks', 'main')).not.toThrow();
		expect(() => assertTabSyncOn('channel', 'main')).not.toThrow();
	});

	it('refuses tab sync off (data-sync-tabs="false"), or an instance that cannot say', () => {
		expect(refusal(() => assertTabSyncOn('off', 'main'))).toBe('ERR_TAB_SYNC_OFF');
		expect(refusal(() => assertTabSyncOn(undefined, 'main'))).toBe('ERR_TAB_SYNC_OFF');
	});
});

describe('median and summarise', () => {
	it('takes the middle sample, or the mean of the two middle ones, whatever the order', () => {
		expect(median([3, 1, 2])).toBe(2);
		expect(median([4, 1, 3, 2])).toBe(2.5);
	});

	it('refuses no samples', () => {
		expect(refusal(() => median([]))).toBe('ERR_NO_SAMPLES');
	});

	it('gives the SDK’s overhead as the difference of the medians, and whether it meets the goal', () => {
		const [row] = summarise([{name: 'main', sdk: [3, 2.5, 9], handWritten: [1, 2, 1.5]}], 1);
		expect(row).toEqual({name: 'main', sdkMs: 3, handWrittenMs: 1.5, overheadMs: 1.5, withinGoal: false});
		expect(summarise([{name: 'a', sdk: [2], handWritten: [1]}], 1)[0]?.withinGoal).toBe(true);
	});
});

describe('runsFrom (BENCH_RUNS)', () => {
	it('is 25 when unset, else the positive integer given', () => {
		expect(runsFrom(undefined)).toBe(25);
		expect(runsFrom('')).toBe(25);
		expect(runsFrom('7')).toBe(7);
	});

	it('refuses what is not a positive integer, saying what to give', () => {
		for (const value of ['0', '-3', '2.5', 'many']) expect(refusal(() => runsFrom(value))).toBe('ERR_CONFIG');
		expect(() => runsFrom('many')).toThrow(/positive integer/);
	});

	it('takes another default and names another variable (BENCH_COLD_RUNS, LIGHTHOUSE_RUNS)', () => {
		expect(runsFrom(undefined, 11, 'BENCH_COLD_RUNS')).toBe(11);
		expect(runsFrom('9', 11, 'BENCH_COLD_RUNS')).toBe(9);
		expect(() => runsFrom('0', 3, 'LIGHTHOUSE_RUNS')).toThrow(/^LIGHTHOUSE_RUNS="0": .* such as LIGHTHOUSE_RUNS=3\.$/);
	});
});

describe('pageNotReady', () => {
	it('carries what the page reported, and what to check', () => {
		const cause = new Error('Timeout 15000ms exceeded.');
		const error = pageNotReady('/headless-sdk.html', ['Failed to resolve module specifier "ky"'], cause);
		expect(error).toBeInstanceOf(BenchmarkError);
		expect(error.code).toBe('ERR_PAGE_NOT_READY');
		expect(error.cause).toBe(cause);
		expect(error.message).toMatch(/^\/headless-sdk\.html did not become ready: the page reported: Failed to resolve module specifier "ky"\. .*import-map/);
	});

	it('falls back to the wait’s own failure when the page reported nothing', () => {
		expect(pageNotReady('/form-sdk.html', [], new Error('Timeout 15000ms exceeded.\nCall log: …')).message).toContain('(Timeout 15000ms exceeded.)');
	});
});
