import type {LoginFormLocale} from '../form/labels.js';

/** Norwegian Bokmål. */
const nb: LoginFormLocale = {
	tag: 'nb',
	labels: {
		title: 'Logg inn',
		email: 'E-postadresse',
		password: 'Passord',
		submit: 'Logg inn',
		signedInAs: 'Logget inn som {name}',
		signOut: 'Logg ut',
		invalidField: 'Feltet «{field}» mangler eller er ugyldig.',
		retryAfter: {
			one: 'For mange forsøk. Prøv igjen om {seconds} sekund.',
			other: 'For mange forsøk. Prøv igjen om {seconds} sekunder.',
		},
		errors: {
			ERR_CONFIG: 'Innlogging er ikke tilgjengelig akkurat nå. Prøv igjen senere.',
			ERR_INVALID_CREDENTIALS: 'Feil e-postadresse eller passord.',
			ERR_RATE_LIMITED: 'For mange forsøk. Prøv igjen senere.',
			ERR_TOKEN_ENDPOINT: 'Innlogging er ikke tilgjengelig akkurat nå. Prøv igjen senere.',
			ERR_NETWORK: 'Vi fikk ikke kontakt med serveren. Sjekk internettilkoblingen din og prøv igjen.',
			ERR_TIMEOUT: 'Vi fikk ikke kontakt med serveren. Sjekk internettilkoblingen din og prøv igjen.',
			ERR_INVALID_TOKEN: 'Innlogging er ikke tilgjengelig akkurat nå. Prøv igjen senere.',
			ERR_SESSION_EXPIRED: 'Økten din er utløpt. Logg inn på nytt.',
			ERR_WIDGET_UNAVAILABLE: 'Chatten er ikke tilgjengelig akkurat nå.',
			ERR_WIDGET_LOGIN_FAILED: 'Chatten er ikke tilgjengelig akkurat nå.',
		},
	},
};

export default nb;
