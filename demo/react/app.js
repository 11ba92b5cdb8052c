/*
The React page of the demo: the built package's React subpath (zendesk-messaging-auth/react) under StrictMode,
our <LoginForm>, the hook's state and a Sign-out button, and the QA page's event log of every SDK event.
Bundled by demo/react/build.mjs at `npm run demo` time into /react-app.js; nothing inline (the demo's strict CSP).
*/
import {createElement as h, StrictMode, useEffect, useRef} from 'react';
import {createRoot} from 'react-dom/client';
import {LoginForm, MessagingAuthProvider, useMessagingAuth} from 'zendesk-messaging-auth/react';
import {createEventLog} from '../public/qa/event-log.js';
import {logSdkEvents} from '../public/qa/sdk-events.js';

const widgetKey = document.body.dataset.widgetKey;
const options = {
	tokenEndpoint: '/api/zendesk/token',
	refreshEndpoint: '/api/zendesk/refresh',
	logoutEndpoint: '/api/zendesk/logout',
	// Set by the demo server when ZENDESK_WIDGET_KEY is; otherwise the page's own zE (the stand-in) is used.
	...(widgetKey ? {widgetKey} : {}),
};

const log = createEventLog(document.getElementById('event-log'));
document.getElementById('clear-log').addEventListener('click', () => log.clear());
addEventListener('messenger-stand-in', (event) => log.add('widget', event.detail.text, event.detail.failed ? 'error' : 'info'));

/** Logs the instance's events once it exists (the provider creates it after mounting: StrictMode's first one never shows here). */
function EventLogFeed() {
	const {auth} = useMessagingAuth();
	const logged = useRef(new Set());
	useEffect(() => {
		if (!auth || logged.current.has(auth)) return;
		logged.current.add(auth);
		log.add('page', `provider ready (StrictMode); SDK state ${auth.state}`);
		logSdkEvents(auth, log);
	}, [auth]);
	return null;
}

function SessionFacts() {
	const {state, session, error, logout} = useMessagingAuth();
	const claims = session?.claims;
	return h(
		'div',
		{className: 'react-facts'},
		h('p', null, 'Hook state: ', h('output', {id: 'react-state'}, state)),
		h('p', null, 'Signed in as: ', h('output', {id: 'react-who'}, claims ? String(claims.name || claims.email || claims.external_id) : '—')),
		h('p', null, 'Last error: ', h('output', {id: 'react-error'}, error ? `${error.code}: ${error.message}` : '—')),
		h('button', {type: 'button', id: 'react-logout', disabled: !session, onClick: () => void logout()}, 'Sign out (from the hook)'),
	);
}

/*
Every shipped language, loaded when the page's <html lang> asks for it (the language picker sets it): the JSON the
script tag uses, fetched from the same place. An app would import the ones it needs (zendesk-messaging-auth/locales/fr).
*/
const LOCALES = 'ar cs da de es fi fr he hu id it ja ko nb nl pl pt pt-BR ro ru sv th tr uk vi zh-CN zh-TW'.split(' ').map((tag) => ({
	tag,
	load: () => fetch(`/locales/${tag}.json`).then((response) => response.json()),
}));

createRoot(document.getElementById('react-root')).render(
	h(
		StrictMode,
		null,
		h(MessagingAuthProvider, {options}, h(EventLogFeed), h(LoginForm, {className: 'react-login', locales: LOCALES}), h(SessionFacts)),
	),
);
