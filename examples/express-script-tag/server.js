// A marketing site: one page with the script tag, and the three endpoints the SDK talks to.
import {createRequire} from 'node:module';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import express from 'express';
import {createLogoutHandler, createRefreshHandler, createTokenHandler, toNodeHandler} from 'zendesk-messaging-auth/server';
import {PORT, SESSION_SECRET, WIDGET_KEY, ZENDESK_KEY_ID, ZENDESK_SECRET} from './config.js';
import {verifyPassword} from './users.js';

const signingKey = {keyId: ZENDESK_KEY_ID, secret: ZENDESK_SECRET};
// The same session options for all three: the cookie the login sets is the one refresh and logout read.
const session = {sessionSecret: SESSION_SECRET, cookiePath: '/api/zendesk'};

const handleToken = createTokenHandler({
	...signingKey,
	session,
	async authenticate({email, password}) {
		const user = await verifyPassword(email, password);
		return user ? {externalId: user.id, name: user.name, email: user.email, emailVerified: true} : null;
	},
});
const handleRefresh = createRefreshHandler({...signingKey, session});
const handleLogout = createLogoutHandler({session});

const app = express();
app.disable('x-powered-by');
// Behind a TLS-terminating proxy: app.set('trust proxy', 1), so the URL is https and the cookie Secure.

app.post('/api/zendesk/token', toNodeHandler(handleToken));
app.post('/api/zendesk/refresh', toNodeHandler(handleRefresh));
app.post('/api/zendesk/logout', toNodeHandler(handleLogout));

// The script-tag bundle from the installed package (a CDN works too: https://unpkg.com/zendesk-messaging-auth).
const packageDir = dirname(createRequire(import.meta.url).resolve('zendesk-messaging-auth/package.json'));
app.use('/vendor/zendesk-messaging-auth', express.static(join(packageDir, 'dist')));
app.use(express.static(fileURLToPath(new URL('public', import.meta.url))));

app.get('/', (_request, response) => {
	response.type('html').send(`<!doctype html>
<html lang="en">
<head>
	<meta charset="utf-8">
	<meta name="viewport" content="width=device-width, initial-scale=1">
	<title>Example shop</title>
	${WIDGET_KEY ? '' : '<script src="/messenger-stand-in.js"></script>'}
	<script src="/vendor/zendesk-messaging-auth/zendesk-messaging-auth.iife.min.js" defer
		data-token-endpoint="/api/zendesk/token"
		data-refresh-endpoint="/api/zendesk/refresh"
		data-logout-endpoint="/api/zendesk/logout"
		data-mount="#support-login"${WIDGET_KEY ? `\n\t\tdata-widget-key="${WIDGET_KEY.replace(/[^\w-]/g, '')}"` : ''}></script>
</head>
<body>
	<main>
		<h1>Example shop</h1>
		<p>Sign in below and the support chat knows who you are.</p>
		<div id="support-login"></div>
	</main>
</body>
</html>
`);
});

app.listen(PORT, () => console.log(`Listening on http://localhost:${PORT}`));
