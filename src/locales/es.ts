import type {LoginFormLocale} from '../form/labels.js';

/** Spanish. */
const es: LoginFormLocale = {
	tag: 'es',
	labels: {
		title: 'Iniciar sesión',
		email: 'Correo electrónico',
		password: 'Contraseña',
		submit: 'Iniciar sesión',
		signedInAs: 'Sesión iniciada como {name}',
		signOut: 'Cerrar sesión',
		invalidField: 'El campo «{field}» está vacío o no es válido.',
		retryAfter: {
			one: 'Demasiados intentos. Vuelve a intentarlo dentro de {seconds} segundo.',
			many: 'Demasiados intentos. Vuelve a intentarlo dentro de {seconds} de segundos.',
			other: 'Demasiados intentos. Vuelve a intentarlo dentro de {seconds} segundos.',
		},
		errors: {
			ERR_CONFIG: 'El inicio de sesión no está disponible en este momento. Inténtalo de nuevo más tarde.',
			ERR_INVALID_CREDENTIALS: 'Correo electrónico o contraseña incorrectos.',
			ERR_RATE_LIMITED: 'Demasiados intentos. Inténtalo de nuevo más tarde.',
			ERR_TOKEN_ENDPOINT: 'El inicio de sesión no está disponible en este momento. Inténtalo de nuevo más tarde.',
			ERR_NETWORK: 'No hemos podido conectar con el servidor. Comprueba tu conexión e inténtalo de nuevo.',
			ERR_TIMEOUT: 'No hemos podido conectar con el servidor. Comprueba tu conexión e inténtalo de nuevo.',
			ERR_INVALID_TOKEN: 'El inicio de sesión no está disponible en este momento. Inténtalo de nuevo más tarde.',
			ERR_SESSION_EXPIRED: 'Tu sesión ha caducado. Vuelve a iniciar sesión.',
			ERR_WIDGET_UNAVAILABLE: 'El chat no está disponible en este momento.',
			ERR_WIDGET_LOGIN_FAILED: 'El chat no está disponible en este momento.',
		},
	},
};

export default es;
