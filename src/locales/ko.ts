import type {LoginFormLocale} from '../form/labels.js';

/** Korean. */
const ko: LoginFormLocale = {
	tag: 'ko',
	labels: {
		title: '로그인',
		email: '이메일 주소',
		password: '비밀번호',
		submit: '로그인',
		signedInAs: '{name} 님으로 로그인됨',
		signOut: '로그아웃',
		invalidField: '{field} 항목이 비어 있거나 올바르지 않습니다.',
		retryAfter: {
			other: '시도 횟수가 너무 많습니다. {seconds}초 후에 다시 시도해 주세요.',
		},
		errors: {
			ERR_CONFIG: '지금은 로그인할 수 없습니다. 잠시 후 다시 시도해 주세요.',
			ERR_INVALID_CREDENTIALS: '이메일 또는 비밀번호가 올바르지 않습니다.',
			ERR_RATE_LIMITED: '시도 횟수가 너무 많습니다. 잠시 후 다시 시도해 주세요.',
			ERR_TOKEN_ENDPOINT: '지금은 로그인할 수 없습니다. 잠시 후 다시 시도해 주세요.',
			ERR_NETWORK: '서버에 연결할 수 없습니다. 인터넷 연결을 확인한 후 다시 시도해 주세요.',
			ERR_TIMEOUT: '서버에 연결할 수 없습니다. 인터넷 연결을 확인한 후 다시 시도해 주세요.',
			ERR_INVALID_TOKEN: '지금은 로그인할 수 없습니다. 잠시 후 다시 시도해 주세요.',
			ERR_SESSION_EXPIRED: '세션이 만료되었습니다. 다시 로그인해 주세요.',
			ERR_WIDGET_UNAVAILABLE: '지금은 채팅을 이용할 수 없습니다.',
			ERR_WIDGET_LOGIN_FAILED: '지금은 채팅을 이용할 수 없습니다.',
		},
	},
};

export default ko;
