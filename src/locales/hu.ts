import type {LoginFormLocale} from '../form/labels.js';

/** Hungarian. */
const hu: LoginFormLocale = {
	tag: 'hu',
	labels: {
		title: 'Bejelentkezés',
		email: 'E-mail-cím',
		password: 'Jelszó',
		submit: 'Bejelentkezés',
		signedInAs: 'Bejelentkezve: {name}',
		signOut: 'Kijelentkezés',
		invalidField: 'Töltse ki helyesen ezt a mezőt: {field}.',
		retryAfter: {
			one: 'Túl sok próbálkozás. Próbálja újra {seconds} másodperc múlva.',
			other: 'Túl sok próbálkozás. Próbálja újra {seconds} másodperc múlva.',
		},
		errors: {
			ERR_CONFIG: 'A bejelentkezés jelenleg nem érhető el. Próbálja újra később.',
			ERR_INVALID_CREDENTIALS: 'Hibás e-mail-cím vagy jelszó.',
			ERR_RATE_LIMITED: 'Túl sok próbálkozás. Próbálja újra később.',
			ERR_TOKEN_ENDPOINT: 'A bejelentkezés jelenleg nem érhető el. Próbálja újra később.',
			ERR_NETWORK: 'Nem sikerült elérni a szervert. Ellenőrizze az internetkapcsolatot, és próbálja újra.',
			ERR_TIMEOUT: 'Nem sikerült elérni a szervert. Ellenőrizze az internetkapcsolatot, és próbálja újra.',
			ERR_INVALID_TOKEN: 'A bejelentkezés jelenleg nem érhető el. Próbálja újra később.',
			ERR_SESSION_EXPIRED: 'A munkamenet lejárt. Jelentkezzen be újra.',
			ERR_WIDGET_UNAVAILABLE: 'A csevegés jelenleg nem érhető el.',
			ERR_WIDGET_LOGIN_FAILED: 'A csevegés jelenleg nem érhető el.',
		},
	},
};

export default hu;
