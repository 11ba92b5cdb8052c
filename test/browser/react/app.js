/*
A small React 19 app on the built package, under StrictMode: the provider (options from the page's data block),
a status line and a Sign-out button of its own through useMessagingAuth(), and our <LoginForm>. Bundled by
bundle.ts (rollup, development React: StrictMode's double effects only run there).
It hands the instance the hook gives to pages/recorder.js (window.__events) and as window.auth to the probes.
*/
import {createElement as h, StrictMode, useEffect} from 'react';
import {createRoot} from 'react-dom/client';
import {isMessagingAuthError} from 'zendesk-messaging-auth';
import {LoginForm, MessagingAuthProvider, useMessagingAuth} from 'zendesk-messaging-auth/react';

const {options} = JSON.parse(document.getElementById('app-config').textContent);

/** Every instance a component was handed: StrictMode's discarded one must never reach the app. */
window.__instancesSeen = [];

function ChatStatus() {
	const {state, session, error, auth, logout} = useMessagingAuth();
	useEffect(() => {
		if (!auth) return;
		if (!window.__instancesSeen.includes(auth)) window.__instancesSeen.push(auth);
		window.auth = auth;
		window.__recordEvents(auth);
	}, [auth]);

	return h(
		'section',
		{'aria-label': 'Chat status'},
		h('p', {id: 'chat-state'}, state),
		h('p', {id: 'chat-who'}, session ? String(session.claims.name ?? session.claims.external_id) : ''),
		h('p', {id: 'chat-error'}, error && isMessagingAuthError(error) ? error.code : ''),
		h('button', {type: 'button', onClick: () => void logout()}, 'Leave chat'),
	);
}

createRoot(document.getElementById('app')).render(
	h(StrictMode, null, h(MessagingAuthProvider, {options}, h(ChatStatus), h(LoginForm, {className: 'support-login'}))),
);
