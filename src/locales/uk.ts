import type {LoginFormLocale} from '../form/labels.js';

/** Ukrainian. */
const uk: LoginFormLocale = {
	tag: 'uk',
	labels: {
		title: 'Вхід',
		email: 'Електронна пошта',
		password: 'Пароль',
		submit: 'Увійти',
		signedInAs: 'Ви ввійшли як {name}',
		signOut: 'Вийти',
		invalidField: 'Поле «{field}» не заповнене або заповнене неправильно.',
		retryAfter: {
			one: 'Забагато спроб. Спробуйте ще раз через {seconds} секунду.',
			few: 'Забагато спроб. Спробуйте ще раз через {seconds} секунди.',
			many: 'Забагато спроб. Спробуйте ще раз через {seconds} секунд.',
			other: 'Забагато спроб. Спробуйте ще раз через {seconds} секунди.',
		},
		errors: {
			ERR_CONFIG: 'Вхід зараз недоступний. Спробуйте пізніше.',
			ERR_INVALID_CREDENTIALS: 'Неправильна адреса електронної пошти або пароль.',
			ERR_RATE_LIMITED: 'Забагато спроб. Спробуйте пізніше.',
			ERR_TOKEN_ENDPOINT: 'Вхід зараз недоступний. Спробуйте пізніше.',
			ERR_NETWORK: 'Не вдалося зв’язатися із сервером. Перевірте з’єднання з інтернетом і спробуйте ще раз.',
			ERR_TIMEOUT: 'Не вдалося зв’язатися із сервером. Перевірте з’єднання з інтернетом і спробуйте ще раз.',
			ERR_INVALID_TOKEN: 'Вхід зараз недоступний. Спробуйте пізніше.',
			ERR_SESSION_EXPIRED: 'Сеанс завершився. Увійдіть знову.',
			ERR_WIDGET_UNAVAILABLE: 'Чат зараз недоступний.',
			ERR_WIDGET_LOGIN_FAILED: 'Чат зараз недоступний.',
		},
	},
};

export default uk;
