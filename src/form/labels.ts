import type {MessagingAuthErrorCode} from '../errors/messaging-auth-error.js';

/**
Every text of the login form. Pass any subset as `labels` to `mountLoginForm`; the rest keep their English default.
`{name}`, `{field}` and `{seconds}` are replaced by the visitor's name, a field's label and a wait in seconds.

@example
```ts
mountLoginForm(auth, '#support-login', {
	labels: {
		title: 'Connexion',
		email: 'E-mail',
		password: 'Mot de passe',
		submit: 'Se connecter',
		signedInAs: 'Connecté en tant que {name}',
		signOut: 'Se déconnecter',
		errors: {ERR_INVALID_CREDENTIALS: 'E-mail ou mot de passe incorrect.'},
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
	/** `ERR_RATE_LIMITED` when the server said how long to wait. @default 'Too many attempts. Please try again in {seconds} seconds.' */
	retryAfter: string;
	/**
	The message shown for each error code. `ERR_SESSION_EXPIRED` is also the notice shown when a session expires;
	the `ERR_WIDGET_*` ones are a note beside "Signed in as" (the site login worked, the chat did not).
	When the server sent a `message`, it is shown after this text.
	*/
	errors: Partial<Record<MessagingAuthErrorCode, string>>;
}

const UNAVAILABLE = 'Sign-in is not available right now. Please try again later.';
const UNREACHABLE = 'We could not reach the server. Please check your connection and try again.';
const NO_CHAT = 'Chat is not available right now.';

export const DEFAULT_LABELS: Readonly<LoginFormLabels> = {
	title: 'Sign in',
	email: 'Email',
	password: 'Password',
	submit: 'Sign in',
	signedInAs: 'Signed in as {name}',
	signOut: 'Sign out',
	invalidField: '{field} is missing or invalid.',
	retryAfter: 'Too many attempts. Please try again in {seconds} seconds.',
	errors: {
		ERR_CONFIG: UNAVAILABLE,
		ERR_INVALID_CREDENTIALS: 'Incorrect email or password.',
		ERR_RATE_LIMITED: 'Too many attempts. Please try again later.',
		ERR_TOKEN_ENDPOINT: UNAVAILABLE,
		ERR_NETWORK: UNREACHABLE,
		ERR_TIMEOUT: UNREACHABLE,
		ERR_INVALID_TOKEN: UNAVAILABLE,
		ERR_SESSION_EXPIRED: 'Your session has expired. Please sign in again.',
		ERR_WIDGET_UNAVAILABLE: NO_CHAT,
		ERR_WIDGET_LOGIN_FAILED: NO_CHAT,
	},
};

/** Merges the site's labels over the defaults (`errors` one code at a time). */
export const resolveLabels = (labels: Partial<LoginFormLabels> = {}): LoginFormLabels => ({
	...DEFAULT_LABELS,
	...labels,
	errors: {...DEFAULT_LABELS.errors, ...labels.errors},
});

/** Fills a `{placeholder}`. A function replacement, so `$&` in a name stays as typed. */
export const fill = (text: string, placeholder: string, value: string | number) =>
	text.replace(`{${placeholder}}`, () => String(value));

/** What the visitor reads for a failed sign-in: the friendly text of its code, then the server's own message if it sent one. */
export function errorText(error: unknown, labels: LoginFormLabels): string {
	const {code, retryAfterSeconds, serverMessage} = (error ?? {}) as {code?: MessagingAuthErrorCode; retryAfterSeconds?: number; serverMessage?: string};
	const text =
		code === 'ERR_RATE_LIMITED' && retryAfterSeconds
			? fill(labels.retryAfter, 'seconds', retryAfterSeconds)
			: (code && labels.errors[code]) || labels.errors.ERR_TOKEN_ENDPOINT || UNAVAILABLE;
	return serverMessage && serverMessage !== text ? `${text} ${serverMessage}` : text;
}
