import {MessagingAuthError, type MessagingAuthErrorCode} from '../errors/messaging-auth-error.js';
import en from '../locales/en.js';

/**
A text with a count in it, one form per plural category of the language (`Intl.PluralRules`): English has `one` and
`other`, Polish `one`, `few`, `many` and `other`, Japanese only `other`. A plain string serves every count.

@example {one: 'Try again in {seconds} second.', other: 'Try again in {seconds} seconds.'}
*/
export type PluralTexts = Partial<Record<Intl.LDMLPluralRule, string>> & {other: string};

/**
Every text of the login form. Pass any subset as `labels` to `mountLoginForm`; the rest come from the form's language
(see `locale`). `{name}`, `{field}` and `{seconds}` are replaced by the visitor's name, a field's label and a wait in seconds.

@example
```ts
mountLoginForm(auth, '#support-login', {
	labels: {
		title: 'Chat with support',
		submit: 'Sign in to chat',
		errors: {ERR_INVALID_CREDENTIALS: 'That email and password do not match an account.'},
	},
});
```
*/
export interface LoginFormLabels {
	/** The heading, which also names the form. @default 'Sign in' */
	title: string;
	/** @default 'Email' */
	email: string;
	/** @default 'Password' */
	password: string;
	/** The submit button. @default 'Sign in' */
	submit: string;
	/** Shown instead of the form once signed in. `{name}`: the `name` claim, else `email`, else `external_id`. @default 'Signed in as {name}' */
	signedInAs: string;
	/** @default 'Sign out' */
	signOut: string;
	/** A field left empty or filled in wrongly. `{field}`: its label. @default '{field} is missing or invalid.' */
	invalidField: string;
	/**
	`ERR_RATE_LIMITED` when the server said how long to wait (at most a day; a longer wait shows
	`errors.ERR_RATE_LIMITED`). A string, or one text per plural category of the language.
	@default {one: 'Too many attempts. Please try again in {seconds} second.', other: 'Too many attempts. Please try again in {seconds} seconds.'}
	*/
	retryAfter: string | PluralTexts;
	/**
	The message shown for each error code. `ERR_SESSION_EXPIRED` is also the notice shown when a session expires;
	the `ERR_WIDGET_*` ones are a note beside "Signed in as" (the site login worked, the chat did not).
	When the server sent a `message`, it is shown after this text.
	*/
	errors: Partial<Record<MessagingAuthErrorCode, string>>;
}

/** The error codes a visitor can be shown (`ERR_ABORTED` never is). */
export type ShownErrorCode = Exclude<MessagingAuthErrorCode, 'ERR_ABORTED'>;

/**
The texts of one language, as `zendesk-messaging-auth/locales/<tag>` exports them (and the script tag loads them from
`locales/<tag>.json` beside its bundle).

@example
```ts
import fr from 'zendesk-messaging-auth/locales/fr';
mountLoginForm(auth, '#support-login', {locales: [fr]});
```
*/
export interface LoginFormLocale {
	/** Its BCP 47 tag, such as `'fr'` or `'pt-BR'`. */
	tag: string;
	/** `'rtl'` for a right-to-left language (the form's container gets `dir="rtl"`). */
	dir?: 'rtl';
	/** Every text, every error message. */
	labels: LoginFormLabels & {errors: Record<ShownErrorCode, string>};
}

/**
A language the form loads only when the page asks for it: `load` is called at most once per form when the
visitor's language matches `tag`.

@example {tag: 'de', load: () => import('zendesk-messaging-auth/locales/de').then((module) => module.default)}
*/
export interface LazyLoginFormLocale {
	tag: string;
	load(): Promise<LoginFormLocale>;
}

export const DEFAULT_LABELS: Readonly<LoginFormLabels> = en.labels;

/**
Refuses labels that are not text, naming the label: called before the form attaches anything, so a failed mount
leaves nothing behind. Only the known names are read (a `__proto__` key in parsed JSON is ignored).
*/
export function checkLabels(labels: object = {}): void {
	for (const name in en.labels) {
		const text: unknown = (labels as Record<string, unknown>)[name];
		// retryAfter may also be a text per plural category, and errors is a text per code.
		const texts = /^(retryAfter|errors)$/.test(name) && !!text && typeof text === 'object' && Object.values(text).every((value) => typeof value === 'string');
		if (Object.hasOwn(labels, name) && typeof text !== 'string' && !texts) {
			throw new MessagingAuthError('ERR_CONFIG', `labels: "${name}" must be text, not ${text === null ? 'null' : typeof text}.`);
		}
	}
}

/** Merges the site's labels over the language's (`errors` one code at a time). */
export const resolveLabels = (labels: Partial<LoginFormLabels> = {}, base: LoginFormLabels = en.labels): LoginFormLabels => ({
	...base,
	...labels,
	errors: {...base.errors, ...labels.errors},
});

/** Fills a `{placeholder}`. A function replacement, so `$&` in a name stays as typed. */
export const fill = (text: string, placeholder: string, value: string | number) =>
	text.replace(`{${placeholder}}`, () => String(value));

/** The longest wait the form shows as a number: beyond a day it says "try again later" (PRODUCT.md, "Bounded answers"). */
export const MAX_SHOWN_RETRY_AFTER_SECONDS = 86_400;

/**
What the visitor reads for a failed sign-in, in language `tag`: the friendly text of its code, then the server's own
message if it sent one.
*/
export function errorText(error: unknown, labels: LoginFormLabels, tag = 'en'): string {
	const {code, retryAfterSeconds: seconds, serverMessage} = (error ?? {}) as {code?: MessagingAuthErrorCode; retryAfterSeconds?: number; serverMessage?: string};
	let text = (code && labels.errors[code]) || labels.errors.ERR_TOKEN_ENDPOINT!;
	if (code === 'ERR_RATE_LIMITED' && seconds! > 0 && seconds! <= MAX_SHOWN_RETRY_AFTER_SECONDS) {
		const {retryAfter} = labels;
		text = fill(
			typeof retryAfter === 'string' ? retryAfter : (retryAfter[new Intl.PluralRules(tag).select(seconds!)] ?? retryAfter.other),
			'seconds',
			seconds!.toLocaleString(tag),
		);
	}

	return serverMessage && serverMessage !== text ? `${text} ${serverMessage}` : text;
}

/**
The visitor's name for "Signed in as": `name`, else `email`, else `external_id`, each only when it is non-empty text
(an object claim never shows as "[object Object]").
*/
export const displayName = (claims: Record<string, unknown> | undefined) =>
	[claims?.['name'], claims?.['email'], claims?.['external_id']].find((value): value is string => typeof value === 'string' && value !== '') ?? '';

/**
Which of `available` serves the requested BCP 47 tag: the exact tag, then the language alone (`fr-CA` → `fr`, `pt-PT` →
`pt`). A script subtag is passed over (`zh-Hant-TW` → `zh-TW`), `_` is taken as `-`, case does not matter.
`undefined` when none does (the form then uses English); never throws.
*/
export function matchLocale(requested: string, available: readonly string[]): string | undefined {
	const tag = requested.toLowerCase().replace(/_/g, '-').replace(/-[a-z]{4}\b/, '');
	for (const candidate of [tag, tag.split('-')[0]]) {
		const found = available.find((offered) => offered.toLowerCase() === candidate);
		if (found) return found;
	}

	return undefined;
}
