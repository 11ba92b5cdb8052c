/*
The "Site login" page's backend: a site that signs its visitors in ITSELF (docs/site-login.md).
- POST /site/sign-in: the site's own login form (a native form POST, urlencoded), checked against the demo accounts
  (scrypt), rate-limited like the token endpoint; sets the site's own session cookie and redirects back to the page.
  Beside it a readable hint cookie (SITE_HINT_COOKIE), which the page's script tag names in data-session-hint-cookie:
  a visitor without it costs no request (PRODUCT.md, "A quiet start").
- POST /site/sign-out: the site's own sign-out (the page then calls auth.logout() for the chat).
- POST /site/end-session: QA's "Sign out on the server only": ends the session in the store, tells no SDK. The next
  page's restore answers "no session" (204), and the SDK's marker rule signs the chat out there.
- POST /api/zendesk/jwt: zendesk-messaging-auth/server's createJwtHandler reading that session: the page's script tag
  has only data-refresh-endpoint pointing here.
*/
import {createJwtHandler, toNodeHandler} from '../../dist/server.js';
import {BASE_HEADERS, BodyTooLargeError, isCrossSite, readBody, sendJson} from './http.mjs';

export const SITE_PAGE = '/site-login.html';
export const SITE_ROUTES = {signIn: '/site/sign-in', signOut: '/site/sign-out', endSession: '/site/end-session', jwt: '/api/zendesk/jwt'};
/** Set (readable, no secret in it) while the site session lives; the SDK asks /api/zendesk/jwt at start-up only when it is there. */
export const SITE_HINT_COOKIE = 'demo_signed_in';
const HINT_SET = `${SITE_HINT_COOKIE}=1; Path=/; SameSite=Lax`;
const HINT_CLEARED = `${SITE_HINT_COOKIE}=; Path=/; SameSite=Lax; Max-Age=0`;

// An email and a password fit many times over.
const MAX_FORM_BYTES = 4 * 1024;

/** The page again, after a form POST (303: the browser GETs it, and a reload does not re-post the password). */
function redirectToPage(response, {query = '', setCookie} = {}) {
	response.writeHead(303, {...BASE_HEADERS, location: `${SITE_PAGE}${query}`, 'cache-control': 'no-store', ...(setCookie ? {'set-cookie': setCookie} : {})});
	response.end();
}

function noContent(response, setCookie) {
	response.writeHead(204, {...BASE_HEADERS, 'cache-control': 'no-store', ...(setCookie ? {'set-cookie': setCookie} : {})});
	response.end();
}

export function createSiteRoutes({config, accounts, limits, sessions, onError}) {
	/** POST and same-origin only: another site must not sign a visitor in or out here (login CSRF). */
	const sameOriginPost = (handle) => async (request, response) => {
		if (request.method !== 'POST') return sendJson(response, 405, {message: 'Use POST for this endpoint.'}, {allow: 'POST'});
		if (isCrossSite(request)) return sendJson(response, 403, {message: 'Cross-site requests are not allowed.'});
		return handle(request, response);
	};

	const signIn = sameOriginPost(async (request, response) => {
		let fields;
		try {
			fields = new URLSearchParams(await readBody(request, MAX_FORM_BYTES));
		} catch (error) {
			if (error instanceof BodyTooLargeError) return sendJson(response, 400, {message: error.message});
			throw error;
		}

		const email = fields.get('email') ?? '';
		if (await limits.siteForm.isLimited(request, email)) return redirectToPage(response, {query: '?signin=limited'});

		const user = await accounts.verify(email, fields.get('password') ?? '');
		if (!user) {
			await limits.siteForm.recordFailure(request, email);
			return redirectToPage(response, {query: '?signin=failed'});
		}

		// A session planted before the login is not carried over: the old one ends, a new id is issued.
		sessions.end(request.headers.cookie);
		redirectToPage(response, {setCookie: [sessions.start(user), HINT_SET]});
	});

	const signOut = sameOriginPost(async (request, response) => {
		sessions.end(request.headers.cookie);
		noContent(response, [sessions.clearCookie(), HINT_CLEARED]);
	});

	const endSession = sameOriginPost(async (request, response) => {
		// The cookie is left in the browser on purpose: a session that ended on the server (expired, revoked) looks like this.
		sessions.end(request.headers.cookie);
		noContent(response);
	});

	const jwt = toNodeHandler(
		createJwtHandler({
			keyId: config.keyId,
			secret: config.secret,
			getUser: async (request) => sessions.userOf(request.headers.get('cookie')),
			onError,
		}),
	);

	return new Map([
		[SITE_ROUTES.signIn, signIn],
		[SITE_ROUTES.signOut, signOut],
		[SITE_ROUTES.endSession, endSession],
		[SITE_ROUTES.jwt, jwt],
	]);
}
