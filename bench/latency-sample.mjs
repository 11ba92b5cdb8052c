/*
Turns what one benchmark run recorded (in the page and on the server) into one latency sample, and refuses a run
that did not measure what the table claims: a sample is only as good as the checks that it came from exactly
one sign-in. Pure functions, so test/bench/latency-sample.test.ts can prove each check without a browser.
*/

/**
@typedef {'ERR_TOKEN_REQUESTS' | 'ERR_ARRIVAL_UNKNOWN' | 'ERR_LOGIN_USER_CALLS' | 'ERR_PROVIDE_CALLS' | 'ERR_WRONG_JWT' | 'ERR_CLOCK' | 'ERR_TAB_SYNC_OFF' | 'ERR_NO_SAMPLES' | 'ERR_NO_BUILD' | 'ERR_CONFIG' | 'ERR_PAGE_NOT_READY'} BenchmarkErrorCode
@typedef {{tokenEntries: {name: string, responseEnd: number}[], provided: {at: number, jwt: unknown}[], loginUserCalls: number}} RunRecord
*/

/** A run that cannot give an honest sample; `code` says which check failed. */
export class BenchmarkError extends Error {
	/**
	@param {BenchmarkErrorCode} code
	@param {string} message
	*/
	constructor(code, message) {
		super(message);
		this.name = 'BenchmarkError';
		this.code = code;
	}
}

/**
The latency of one run: the widget's `provide(jwt)` minus the token response's arrival (its PerformanceResourceTiming
`responseEnd`), both on the page's `performance.now()` clock.

@param {RunRecord} record what the page recorded during the run
@param {string[]} servedJwts the JWTs the bench server answered during the run, in order
@param {string} path the path's name, for the messages
@returns {number} milliseconds
*/
export function latencyOf(record, servedJwts, path) {
	const {tokenEntries, provided, loginUserCalls} = record;
	if (servedJwts.length !== 1) {
		throw new BenchmarkError('ERR_TOKEN_REQUESTS', `${path}: the bench server answered ${servedJwts.length} token requests in one run, expected exactly 1. A retry or a second sign-in would mix two requests into one sample.`);
	}

	if (tokenEntries.length !== 1) {
		throw new BenchmarkError(
			'ERR_ARRIVAL_UNKNOWN',
			`${path}: the page holds ${tokenEntries.length} PerformanceResourceTiming entries for the token endpoint, expected exactly 1; the arrival instant cannot be read. Is the resource timing buffer full, or was it not cleared before the run?`,
		);
	}

	if (loginUserCalls !== 1) {
		throw new BenchmarkError('ERR_LOGIN_USER_CALLS', `${path}: zE('messenger', 'loginUser') was called ${loginUserCalls} times in one sign-in, expected exactly once (zendesk-widget.md, pitfall 2).`);
	}

	if (provided.length !== 1) {
		throw new BenchmarkError('ERR_PROVIDE_CALLS', `${path}: the widget's provide() was called ${provided.length} times, expected exactly once. With none, the sign-in did not reach the widget within the run's deadline.`);
	}

	const [{at, jwt}] = provided;
	if (jwt !== servedJwts[0]) {
		throw new BenchmarkError('ERR_WRONG_JWT', `${path}: the widget was handed ${typeof jwt === 'string' ? 'a different JWT' : String(jwt)} instead of the one the server served in this run.`);
	}

	const latency = at - tokenEntries[0].responseEnd;
	if (!Number.isFinite(latency) || latency < 0) {
		throw new BenchmarkError('ERR_CLOCK', `${path}: provide() ran at ${at} ms, before the token response's responseEnd (${tokenEntries[0].responseEnd} ms): the two instants are not on one clock.`);
	}

	return latency;
}

/**
Throws unless the SDK's tab sync is on: the main path is measured with the default (no data-sync-tabs).

@param {unknown} mode `getDiagnostics().tabSync` of the script tag's instance
@param {string} path
*/
export function assertTabSyncOn(mode, path) {
	if (mode !== 'channel+locks' && mode !== 'channel') {
		throw new BenchmarkError('ERR_TAB_SYNC_OFF', `${path}: the SDK's tab sync is ${JSON.stringify(mode)} (getDiagnostics().tabSync); this path must run with tab sync on, the default (no data-sync-tabs attribute).`);
	}
}

/**
@param {number[]} values
@returns {number}
*/
export function median(values) {
	if (values.length === 0) throw new BenchmarkError('ERR_NO_SAMPLES', 'median of no samples: the run collected nothing.');
	const sorted = [...values].sort((a, b) => a - b);
	const middle = sorted.length >> 1;
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
One table row per path: the medians and the SDK's overhead (difference of the medians) against the goal.

@param {{name: string, sdk: number[], handWritten: number[]}[]} paths
@param {number} goalMs
*/
export function summarise(paths, goalMs) {
	return paths.map(({name, sdk, handWritten}) => {
		const sdkMs = median(sdk);
		const handWrittenMs = median(handWritten);
		const overheadMs = sdkMs - handWrittenMs;
		return {name, sdkMs, handWrittenMs, overheadMs, withinGoal: overheadMs <= goalMs};
	});
}

/**
The number of samples per figure from an environment variable (BENCH_RUNS, BENCH_COLD_RUNS): a positive integer,
`fallback` when unset.

@param {string | undefined} value
@param {number} [fallback]
@param {string} [name] the variable, for the message
@returns {number}
*/
export function runsFrom(value, fallback = 25, name = 'BENCH_RUNS') {
	if (value === undefined || value === '') return fallback;
	const runs = Number(value);
	if (!Number.isInteger(runs) || runs < 1) throw new BenchmarkError('ERR_CONFIG', `${name}="${value}": give the number of samples per figure as a positive integer, such as ${name}=${fallback}.`);
	return runs;
}

/**
The error for a bench page that never became ready: what the page itself reported says why.

@param {string} path the page's URL path
@param {string[]} pageErrors uncaught errors and console errors of the page
@param {unknown} cause what the wait failed with
*/
export function pageNotReady(path, pageErrors, cause) {
	const reported = pageErrors.length > 0 ? `the page reported: ${pageErrors.join(' | ')}` : `the page reported no error (${cause instanceof Error ? cause.message.split('\n')[0] : String(cause)})`;
	const error = new BenchmarkError('ERR_PAGE_NOT_READY', `${path} did not become ready: ${reported}. Did \`npm run build\` succeed, and does bench/import-map.mjs map every bare import of dist/index.js?`);
	error.cause = cause;
	return error;
}
