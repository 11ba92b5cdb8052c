/*
Offline messenger stand-in: window.zE as the Zendesk messaging Web Widget defines it (see zendesk-widget.md),
for the demo and QA without a Zendesk account or network. A classic script, loaded like the real snippet.

- zE('messenger', 'loginUser', jwtCallback, loginCallback): calls jwtCallback(provide); each JWT handed to
  provide() is checked by the demo backend (POST /demo/verify: HS256 signature, kid, scope, external_id, exp),
  as Zendesk's servers would; loginCallback gets null, or a LoginFailedError {message, reason, type}.
- Once the token it holds has expired it asks jwtCallback again (the "regeneration" the real widget does), and
  checks the new one. Like the real widget it reports a failure there only on the page, not through loginCallback.
- zE('messenger', 'logoutUser'): back to the pre-login state.
- Like the real widget it keeps its signed-in user across page loads (zendesk-widget.md, pitfall 6): the name, email
  and external_id (never the JWT) in localStorage under its own key. A page that finds one shows the chat signed in
  as that user until logoutUser, or a loginUser that signs in someone else: so QA sees the chat sign out only when
  the SDK tells it to.
- open, close, show, hide, messenger:on and messenger:set are accepted and do nothing.
A small panel shows what the chat would show ("Chat signed in: NAME", worded so as not to repeat the login
form's "Signed in as NAME", which tests and screen-reader users look for once per page); each change is also dispatched on window as a
`messenger-stand-in` event ({detail: {text, failed}}) for the QA page's log. All of it as text only.
*/
(() => {
	'use strict';
	// Loaded twice (a SPA re-adding the snippet): the first one stays, as with the real widget.
	if (typeof window.zE === 'function') return;

	const VERIFY_ENDPOINT = '/demo/verify';
	const STORAGE_KEY = 'messenger-stand-in:signed-in-user';
	// Asked again a little after expiry, so the expired token is surely refused by the real widget too.
	const REASK_AFTER_EXPIRY_MS = 500;
	const styles = new URL('messenger-stand-in.css', document.currentScript?.src ?? location.href).href;

	let panel;
	let statusLine;
	/** What the panel shows: kept, since zE may be called from <head>, before <body> exists. */
	let latest;
	/** Bumped by every loginUser and logoutUser: answers for an older login are dropped. */
	let loginId = 0;
	let signedIn = false;
	let reaskTimer;

	// Storage that throws (Safari private mode, storage disabled) is a widget that keeps nothing: never a page error.
	function readStoredUser() {
		try {
			const user = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null');
			return user && typeof user.externalId === 'string' && user.externalId !== '' ? user : null;
		} catch {
			return null;
		}
	}

	function storeUser(user) {
		try {
			if (user) localStorage.setItem(STORAGE_KEY, JSON.stringify(user));
			else localStorage.removeItem(STORAGE_KEY);
		} catch {
			// See readStoredUser.
		}
	}

	const nameOf = ({name, email, externalId}) => `${name || email || externalId}${name && email ? ` (${email})` : ''}`;

	function render() {
		if (!panel) {
			const link = document.createElement('link');
			link.rel = 'stylesheet';
			link.href = styles;
			document.head.append(link);
			panel = document.createElement('aside');
			panel.className = 'messenger-stand-in';
			panel.setAttribute('aria-label', 'Messenger stand-in');
			const title = document.createElement('p');
			title.className = 'messenger-stand-in-title';
			title.textContent = 'Messenger stand-in (offline)';
			statusLine = document.createElement('p');
			statusLine.className = 'messenger-stand-in-status';
			statusLine.setAttribute('role', 'status');
			panel.append(title, statusLine);
			document.body.append(panel);
		}

		statusLine.textContent = latest.text;
		panel.dataset.failed = String(latest.failed);
	}

	function show(text, {failed = false} = {}) {
		const waiting = latest !== undefined && !panel;
		latest = {text, failed};
		if (document.body) render();
		else if (!waiting) document.addEventListener('DOMContentLoaded', render, {once: true});
		window.dispatchEvent(new CustomEvent('messenger-stand-in', {detail: {text, failed}}));
	}

	const loginFailedError = (reason, message) => ({message, reason, type: 'LoginFailedError'});

	async function verify(jwt) {
		try {
			const response = await fetch(VERIFY_ENDPOINT, {method: 'POST', headers: {'content-type': 'application/json'}, body: JSON.stringify({jwt})});
			if (!response.ok) return {ok: false, reason: 'network', message: `The verification endpoint answered HTTP ${response.status}.`};
			return await response.json();
		} catch (error) {
			return {ok: false, reason: 'network', message: `The verification endpoint could not be reached (${error.message}).`};
		}
	}

	/** Asks jwtCallback for a token and checks it. `report` is loginCallback for the login itself, absent for a re-ask. */
	function askForToken(id, jwtCallback, report) {
		let provided = false;
		const provide = async (jwt) => {
			// Each ask takes one answer; a late second provide() is ignored.
			if (provided || id !== loginId) return;
			provided = true;
			const result = typeof jwt === 'string' && jwt !== '' ? await verify(jwt) : {ok: false, reason: 'invalid_jwt', message: `jwtCallback provided ${jwt === null ? 'null' : typeof jwt}, not a JWT.`};
			if (id !== loginId) return;
			if (!result.ok) {
				signedIn = false;
				storeUser(null);
				show(`Chat login failed: LoginFailedError (reason: ${result.reason}) ${result.message}`, {failed: true});
				report?.(loginFailedError(result.reason, result.message));
				return;
			}

			const {name, email, external_id: externalId} = result.claims;
			const expiry = result.expiresInMs === null ? 'never expires' : `expires at ${new Date(Date.now() + result.expiresInMs).toLocaleTimeString('en-GB', {hour12: false})}`;
			const user = {externalId, ...(name ? {name} : {}), ...(email ? {email} : {})};
			show(`Chat signed in: ${nameOf(user)}; its token ${expiry}.`);
			signedIn = true;
			storeUser(user);
			report?.(null);
			clearTimeout(reaskTimer);
			if (result.expiresInMs !== null) {
				reaskTimer = setTimeout(() => {
					if (id !== loginId) return;
					show('Chat token expired: asking jwtCallback for a new one…');
					askForToken(id, jwtCallback);
				}, result.expiresInMs + REASK_AFTER_EXPIRY_MS);
			}
		};

		try {
			jwtCallback(provide);
		} catch (error) {
			show(`Chat login failed: jwtCallback threw (${error?.message ?? error}).`, {failed: true});
		}
	}

	function loginUser(jwtCallback, loginCallback) {
		const report = typeof loginCallback === 'function' ? loginCallback : undefined;
		if (typeof jwtCallback !== 'function') {
			// Pitfall 4: an object, a string, or nothing in place of the callback.
			show('loginUser needs a jwtCallback function as its first argument.', {failed: true});
			report?.(loginFailedError('invalid_jwt_callback', 'jwtCallback is not a function.'));
			return;
		}

		// Pitfall 2: one loginUser per sign-in. A second one without logoutUser works, but is worth seeing.
		if (signedIn) console.warn('messenger stand-in: loginUser called again without logoutUser in between.');
		const id = ++loginId;
		clearTimeout(reaskTimer);
		show('Chat signing in: asking jwtCallback for a token…');
		askForToken(id, jwtCallback, report);
	}

	function logoutUser() {
		loginId++;
		signedIn = false;
		storeUser(null);
		clearTimeout(reaskTimer);
		show('Chat signed out (logoutUser).');
	}

	const IGNORED = new Set(['open', 'close', 'show', 'hide']);

	window.zE = function zE(namespace, method, ...args) {
		if (namespace === 'messenger' && method === 'loginUser') return loginUser(...args);
		if (namespace === 'messenger' && method === 'logoutUser') return logoutUser();
		if ((namespace === 'messenger' && IGNORED.has(method)) || namespace === 'messenger:on' || namespace === 'messenger:set') return undefined;
		// Pitfall 8: classic-widget calls (zE('webWidget', …)) do nothing on messaging.
		console.warn(`messenger stand-in: zE(${JSON.stringify(namespace)}, ${JSON.stringify(method)}) is not a messaging API call; ignored.`);
		return undefined;
	};

	const restored = readStoredUser();
	// Not `signedIn`: that one means a loginUser of this page, and the SDK's loginUser at start-up is no misuse.
	if (restored) {
		show(`Chat signed in: ${nameOf(restored)}; kept from an earlier page, as the real widget keeps its user.`);
	} else {
		show('Chat ready, not signed in.');
	}
})();
