import type {LoginFormLocale} from '../form/labels.js';

/** Czech. */
const cs: LoginFormLocale = {
	tag: 'cs',
	labels: {
		title: 'Přihlášení',
		email: 'E-mail',
		password: 'Heslo',
		submit: 'Přihlásit se',
		signedInAs: 'Přihlášený uživatel: {name}',
		signOut: 'Odhlásit se',
		invalidField: 'Pole „{field}“ chybí nebo je neplatné.',
		retryAfter: {
			one: 'Příliš mnoho pokusů. Zkuste to znovu za {seconds} sekundu.',
			few: 'Příliš mnoho pokusů. Zkuste to znovu za {seconds} sekundy.',
			many: 'Příliš mnoho pokusů. Zkuste to znovu za {seconds} sekundy.',
			other: 'Příliš mnoho pokusů. Zkuste to znovu za {seconds} sekund.',
		},
		errors: {
			ERR_CONFIG: 'Přihlášení teď není k dispozici. Zkuste to prosím později.',
			ERR_INVALID_CREDENTIALS: 'Nesprávný e-mail nebo heslo.',
			ERR_RATE_LIMITED: 'Příliš mnoho pokusů. Zkuste to prosím později.',
			ERR_TOKEN_ENDPOINT: 'Přihlášení teď není k dispozici. Zkuste to prosím později.',
			ERR_NETWORK: 'Nepodařilo se spojit se serverem. Zkontrolujte připojení a zkuste to znovu.',
			ERR_TIMEOUT: 'Nepodařilo se spojit se serverem. Zkontrolujte připojení a zkuste to znovu.',
			ERR_INVALID_TOKEN: 'Přihlášení teď není k dispozici. Zkuste to prosím později.',
			ERR_SESSION_EXPIRED: 'Vaše přihlášení vypršelo. Přihlaste se prosím znovu.',
			ERR_WIDGET_UNAVAILABLE: 'Chat teď není k dispozici.',
			ERR_WIDGET_LOGIN_FAILED: 'Chat teď není k dispozici.',
		},
	},
};

export default cs;
