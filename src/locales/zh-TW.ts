import type {LoginFormLocale} from '../form/labels.js';

/** Chinese (Traditional). */
const zhTW: LoginFormLocale = {
	tag: 'zh-TW',
	labels: {
		title: '登入',
		email: '電子郵件',
		password: '密碼',
		submit: '登入',
		signedInAs: '已登入：{name}',
		signOut: '登出',
		invalidField: '「{field}」未填寫或格式不正確。',
		retryAfter: {
			other: '嘗試次數過多，請於 {seconds} 秒後再試一次。',
		},
		errors: {
			ERR_CONFIG: '目前無法登入，請稍後再試。',
			ERR_INVALID_CREDENTIALS: '電子郵件或密碼不正確。',
			ERR_RATE_LIMITED: '嘗試次數過多，請稍後再試。',
			ERR_TOKEN_ENDPOINT: '目前無法登入，請稍後再試。',
			ERR_NETWORK: '無法連線至伺服器。請檢查網路連線後再試一次。',
			ERR_TIMEOUT: '無法連線至伺服器。請檢查網路連線後再試一次。',
			ERR_INVALID_TOKEN: '目前無法登入，請稍後再試。',
			ERR_SESSION_EXPIRED: '登入階段已逾期，請重新登入。',
			ERR_WIDGET_UNAVAILABLE: '目前無法使用聊天功能。',
			ERR_WIDGET_LOGIN_FAILED: '目前無法使用聊天功能。',
		},
	},
};

export default zhTW;
