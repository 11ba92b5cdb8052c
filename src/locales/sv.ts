import type {LoginFormLocale} from '../form/labels.js';

/** Swedish. */
const sv: LoginFormLocale = {
	tag: 'sv',
	labels: {
		title: 'Logga in',
		email: 'E-postadress',
		password: 'Lösenord',
		submit: 'Logga in',
		signedInAs: 'Inloggad som {name}',
		signOut: 'Logga ut',
		invalidField: 'Fältet ”{field}” saknas eller är ogiltigt.',
		retryAfter: {
			one: 'För många försök. Försök igen om {seconds} sekund.',
			other: 'För många försök. Försök igen om {seconds} sekunder.',
		},
		errors: {
			ERR_CONFIG: 'Det går inte att logga in just nu. Försök igen senare.',
			ERR_INVALID_CREDENTIALS: 'Fel e-postadress eller lösenord.',
			ERR_RATE_LIMITED: 'För många försök. Försök igen senare.',
			ERR_TOKEN_ENDPOINT: 'Det går inte att logga in just nu. Försök igen senare.',
			ERR_NETWORK: 'Vi kunde inte nå servern. Kontrollera din anslutning och försök igen.',
			ERR_TIMEOUT: 'Vi kunde inte nå servern. Kontrollera din anslutning och försök igen.',
			ERR_INVALID_TOKEN: 'Det går inte att logga in just nu. Försök igen senare.',
			ERR_SESSION_EXPIRED: 'Din session har gått ut. Logga in igen.',
			ERR_WIDGET_UNAVAILABLE: 'Chatten är inte tillgänglig just nu.',
			ERR_WIDGET_LOGIN_FAILED: 'Chatten är inte tillgänglig just nu.',
		},
	},
};

export default sv;
