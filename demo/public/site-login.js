/*
The Site login page: a site that signs its visitors in itself. Its form is a plain HTML form (the site's, not ours);
the server renders who its session says is signed in (body data-site-user). The script-tag bundle, with only
data-refresh-endpoint, created window.ZendeskMessagingAuth.instance and restored the chat from that session; this
script shows what it does, and wires the two sign-outs. Everything is rendered as text (textContent), never as markup.
*/
import {createEventLog} from './qa/event-log.js';
import {describeToken} from './qa/format.js';
import {logSdkEvents} from './qa/sdk-events.js';
import {describeWidgetMode, loadStandInLate} from './qa/widget-mode.js';

const SIGN_IN_ERRORS = {
	failed: 'Wrong email or password.',
	limited: 'Too many failed sign-in attempts for this account or from this address: wait a minute.',
};

const mode = document.body.dataset.widgetMode;
const siteUser = document.body.dataset.siteUser;
const log = createEventLog(document.getElementById('event-log'));
const errorLine = document.getElementById('site-error');
const statusLine = document.getElementById('site-status');
document.getElementById('clear-log').addEventListener('click', () => log.clear());
describeWidgetMode(mode);
addEventListener('messenger-stand-in', (event) => log.add('widget', event.detail.text, event.detail.failed ? 'error' : 'info'));

// The site's own part: the server said who is signed in.
document.getElementById('site-sign-in').hidden = Boolean(siteUser);
document.getElementById('site-signed-in').hidden = !siteUser;
document.getElementById('site-who').textContent = siteUser ? `Signed in to the site as ${siteUser}` : '';

const failure = new URLSearchParams(location.search).get('signin');
if (failure) {
	errorLine.textContent = SIGN_IN_ERRORS[failure] ?? 'The sign-in failed.';
	// A reload should not show the old failure again.
	history.replaceState(null, '', location.pathname);
}

const auth = globalThis.ZendeskMessagingAuth?.instance;
const state = document.getElementById('sdk-state');
const who = document.getElementById('sdk-who');
const render = () => {
	state.textContent = auth ? auth.state : 'no instance';
	who.textContent = auth?.session ? describeToken(auth.session.claims) : '—';
};

if (auth) {
	log.add('page', `loaded; site session: ${siteUser || 'none'}; SDK state ${auth.state}; widget: ${mode}`);
	logSdkEvents(auth, log);
	auth.on('statechange', render);
	auth.on('login', render);
} else {
	log.add('page', 'The script-tag bundle created no instance (is it built? see the console).', 'error');
}

render();

async function post(path) {
	const response = await fetch(path, {method: 'POST'});
	if (!response.ok) throw new Error(`${path} answered HTTP ${response.status}`);
}

// The site's own sign-out, then the SDK's: the chat is signed out on this page, not only on the next one.
const signOutLink = document.getElementById('site-sign-out');
signOutLink.addEventListener('click', async (event) => {
	event.preventDefault();
	try {
		await post('/site/sign-out');
		log.add('page', 'signed out of the site (POST /site/sign-out); calling auth.logout()');
		await auth?.logout();
		location.assign(signOutLink.href);
	} catch (error) {
		errorLine.textContent = `Sign-out failed: ${error.message}`;
	}
});

document.getElementById('end-session').addEventListener('click', async () => {
	try {
		await post('/site/end-session');
		log.add('page', 'the site session ended on the server only: the SDK was not told');
		statusLine.textContent = 'The site session has ended on the server. This page and the SDK do not know yet: reload, and the chat is signed out.';
	} catch (error) {
		errorLine.textContent = `Ending the session failed: ${error.message}`;
	}
});

if (mode === 'late') loadStandInLate(log);
