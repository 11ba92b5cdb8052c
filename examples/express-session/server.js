// A site with its own login (express-session). The chat follows the site's session: the SDK asks /api/zendesk/jwt,
// which mints a JWT for whoever req.session.user says is signed in, and nothing else of ours is needed.
import {createRequire} from 'node:module';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import express from 'express';
import session from 'express-session';
import {createJwtHandler, nodeRequestOf, toNodeHandler} from 'zendesk-messaging-auth/server';
import {PORT, SESSION_SECRET, WIDGET_KEY, ZENDESK_KEY_ID, ZENDESK_SECRET} from './config.js';
import {verifyPassword} from './users.js';

const SESSION_COOKIE = 'site.sid';

const app = express();
app.disable('x-powered-by');
// Behind a TLS-terminating proxy: app.set('trust proxy', 1), so the session cookie is Secure.
app.use(
	session({
		name: SESSION_COOKIE,
		secret: SESSION_SECRET,
		// The default MemoryStore is for development only: give it your Redis or database store in production.
		resave: false,
		saveUninitialized: false,
		cookie: {httpOnly: true, sameSite: 'lax', secure: 'auto'},
	}),
);

// The site's own POSTs come from its own pages only (the JWT endpoint checks this by itself).
function sameOriginOnly(request, response, next) {
	const site = request.get('sec-fetch-site');
	if (site !== undefined && site !== 'same-origin') return response.status(403).json({message: 'Cross-site request refused.'});
	next();
}

// The site's own sign-in, called by public/site.js. JSON only: an HTML form of another site cannot send it.
app.post('/login', sameOriginOnly, express.json({limit: '4kb'}), async (request, response, next) => {
	const account = await verifyPassword(request.body?.email, request.body?.password);
	if (!account) return response.status(401).json({message: 'Wrong email or password.'});
	// A new session id at sign-in: one planted before the login cannot be ridden afterwards.
	request.session.regenerate((error) => {
		if (error) return next(error);
		request.session.user = {externalId: account.id, name: account.name, email: account.email, emailVerified: true};
		response.json({name: account.name});
	});
});

// The site's own sign-out. public/site.js then calls auth.logout(): the chat is signed out at once.
app.post('/logout', sameOriginOnly, (request, response, next) => {
	request.session.destroy((error) => {
		if (error) return next(error);
		response.clearCookie(SESSION_COOKIE);
		response.status(204).end();
	});
});

// The JWT endpoint: who the site's session says the visitor is (nodeRequestOf gives back Express's req).
app.post(
	'/api/zendesk/jwt',
	toNodeHandler(
		createJwtHandler({
			keyId: ZENDESK_KEY_ID,
			secret: ZENDESK_SECRET,
			getUser: async (request) => nodeRequestOf(request)?.session.user ?? null,
		}),
	),
);

// The script-tag bundle from the installed package (a CDN works too: https://unpkg.com/zendesk-messaging-auth).
const packageDir = dirname(createRequire(import.meta.url).resolve('zendesk-messaging-auth/package.json'));
app.use('/vendor/zendesk-messaging-auth', express.static(join(packageDir, 'dist')));
app.use(express.static(fileURLToPath(new URL('public', import.meta.url))));

const escapeHtml = (value) => String(value).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

// One page: the site's sign-in form, or who is signed in; public/site.js switches between the two in place.
app.get('/', (request, response) => {
	const {user} = request.session;
	response.type('html').send(`<!doctype html>
<html lang="en">
<head>
	<meta charset="utf-8">
	<meta name="viewport" content="width=device-width, initial-scale=1">
	<title>Example portal</title>
	${WIDGET_KEY ? '' : '<script src="/messenger-stand-in.js"></script>'}
	<script src="/vendor/zendesk-messaging-auth/zendesk-messaging-auth.iife.min.js" defer
		data-refresh-endpoint="/api/zendesk/jwt"${WIDGET_KEY ? `\n\t\tdata-widget-key="${escapeHtml(WIDGET_KEY)}"` : ''}></script>
	<script src="/site.js" defer></script>
</head>
<body>
	<main>
		<h1>Example portal</h1>
		<form id="site-sign-in" aria-label="Sign in to the portal"${user ? ' hidden' : ''}>
			<label>Email <input name="email" type="email" autocomplete="username" required></label>
			<label>Password <input name="password" type="password" autocomplete="current-password" required></label>
			<button type="submit">Sign in to the portal</button>
			<p id="site-error" role="alert"></p>
		</form>
		<section id="site-account"${user ? '' : ' hidden'}>
			<p>Signed in to the portal as <span id="site-user">${user ? escapeHtml(user.name ?? user.externalId) : ''}</span></p>
			<button id="site-sign-out" type="button">Sign out of the portal</button>
		</section>
	</main>
</body>
</html>
`);
});

app.listen(PORT, () => console.log(`Listening on http://localhost:${PORT}`));
