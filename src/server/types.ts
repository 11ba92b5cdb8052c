import type {SessionStore} from './store/session-store.js';

/** A Fetch-API request handler, as Next.js route handlers, Hono, Bun, Deno and Workers expect. */
export type FetchHandler = (request: Request) => Promise<Response>;

/**
The visitor as Zendesk should know them: the claims of the messaging JWT.

@example
```ts
const user: User = {externalId: 'user-1234', name: 'Ada Lovelace', email: 'ada@example.com', emailVerified: true};
```
*/
export interface User {
	/**
	The visitor's stable id in your own user directory: the JWT's `external_id`. Must be a non-empty string; Zendesk refuses a number, so write `String(row.id)`.

	@example 'user-1234'
	*/
	externalId: string;

	/**
	Display name shown to agents. Left out of the JWT when missing or empty.

	@example 'Ada Lovelace'
	*/
	name?: string | undefined;

	/**
	Email address. Left out of the JWT when missing or empty. An email already tied to another `externalId` makes the Zendesk login fail (409).

	@example 'ada@example.com'
	*/
	email?: string | undefined;

	/**
	Whether you have verified the email. Zendesk counts the email as verified only with `true`. Left out of the JWT when not given.
	*/
	emailVerified?: boolean | undefined;
}

/**
Input of `signMessagingJwt`: the signing key from Zendesk Admin Center, the user, and the token's lifetime.

@example
```ts
const jwt = await signMessagingJwt({
	keyId: process.env.ZENDESK_KEY_ID!,
	secret: process.env.ZENDESK_SECRET!,
	externalId: String(user.id),
	name: user.name,
	email: user.email,
	emailVerified: user.emailVerified,
});
```
*/
export interface SignMessagingJwtInput extends User {
	/**
	Id of the messaging signing key (Admin Center > Account > Security > End user authentication > Messaging), sent as the JWT header's `kid`.

	@example 'app_64f0c1d2e3a4b5c6d7e8f901'
	*/
	keyId: string;

	/**
	Shared secret of that signing key (at least `MIN_SECRET_LENGTH` characters). Keep it on the server.
	*/
	secret: string;

	/**
	Lifetime of the JWT in whole seconds, from 1 to 30 days (`MAX_JWT_LIFETIME_SECONDS`). Keep it short: the browser SDK refreshes it before it expires.

	@default 600 (`DEFAULT_JWT_LIFETIME_SECONDS`)
	*/
	expiresInSeconds?: number | undefined;
}

/** What the revocation hook and `onLogout` learn about a site session. */
export interface SessionInfo {
	/** Random id of the session, the same across every refresh of one sign-in. */
	sessionId: string;
	/** The user's `externalId`. */
	externalId: string;
	/** When the visitor signed in (not when the cookie was last rotated). */
	issuedAt: Date;
}

/**
The site session kept between a login and its refreshes: a signed, HttpOnly cookie. Pass the same object to all three handlers. Its `store` keeps login limits and the sessions signed out, so a copied cookie stops working at sign-out: the default memory store serves one process; several processes share a `redisStore`.

The cookie is signed, not encrypted: it holds the user's external id, name and email, which the visitor knows anyway.

@example
```ts
const session: SessionCookieOptions = {sessionSecret: process.env.SESSION_SECRET!, cookiePath: '/api/zendesk'};
```
*/
export interface SessionCookieOptions {
	/**
	Secret the cookie is signed with (HMAC-SHA256): a random string of at least `MIN_SECRET_LENGTH` characters, different from the Zendesk secret. A visibly weak one (a repeated pattern, few distinct characters, a placeholder from documentation) is refused. Changing it signs everybody out.

	@example 'openssl rand -base64 48' // how to make one
	*/
	sessionSecret: string;

	/**
	Name of the cookie. Over https, with the endpoints on the page's own host, prefer a `__Host-` name with the default path and no domain: browsers then refuse a cookie of that name planted by a sibling subdomain. A request carrying two cookies of this name has no session (and both are cleared).

	@default 'zendesk_messaging_session'
	@example '__Host-zendesk_messaging_session'
	*/
	cookieName?: string | undefined;

	/**
	Path the browser sends the cookie to. Scope it to the folder holding the three endpoints so no other request carries it.

	@default '/'
	@example '/api/zendesk'
	*/
	cookiePath?: string | undefined;

	/**
	Domain of the cookie. Leave it out to keep the cookie on the exact host that set it.

	@example 'example.com'
	*/
	cookieDomain?: string | undefined;

	/**
	The cookie's `SameSite`. `'none'` (for endpoints on another site) always sets `Secure`.

	@default 'lax'
	*/
	sameSite?: 'lax' | 'strict' | 'none' | undefined;

	/**
	The cookie's `Secure`: `'auto'` sets it when the request URL is https. Behind a TLS-terminating proxy the request URL may say http: then pass `true`, or build the URL from `X-Forwarded-Proto`.

	@default 'auto'
	*/
	secure?: boolean | 'auto' | undefined;

	/**
	Absolute lifetime of a sign-in in whole seconds, at most 400 days (`MAX_SESSION_LIFETIME_SECONDS`): after it the visitor signs in again, however active.

	@default 604800 (7 days, `DEFAULT_SESSION_MAX_AGE_SECONDS`)
	*/
	maxAgeSeconds?: number | undefined;

	/**
	A session not refreshed for this many seconds ends (whole seconds, at most 400 days). Each refresh rotates the cookie and restarts this window.

	@default 86400 (24 hours, `DEFAULT_SESSION_IDLE_TIMEOUT_SECONDS`)
	*/
	idleTimeoutSeconds?: number | undefined;

	/**
	Where login limits and sign-outs are kept, so that a cookie copied before a sign-out gets no JWT afterwards. Give every handler the same one (the same `session` object). Several server processes need a shared store: `redisStore(client)`.

	@default one memory store per process, shared by every handler that is given none
	@example redisStore(await createClient({url: process.env.REDIS_URL}).connect())
	*/
	store?: SessionStore | undefined;
}

/**
Limits on failed sign-ins in `createTokenHandler`, on by default. Past a limit the answer is `429 {"message"}` with `Retry-After` (whole seconds until an attempt is allowed again, at most `windowSeconds`), and `authenticate` is not called, even with the right password. A successful sign-in clears the account's failures. The counts live in `session.store`.

@example
```ts
// Behind one proxy (Express: app.set('trust proxy', 1) makes clientAddressOf read X-Forwarded-For).
loginLimits: {failuresPerAccount: 10, windowSeconds: 600}
```
*/
export interface LoginLimitsOptions {
	/**
	Failed sign-ins allowed per account within `windowSeconds`; the next attempt is refused.

	@default 5
	*/
	failuresPerAccount?: number | undefined;

	/**
	Failed sign-ins allowed per client address within `windowSeconds` (an IPv6 address counts by its /64 network).

	@default 50
	*/
	failuresPerAddress?: number | undefined;

	/**
	The window failures are counted in, in whole seconds (at most 604800, a week), from the first failure counted.

	@default 900
	*/
	windowSeconds?: number | undefined;

	/**
	The account an attempt is for, from the posted credentials; trimmed and lower-cased. Undefined: no account limit for this attempt.

	@default the credentials' `email`, else `username`
	*/
	accountOf?: ((credentials: Record<string, unknown>) => string | undefined) | undefined;

	/**
	The client's address, from the request. Undefined: no address limit for this attempt.

	@default `clientAddressOf(request)`: what `toNodeHandler` saw (Express's `req.ip`, else the socket's address); undefined on a Fetch runtime
	@example (request) => request.headers.get('cf-connecting-ip') ?? undefined
	*/
	addressOf?: ((request: Request) => string | undefined) | undefined;
}

/** Options every handler shares. */
export interface HandlerOptions {
	/**
	Origins, besides the request's own, allowed to POST here (the cross-site check). Only needed when the page and the endpoints are on different origins; CORS headers are then up to your framework.

	@example ['https://www.example.com']
	*/
	allowedOrigins?: readonly string[] | undefined;

	/**
	Called with any error behind a 500 answer (a throwing `authenticate`, a user Zendesk would refuse). The visitor only sees a generic message. It may be async; if it throws or rejects, that is ignored and the answer stands.

	@default logs the error with `console.error`
	@example (error, request) => logger.error({err: error, url: request.url}, 'zendesk token')
	*/
	onError?: ((error: unknown, request: Request) => void) | undefined;
}

/** The Zendesk signing key and the JWT lifetime, for the handlers that mint tokens. */
export interface SigningOptions {
	/** Id of the messaging signing key: see `SignMessagingJwtInput.keyId`. */
	keyId: string;
	/** Shared secret of the signing key: see `SignMessagingJwtInput.secret`. */
	secret: string;
	/**
	Lifetime of each JWT in whole seconds, from 1 to 30 days (`MAX_JWT_LIFETIME_SECONDS`).

	@default 600
	*/
	expiresInSeconds?: number | undefined;
}

/**
Options of `createTokenHandler`, the login endpoint.

@example
```ts
const handleToken = createTokenHandler({
	keyId: process.env.ZENDESK_KEY_ID!,
	secret: process.env.ZENDESK_SECRET!,
	session: {sessionSecret: process.env.SESSION_SECRET!},
	async authenticate({email, password}) {
		const user = await users.verify(String(email), String(password));
		return user ? {externalId: user.id, name: user.name, email: user.email, emailVerified: true} : null;
	},
});
```
*/
export interface TokenHandlerOptions extends SigningOptions, HandlerOptions {
	/**
	Checks the posted form fields (by default `email` and `password`). Resolve to the user, or `null` for wrong credentials (answered 401). A throw is answered 500.
	*/
	authenticate(credentials: Record<string, unknown>, request: Request): Promise<User | null>;

	/**
	When given, a successful login also starts the site session cookie that the refresh and logout handlers read.
	*/
	session?: SessionCookieOptions | undefined;

	/**
	How long to wait for the posted body to arrive in full, in milliseconds from when the handler starts reading it. A body still arriving then is answered `408 {"message"}` (with `Connection: close`), so a client sending one byte at a time cannot hold the handler until the server's own request timeout.

	@default 10000 (`DEFAULT_BODY_TIMEOUT_MS`)
	*/
	bodyTimeoutMs?: number | undefined;

	/**
	Limits on failed sign-ins per account and per address (see `LoginLimitsOptions`), kept in `session.store` (without `session`, in the process's memory store). `false` turns them off: only behind another limiter. When the store fails, sign-ins go on without limits and the failure goes to `onError`.

	@default {failuresPerAccount: 5, failuresPerAddress: 50, windowSeconds: 900}
	*/
	loginLimits?: LoginLimitsOptions | false | undefined;
}

/**
Options of `createRefreshHandler`, the endpoint the browser SDK POSTs (no body, cookies sent) for a fresh JWT.

@example
```ts
const handleRefresh = createRefreshHandler({
	keyId: process.env.ZENDESK_KEY_ID!,
	secret: process.env.ZENDESK_SECRET!,
	session: {sessionSecret: process.env.SESSION_SECRET!},
	loadUser: (externalId) => users.findProfile(externalId),
});
```
*/
export interface RefreshHandlerOptions extends SigningOptions, HandlerOptions {
	/** The session cookie, as given to `createTokenHandler`. */
	session: SessionCookieOptions;

	/**
	Lets the site end a session before its cookie expires, beyond sign-out (which `createLogoutHandler` makes final by itself through `session.store`): resolve `true` to answer "no session" (`204`) and clear the cookie. Use it for a password change or "sign out everywhere".

	@example ({externalId, issuedAt}) => issuedAt < passwordChangedAt(externalId)
	*/
	isRevoked?: ((session: SessionInfo) => boolean | Promise<boolean>) | undefined;

	/**
	Re-reads the user at each refresh, so a changed name or email reaches Zendesk; resolving `null` (a deleted or blocked account) ends the session. Without it the user stored in the cookie at login is used.
	*/
	loadUser?: ((externalId: string) => User | null | Promise<User | null>) | undefined;
}

/**
Options of `createJwtHandler`, the JWT endpoint of a site that signs its visitors in itself.

@example
```ts
const handleJwt = createJwtHandler({
	keyId: process.env.ZENDESK_KEY_ID!,
	secret: process.env.ZENDESK_SECRET!,
	getUser: async (request) => {
		const user = await sessions.userOf(request.headers.get('cookie'));
		return user ? {externalId: String(user.id), name: user.name, email: user.email, emailVerified: user.emailVerified} : null;
	},
});
```
*/
export interface JwtHandlerOptions extends SigningOptions, HandlerOptions {
	/**
	Reads your site's own session from the request (its cookie, or, under Express, `nodeRequestOf(request).session`) and resolves to the signed-in user, or `null` when nobody is signed in (answered "no session", `204`, and the SDK signs the chat out). A throw is answered 500. The user must pass the same checks as in `signMessagingJwt`: a string `externalId`, above all.
	*/
	getUser(request: Request): Promise<User | null>;
}

/**
Options of `createLogoutHandler`.

@example
```ts
const handleLogout = createLogoutHandler({session: {sessionSecret: process.env.SESSION_SECRET!}});
```
*/
export interface LogoutHandlerOptions extends HandlerOptions {
	/** The session cookie, as given to `createTokenHandler`. */
	session: SessionCookieOptions;

	/**
	Called when a valid session is signed out, after it was revoked in `session.store` (a copied cookie already gets no JWT): for the site's own bookkeeping, such as an audit log.
	*/
	onLogout?: ((session: SessionInfo) => void | Promise<void>) | undefined;
}
