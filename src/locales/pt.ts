import type {LoginFormLocale} from '../form/labels.js';

/** Portuguese (Portugal). */
const pt: LoginFormLocale = {
	tag: 'pt',
	labels: {
		title: 'Iniciar sessão',
		email: 'Endereço de e-mail',
		password: 'Palavra-passe',
		submit: 'Iniciar sessão',
		signedInAs: 'Sessão iniciada como {name}',
		signOut: 'Terminar sessão',
		invalidField: 'O campo «{field}» está vazio ou é inválido.',
		retryAfter: {
			one: 'Demasiadas tentativas. Tente novamente daqui a {seconds} segundo.',
			many: 'Demasiadas tentativas. Tente novamente daqui a {seconds} de segundos.',
			other: 'Demasiadas tentativas. Tente novamente daqui a {seconds} segundos.',
		},
		errors: {
			ERR_CONFIG: 'De momento, não é possível iniciar sessão. Tente novamente mais tarde.',
			ERR_INVALID_CREDENTIALS: 'E-mail ou palavra-passe incorretos.',
			ERR_RATE_LIMITED: 'Demasiadas tentativas. Tente novamente mais tarde.',
			ERR_TOKEN_ENDPOINT: 'De momento, não é possível iniciar sessão. Tente novamente mais tarde.',
			ERR_NETWORK: 'Não foi possível contactar o servidor. Verifique a sua ligação e tente novamente.',
			ERR_TIMEOUT: 'Não foi possível contactar o servidor. Verifique a sua ligação e tente novamente.',
			ERR_INVALID_TOKEN: 'De momento, não é possível iniciar sessão. Tente novamente mais tarde.',
			ERR_SESSION_EXPIRED: 'A sua sessão expirou. Inicie sessão novamente.',
			ERR_WIDGET_UNAVAILABLE: 'O chat não está disponível de momento.',
			ERR_WIDGET_LOGIN_FAILED: 'O chat não está disponível de momento.',
		},
	},
};

export default pt;
