import {jwtVerify, SignJWT, type JWTPayload} from 'jose';
import {DEFAULT_SESSION_COOKIE_NAME, DEFAULT_SESSION_IDLE_TIMEOUT_SECONDS, DEFAULT_SESSION_MAX_AGE_SECONDS, MAX_SESSION_LIFETIME_SECONDS} from './defaults.js';
import {MessagingServerError} from './errors.js';
import {importHmacKey} from './hmac-key.js';
import type {SessionCookieOptions, SessionInfo, User} from './types.js';
import {checkKnownKeys, checkOptionsObject, checkSecret, checkSeconds, checkUser, describe} from './validation.js';

/** A session read from a valid cookie. */
export interface ActiveSession extends SessionInfo {
	user: User;
}

// The cookie is a compact JWS of its own type, so a Zendesk JWT can never pass for a session, nor the reverse.
const SESSION_TOKEN_TYPE = 'zendesk-messaging-session';

const KNOWN_OPTIONS: ReadonlyArray<keyof SessionCookieOptions> = [
	'sessionSecret',
	'cookieName',
	'cookiePath',
	'cookieDomain',
	'sameSite',
	'secure',
	'maxAgeSeconds',
	'idleTimeoutSeconds',
	// Read by the handlers (store/session-store.ts), not by the cookie.
	'store',
];

// RFC 6265 §4.1.1: a cookie name is an RFC 7230 token, and a path or domain is US-ASCII that must not break out of
// its attribute. `\w` and `\d` match ASCII only (no `u` flag), so nothing outside US-ASCII passes: a header cannot
// carry it (the Fetch API's Headers throw on it), and the answer would become a 500 at every login.
const COOKIE_NAME = /^[!#$%&'*+\-.^`|~\w]+$/;
// Printable US-ASCII (0x21–0x7E) but for the `;` that would end the attribute and the `,` that joins folded headers.
const COOKIE_PATH = /^\/[\x21-\x2B\x2D-\x3A\x3C-\x7E]*$/;
const COOKIE_DOMAIN = /^\.?[A-Za-z\d-]+(?:\.[A-Za-z\d-]+)*$/;

// Enough for any endpoint path a site mounts; for a deeper one, `/` and the longest prefixes are cleared (see `pathPrefixes`).
const MAX_CLEARED_PATH_PREFIXES = 8;
// Enough for any real host (`shop.eu.example.co.uk` has four parents); for a deeper one, the host and its shortest parents are cleared (see `domainsOf`).
const MAX_CLEARED_DOMAINS = 8;
// Browsers ignore a Path or Domain attribute longer than 1024 octets (RFC 6265bis), so no planted cookie has one; a host
// longer than a DNS name (253 characters, RFC 1035 §2.3.4) holds no cookies at all. Both bound what a request's own
// Host and path make us answer: without them, 14 KB of Host labels made a 400 MB answer and ~30 s of blocked event loop.
const MAX_COOKIE_ATTRIBUTE_LENGTH = 1024;
const MAX_HOST_LENGTH = 253;

const configError = (message: string) => new MessagingServerError('ERR_SERVER_CONFIG', message);
const nowSeconds = () => Math.floor(Date.now() / 1000);

function cookieValues(header: string | null, name: string): string[] {
	if (header === null) return [];
	return header.split(';').flatMap((pair) => {
		const separator = pair.indexOf('=');
		return separator > 0 && pair.slice(0, separator).trim() === name ? [pair.slice(separator + 1).trim()] : [];
	});
}

/**
The paths a cookie sent with a request to `pathname` can have (RFC 6265 §5.1.4): `/`, `/a`, `/a/`, `/a/b`… For a
deep path, `/` and the longest ones, which a planted cookie needs to be sent before the visitor's own.
*/
function pathPrefixes(pathname: string): string[] {
	const prefixes: string[] = [];
	for (let end = pathname.indexOf('/', 1); end > 0; end = pathname.indexOf('/', end + 1)) prefixes.push(pathname.slice(0, end), pathname.slice(0, end + 1));
	if (pathname !== '/' && !pathname.endsWith('/')) prefixes.push(pathname);
	const settable = prefixes.filter((path) => path.length <= MAX_COOKIE_ATTRIBUTE_LENGTH && COOKIE_PATH.test(path));
	return ['/', ...settable.slice(1 - MAX_CLEARED_PATH_PREFIXES)];
}

/**
The Domain attributes a cookie sent to `host` can have: the host itself and each parent of two labels or more. An IP
address has none, nor has a host longer than a DNS name. For a deep host, the host and its shortest parents, on
which the most sibling hosts can plant a cookie.
*/
function domainsOf(host: string): string[] {
	if (host.length > MAX_HOST_LENGTH || host.startsWith('[') || /^[\d.]+$/.test(host)) return [];
	const labels = host.split('.');
	const domains = labels.slice(0, -1).map((_, index) => labels.slice(index).join('.')).filter((domain) => COOKIE_DOMAIN.test(domain));
	return domains.length <= MAX_CLEARED_DOMAINS ? domains : [domains[0]!, ...domains.slice(1 - MAX_CLEARED_DOMAINS)];
}

/** Where a cookie lives: two cookies of one name are distinct when their path or domain differ. */
interface CookieScope {
	path: string;
	domain: string | undefined;
}

/**
The signed, HttpOnly session cookie: started at login, verified and rotated at each refresh, cleared at logout.
It holds the user, a random session id, when the session started (`iat`), its absolute end (`exp`) and when it
was last renewed (`rat`, for the idle timeout), all under an HMAC-SHA256 signature with `sessionSecret`.

The cookie is bound to its deployment: its audience (`aud`) is the cookie name and `zkid` the Zendesk key id, both
signed, so another deployment that shares the `sessionSecret` (another brand, another cookie name) refuses it.

A request carrying two or more cookies of our name has no session: a sibling subdomain can plant a second one
(its own valid session, with a Domain and a longer Path that the browser sends first), and no rule can tell which
one the visitor's own is. This is the one place that rule lives; `read` and `clear` both apply it.
*/
export class SessionCookie {
	readonly #secret: string;
	readonly #name: string;
	readonly #path: string;
	readonly #domain: string | undefined;
	readonly #sameSite: 'Lax' | 'Strict' | 'None';
	readonly #secure: boolean | 'auto';
	readonly #maxAgeSeconds: number;
	readonly #idleTimeoutSeconds: number;
	readonly #keyId: string | undefined;
	#key: Promise<CryptoKey> | undefined;

	/**
	Validates the options once, when a handler is created. `signingKey` is the Zendesk key of the handler, already
	checked: its secret must differ from `sessionSecret`, and its id is signed into each cookie and required back. The
	logout handler has no key: it requires only the cookie name.
	*/
	constructor(options: SessionCookieOptions, signingKey?: {keyId: string; secret: string}) {
		const given = checkOptionsObject('session', options, '{sessionSecret: process.env.SESSION_SECRET}');
		checkKnownKeys('session', given, KNOWN_OPTIONS);
		this.#secret = checkSecret('sessionSecret', given['sessionSecret']);
		if (this.#secret === signingKey?.secret) {
			throw configError('sessionSecret must differ from the Zendesk secret: generate a separate one, such as with `openssl rand -base64 48`.');
		}

		const name = given['cookieName'] ?? DEFAULT_SESSION_COOKIE_NAME;
		if (typeof name !== 'string' || !COOKIE_NAME.test(name)) {
			throw configError(`cookieName must be a cookie name of US-ASCII letters, digits and _ or -, such as "${DEFAULT_SESSION_COOKIE_NAME}"; got ${describe(name)}.`);
		}

		const path = given['cookiePath'] ?? '/';
		if (typeof path !== 'string' || !COOKIE_PATH.test(path)) {
			throw configError(
				`cookiePath must be a URL path starting with "/", such as "/api/zendesk", in printable US-ASCII without spaces, commas or semicolons (percent-encode anything else, as a browser's address bar does: "/api/%E6%97%A5%E6%9C%AC"); got ${describe(path)}.`,
			);
		}

		const domain = given['cookieDomain'];
		if (domain !== undefined && (typeof domain !== 'string' || !COOKIE_DOMAIN.test(domain))) {
			throw configError(
				`cookieDomain must be a host name such as "example.com" (an internationalised name in its ASCII "xn--" form), or left out; got ${describe(domain)}.`,
			);
		}

		const sameSite = given['sameSite'] ?? 'lax';
		if (sameSite !== 'lax' && sameSite !== 'strict' && sameSite !== 'none') {
			throw configError(`sameSite must be "lax", "strict" or "none"; got ${typeof sameSite === 'string' ? JSON.stringify(sameSite) : describe(sameSite)}.`);
		}

		const secure = given['secure'] ?? 'auto';
		if (secure !== 'auto' && typeof secure !== 'boolean') throw configError(`secure must be true, false or "auto"; got ${describe(secure)}.`);
		// Browsers drop these cookies when they are not Secure: refuse the configuration rather than fail silently.
		const mustBeSecure = sameSite === 'none' || name.startsWith('__Secure-') || name.startsWith('__Host-');
		if (secure === false && mustBeSecure) {
			throw configError(`secure cannot be false with ${sameSite === 'none' ? 'sameSite "none"' : `the cookie name prefix of ${JSON.stringify(name)}`}: browsers drop such a cookie unless it is Secure.`);
		}

		if (name.startsWith('__Host-') && (path !== '/' || domain !== undefined)) {
			throw configError('A "__Host-" cookie needs cookiePath "/" and no cookieDomain.');
		}

		this.#keyId = signingKey?.keyId;
		this.#name = name;
		this.#path = path;
		this.#domain = domain;
		this.#sameSite = sameSite === 'lax' ? 'Lax' : sameSite === 'strict' ? 'Strict' : 'None';
		this.#secure = mustBeSecure ? true : secure;
		this.#maxAgeSeconds = checkSeconds('maxAgeSeconds', given['maxAgeSeconds'], DEFAULT_SESSION_MAX_AGE_SECONDS, MAX_SESSION_LIFETIME_SECONDS, '400 days');
		this.#idleTimeoutSeconds = checkSeconds('idleTimeoutSeconds', given['idleTimeoutSeconds'], DEFAULT_SESSION_IDLE_TIMEOUT_SECONDS, MAX_SESSION_LIFETIME_SECONDS, '400 days');
	}

	/** The `Set-Cookie` value of a new session for `user`. */
	async start(user: User, request: Request): Promise<string> {
		return this.#issue({sessionId: crypto.randomUUID(), issuedAt: nowSeconds()}, user, request);
	}

	/** The `Set-Cookie` value that rotates `session`: same id and start, fresh idle window, the user as given. */
	async renew(session: ActiveSession, user: User, request: Request): Promise<string> {
		return this.#issue({sessionId: session.sessionId, issuedAt: Math.floor(session.issuedAt.getTime() / 1000)}, user, request);
	}

	/**
	The session of the request's cookie, or undefined when it is missing, tampered with, expired, idle too long, of
	another deployment, or not alone (two or more cookies of our name: see the class comment).
	*/
	async read(request: Request): Promise<ActiveSession | undefined> {
		const values = cookieValues(request.headers.get('cookie'), this.#name);
		return values.length === 1 ? this.#verify(values[0]!) : undefined;
	}

	/** Whether the request carries a cookie of this name at all, valid or not. */
	carriedBy(request: Request): boolean {
		return cookieValues(request.headers.get('cookie'), this.#name).length > 0;
	}

	/** The absolute lifetime of a session in seconds: no copy of a cookie can be valid longer after its sign-in. */
	get maxAgeSeconds(): number {
		return this.#maxAgeSeconds;
	}

	/**
	The `Set-Cookie` values that delete the cookie. When the request carries several cookies of our name, they also
	delete every cookie of that name the browser could have sent to this URL (each path prefix, host-only and each
	parent domain): the planted one goes too, so the next sign-in is the visitor's own again.
	*/
	clear(request: Request): string[] {
		const own: CookieScope = {path: this.#path, domain: this.#domain};
		const scopes = cookieValues(request.headers.get('cookie'), this.#name).length > 1 ? [own, ...this.#tossedScopes(request)] : [own];
		const cookies = scopes.map((scope) => this.#serialize('', 0, request, scope));
		return [...new Set(cookies)];
	}

	#tossedScopes(request: Request): CookieScope[] {
		// A "__Host-" cookie cannot be planted from elsewhere: it is host-only at Path=/ by the browser's own rule.
		if (this.#name.startsWith('__Host-')) return [];
		const {pathname, hostname} = new URL(request.url);
		const domains = [undefined, ...domainsOf(hostname)];
		return pathPrefixes(pathname).flatMap((path) => domains.map((domain) => ({path, domain})));
	}

	async #issue({sessionId, issuedAt}: {sessionId: string; issuedAt: number}, user: User, request: Request): Promise<string> {
		const now = nowSeconds();
		const expiresAt = issuedAt + this.#maxAgeSeconds;
		const claims: JWTPayload = {sid: sessionId, rat: now};
		if (this.#keyId !== undefined) claims['zkid'] = this.#keyId;
		if (user.name !== undefined) claims['name'] = user.name;
		if (user.email !== undefined) claims['email'] = user.email;
		if (user.emailVerified !== undefined) claims['email_verified'] = user.emailVerified;
		const token = await new SignJWT(claims)
			.setProtectedHeader({alg: 'HS256', typ: SESSION_TOKEN_TYPE})
			.setSubject(user.externalId)
			.setAudience(this.#name)
			.setIssuedAt(issuedAt)
			.setExpirationTime(expiresAt)
			.sign(await this.#signingKey());
		// The browser forgets the cookie when the session could no longer be renewed anyway.
		const maxAge = Math.min(expiresAt - now, this.#idleTimeoutSeconds);
		return this.#serialize(token, maxAge, request);
	}

	async #verify(token: string): Promise<ActiveSession | undefined> {
		try {
			const {payload} = await jwtVerify(token, await this.#signingKey(), {
				algorithms: ['HS256'],
				typ: SESSION_TOKEN_TYPE,
				audience: this.#name,
				requiredClaims: ['sub', 'sid', 'iat', 'exp', 'rat', 'aud'],
			});
			const {sid, iat, rat} = payload;
			if (typeof sid !== 'string' || typeof iat !== 'number' || typeof rat !== 'number') return undefined;
			if (this.#keyId !== undefined && payload['zkid'] !== this.#keyId) return undefined;
			// Judged with the current options, so shortening maxAgeSeconds or idleTimeoutSeconds applies to sessions already out there.
			const now = nowSeconds();
			if (now >= iat + this.#maxAgeSeconds || now >= rat + this.#idleTimeoutSeconds) return undefined;
			const user = checkUser({externalId: payload.sub, name: payload['name'], email: payload['email'], emailVerified: payload['email_verified']});
			return {sessionId: sid, externalId: user.externalId, issuedAt: new Date(iat * 1000), user};
		} catch {
			// Tampered, expired or not ours at all: to the visitor, each is simply a session that has ended.
			return undefined;
		}
	}

	#signingKey(): Promise<CryptoKey> {
		this.#key ??= importHmacKey(this.#secret);
		return this.#key;
	}

	#serialize(value: string, maxAgeSeconds: number, request: Request, {path, domain}: CookieScope = {path: this.#path, domain: this.#domain}): string {
		const attributes = [`${this.#name}=${value}`, `Path=${path}`, `Max-Age=${maxAgeSeconds}`];
		// Expires too, for the rare clients that ignore Max-Age=0.
		if (maxAgeSeconds === 0) attributes.push('Expires=Thu, 01 Jan 1970 00:00:00 GMT');
		if (domain !== undefined) attributes.push(`Domain=${domain}`);
		attributes.push('HttpOnly', `SameSite=${this.#sameSite}`);
		const secure = this.#secure === 'auto' ? new URL(request.url).protocol === 'https:' : this.#secure;
		if (secure) attributes.push('Secure');
		return attributes.join('; ');
	}
}
