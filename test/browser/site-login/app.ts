/*
A site that signs its visitors in itself, as docs/site-login.md and examples/express-session show it: Express 5
and express-session, its own login and logout routes (plain HTML forms, full page loads), and our createJwtHandler on
/api/zendesk/jwt reading req.session.user. Every page loads the built script-tag bundle with only data-refresh-endpoint,
and the browser suite's widget stand-in. 127.0.0.1 on a free port; the test drives it from the same process.
*/
import {timingSafeEqual} from 'node:crypto';
import type {Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import {fileURLToPath} from 'node:url';
import express, {type Request as ExpressRequest} from 'express';
import session, {MemoryStore} from 'express-session';
import {createJwtHandler, nodeRequestOf, toNodeHandler, type User} from '../../../dist/server.js';
import {USERS} from '../harness/backend.js';
import {TEST_KEY_ID, TEST_SECRET, verifyJwt} from '../harness/jwt.js';
import {STRICT_CSP} from '../harness/pages.js';
import {IIFE_BUNDLE, PAGE_ERROR_PATH} from '../harness/server.js';

declare module 'express-session' {
	interface SessionData {
		/** Who the site's own login signed in: what createJwtHandler's getUser reads. */
		user: User;
	}
}

export const SITE_PATHS = {home: '/', account: '/account', login: '/login', logout: '/logout', jwt: '/api/zendesk/jwt'} as const;

const file = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));
/** The files the pages load, at the same paths as on the browser suite's own server. */
const ASSETS: Record<string, string> = {
	[IIFE_BUNDLE]: file('../../../dist/zendesk-messaging-auth.iife.min.js'),
	'/harness/zendesk-stand-in.js': file('../harness/zendesk-stand-in.js'),
	'/pages/recorder.js': file('../pages/recorder.js'),
};

export interface JwtRequest {
	status: number;
	/** Whether the browser sent the site's session cookie. */
	hadSessionCookie: boolean;
}

export interface SiteLoginApp {
	readonly origin: string;
	/** Every POST to the JWT endpoint, in order, with its answer's status. */
	readonly jwtRequests: JwtRequest[];
	/** Uncaught errors the pages reported (pages/recorder.js beacons them to PAGE_ERROR_PATH). */
	readonly pageErrors: string[];
	/** Ends every site session in the store, as a session expiring while no tab was open does: the cookie stays, unknown. */
	endAllSessions(): Promise<void>;
	close(): Promise<void>;
}

export const SESSION_COOKIE = 'site.sid';

const escapeHtml = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function page(title: string, body: string[]): string {
	return [
		'<!doctype html>',
		'<html lang="en">',
		'<head>',
		'<meta charset="utf-8">',
		`<title>${escapeHtml(title)}</title>`,
		'<script src="/pages/recorder.js"></script>',
		'<script src="/harness/zendesk-stand-in.js"></script>',
		// The site's own login: no data-token-endpoint, so the SDK mounts no form and follows the site's session.
		`<script src="${IIFE_BUNDLE}" defer data-refresh-endpoint="${SITE_PATHS.jwt}"></script>`,
		'</head>',
		'<body>',
		'<main>',
		`<h1>${escapeHtml(title)}</h1>`,
		...body,
		'</main>',
		'</body>',
		'</html>',
	].join('\n');
}

const signInForm = [
	`<form method="post" action="${SITE_PATHS.login}" aria-label="Site sign-in">`,
	'<label>Email <input name="email" type="email" autocomplete="username"></label>',
	'<label>Password <input name="password" type="password" autocomplete="current-password"></label>',
	'<button type="submit">Sign in to the site</button>',
	'</form>',
];

const signedInPart = (user: User) => [
	`<p id="site-user">Signed in to the site as ${escapeHtml(user.name ?? user.externalId)}</p>`,
	`<form method="post" action="${SITE_PATHS.logout}"><button type="submit">Sign out of the site</button></form>`,
];

const sameBytes = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** The site's user directory: the browser suite's test users. */
function verifyCredentials(email: unknown, password: unknown): User | null {
	if (typeof email !== 'string' || typeof password !== 'string') return null;
	const found = USERS.find((user) => user.email === email.trim().toLowerCase() && sameBytes(user.password, password));
	return found ? {externalId: found.externalId, ...(found.name === undefined ? {} : {name: found.name}), email: found.email, emailVerified: true} : null;
}

export async function startSiteLoginApp(): Promise<SiteLoginApp> {
	const store = new MemoryStore();
	const jwtRequests: JwtRequest[] = [];
	const pageErrors: string[] = [];
	const app = express();
	app.disable('x-powered-by');
	app.use((_request, response, next) => {
		response.set({'content-security-policy': STRICT_CSP, 'cache-control': 'no-store'});
		next();
	});
	app.use(
		session({
			name: SESSION_COOKIE,
			secret: 'site-login-test-session-secret-0123456789',
			store,
			resave: false,
			saveUninitialized: false,
			cookie: {httpOnly: true, sameSite: 'lax'},
		}),
	);

	for (const [path, onDisk] of Object.entries(ASSETS)) app.get(path, (_request, response) => response.sendFile(onDisk));

	app.get(SITE_PATHS.home, (request, response) => {
		const {user} = request.session;
		response.type('html').send(page('Home', user ? signedInPart(user) : signInForm));
	});

	app.get(SITE_PATHS.account, (request, response) => {
		const {user} = request.session;
		response.type('html').send(page('Account', user ? signedInPart(user) : ['<p id="site-user">Not signed in.</p>', ...signInForm]));
	});

	app.post(SITE_PATHS.login, express.urlencoded({extended: false, limit: '4kb'}), (request, response, next) => {
		const user = verifyCredentials(request.body?.email, request.body?.password);
		if (!user) {
			response.status(401).type('html').send(page('Home', ['<p role="alert">Wrong email or password.</p>', ...signInForm]));
			return;
		}

		// A new session id at sign-in: a session id planted before the login cannot be ridden afterwards.
		request.session.regenerate((error) => {
			if (error) return next(error);
			request.session.user = user;
			response.redirect(303, SITE_PATHS.account);
		});
	});

	app.post(SITE_PATHS.logout, (request, response, next) => {
		// Only the site's own sign-out: the SDK is not told, and learns it at the next page's restore (401).
		request.session.destroy((error) => {
			if (error) return next(error);
			response.clearCookie(SESSION_COOKIE);
			response.redirect(303, SITE_PATHS.home);
		});
	});

	const handleJwt = toNodeHandler(
		createJwtHandler({
			keyId: TEST_KEY_ID,
			secret: TEST_SECRET,
			getUser: async (request) => nodeRequestOf<ExpressRequest>(request)?.session.user ?? null,
		}),
	);
	app.all(SITE_PATHS.jwt, async (request, response) => {
		const hadSessionCookie = (request.headers.cookie ?? '').includes(`${SESSION_COOKIE}=`);
		response.on('finish', () => jwtRequests.push({status: response.statusCode, hadSessionCookie}));
		await handleJwt(request, response);
	});

	app.post(PAGE_ERROR_PATH, express.text({type: () => true, limit: '16kb'}), (request, response) => {
		pageErrors.push(String(request.body));
		response.status(204).end();
	});

	// What Zendesk's servers check, on behalf of the widget stand-in (harness/zendesk-stand-in.js posts here).
	app.post('/__verify', express.json({limit: '16kb'}), (request, response) => {
		const {jwt, kid} = (request.body ?? {}) as {jwt?: unknown; kid?: unknown};
		response.json({...verifyJwt(jwt, Date.now(), typeof kid === 'string' ? {keyId: kid} : {}), serverNowMs: Date.now()});
	});

	const server: Server = await new Promise((resolve) => {
		const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
	});
	const {port} = server.address() as AddressInfo;

	return {
		origin: `http://127.0.0.1:${port}`,
		jwtRequests,
		pageErrors,
		endAllSessions: () => new Promise<void>((resolve, reject) => store.clear((error?: unknown) => (error ? reject(error) : resolve()))),
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
