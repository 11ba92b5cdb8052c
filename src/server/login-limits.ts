import {addressKeyOf, clientAddressOf} from './client-address.js';
import {MessagingServerError} from './errors.js';
import {importHmacKey} from './hmac-key.js';
import type {StoreBackend} from './store/session-store.js';
import type {LoginLimitsOptions} from './types.js';
import {checkFunction, checkKnownKeys, describe} from './validation.js';

/** Failed sign-ins allowed per account within the window, when no other value is given. */
export const DEFAULT_FAILURES_PER_ACCOUNT = 5;
/** Failed sign-ins allowed per client address within the window, when no other value is given. */
export const DEFAULT_FAILURES_PER_ADDRESS = 50;
/** The window failed sign-ins are counted in, in seconds, when no other value is given: 15 minutes. */
export const DEFAULT_LOGIN_WINDOW_SECONDS = 900;
// A week: a longer window locks an account for longer than any site would want, and the memory store's timers cannot wait beyond 24 days.
const MAX_LOGIN_WINDOW_SECONDS = 7 * 24 * 60 * 60;

const KNOWN_OPTIONS: ReadonlyArray<keyof LoginLimitsOptions> = ['failuresPerAccount', 'failuresPerAddress', 'windowSeconds', 'accountOf', 'addressOf'];

export interface ResolvedLoginLimits {
	failuresPerAccount: number;
	failuresPerAddress: number;
	windowSeconds: number;
	accountOf(credentials: Record<string, unknown>): string | undefined;
	addressOf(request: Request): string | undefined;
}

const configError = (message: string) => new MessagingServerError('ERR_SERVER_CONFIG', message);

function wholeNumber(name: string, value: unknown, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
	if (value === undefined) return fallback;
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
		throw configError(`loginLimits.${name} must be a whole number from 1${max === Number.MAX_SAFE_INTEGER ? '' : ` to ${max}`} (default ${fallback}); got ${describe(value)}.`);
	}

	return value;
}

/** The credentials' `email`, else `username`. */
function defaultAccountOf(credentials: Record<string, unknown>): string | undefined {
	for (const field of ['email', 'username']) {
		const value = credentials[field];
		if (typeof value === 'string' && value.trim() !== '') return value;
	}

	return undefined;
}

/** `loginLimits` checked, with defaults applied; undefined for `false` (limits off). */
export function resolveLoginLimits(value: unknown): ResolvedLoginLimits | undefined {
	if (value === false) return undefined;
	if (value === undefined) value = {};
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		throw configError(`loginLimits must be an object such as {failuresPerAccount: 5}, or false to turn the limits off (only behind another limiter); got ${describe(value)}.`);
	}

	const given = value as Record<string, unknown>;
	checkKnownKeys('loginLimits', given, KNOWN_OPTIONS);
	checkFunction('loginLimits.accountOf', given['accountOf'], false, 'takes the posted credentials and returns the account name, or undefined');
	checkFunction('loginLimits.addressOf', given['addressOf'], false, "takes the request and returns the client's address, or undefined");
	const accountOf = given['accountOf'] as ResolvedLoginLimits['accountOf'] | undefined;
	const addressOf = given['addressOf'] as ResolvedLoginLimits['addressOf'] | undefined;
	return {
		failuresPerAccount: wholeNumber('failuresPerAccount', given['failuresPerAccount'], DEFAULT_FAILURES_PER_ACCOUNT),
		failuresPerAddress: wholeNumber('failuresPerAddress', given['failuresPerAddress'], DEFAULT_FAILURES_PER_ADDRESS),
		windowSeconds: wholeNumber('windowSeconds', given['windowSeconds'], DEFAULT_LOGIN_WINDOW_SECONDS, MAX_LOGIN_WINDOW_SECONDS),
		accountOf: accountOf === undefined ? defaultAccountOf : (credentials) => accountOf.call(given, credentials),
		addressOf: addressOf === undefined ? clientAddressOf : (request) => addressOf.call(given, request),
	};
}

/** How an admitted attempt ended: only `failure` (wrong credentials) counts against the limits. */
export type AttemptOutcome = 'success' | 'failure' | 'not-counted';

export type Admission =
	| {admitted: false; retryAfterSeconds: number}
	| {admitted: true; settle(outcome: AttemptOutcome): Promise<void>};

interface CountedKey {
	key: string;
	limit: number;
}

const textOf = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim().toLowerCase() : undefined);
const encoder = new TextEncoder();

/**
Retry-After for a count past its limit: whole seconds until the window ends, at least 1 and at most the window.
Pure, so the rounding is tested apart from any store.
*/
export const retryAfterSecondsOf = (msUntilReset: number, windowSeconds: number): number =>
	Math.min(windowSeconds, Math.max(1, Math.ceil(msUntilReset / 1000)));

/**
The login limits of one token handler over a store. Each attempt that will reach `authenticate` is counted first
(an atomic increment in the store), so many attempts in parallel cannot all slip under the limit; the count is
taken back when the attempt was not a failure after all, and a success clears the account's count.
*/
export class LoginLimiter {
	readonly #limits: ResolvedLoginLimits;
	readonly #store: StoreBackend;
	readonly #key: Promise<CryptoKey>;

	/** `secret` keys the hashes of account names and addresses, so the store holds nothing a reader could reverse by guessing. */
	constructor(limits: ResolvedLoginLimits, store: StoreBackend, secret: string) {
		this.#limits = limits;
		this.#store = store;
		this.#key = importHmacKey(`zendesk-messaging-auth login limits\0${secret}`);
	}

	/**
	Counts the attempt, or says how long to wait. Throws when `accountOf` or `addressOf` throws; rejects with
	`ERR_STORE_UNAVAILABLE` when the store fails, and the caller then goes on without limits.
	*/
	async admit(credentials: Record<string, unknown>, request: Request): Promise<Admission> {
		const {failuresPerAccount, failuresPerAddress, windowSeconds} = this.#limits;
		const account = textOf(this.#limits.accountOf(credentials));
		const address = this.#limits.addressOf(request);
		const hasAddress = typeof address === 'string' && address.trim() !== '';
		const [accountHash, addressHash] = await Promise.all([account === undefined ? undefined : this.#hash(account), hasAddress ? this.#hash(addressKeyOf(address)) : undefined]);
		const keys: CountedKey[] = [];
		if (accountHash !== undefined) keys.push({key: `account:${accountHash}`, limit: failuresPerAccount});
		if (addressHash !== undefined) keys.push({key: `address:${addressHash}`, limit: failuresPerAddress});
		if (keys.length === 0) return {admitted: true, settle: async () => {}};

		const store = this.#store;
		const counts = await Promise.allSettled(keys.map(({key}) => store.addFailure(key, windowSeconds)));
		const counted = keys.filter((_, index) => counts[index]!.status === 'fulfilled');
		const failed = counts.find((count) => count.status === 'rejected');
		if (failed !== undefined) {
			// Nothing half-counted is left behind for an attempt that goes on without limits.
			await Promise.allSettled(counted.map(({key}) => store.removeFailure(key, windowSeconds)));
			throw failed.reason;
		}

		const over = keys.flatMap(({limit}, index) => {
			const {failures, msUntilReset} = (counts[index] as PromiseFulfilledResult<{failures: number; msUntilReset: number}>).value;
			return failures > limit ? [retryAfterSecondsOf(msUntilReset, windowSeconds)] : [];
		});
		if (over.length > 0) {
			// The attempt is refused before `authenticate`: it is no failure, so the counts still within their limit get it back.
			await Promise.allSettled(
				keys.filter((_, index) => (counts[index] as PromiseFulfilledResult<{failures: number}>).value.failures <= keys[index]!.limit).map(({key}) => store.removeFailure(key, windowSeconds)),
			);
			return {admitted: false, retryAfterSeconds: Math.max(...over)};
		}

		return {
			admitted: true,
			async settle(outcome) {
				if (outcome === 'failure') return;
				await Promise.all(
					keys.map(({key}) => (outcome === 'success' && key.startsWith('account:') ? store.clearFailures(key) : store.removeFailure(key, windowSeconds))),
				);
			},
		};
	}

	async #hash(value: string): Promise<string> {
		const digest = new Uint8Array(await crypto.subtle.sign('HMAC', await this.#key, encoder.encode(value)));
		// 128 bits: no two accounts meet by chance, and the key stays short.
		let text = '';
		for (const byte of digest.subarray(0, 16)) text += byte.toString(16).padStart(2, '0');
		return text;
	}
}
