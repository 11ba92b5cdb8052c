/*
A stand-in for the Zendesk messaging Web Widget, for development and tests without a Zendesk account. It defines
window.zE with the two calls the SDK makes: zE('messenger', 'loginUser', jwtCallback, loginCallback) asks
jwtCallback for a JWT and answers loginCallback(null); zE('messenger', 'logoutUser') signs the chat out.
It verifies nothing (the real widget sends the JWT to Zendesk, which checks its signature with your shared
secret): it shows who the token names, in a corner of the page.
With a Zendesk account, leave this file out and load Zendesk's snippet instead (see README.md).
*/
(() => {
	'use strict';
	if (typeof window.zE === 'function') return;

	let status;
	function show(text) {
		if (!document.body) {
			document.addEventListener('DOMContentLoaded', () => show(text), {once: true});
			return;
		}
		if (!status) {
			const panel = document.createElement('aside');
			panel.setAttribute('aria-label', 'Chat (stand-in)');
			Object.assign(panel.style, {position: 'fixed', insetBlockEnd: '1rem', insetInlineEnd: '1rem', padding: '0.5rem 0.75rem', border: '1px solid #888', borderRadius: '0.5rem', background: '#fff', font: '14px system-ui, sans-serif'});
			status = document.createElement('p');
			status.setAttribute('role', 'status');
			status.style.margin = '0';
			panel.append(status);
			document.body.append(panel);
		}
		status.textContent = text;
	}

	function claimsOf(jwt) {
		try {
			const payload = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
			return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(payload), (char) => char.charCodeAt(0))));
		} catch {
			return null;
		}
	}

	// Each loginUser or logoutUser makes the answers of an earlier loginUser stale.
	let generation = 0;
	function loginUser(jwtCallback, loginCallback) {
		const mine = ++generation;
		jwtCallback((jwt) => {
			if (mine !== generation) return;
			const claims = typeof jwt === 'string' ? claimsOf(jwt) : null;
			if (!claims || typeof claims.external_id !== 'string') {
				show('Chat sign-in failed: not a JWT');
				loginCallback?.({type: 'LoginFailedError', reason: 'invalid_jwt', message: 'Not a JWT.'});
				return;
			}
			show(`Chat signed in as ${claims.name || claims.email || claims.external_id}`);
			loginCallback?.(null);
		});
	}

	function logoutUser() {
		generation++;
		show('Chat signed out');
	}

	window.zE = (namespace, method, ...args) => {
		if (namespace !== 'messenger') return;
		if (method === 'loginUser') loginUser(...args);
		else if (method === 'logoutUser') logoutUser();
	};
	show('Chat ready, not signed in');
})();
