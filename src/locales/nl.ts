import type {LoginFormLocale} from '../form/labels.js';

/** Dutch. */
const nl: LoginFormLocale = {
	tag: 'nl',
	labels: {
		title: 'Inloggen',
		email: 'E-mailadres',
		password: 'Wachtwoord',
		submit: 'Inloggen',
		signedInAs: 'Ingelogd als {name}',
		signOut: 'Uitloggen',
		invalidField: 'Vul het veld ‘{field}’ correct in.',
		retryAfter: {
			one: 'Te veel pogingen. Probeer het over {seconds} seconde opnieuw.',
			other: 'Te veel pogingen. Probeer het over {seconds} seconden opnieuw.',
		},
		errors: {
			ERR_CONFIG: 'Inloggen is op dit moment niet mogelijk. Probeer het later opnieuw.',
			ERR_INVALID_CREDENTIALS: 'Onjuist e-mailadres of wachtwoord.',
			ERR_RATE_LIMITED: 'Te veel pogingen. Probeer het later opnieuw.',
			ERR_TOKEN_ENDPOINT: 'Inloggen is op dit moment niet mogelijk. Probeer het later opnieuw.',
			ERR_NETWORK: 'We kunnen de server niet bereiken. Controleer je internetverbinding en probeer het opnieuw.',
			ERR_TIMEOUT: 'We kunnen de server niet bereiken. Controleer je internetverbinding en probeer het opnieuw.',
			ERR_INVALID_TOKEN: 'Inloggen is op dit moment niet mogelijk. Probeer het later opnieuw.',
			ERR_SESSION_EXPIRED: 'Je sessie is verlopen. Log opnieuw in.',
			ERR_WIDGET_UNAVAILABLE: 'De chat is op dit moment niet beschikbaar.',
			ERR_WIDGET_LOGIN_FAILED: 'De chat is op dit moment niet beschikbaar.',
		},
	},
};

export default nl;
