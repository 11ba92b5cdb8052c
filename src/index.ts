export {createMessagingAuth} from './create-messaging-auth.js';
export {MessagingAuthError, isMessagingAuthError} from './errors/messaging-auth-error.js';
export type {MessagingAuthErrorCode, MessagingAuthErrorDetails} from './errors/messaging-auth-error.js';
export {mountLoginForm} from './form/login-form.js';
export type {LoginForm, LoginFormField, LoginFormOptions} from './form/login-form.js';
export type {LoginFormLabels} from './form/labels.js';
export type {HeadersOption, MessagingAuthOptions} from './types/options.js';
export type {
	JwtClaims,
	Listener,
	LogoutReason,
	MessagingAuth,
	MessagingAuthDiagnostics,
	MessagingAuthEventName,
	MessagingAuthEvents,
	Session,
	SessionState,
} from './types/session.js';
