import type {LoginFormLocale} from '../form/labels.js';

/** Vietnamese. */
const vi: LoginFormLocale = {
	tag: 'vi',
	labels: {
		title: 'Đăng nhập',
		email: 'Địa chỉ email',
		password: 'Mật khẩu',
		submit: 'Đăng nhập',
		signedInAs: 'Đã đăng nhập với tên {name}',
		signOut: 'Đăng xuất',
		invalidField: 'Trường “{field}” đang trống hoặc không hợp lệ.',
		retryAfter: {
			other: 'Bạn đã thử quá nhiều lần. Vui lòng thử lại sau {seconds} giây.',
		},
		errors: {
			ERR_CONFIG: 'Hiện không thể đăng nhập. Vui lòng thử lại sau.',
			ERR_INVALID_CREDENTIALS: 'Email hoặc mật khẩu không đúng.',
			ERR_RATE_LIMITED: 'Bạn đã thử quá nhiều lần. Vui lòng thử lại sau.',
			ERR_TOKEN_ENDPOINT: 'Hiện không thể đăng nhập. Vui lòng thử lại sau.',
			ERR_NETWORK: 'Không thể kết nối tới máy chủ. Vui lòng kiểm tra kết nối mạng và thử lại.',
			ERR_TIMEOUT: 'Không thể kết nối tới máy chủ. Vui lòng kiểm tra kết nối mạng và thử lại.',
			ERR_INVALID_TOKEN: 'Hiện không thể đăng nhập. Vui lòng thử lại sau.',
			ERR_SESSION_EXPIRED: 'Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.',
			ERR_WIDGET_UNAVAILABLE: 'Tính năng trò chuyện hiện không khả dụng.',
			ERR_WIDGET_LOGIN_FAILED: 'Tính năng trò chuyện hiện không khả dụng.',
		},
	},
};

export default vi;
