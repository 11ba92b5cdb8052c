import type {LoginFormLocale} from '../form/labels.js';

/** Indonesian. */
const id: LoginFormLocale = {
	tag: 'id',
	labels: {
		title: 'Masuk',
		email: 'Alamat email',
		password: 'Kata sandi',
		submit: 'Masuk',
		signedInAs: 'Masuk sebagai {name}',
		signOut: 'Keluar',
		invalidField: '{field} belum diisi atau tidak valid.',
		retryAfter: {
			other: 'Terlalu banyak percobaan. Silakan coba lagi dalam {seconds} detik.',
		},
		errors: {
			ERR_CONFIG: 'Saat ini Anda tidak dapat masuk. Silakan coba lagi nanti.',
			ERR_INVALID_CREDENTIALS: 'Email atau kata sandi salah.',
			ERR_RATE_LIMITED: 'Terlalu banyak percobaan. Silakan coba lagi nanti.',
			ERR_TOKEN_ENDPOINT: 'Saat ini Anda tidak dapat masuk. Silakan coba lagi nanti.',
			ERR_NETWORK: 'Tidak dapat terhubung ke server. Periksa koneksi Anda, lalu coba lagi.',
			ERR_TIMEOUT: 'Tidak dapat terhubung ke server. Periksa koneksi Anda, lalu coba lagi.',
			ERR_INVALID_TOKEN: 'Saat ini Anda tidak dapat masuk. Silakan coba lagi nanti.',
			ERR_SESSION_EXPIRED: 'Sesi Anda telah berakhir. Silakan masuk lagi.',
			ERR_WIDGET_UNAVAILABLE: 'Chat tidak tersedia saat ini.',
			ERR_WIDGET_LOGIN_FAILED: 'Chat tidak tersedia saat ini.',
		},
	},
};

export default id;
