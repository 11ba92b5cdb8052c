import type {LoginFormLocale} from '../form/labels.js';

/** Polish. */
const pl: LoginFormLocale = {
	tag: 'pl',
	labels: {
		title: 'Zaloguj się',
		email: 'Adres e-mail',
		password: 'Hasło',
		submit: 'Zaloguj się',
		signedInAs: 'Zalogowano jako {name}',
		signOut: 'Wyloguj się',
		invalidField: 'Pole „{field}” jest puste lub nieprawidłowe.',
		retryAfter: {
			one: 'Zbyt wiele prób. Spróbuj ponownie za {seconds} sekundę.',
			few: 'Zbyt wiele prób. Spróbuj ponownie za {seconds} sekundy.',
			many: 'Zbyt wiele prób. Spróbuj ponownie za {seconds} sekund.',
			other: 'Zbyt wiele prób. Spróbuj ponownie za {seconds} sekundy.',
		},
		errors: {
			ERR_CONFIG: 'Logowanie jest teraz niedostępne. Spróbuj ponownie później.',
			ERR_INVALID_CREDENTIALS: 'Nieprawidłowy adres e-mail lub hasło.',
			ERR_RATE_LIMITED: 'Zbyt wiele prób. Spróbuj ponownie później.',
			ERR_TOKEN_ENDPOINT: 'Logowanie jest teraz niedostępne. Spróbuj ponownie później.',
			ERR_NETWORK: 'Nie udało się połączyć z serwerem. Sprawdź połączenie z internetem i spróbuj ponownie.',
			ERR_TIMEOUT: 'Nie udało się połączyć z serwerem. Sprawdź połączenie z internetem i spróbuj ponownie.',
			ERR_INVALID_TOKEN: 'Logowanie jest teraz niedostępne. Spróbuj ponownie później.',
			ERR_SESSION_EXPIRED: 'Sesja wygasła. Zaloguj się ponownie.',
			ERR_WIDGET_UNAVAILABLE: 'Czat jest teraz niedostępny.',
			ERR_WIDGET_LOGIN_FAILED: 'Czat jest teraz niedostępny.',
		},
	},
};

export default pl;
