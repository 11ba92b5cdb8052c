/*
The SPA path: the ES module build imported by a module script, used headless. The page's own form calls
login(); the SDK does the rest (refresh, widget, tabs). State and errors are shown as text only.
*/
import {createMessagingAuth, isMessagingAuthError} from '/dist/index.js';

const form = document.getElementById('spa-login');
const signedIn = document.getElementById('spa-signed-in');
const who = document.getElementById('spa-who');
const errorLine = document.getElementById('spa-error');
const stateLine = document.getElementById('spa-state');
const submit = form.querySelector('button[type="submit"]');

const auth = createMessagingAuth({
	tokenEndpoint: '/api/zendesk/token',
	refreshEndpoint: '/api/zendesk/refresh',
	logoutEndpoint: '/api/zendesk/logout',
	// Set by the demo server when ZENDESK_WIDGET_KEY is; otherwise the page's own zE (the stand-in) is used.
	...(document.body.dataset.widgetKey ? {widgetKey: document.body.dataset.widgetKey} : {}),
});

const showError = (error) => {
	errorLine.textContent = isMessagingAuthError(error) ? `${error.message} (${error.code})` : String(error);
};

function render() {
	const claims = auth.session?.claims;
	stateLine.textContent = auth.state;
	form.hidden = Boolean(claims);
	signedIn.hidden = !claims;
	who.textContent = claims ? `Signed in as ${claims.name || claims.email || claims.external_id}` : '';
	submit.disabled = auth.state === 'signing-in';
}

auth.on('statechange', render);
auth.on('login', render);
auth.on('logout', ({reason}) => {
	render();
	if (reason === 'expired') errorLine.textContent = 'Your session has ended. Please sign in again.';
});
auth.on('error', (error) => {
	// Widget problems do not stop the site session: shown, but the visitor stays signed in.
	if (error.code.startsWith('ERR_WIDGET')) showError(error);
});

form.addEventListener('submit', async (event) => {
	event.preventDefault();
	errorLine.textContent = '';
	const {email, password} = Object.fromEntries(new FormData(form));
	try {
		await auth.login({email, password});
		form.reset();
	} catch (error) {
		showError(error);
		form.elements.password.value = '';
	}
});

document.getElementById('spa-logout').addEventListener('click', () => {
	errorLine.textContent = '';
	auth.logout();
});

render();
