import type {LoginFormLocale} from '../form/labels.js';

/** Japanese. */
const ja: LoginFormLocale = {
	tag: 'ja',
	labels: {
		title: 'ログイン',
		email: 'メールアドレス',
		password: 'パスワード',
		submit: 'ログイン',
		signedInAs: '{name} としてログイン中',
		signOut: 'ログアウト',
		invalidField: '「{field}」が未入力か、正しくありません。',
		retryAfter: {
			other: '試行回数が多すぎます。{seconds} 秒後にもう一度お試しください。',
		},
		errors: {
			ERR_CONFIG: '現在ログインできません。しばらくしてからもう一度お試しください。',
			ERR_INVALID_CREDENTIALS: 'メールアドレスまたはパスワードが正しくありません。',
			ERR_RATE_LIMITED: '試行回数が多すぎます。しばらくしてからもう一度お試しください。',
			ERR_TOKEN_ENDPOINT: '現在ログインできません。しばらくしてからもう一度お試しください。',
			ERR_NETWORK: 'サーバーに接続できませんでした。インターネット接続を確認して、もう一度お試しください。',
			ERR_TIMEOUT: 'サーバーに接続できませんでした。インターネット接続を確認して、もう一度お試しください。',
			ERR_INVALID_TOKEN: '現在ログインできません。しばらくしてからもう一度お試しください。',
			ERR_SESSION_EXPIRED: 'セッションの有効期限が切れました。もう一度ログインしてください。',
			ERR_WIDGET_UNAVAILABLE: '現在チャットはご利用いただけません。',
			ERR_WIDGET_LOGIN_FAILED: '現在チャットはご利用いただけません。',
		},
	},
};

export default ja;
