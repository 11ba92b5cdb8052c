import type {LoginFormLocale} from '../form/labels.js';

/** Turkish. */
const tr: LoginFormLocale = {
	tag: 'tr',
	labels: {
		title: 'Oturum aç',
		email: 'E-posta adresi',
		password: 'Şifre',
		submit: 'Oturum aç',
		signedInAs: '{name} olarak oturum açıldı',
		signOut: 'Oturumu kapat',
		invalidField: '"{field}" alanı boş veya geçersiz.',
		retryAfter: {
			one: 'Çok fazla deneme yapıldı. Lütfen {seconds} saniye sonra tekrar deneyin.',
			other: 'Çok fazla deneme yapıldı. Lütfen {seconds} saniye sonra tekrar deneyin.',
		},
		errors: {
			ERR_CONFIG: 'Şu anda oturum açılamıyor. Lütfen daha sonra tekrar deneyin.',
			ERR_INVALID_CREDENTIALS: 'E-posta adresi veya şifre hatalı.',
			ERR_RATE_LIMITED: 'Çok fazla deneme yapıldı. Lütfen daha sonra tekrar deneyin.',
			ERR_TOKEN_ENDPOINT: 'Şu anda oturum açılamıyor. Lütfen daha sonra tekrar deneyin.',
			ERR_NETWORK: 'Sunucuya ulaşılamadı. Lütfen bağlantınızı kontrol edip tekrar deneyin.',
			ERR_TIMEOUT: 'Sunucuya ulaşılamadı. Lütfen bağlantınızı kontrol edip tekrar deneyin.',
			ERR_INVALID_TOKEN: 'Şu anda oturum açılamıyor. Lütfen daha sonra tekrar deneyin.',
			ERR_SESSION_EXPIRED: 'Oturumunuzun süresi doldu. Lütfen tekrar oturum açın.',
			ERR_WIDGET_UNAVAILABLE: 'Sohbet şu anda kullanılamıyor.',
			ERR_WIDGET_LOGIN_FAILED: 'Sohbet şu anda kullanılamıyor.',
		},
	},
};

export default tr;
