/* The zendesk-messaging-auth/server subpath: for the site's backend only. Nothing here reaches the browser bundle. */
export {
	DEFAULT_BODY_TIMEOUT_MS,
	DEFAULT_JWT_LIFETIME_SECONDS,
	DEFAULT_SESSION_COOKIE_NAME,
	DEFAULT_SESSION_IDLE_TIMEOUT_SECONDS,
	DEFAULT_SESSION_MAX_AGE_SECONDS,
	MAX_CREDENTIALS_BODY_BYTES,
	MAX_JWT_LIFETIME_SECONDS,
	MAX_SESSION_LIFETIME_SECONDS,
	MIN_SECRET_LENGTH,
} from './server/defaults.js';
export {clientAddressOf} from './server/client-address.js';
export {MessagingServerError, isMessagingServerError} from './server/errors.js';
export type {MessagingServerErrorCode} from './server/errors.js';
export {createJwtHandler} from './server/jwt-handler.js';
export {createLogoutHandler} from './server/logout-handler.js';
export {DEFAULT_FAILURES_PER_ACCOUNT, DEFAULT_FAILURES_PER_ADDRESS, DEFAULT_LOGIN_WINDOW_SECONDS} from './server/login-limits.js';
export {nodeRequestOf, toNodeHandler} from './server/node-adapter.js';
export type {NodeRequest, NodeResponse} from './server/node-adapter.js';
export {createRefreshHandler} from './server/refresh-handler.js';
export {signMessagingJwt} from './server/sign-jwt.js';
export {memoryStore} from './server/store/memory-store.js';
export {DEFAULT_REDIS_PREFIX, DEFAULT_STORE_TIMEOUT_MS, redisStore} from './server/store/redis-store.js';
export type {IoRedisClient, NodeRedisClient, RedisStoreOptions} from './server/store/redis-store.js';
export type {SessionStore} from './server/store/session-store.js';
export {createTokenHandler} from './server/token-handler.js';
export type {
	FetchHandler,
	HandlerOptions,
	JwtHandlerOptions,
	LoginLimitsOptions,
	LogoutHandlerOptions,
	RefreshHandlerOptions,
	SessionCookieOptions,
	SessionInfo,
	SignMessagingJwtInput,
	SigningOptions,
	TokenHandlerOptions,
	User,
} from './server/types.js';
