/* The demo backend as one node:http request listener: the product endpoints, the demo's own, the pages and files. */
import {createAuthRoutes} from './auth-routes.mjs';
import {createDemoRoutes} from './demo-routes.mjs';
import {sendText} from './http.mjs';
import {createPages} from './pages.mjs';
import {createLoginLimits} from './login-limits.mjs';
import {createQaControls} from './qa-controls.mjs';
import {createSiteRoutes} from './site-routes.mjs';
import {createSiteSessions} from './site-session.mjs';
import {createStaticFiles} from './static-files.mjs';

/** Failed sign-ins allowed per account and per address in a minute; the next one is answered 429 with Retry-After. */
export const LOGIN_FAILURES_PER_MINUTE = 5;

/**
Throws the server subpath's `ERR_SERVER_CONFIG` error when the signing key is unusable (a secret too short):
start-up stops with its message rather than at the first sign-in.
*/
export async function createDemoApp({config, accounts}) {
	const controls = createQaControls();
	const limits = createLoginLimits({failures: LOGIN_FAILURES_PER_MINUTE, windowSeconds: 60});
	// The Site login page's own session: the site's, not the SDK's (site-session.mjs).
	const siteSessions = createSiteSessions();
	const onError = (error) => console.error('demo backend:', error);
	const routes = new Map([
		...createAuthRoutes({config, accounts, controls, limits}),
		...createDemoRoutes({config, controls, limits}),
		...createSiteRoutes({config, accounts, limits, sessions: siteSessions, onError}),
	]);
	const pages = createPages(config, {siteUserOf: (request) => siteSessions.userOf(request.headers.cookie)});
	const files = await createStaticFiles();

	return async (request, response) => {
		try {
			const url = new URL(request.url ?? '/', 'http://localhost');
			const route = routes.get(url.pathname);
			if (route) return await route(request, response);
			if (request.method !== 'GET' && request.method !== 'HEAD') return sendText(response, 405, 'Method not allowed.', {allow: 'GET, HEAD'});
			if ((await pages.serve(url, response, request)) || (await files.serve(url.pathname, response))) return;
			sendText(response, 404, 'Not found.');
		} catch (error) {
			console.error('demo backend:', error);
			if (response.headersSent) response.destroy();
			else sendText(response, 500, 'Internal error: see the demo\'s console.');
		}
	};
}
