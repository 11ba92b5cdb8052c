import type {LoginFormLocale} from '../form/labels.js';

/** Russian. */
const ru: LoginFormLocale = {
	tag: 'ru',
	labels: {
		title: 'Вход',
		email: 'Электронная почта',
		password: 'Пароль',
		submit: 'Войти',
		signedInAs: 'Вы вошли как {name}',
		signOut: 'Выйти',
		invalidField: 'Поле «{field}» не заполнено или заполнено неверно.',
		retryAfter: {
			one: 'Слишком много попыток. Повторите попытку через {seconds} секунду.',
			few: 'Слишком много попыток. Повторите попытку через {seconds} секунды.',
			many: 'Слишком много попыток. Повторите попытку через {seconds} секунд.',
			other: 'Слишком много попыток. Повторите попытку через {seconds} секунды.',
		},
		errors: {
			ERR_CONFIG: 'Вход сейчас недоступен. Повторите попытку позже.',
			ERR_INVALID_CREDENTIALS: 'Неверный адрес электронной почты или пароль.',
			ERR_RATE_LIMITED: 'Слишком много попыток. Повторите попытку позже.',
			ERR_TOKEN_ENDPOINT: 'Вход сейчас недоступен. Повторите попытку позже.',
			ERR_NETWORK: 'Не удалось связаться с сервером. Проверьте подключение к интернету и повторите попытку.',
			ERR_TIMEOUT: 'Не удалось связаться с сервером. Проверьте подключение к интернету и повторите попытку.',
			ERR_INVALID_TOKEN: 'Вход сейчас недоступен. Повторите попытку позже.',
			ERR_SESSION_EXPIRED: 'Сеанс истёк. Войдите снова.',
			ERR_WIDGET_UNAVAILABLE: 'Чат сейчас недоступен.',
			ERR_WIDGET_LOGIN_FAILED: 'Чат сейчас недоступен.',
		},
	},
};

export default ru;
