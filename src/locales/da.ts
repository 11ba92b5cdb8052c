import type {LoginFormLocale} from '../form/labels.js';

/** Danish. */
const da: LoginFormLocale = {
	tag: 'da',
	labels: {
		title: 'Log ind',
		email: 'E-mailadresse',
		password: 'Adgangskode',
		submit: 'Log ind',
		signedInAs: 'Logget ind som {name}',
		signOut: 'Log ud',
		invalidField: 'Feltet »{field}« mangler eller er ugyldigt.',
		retryAfter: {
			one: 'For mange forsøg. Prøv igen om {seconds} sekund.',
			other: 'For mange forsøg. Prøv igen om {seconds} sekunder.',
		},
		errors: {
			ERR_CONFIG: 'Det er ikke muligt at logge ind lige nu. Prøv igen senere.',
			ERR_INVALID_CREDENTIALS: 'Forkert e-mailadresse eller adgangskode.',
			ERR_RATE_LIMITED: 'For mange forsøg. Prøv igen senere.',
			ERR_TOKEN_ENDPOINT: 'Det er ikke muligt at logge ind lige nu. Prøv igen senere.',
			ERR_NETWORK: 'Vi kunne ikke få forbindelse til serveren. Tjek din internetforbindelse, og prøv igen.',
			ERR_TIMEOUT: 'Vi kunne ikke få forbindelse til serveren. Tjek din internetforbindelse, og prøv igen.',
			ERR_INVALID_TOKEN: 'Det er ikke muligt at logge ind lige nu. Prøv igen senere.',
			ERR_SESSION_EXPIRED: 'Din session er udløbet. Log ind igen.',
			ERR_WIDGET_UNAVAILABLE: 'Chatten er ikke tilgængelig lige nu.',
			ERR_WIDGET_LOGIN_FAILED: 'Chatten er ikke tilgængelig lige nu.',
		},
	},
};

export default da;
