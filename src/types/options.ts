/** Extra request headers, or a function returning them (called before every request, so a CSRF token can rotate). */
export type HeadersOption =
	| Record<string, string>
	| (() => Record<string, string> | Promise<Record<string, string>>);

/**
Options of `createMessagingAuth`. At least one of `tokenEndpoint` (our login form, or `login()`) and
`refreshEndpoint` (a site that signs its visitors in itself) is required.

@example
```ts
const auth = createMessagingAuth({
	tokenEndpoint: '/api/zendesk/token',
	refreshEndpoint: '/api/zendesk/refresh',
	logoutEndpoint: '/api/zendesk/logout',
	headers: () => ({'X-CSRF-Token': csrfToken()}),
});
```
*/
export interface MessagingAuthOptions {
	/**
	URL the visitor's credentials are POSTed to as JSON. Answers `200 {"jwt": "..."}` (or the bare token).
	Leave it out when your site signs its visitors in itself: then set `refreshEndpoint`, and `login()` is not available.

	@example '/api/zendesk/token'
	*/
	tokenEndpoint?: string;

	/**
	URL POSTed with no body (the site's session cookie identifies the visitor) to get a fresh JWT.
	Also called once at creation to restore a session after a page load, and by `restore()` after your site's own login.
	Without it there is no refresh: the visitor is signed out when the JWT expires.

	@example '/api/zendesk/refresh'
	*/
	refreshEndpoint?: string;

	/**
	URL POSTed on sign-out so the site can end its own session. Best effort: a failure is reported as an `error` event but the visitor is signed out all the same.

	@example '/api/zendesk/logout'
	*/
	logoutEndpoint?: string;

	/**
	`fetch` credentials mode for all three endpoints. Use `'include'` when the endpoints are on another origin.

	@default 'same-origin'
	*/
	credentials?: RequestCredentials;

	/**
	Extra headers sent with every request, or a function returning them.

	@example {'X-CSRF-Token': 'abc'}
	*/
	headers?: HeadersOption;

	/**
	Per-request timeout in milliseconds.

	@default 10000
	*/
	timeoutMs?: number;

	/**
	Refresh this many seconds before the JWT expires, but never earlier than half the token's lifetime.

	@default 60
	*/
	refreshLeewaySeconds?: number;

	/**
	Your Zendesk widget key. When given, the SDK adds the standard `<script id="ze-snippet">` itself (once).
	Without it, the SDK uses the `zE` of the snippet your page already has.
	*/
	widgetKey?: string;

	/**
	How long to wait for `window.zE` before reporting `ERR_WIDGET_UNAVAILABLE`. The site login works regardless, and a widget that appears later is still signed in.

	@default 10000
	*/
	widgetTimeoutMs?: number;

	/** CSP nonce put on the widget snippet script and on any `<style>` element the SDK adds. */
	nonce?: string;

	/**
	Keep tabs of the same origin in step: one sign-in, one refresh, one sign-out for all.

	@default true
	*/
	syncTabs?: boolean;

	/**
	Log every step to `console.debug`, each line starting with `zendesk-messaging-auth:`: requests (path, status,
	milliseconds), tokens received (`external_id`, `exp`, seconds left; never the JWT), widget calls and the
	`loginCallback` result, refresh decisions, tabs' messages adopted, state changes. Never a JWT, a password or a form
	field's value. Costs nothing when off. (Without it, an integration fault that no `error` listener heard is still
	reported once with `console.warn`.)

	@default false
	*/
	debug?: boolean;

	/**
	When the restore at creation asks `refreshEndpoint`. `'auto'` asks only when a site session can exist: with
	`tokenEndpoint`, when this browser signed in through the SDK and has not signed out since (a flag in localStorage,
	no token, no identity); with `sessionHintCookie`, when that cookie is present; otherwise (your site's own login
	without a hint cookie) at every page load. `'always'` asks at every page load: for a backend whose sessions also
	start elsewhere (another app, a single sign-on). A `restore()` you call always asks.

	@default 'auto'
	*/
	restoreOnLoad?: 'auto' | 'always';

	/**
	The name of a cookie that your site's own login sets, readable by scripts (not HttpOnly), while its session lives,
	and removes on sign-out: with it the restore at creation asks `refreshEndpoint` only when the cookie is present, so
	a visitor who never signed in costs no request. Its value is never read; only its presence counts.

	@example 'logged_in'
	*/
	sessionHintCookie?: string;
}
