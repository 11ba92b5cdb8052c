/** Lifetime of a messaging JWT when none is given: short, as Zendesk advises; the browser SDK refreshes before expiry. */
export const DEFAULT_JWT_LIFETIME_SECONDS = 600;

/**
Shortest secret accepted, in characters. RFC 7518 §3.2 requires an HS256 key of at least 256 bits (32 bytes),
and Zendesk's shared secrets are far longer random strings: anything shorter is a placeholder, a truncated
environment variable or the key id passed by mistake, which Zendesk would answer with an opaque 401.
*/
export const MIN_SECRET_LENGTH = 32;

/**
Longest JWT lifetime accepted, in seconds: 30 days. The browser SDK refreshes a token long before it expires, so a
longer one only widens the window in which a leaked token works (a typo such as `1e12` would mint one for millennia).
*/
export const MAX_JWT_LIFETIME_SECONDS = 30 * 24 * 60 * 60;

/** Longest session cookie lifetime and idle timeout accepted, in seconds: 400 days, the cap browsers put on a cookie's Max-Age (RFC 6265bis, "The Max-Age Attribute"). */
export const MAX_SESSION_LIFETIME_SECONDS = 400 * 24 * 60 * 60;

/** Largest login body read, in bytes: a few form fields fit many times over, and nobody can make us buffer more. */
export const MAX_CREDENTIALS_BODY_BYTES = 16 * 1024;

/**
How long a handler waits for a request body to arrive in full, in milliseconds, when no other value is given.
A login body is a few hundred bytes: a client still sending after 10 s is broken or trickling on purpose to hold
the handler (Node's own `requestTimeout` would wait 300 s).
*/
export const DEFAULT_BODY_TIMEOUT_MS = 10_000;

/** Name of the site session cookie when none is given. */
export const DEFAULT_SESSION_COOKIE_NAME = 'zendesk_messaging_session';

/** Absolute lifetime of a site session when none is given: 7 days. */
export const DEFAULT_SESSION_MAX_AGE_SECONDS = 7 * 24 * 60 * 60;

/** A site session not refreshed for this long ends, when no other value is given: 24 hours. */
export const DEFAULT_SESSION_IDLE_TIMEOUT_SECONDS = 24 * 60 * 60;
