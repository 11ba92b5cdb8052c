import type {LoginFormLocale} from '../form/labels.js';

/** Hebrew. */
const he: LoginFormLocale = {
	tag: 'he',
	dir: 'rtl',
	labels: {
		title: 'כניסה',
		email: 'כתובת אימייל',
		password: 'סיסמה',
		submit: 'כניסה',
		signedInAs: 'נכנסת בתור {name}',
		signOut: 'יציאה',
		invalidField: 'השדה "{field}" ריק או לא תקין.',
		retryAfter: {
			one: 'יותר מדי ניסיונות. אפשר לנסות שוב בעוד {seconds} שנייה.',
			two: 'יותר מדי ניסיונות. אפשר לנסות שוב בעוד {seconds} שניות.',
			many: 'יותר מדי ניסיונות. אפשר לנסות שוב בעוד {seconds} שניות.',
			other: 'יותר מדי ניסיונות. אפשר לנסות שוב בעוד {seconds} שניות.',
		},
		errors: {
			ERR_CONFIG: 'אי אפשר להיכנס כרגע. אפשר לנסות שוב מאוחר יותר.',
			ERR_INVALID_CREDENTIALS: 'כתובת האימייל או הסיסמה שגויים.',
			ERR_RATE_LIMITED: 'יותר מדי ניסיונות. אפשר לנסות שוב מאוחר יותר.',
			ERR_TOKEN_ENDPOINT: 'אי אפשר להיכנס כרגע. אפשר לנסות שוב מאוחר יותר.',
			ERR_NETWORK: 'לא הצלחנו להתחבר לשרת. כדאי לבדוק את החיבור לאינטרנט ולנסות שוב.',
			ERR_TIMEOUT: 'לא הצלחנו להתחבר לשרת. כדאי לבדוק את החיבור לאינטרנט ולנסות שוב.',
			ERR_INVALID_TOKEN: 'אי אפשר להיכנס כרגע. אפשר לנסות שוב מאוחר יותר.',
			ERR_SESSION_EXPIRED: 'תוקף ההתחברות פג. יש להיכנס שוב.',
			ERR_WIDGET_UNAVAILABLE: 'הצ׳אט אינו זמין כרגע.',
			ERR_WIDGET_LOGIN_FAILED: 'הצ׳אט אינו זמין כרגע.',
		},
	},
};

export default he;
