import type {LoginFormLocale} from '../form/labels.js';

/** Portuguese (Brazil). */
const ptBR: LoginFormLocale = {
	tag: 'pt-BR',
	labels: {
		title: 'Entrar',
		email: 'E-mail',
		password: 'Senha',
		submit: 'Entrar',
		signedInAs: 'Conectado como {name}',
		signOut: 'Sair',
		invalidField: 'O campo "{field}" está vazio ou é inválido.',
		retryAfter: {
			one: 'Muitas tentativas. Tente de novo em {seconds} segundo.',
			many: 'Muitas tentativas. Tente de novo em {seconds} de segundos.',
			other: 'Muitas tentativas. Tente de novo em {seconds} segundos.',
		},
		errors: {
			ERR_CONFIG: 'Não é possível entrar no momento. Tente de novo mais tarde.',
			ERR_INVALID_CREDENTIALS: 'E-mail ou senha incorretos.',
			ERR_RATE_LIMITED: 'Muitas tentativas. Tente de novo mais tarde.',
			ERR_TOKEN_ENDPOINT: 'Não é possível entrar no momento. Tente de novo mais tarde.',
			ERR_NETWORK: 'Não foi possível se conectar ao servidor. Verifique sua conexão e tente de novo.',
			ERR_TIMEOUT: 'Não foi possível se conectar ao servidor. Verifique sua conexão e tente de novo.',
			ERR_INVALID_TOKEN: 'Não é possível entrar no momento. Tente de novo mais tarde.',
			ERR_SESSION_EXPIRED: 'Sua sessão expirou. Entre novamente.',
			ERR_WIDGET_UNAVAILABLE: 'O chat não está disponível no momento.',
			ERR_WIDGET_LOGIN_FAILED: 'O chat não está disponível no momento.',
		},
	},
};

export default ptBR;
