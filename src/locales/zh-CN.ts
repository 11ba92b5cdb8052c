import type {LoginFormLocale} from '../form/labels.js';

/** Chinese (Simplified). */
const zhCN: LoginFormLocale = {
	tag: 'zh-CN',
	labels: {
		title: '登录',
		email: '电子邮箱',
		password: '密码',
		submit: '登录',
		signedInAs: '已登录：{name}',
		signOut: '退出登录',
		invalidField: '“{field}”未填写或格式不正确。',
		retryAfter: {
			other: '尝试次数过多，请在 {seconds} 秒后重试。',
		},
		errors: {
			ERR_CONFIG: '暂时无法登录，请稍后重试。',
			ERR_INVALID_CREDENTIALS: '邮箱或密码不正确。',
			ERR_RATE_LIMITED: '尝试次数过多，请稍后重试。',
			ERR_TOKEN_ENDPOINT: '暂时无法登录，请稍后重试。',
			ERR_NETWORK: '无法连接到服务器。请检查网络连接后重试。',
			ERR_TIMEOUT: '无法连接到服务器。请检查网络连接后重试。',
			ERR_INVALID_TOKEN: '暂时无法登录，请稍后重试。',
			ERR_SESSION_EXPIRED: '登录已过期，请重新登录。',
			ERR_WIDGET_UNAVAILABLE: '聊天功能暂时无法使用。',
			ERR_WIDGET_LOGIN_FAILED: '聊天功能暂时无法使用。',
		},
	},
};

export default zhCN;
