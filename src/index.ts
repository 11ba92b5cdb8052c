export {createMessagingAuth} from './core/messaging-auth.js';
export {MessagingAuthError, isMessagingAuthError} from './errors/messaging-auth-error.js';
export type {MessagingAuthErrorCode, MessagingAuthErrorDetails} from './errors/messaging-auth-error.js';
export type {HeadersOption, MessagingAuthOptions} from './types/options.js';
export type {
	JwtClaims,
	Listener,
	LogoutReason,
	MessagingAuth,
	MessagingAuthEventName,
	MessagingAuthEvents,
	Session,
	SessionState,
} from './types/session.js';
