// Types of latency-sample.mjs, for the TypeScript test that imports it (test/bench/latency-sample.test.ts).
export type BenchmarkErrorCode =
	| 'ERR_TOKEN_REQUESTS'
	| 'ERR_ARRIVAL_UNKNOWN'
	| 'ERR_LOGIN_USER_CALLS'
	| 'ERR_PROVIDE_CALLS'
	| 'ERR_WRONG_JWT'
	| 'ERR_CLOCK'
	| 'ERR_TAB_SYNC_OFF'
	| 'ERR_NO_SAMPLES'
	| 'ERR_NO_BUILD'
	| 'ERR_CONFIG'
	| 'ERR_PAGE_NOT_READY';

/** What the bench page recorded during one run (bench/latency-page.mjs). */
export interface RunRecord {
	tokenEntries: Array<{name: string; responseEnd: number}>;
	provided: Array<{at: number; jwt: unknown}>;
	loginUserCalls: number;
}

export class BenchmarkError extends Error {
	constructor(code: BenchmarkErrorCode, message: string);
	readonly code: BenchmarkErrorCode;
}

export function latencyOf(record: RunRecord, servedJwts: string[], path: string): number;
export function assertTabSyncOn(mode: unknown, path: string): void;
export function median(values: number[]): number;
export function summarise(
	paths: Array<{name: string; sdk: number[]; handWritten: number[]}>,
	goalMs: number,
): Array<{name: string; sdkMs: number; handWrittenMs: number; overheadMs: number; withinGoal: boolean}>;
export function runsFrom(value: string | undefined, fallback?: number, name?: string): number;
export function pageNotReady(path: string, pageErrors: string[], cause: unknown): BenchmarkError;
