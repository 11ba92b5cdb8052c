import type {LoginFormLocale} from '../form/labels.js';

/** Italian. */
const it: LoginFormLocale = {
	tag: 'it',
	labels: {
		title: 'Accedi',
		email: 'Indirizzo email',
		password: 'Password',
		submit: 'Accedi',
		signedInAs: 'Accesso effettuato come {name}',
		signOut: 'Esci',
		invalidField: 'Il campo «{field}» è vuoto o non valido.',
		retryAfter: {
			one: 'Troppi tentativi. Riprova tra {seconds} secondo.',
			many: 'Troppi tentativi. Riprova tra {seconds} di secondi.',
			other: 'Troppi tentativi. Riprova tra {seconds} secondi.',
		},
		errors: {
			ERR_CONFIG: 'L\'accesso non è disponibile al momento. Riprova più tardi.',
			ERR_INVALID_CREDENTIALS: 'Email o password non corretti.',
			ERR_RATE_LIMITED: 'Troppi tentativi. Riprova più tardi.',
			ERR_TOKEN_ENDPOINT: 'L\'accesso non è disponibile al momento. Riprova più tardi.',
			ERR_NETWORK: 'Impossibile contattare il server. Controlla la connessione e riprova.',
			ERR_TIMEOUT: 'Impossibile contattare il server. Controlla la connessione e riprova.',
			ERR_INVALID_TOKEN: 'L\'accesso non è disponibile al momento. Riprova più tardi.',
			ERR_SESSION_EXPIRED: 'La sessione è scaduta. Accedi di nuovo.',
			ERR_WIDGET_UNAVAILABLE: 'La chat non è disponibile al momento.',
			ERR_WIDGET_LOGIN_FAILED: 'La chat non è disponibile al momento.',
		},
	},
};

export default it;
