import type {LoginFormLocale} from '../form/labels.js';

/** Thai. */
const th: LoginFormLocale = {
	tag: 'th',
	labels: {
		title: 'เข้าสู่ระบบ',
		email: 'อีเมล',
		password: 'รหัสผ่าน',
		submit: 'เข้าสู่ระบบ',
		signedInAs: 'เข้าสู่ระบบในชื่อ {name}',
		signOut: 'ออกจากระบบ',
		invalidField: 'ช่อง “{field}” ว่างอยู่หรือไม่ถูกต้อง',
		retryAfter: {
			other: 'ลองหลายครั้งเกินไป โปรดลองอีกครั้งใน {seconds} วินาที',
		},
		errors: {
			ERR_CONFIG: 'ไม่สามารถเข้าสู่ระบบได้ในขณะนี้ โปรดลองอีกครั้งภายหลัง',
			ERR_INVALID_CREDENTIALS: 'อีเมลหรือรหัสผ่านไม่ถูกต้อง',
			ERR_RATE_LIMITED: 'ลองหลายครั้งเกินไป โปรดลองอีกครั้งภายหลัง',
			ERR_TOKEN_ENDPOINT: 'ไม่สามารถเข้าสู่ระบบได้ในขณะนี้ โปรดลองอีกครั้งภายหลัง',
			ERR_NETWORK: 'ไม่สามารถเชื่อมต่อกับเซิร์ฟเวอร์ได้ โปรดตรวจสอบการเชื่อมต่อแล้วลองอีกครั้ง',
			ERR_TIMEOUT: 'ไม่สามารถเชื่อมต่อกับเซิร์ฟเวอร์ได้ โปรดตรวจสอบการเชื่อมต่อแล้วลองอีกครั้ง',
			ERR_INVALID_TOKEN: 'ไม่สามารถเข้าสู่ระบบได้ในขณะนี้ โปรดลองอีกครั้งภายหลัง',
			ERR_SESSION_EXPIRED: 'เซสชันของคุณหมดอายุแล้ว โปรดเข้าสู่ระบบอีกครั้ง',
			ERR_WIDGET_UNAVAILABLE: 'แชทไม่พร้อมใช้งานในขณะนี้',
			ERR_WIDGET_LOGIN_FAILED: 'แชทไม่พร้อมใช้งานในขณะนี้',
		},
	},
};

export default th;
