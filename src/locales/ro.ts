import type {LoginFormLocale} from '../form/labels.js';

/** Romanian. */
const ro: LoginFormLocale = {
	tag: 'ro',
	labels: {
		title: 'Autentificare',
		email: 'Adresă de e-mail',
		password: 'Parolă',
		submit: 'Conectează-te',
		signedInAs: 'Conectat ca {name}',
		signOut: 'Deconectează-te',
		invalidField: 'Câmpul „{field}” lipsește sau nu este valid.',
		retryAfter: {
			one: 'Prea multe încercări. Încearcă din nou peste {seconds} secundă.',
			few: 'Prea multe încercări. Încearcă din nou peste {seconds} secunde.',
			other: 'Prea multe încercări. Încearcă din nou peste {seconds} de secunde.',
		},
		errors: {
			ERR_CONFIG: 'Autentificarea nu este disponibilă momentan. Încearcă din nou mai târziu.',
			ERR_INVALID_CREDENTIALS: 'Adresa de e-mail sau parola este incorectă.',
			ERR_RATE_LIMITED: 'Prea multe încercări. Încearcă din nou mai târziu.',
			ERR_TOKEN_ENDPOINT: 'Autentificarea nu este disponibilă momentan. Încearcă din nou mai târziu.',
			ERR_NETWORK: 'Nu ne-am putut conecta la server. Verifică-ți conexiunea și încearcă din nou.',
			ERR_TIMEOUT: 'Nu ne-am putut conecta la server. Verifică-ți conexiunea și încearcă din nou.',
			ERR_INVALID_TOKEN: 'Autentificarea nu este disponibilă momentan. Încearcă din nou mai târziu.',
			ERR_SESSION_EXPIRED: 'Sesiunea ta a expirat. Autentifică-te din nou.',
			ERR_WIDGET_UNAVAILABLE: 'Chatul nu este disponibil momentan.',
			ERR_WIDGET_LOGIN_FAILED: 'Chatul nu este disponibil momentan.',
		},
	},
};

export default ro;
