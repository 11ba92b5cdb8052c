import type {LoginFormLocale} from '../form/labels.js';

/** English: the form's default texts, in every bundle. */
const en: LoginFormLocale = {
	tag: 'en',
	labels: {
		title: 'Sign in',
		email: 'Email',
		password: 'Password',
		submit: 'Sign in',
		signedInAs: 'Signed in as {name}',
		signOut: 'Sign out',
		invalidField: '{field} is missing or invalid.',
		retryAfter: {
			one: 'Too many attempts. Please try again in {seconds} second.',
			other: 'Too many attempts. Please try again in {seconds} seconds.',
		},
		errors: {
			ERR_CONFIG: 'Sign-in is not available right now. Please try again later.',
			ERR_INVALID_CREDENTIALS: 'Incorrect email or password.',
			ERR_RATE_LIMITED: 'Too many attempts. Please try again later.',
			ERR_TOKEN_ENDPOINT: 'Sign-in is not available right now. Please try again later.',
			ERR_NETWORK: 'We could not reach the server. Please check your connection and try again.',
			ERR_TIMEOUT: 'We could not reach the server. Please check your connection and try again.',
			ERR_INVALID_TOKEN: 'Sign-in is not available right now. Please try again later.',
			ERR_SESSION_EXPIRED: 'Your session has expired. Please sign in again.',
			ERR_WIDGET_UNAVAILABLE: 'Chat is not available right now.',
			ERR_WIDGET_LOGIN_FAILED: 'Chat is not available right now.',
		},
	},
};

export default en;
