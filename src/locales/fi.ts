import type {LoginFormLocale} from '../form/labels.js';

/** Finnish. */
const fi: LoginFormLocale = {
	tag: 'fi',
	labels: {
		title: 'Kirjaudu sisään',
		email: 'Sähköpostiosoite',
		password: 'Salasana',
		submit: 'Kirjaudu sisään',
		signedInAs: 'Kirjautuneena: {name}',
		signOut: 'Kirjaudu ulos',
		invalidField: 'Kenttä ”{field}” puuttuu tai on virheellinen.',
		retryAfter: {
			one: 'Liian monta yritystä. Yritä uudelleen {seconds} sekunnin kuluttua.',
			other: 'Liian monta yritystä. Yritä uudelleen {seconds} sekunnin kuluttua.',
		},
		errors: {
			ERR_CONFIG: 'Kirjautuminen ei ole juuri nyt käytettävissä. Yritä myöhemmin uudelleen.',
			ERR_INVALID_CREDENTIALS: 'Väärä sähköpostiosoite tai salasana.',
			ERR_RATE_LIMITED: 'Liian monta yritystä. Yritä myöhemmin uudelleen.',
			ERR_TOKEN_ENDPOINT: 'Kirjautuminen ei ole juuri nyt käytettävissä. Yritä myöhemmin uudelleen.',
			ERR_NETWORK: 'Palvelimeen ei saatu yhteyttä. Tarkista verkkoyhteytesi ja yritä uudelleen.',
			ERR_TIMEOUT: 'Palvelimeen ei saatu yhteyttä. Tarkista verkkoyhteytesi ja yritä uudelleen.',
			ERR_INVALID_TOKEN: 'Kirjautuminen ei ole juuri nyt käytettävissä. Yritä myöhemmin uudelleen.',
			ERR_SESSION_EXPIRED: 'Istuntosi on vanhentunut. Kirjaudu sisään uudelleen.',
			ERR_WIDGET_UNAVAILABLE: 'Chat ei ole juuri nyt käytettävissä.',
			ERR_WIDGET_LOGIN_FAILED: 'Chat ei ole juuri nyt käytettävissä.',
		},
	},
};

export default fi;
