import type {LoginFormLocale} from '../form/labels.js';

/** German. */
const de: LoginFormLocale = {
	tag: 'de',
	labels: {
		title: 'Anmelden',
		email: 'E-Mail-Adresse',
		password: 'Passwort',
		submit: 'Anmelden',
		signedInAs: 'Angemeldet als {name}',
		signOut: 'Abmelden',
		invalidField: 'Bitte prüfen Sie das Feld „{field}“.',
		retryAfter: {
			one: 'Zu viele Versuche. Bitte versuchen Sie es in {seconds} Sekunde erneut.',
			other: 'Zu viele Versuche. Bitte versuchen Sie es in {seconds} Sekunden erneut.',
		},
		errors: {
			ERR_CONFIG: 'Die Anmeldung ist gerade nicht möglich. Bitte versuchen Sie es später erneut.',
			ERR_INVALID_CREDENTIALS: 'E-Mail-Adresse oder Passwort ist falsch.',
			ERR_RATE_LIMITED: 'Zu viele Versuche. Bitte versuchen Sie es später erneut.',
			ERR_TOKEN_ENDPOINT: 'Die Anmeldung ist gerade nicht möglich. Bitte versuchen Sie es später erneut.',
			ERR_NETWORK: 'Der Server ist nicht erreichbar. Bitte prüfen Sie Ihre Internetverbindung und versuchen Sie es erneut.',
			ERR_TIMEOUT: 'Der Server ist nicht erreichbar. Bitte prüfen Sie Ihre Internetverbindung und versuchen Sie es erneut.',
			ERR_INVALID_TOKEN: 'Die Anmeldung ist gerade nicht möglich. Bitte versuchen Sie es später erneut.',
			ERR_SESSION_EXPIRED: 'Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.',
			ERR_WIDGET_UNAVAILABLE: 'Der Chat ist gerade nicht verfügbar.',
			ERR_WIDGET_LOGIN_FAILED: 'Der Chat ist gerade nicht verfügbar.',
		},
	},
};

export default de;
