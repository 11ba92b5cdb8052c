import {externalIdProblem} from '../claims/zendesk-claims.js';
import {DEFAULT_JWT_LIFETIME_SECONDS, MAX_JWT_LIFETIME_SECONDS, MIN_SECRET_LENGTH} from './defaults.js';
import {MessagingServerError} from './errors.js';
import type {User} from './types.js';

const configError = (message: string) => new MessagingServerError('ERR_SERVER_CONFIG', message);
const userError = (message: string) => new MessagingServerError('ERR_INVALID_USER', message);

/** Says what a value is without printing it: a misplaced secret or password must never reach a log through an error message. */
export function describe(value: unknown): string {
	if (value === undefined || value === null) return String(value);
	if (typeof value === 'string') return value === '' ? 'an empty string' : `a string of ${value.length} characters`;
	if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${String(value)}`;
	return Array.isArray(value) ? 'an array' : `a value of type ${typeof value}`;
}

const hasOuterWhitespace = (value: string) => value !== value.trim();

export function checkKeyId(value: unknown): string {
	if (typeof value !== 'string' || value.trim() === '') {
		throw configError(
			`keyId must be the id of your Zendesk messaging signing key (Admin Center > Account > Security > End user authentication > Messaging), such as "app_64f0c1d2e3a4b5c6d7e8f901"; got ${describe(value)}. Is its environment variable set?`,
		);
	}

	if (hasOuterWhitespace(value)) throw configError('keyId has leading or trailing whitespace (a copied newline?): trim it.');
	return value;
}

// Texts of documentation and tutorials that get pasted as a secret, as runs of whole words (see `wordsOf`) without
// case: `CHANGE_ME`, `your-session-secret`. `atleast` is the "at least 32 characters" of iron-session's and Supabase's
// example secrets (`complex_password_at_least_32_characters_long`), which apps keep as `process.env.X || '…'`.
const PLACEHOLDER_WORDS = new Set(['changeme', 'goeshere', 'replaceme', 'replacewith', 'placeholder', 'yoursecret', 'yoursession', 'insertyour', 'putyour', 'atleast']);
const LONGEST_PLACEHOLDER = Math.max(...[...PLACEHOLDER_WORDS].map((word) => word.length));

/** The words of a secret: its runs of letters, split where a lower-case letter meets a capital (`yourSecret`). */
const wordsOf = (value: string): string[] => value.split(/[^A-Za-z]+|(?<=[a-z])(?=[A-Z])/).filter((word) => word !== '').map((word) => word.toLowerCase());

/**
Whether whole consecutive words of `value` spell a placeholder. Whole words, not any letters: a passphrase of real
words such as `Onchange-Megabytes` or `replace measured` holds `changeme` and `replaceme` across a word's edge.
*/
function holdsPlaceholder(value: string): boolean {
	const words = wordsOf(value);
	for (let start = 0; start < words.length; start++) {
		let run = '';
		for (let end = start; end < words.length && run.length < LONGEST_PLACEHOLDER; end++) {
			run += words[end];
			if (PLACEHOLDER_WORDS.has(run)) return true;
		}
	}

	return false;
}

// Below this Shannon estimate (bits per character times length) a secret is visibly made of few characters. Random
// secrets are far above it: 32 hex digits, the poorest usual form (16 symbols), measure about 110 bits and never
// came near 64 in hundreds of thousands of samples.
const MIN_ESTIMATED_BITS = 64;

/** Bits of entropy a secret shows by its own character counts: low for `aaaa…ab` and `abab…`, whatever its length. */
function estimatedBits(value: string): number {
	const counts = new Map<string, number>();
	for (const character of value) counts.set(character, (counts.get(character) ?? 0) + 1);
	let bits = 0;
	for (const count of counts.values()) bits -= count * Math.log2(count / value.length);
	return bits;
}

/** Whether `value` is mostly one short unit repeated (`changeme` × 4, `abcd…abce`): three in four characters repeat the one `period` before. */
function isRepeatedPattern(value: ArrayLike<string | number>): boolean {
	for (let period = 1; period <= value.length / 2; period++) {
		let repeats = 0;
		for (let index = period; index < value.length; index++) if (value[index] === value[index - period]) repeats++;
		if (repeats >= 0.75 * (value.length - period)) return true;
	}

	return false;
}

/** The step from each character to the next (`abcd` → 1, 1, 1): a run such as the alphabet is a repeated step. */
function stepsOf(value: string): number[] {
	const steps: number[] = [];
	for (let index = 1; index < value.length; index++) steps.push(value.charCodeAt(index) - value.charCodeAt(index - 1));
	return steps;
}

/**
Why `value` cannot be a random secret, or undefined when it may be one. Visibly low entropy only: a secret that
passes may still be weak, but no real random secret (base64, base64url, hex, of any length from 32) is refused.
*/
export function weakSecretReason(value: string): string | undefined {
	if (isRepeatedPattern(value)) return 'it is one character or a short pattern repeated';
	if (isRepeatedPattern(stepsOf(value))) return 'it is a run of consecutive characters, such as "abcd…" or "0123…"';
	if (estimatedBits(value) < MIN_ESTIMATED_BITS) return 'it is made of too few distinct characters';
	if (holdsPlaceholder(value)) return 'it reads like a placeholder from documentation';
	return undefined;
}

// signMessagingJwt checks its secret at every call, and the weakness check costs as much as signing: remember the
// last secret found random, as sign-jwt.ts remembers its key.
let lastRandomSecret: string | undefined;

/** Checks `secret` (the Zendesk signing key's) or `sessionSecret` (ours, for the cookie). */
export function checkSecret(name: 'secret' | 'sessionSecret', value: unknown): string {
	const what =
		name === 'secret'
			? 'the shared secret of your Zendesk messaging signing key (shown once, when the key is created in Admin Center)'
			: 'a random string of your own, such as the output of `openssl rand -base64 48`, to sign the session cookie';
	if (typeof value !== 'string' || value === '') {
		throw configError(`${name} must be ${what}; got ${describe(value)}. Is its environment variable set?`);
	}

	if (hasOuterWhitespace(value)) throw configError(`${name} has leading or trailing whitespace (a copied newline?): trim it.`);
	if (value.length < MIN_SECRET_LENGTH) {
		throw configError(
			`${name} is ${value.length} characters long, too short to be ${what}: it needs at least ${MIN_SECRET_LENGTH}.${name === 'secret' ? ' Did you pass the key id instead?' : ''}`,
		);
	}

	const weakness = value === lastRandomSecret ? undefined : weakSecretReason(value);
	if (weakness !== undefined) {
		const fix =
			name === 'secret'
				? 'Use the shared secret Zendesk generated for your messaging signing key (Admin Center > Account > Security > End user authentication > Messaging); in tests, a random one such as the output of `openssl rand -base64 48`.'
				: 'Generate a random one with `openssl rand -base64 48` and keep it in an environment variable.';
		throw configError(`${name} is not a random secret: ${weakness}, so anybody could guess it and forge what it signs. ${fix}`);
	}

	lastRandomSecret = value;
	return value;
}

/** A whole number of seconds from 1 to `max` (`maxText` says it for people), or the default when not given. */
export function checkSeconds(name: string, value: unknown, fallback: number, max: number, maxText: string): number {
	if (value === undefined) return fallback;
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
		throw configError(`${name} must be a whole number of seconds from 1 to ${max} (${maxText}), default ${fallback}; got ${describe(value)}.`);
	}

	return value;
}

/** `expiresInSeconds` of `signMessagingJwt` and of every handler that mints. */
export const checkJwtLifetime = (value: unknown): number =>
	checkSeconds('expiresInSeconds', value, DEFAULT_JWT_LIFETIME_SECONDS, MAX_JWT_LIFETIME_SECONDS, '30 days');

// The longest delay setTimeout keeps: Node runs a longer one after 1 ms (TimeoutOverflowWarning), so a `bodyTimeoutMs`
// of 30 days answered nearly every login 408.
const MAX_TIMER_MS = 2 ** 31 - 1;

/** A positive number of milliseconds a timer can wait (at most about 24.8 days), or the default when not given. */
export function checkMilliseconds(name: string, value: unknown, fallback: number): number {
	if (value === undefined) return fallback;
	if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > MAX_TIMER_MS) {
		throw configError(`${name} must be a positive number of milliseconds up to ${MAX_TIMER_MS} (default ${fallback}); got ${describe(value)}.`);
	}

	return value;
}

/** `purpose`, when given, tells the integrator what the function is for, such as "reads your site's session". */
export function checkFunction(name: string, value: unknown, required: boolean, purpose?: string): void {
	if (value === undefined && !required) return;
	if (typeof value !== 'function') throw configError(`${name} must be a function${purpose === undefined ? '' : ` that ${purpose}`}; got ${describe(value)}.`);
}

export function checkOptionsObject(name: string, value: unknown, example: string): Record<string, unknown> {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		throw configError(`${name} needs an options object, such as ${example}; got ${describe(value)}.`);
	}

	return value as Record<string, unknown>;
}

/** Refuses option names we do not know, so a typo (`maxAge` for `maxAgeSeconds`) does not silently fall back to a default. */
export function checkKnownKeys(name: string, given: Record<string, unknown>, known: readonly string[]): void {
	for (const key of Object.keys(given)) {
		if (!known.includes(key)) {
			const suggestion = known.find((candidate) => candidate.toLowerCase() === key.toLowerCase());
			throw configError(
				`Unknown ${name} option ${JSON.stringify(key)}.${suggestion ? ` Did you mean "${suggestion}"?` : ''} Known options: ${known.join(', ')}.`,
			);
		}
	}
}

/** Normalises `allowedOrigins` to the origins the `Origin` header would carry (`https://example.com`, no path, no trailing slash). */
export function checkAllowedOrigins(value: unknown): ReadonlySet<string> {
	if (value === undefined) return new Set();
	if (!Array.isArray(value)) throw configError(`allowedOrigins must be an array of origins, such as ["https://www.example.com"]; got ${describe(value)}.`);
	return new Set(
		value.map((entry: unknown) => {
			// Opaque origins (file:, data:) serialise as "null", which no allowed request should match.
			const origin = typeof entry === 'string' && URL.canParse(entry) ? new URL(entry).origin : 'null';
			if (origin === 'null') {
				throw configError(`allowedOrigins must hold origins such as "https://www.example.com"; ${JSON.stringify(entry)} is not one.`);
			}

			return origin;
		}),
	);
}

const optionalText = (name: string, value: unknown, from: string): string | undefined => {
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string') throw userError(`${name} must be a string when given; got ${describe(value)}${from}.`);
	// An empty name or email would show as blank in Zendesk: leave the claim out instead.
	return value.trim() === '' ? undefined : value;
};

/**
Checks a user against what Zendesk accepts and drops the optional fields that are not given, so the JWT
carries `name`, `email` and `email_verified` only when they mean something. `source` names the hook that
gave the user, for the error message.
*/
export function checkUser(value: unknown, source?: string): User {
	const from = source === undefined ? '' : ` from ${source}`;
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		throw userError(`${source ?? 'The input'} must give a user such as {externalId: "user-1234", name: "Ada Lovelace"}, or null; got ${describe(value)}.`);
	}

	const given = value as Record<string, unknown>;
	const externalId = given['externalId'];
	// The browser's rule for external_id (src/claims/zendesk-claims.ts): what one refuses, the other never signs.
	const problem = externalIdProblem(externalId);
	if (problem) throw userError(`externalId${from} ${problem}.`);
	const user: User = {externalId: externalId as string};
	const name = optionalText('name', given['name'], from);
	const email = optionalText('email', given['email'], from);
	const emailVerified = given['emailVerified'];
	if (emailVerified !== undefined && emailVerified !== null && typeof emailVerified !== 'boolean') {
		throw userError(`emailVerified must be true or false when given; got ${describe(emailVerified)}${from}.`);
	}

	if (name !== undefined) user.name = name;
	if (email !== undefined) user.email = email;
	if (typeof emailVerified === 'boolean') user.emailVerified = emailVerified;
	return user;
}
