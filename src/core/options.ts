import {MessagingAuthError} from '../errors/messaging-auth-error.js';
import type {HeadersOption, MessagingAuthOptions} from '../types/options.js';
import {debugLog, type DebugLog} from './debug-log.js';
import type {RestoreOnLoad} from './startup-gate.js';
import {MAX_TIMER_MS} from './timers.js';
import {resolveUrl} from './url.js';

/** The defaults of PRODUCT.md, in one place. */
export const DEFAULT_CREDENTIALS: RequestCredentials = 'same-origin';
export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_REFRESH_LEEWAY_SECONDS = 60;
export const DEFAULT_WIDGET_TIMEOUT_MS = 10_000;
export const DEFAULT_SYNC_TABS = true;
export const DEFAULT_RESTORE_ON_LOAD: RestoreOnLoad = 'auto';

/** Options after validation, with every default applied: what the rest of the SDK works on. */
export interface ResolvedOptions {
	tokenEndpoint: string | undefined;
	refreshEndpoint: string | undefined;
	logoutEndpoint: string | undefined;
	credentials: RequestCredentials;
	headers: HeadersOption | undefined;
	timeoutMs: number;
	refreshLeewaySeconds: number;
	widgetKey: string | undefined;
	widgetTimeoutMs: number;
	nonce: string | undefined;
	syncTabs: boolean;
	/** The `debug` option as the log it writes to: `undefined` when off (debug-log.ts). */
	log: DebugLog;
	restoreOnLoad: RestoreOnLoad;
	sessionHintCookie: string | undefined;
}

/** Every option of `createMessagingAuth`, in the order of PRODUCT.md. */
export const KNOWN_OPTIONS: ReadonlyArray<keyof MessagingAuthOptions> = [
	'tokenEndpoint',
	'refreshEndpoint',
	'logoutEndpoint',
	'credentials',
	'headers',
	'timeoutMs',
	'refreshLeewaySeconds',
	'widgetKey',
	'widgetTimeoutMs',
	'nonce',
	'syncTabs',
	'debug',
	'restoreOnLoad',
	'sessionHintCookie',
];

const configError = (message: string) => new MessagingAuthError('ERR_CONFIG', message);

const NEEDS_AN_ENDPOINT =
	'createMessagingAuth needs tokenEndpoint (our login form POSTs there, such as "/api/zendesk/token"), or refreshEndpoint alone when your site signs visitors in itself.';

const quote = (value: unknown) => (typeof value === 'string' ? JSON.stringify(value) : String(value));

function endpoint(name: string, value: unknown): string | undefined {
	if (value === undefined) return undefined;
	if (typeof value !== 'string' || value.trim() === '') {
		throw configError(
			`${name} must be the URL of your backend's endpoint, such as "/api/zendesk/${name.replace('Endpoint', '')}"; got ${quote(value)}.`,
		);
	}

	let url: URL;
	try {
		url = resolveUrl(value);
	} catch {
		throw configError(`${name} ${quote(value)} is not a valid URL.`);
	}

	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		throw configError(`${name} must be an http(s) URL; got the ${url.protocol} URL ${quote(value)}.`);
	}

	return value;
}

function positiveNumber(name: string, value: unknown, fallback: number, allowZero = false): number {
	if (value === undefined) return fallback;
	const valid =
		typeof value === 'number' && Number.isFinite(value) && (allowZero ? value >= 0 : value > 0) && value <= MAX_TIMER_MS;
	if (!valid) {
		throw configError(
			`${name} must be a ${allowZero ? 'non-negative' : 'positive'} number (default ${fallback}); got ${quote(value)}.`,
		);
	}

	return value;
}

function optionalString(name: string, value: unknown, hint: string): string | undefined {
	if (value === undefined) return undefined;
	if (typeof value !== 'string' || value.trim() === '' || /\s/.test(value)) {
		throw configError(`${name} must be ${hint}; got ${quote(value)}. Leave it out if you do not use it.`);
	}

	return value;
}

function headers(value: unknown): HeadersOption | undefined {
	if (value === undefined || typeof value === 'function') return value as HeadersOption | undefined;
	const isPlainObject = typeof value === 'object' && value !== null && !Array.isArray(value);
	if (isPlainObject && Object.values(value).every((header) => typeof header === 'string')) {
		return value as Record<string, string>;
	}

	throw configError('headers must be an object of string values, or a function returning one, such as () => ({"X-CSRF-Token": token}).');
}

/** Validates the options once, at creation, and applies the defaults. Throws `ERR_CONFIG` saying what to change. */
export function resolveOptions(options: unknown): ResolvedOptions {
	if (typeof options !== 'object' || options === null) {
		throw configError(NEEDS_AN_ENDPOINT);
	}

	const given = options as Record<string, unknown>;
	for (const key of Object.keys(given)) {
		if (!(KNOWN_OPTIONS as readonly string[]).includes(key)) {
			const suggestion = KNOWN_OPTIONS.find((known) => known.toLowerCase() === key.toLowerCase());
			throw configError(
				`Unknown option ${quote(key)}.${suggestion ? ` Did you mean "${suggestion}"?` : ''} Known options: ${KNOWN_OPTIONS.join(', ')}.`,
			);
		}
	}

	const credentials = given['credentials'] ?? DEFAULT_CREDENTIALS;
	if (credentials !== 'same-origin' && credentials !== 'include' && credentials !== 'omit') {
		throw configError(`credentials must be "same-origin", "include" or "omit"; got ${quote(credentials)}.`);
	}

	const syncTabs = given['syncTabs'] ?? DEFAULT_SYNC_TABS;
	if (typeof syncTabs !== 'boolean') {
		throw configError(`syncTabs must be true or false; got ${quote(syncTabs)}.`);
	}

	const debug = given['debug'] ?? false;
	if (typeof debug !== 'boolean') {
		throw configError(`debug must be true or false; got ${quote(debug)}.`);
	}

	const restoreOnLoad = given['restoreOnLoad'] ?? DEFAULT_RESTORE_ON_LOAD;
	if (restoreOnLoad !== 'auto' && restoreOnLoad !== 'always') {
		throw configError(`restoreOnLoad must be "auto" or "always"; got ${quote(restoreOnLoad)}.`);
	}

	const tokenEndpoint = endpoint('tokenEndpoint', given['tokenEndpoint']);
	const refreshEndpoint = endpoint('refreshEndpoint', given['refreshEndpoint']);
	if (tokenEndpoint === undefined && refreshEndpoint === undefined) {
		throw configError(NEEDS_AN_ENDPOINT);
	}

	return {
		tokenEndpoint,
		refreshEndpoint,
		logoutEndpoint: endpoint('logoutEndpoint', given['logoutEndpoint']),
		credentials,
		headers: headers(given['headers']),
		timeoutMs: positiveNumber('timeoutMs', given['timeoutMs'], DEFAULT_TIMEOUT_MS),
		refreshLeewaySeconds: positiveNumber('refreshLeewaySeconds', given['refreshLeewaySeconds'], DEFAULT_REFRESH_LEEWAY_SECONDS, true),
		widgetKey: optionalString('widgetKey', given['widgetKey'], 'your Zendesk widget key (Admin Center > Channels > Messaging)'),
		widgetTimeoutMs: positiveNumber('widgetTimeoutMs', given['widgetTimeoutMs'], DEFAULT_WIDGET_TIMEOUT_MS, true),
		nonce: optionalString('nonce', given['nonce'], 'the CSP nonce of this page'),
		syncTabs,
		log: debugLog(debug),
		restoreOnLoad,
		sessionHintCookie: optionalString('sessionHintCookie', given['sessionHintCookie'], 'a cookie name, such as "logged_in"'),
	};
}
