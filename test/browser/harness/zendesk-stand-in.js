/*
A stand-in for the Zendesk messaging Web Widget's `zE`, following shared/zendesk-widget.md:
- zE('messenger', 'loginUser', jwtCallback, loginCallback?) calls jwtCallback(provide); the JWT handed to
  provide() is checked as Zendesk would (HMAC, kid, scope, string external_id, exp on the server's clock) by
  the test backend's POST /__verify; the outcome goes to loginCallback(null | {message, reason, type}).
- Once the token it holds has expired (on the backend's clock, as Zendesk judges it, not the visitor's), it re-asks
  through the same jwtCallback (where "regeneration" must happen).
- zE('messenger', 'logoutUser') returns it to its pre-login state.
- Like the real widget it keeps its signed-in user across page loads (pitfall 6 of zendesk-widget.md): in localStorage
  under its own key, the external_id and name only (never the JWT). A page that loads and finds one comes up signed in
  as that user (record.restoredAs) until logoutUser, or a loginUser that signs in someone (or no one) else.
Everything is recorded on window.__zendesk, misuse included (provide(null), a second loginUser, wrong shapes).
Options come from this script's own URL: ?reask=0 (never re-ask), ?callback=0 (an old build that never calls
loginCallback), ?kid=other (expects another signing key id, so every token is refused), ?persist=0 (a widget that
forgets its user at every page load).
A classic script with no inline code, so it loads under a strict Content-Security-Policy; load it early (a <script>
before the SDK), late (page.addScriptTag at any time), or not at all.
*/
(function () {
	'use strict';

	var script = document.currentScript;
	var params = new URL(script && script.src ? script.src : location.href).searchParams;
	var options = {
		reask: params.get('reask') !== '0',
		callsLoginCallback: params.get('callback') !== '0',
		kid: params.get('kid') || undefined,
		persist: params.get('persist') !== '0',
	};
	var STORAGE_KEY = 'zendesk-stand-in:signed-in-user';

	if (window.__zendesk) {
		window.__zendesk.misuse.push('the widget script was loaded twice');
		return;
	}

	// Storage that throws (Safari private mode, storage disabled) is a widget that keeps nothing, never a page error.
	function readStoredUser() {
		if (!options.persist) return null;
		try {
			var value = JSON.parse(localStorage.getItem(STORAGE_KEY) || 'null');
			return value && typeof value.externalId === 'string' && value.externalId !== '' ? value : null;
		} catch (error) {
			return null;
		}
	}

	function writeStoredUser(user) {
		if (!options.persist) return;
		try {
			if (user) localStorage.setItem(STORAGE_KEY, JSON.stringify(user));
			else localStorage.removeItem(STORAGE_KEY);
		} catch (error) {
			// See readStoredUser.
		}
	}

	var restored = readStoredUser();

	var record = {
		loadedAt: Date.now(),
		/** Every zE call as "namespace method". */
		calls: [],
		loginUserCalls: 0,
		logoutUserCalls: 0,
		/** Times jwtCallback was called, and how many of those were re-asks after expiry. */
		asks: 0,
		reasks: 0,
		/** Every JWT handed to provide(), with the verdict. */
		received: [],
		/** Tokens that had already expired when handed over: must stay 0. */
		expiredReceived: 0,
		/** Tokens refused for any reason (expired included). */
		invalidReceived: 0,
		/** Wrong use of the API: must stay empty. */
		misuse: [],
		/** What loginCallback was (or would have been) given, in order. */
		loginResults: [],
		/** external_id of the visitor the widget is signed in as (restored from an earlier page included), or null. */
		signedInAs: restored ? restored.externalId : null,
		/** external_id of the user an earlier page load left it signed in as, or null. */
		restoredAs: restored ? restored.externalId : null,
		/** The JWT the widget currently holds. */
		token: null,
	};
	window.__zendesk = record;

	var current = null;
	var reaskTimer;

	function describe(value) {
		if (value === null) return 'null';
		if (typeof value === 'string') return value === '' ? '""' : 'a string';
		return typeof value;
	}

	function verify(jwt) {
		return fetch('/__verify', {
			method: 'POST',
			headers: {'content-type': 'application/json'},
			body: JSON.stringify({jwt: jwt, kid: options.kid}),
		}).then(function (response) {
			return response.json();
		});
	}

	/** Calls jwtCallback(provide) and resolves with the verdict on what was provided. */
	function ask(login, why) {
		record.asks++;
		if (why === 'reask') record.reasks++;
		return new Promise(function (resolve) {
			var answered = false;
			function provide(jwt) {
				if (answered) {
					record.misuse.push('provide() called twice for one jwtCallback');
					return;
				}

				answered = true;
				if (typeof jwt !== 'string' || jwt === '') {
					record.misuse.push('provide(' + describe(jwt) + ')');
					resolve({ok: false, reason: 'malformed'});
					return;
				}

				verify(jwt).then(
					function (result) {
						record.received.push({
							jwt: jwt,
							why: why,
							ok: result.ok,
							reason: result.reason || null,
							externalId: result.claims ? result.claims.external_id : null,
							exp: result.claims && typeof result.claims.exp === 'number' ? result.claims.exp : null,
						});
						if (!result.ok) record.invalidReceived++;
						if (result.reason === 'expired') record.expiredReceived++;
						result.jwt = jwt;
						resolve(result);
					},
					function (error) {
						record.misuse.push('verification failed: ' + error);
						resolve({ok: false, reason: 'malformed'});
					},
				);
			}

			try {
				login.jwtCallback(provide);
			} catch (error) {
				record.misuse.push('jwtCallback threw: ' + (error && error.message));
				resolve({ok: false, reason: 'malformed'});
			}
		});
	}

	function report(login, error) {
		record.loginResults.push(error);
		if (options.callsLoginCallback && typeof login.loginCallback === 'function') login.loginCallback(error);
	}

	function refusal(reason) {
		return {
			message: 'The JWT was refused (' + reason + ')',
			reason: reason === 'expired' ? 'expired_token' : 'invalid_auth',
			type: 'LoginFailedError',
		};
	}

	/** Who the widget is signed in as, now and on the next page load: claims of an accepted token, or null. */
	function signIn(claims) {
		record.signedInAs = claims ? claims.external_id : null;
		writeStoredUser(claims ? {externalId: claims.external_id, name: typeof claims.name === 'string' ? claims.name : null} : null);
	}

	function hold(login, result) {
		signIn(result.claims);
		clearTimeout(reaskTimer);
		if (!options.reask || typeof result.claims.exp !== 'number') return;
		// Re-ask once the held token has expired, as the widget does when it needs a token for the session.
		reaskTimer = setTimeout(function () {
			if (current !== login) return;
			ask(login, 'reask').then(function (next) {
				if (current !== login) return;
				if (next.ok) {
					record.token = next.jwt;
					hold(login, next);
				} else {
					// Mid-conversation expiry surfaces as a broken connection, not as an event (pitfall 5).
					signIn(null);
					record.token = null;
				}
			});
		}, Math.max(0, result.claims.exp * 1000 - result.serverNowMs) + 10);
	}

	function loginUser(jwtCallback, loginCallback) {
		record.loginUserCalls++;
		if (typeof jwtCallback !== 'function') {
			record.misuse.push('loginUser called with ' + describe(jwtCallback) + ' instead of a jwtCallback function');
			return;
		}

		if (loginCallback !== undefined && typeof loginCallback !== 'function') {
			record.misuse.push('loginUser called with ' + describe(loginCallback) + ' as loginCallback');
		}

		if (current) record.misuse.push('loginUser called again without logoutUser in between');
		clearTimeout(reaskTimer);
		var login = {jwtCallback: jwtCallback, loginCallback: loginCallback};
		current = login;
		ask(login, 'login').then(function (result) {
			if (current !== login) return;
			if (result.ok) {
				record.token = result.jwt;
				hold(login, result);
				report(login, null);
			} else {
				current = null;
				signIn(null);
				record.token = null;
				report(login, refusal(result.reason));
			}
		});
	}

	function logoutUser(extra) {
		record.logoutUserCalls++;
		if (extra !== undefined) record.misuse.push('logoutUser takes no arguments');
		current = null;
		clearTimeout(reaskTimer);
		signIn(null);
		record.token = null;
	}

	var QUIET = {open: 1, close: 1, show: 1, hide: 1};

	window.zE = function (namespace, method) {
		var args = Array.prototype.slice.call(arguments, 2);
		record.calls.push(namespace + ' ' + method);
		if (namespace === 'messenger' && method === 'loginUser') return loginUser(args[0], args[1]);
		if (namespace === 'messenger' && method === 'logoutUser') return logoutUser(args[0]);
		if (namespace === 'messenger' && QUIET[method]) return undefined;
		if (namespace === 'messenger:on' || namespace === 'messenger:set') return undefined;
		// Classic-widget calls do nothing on messaging (pitfall 8).
		record.misuse.push('zE(' + JSON.stringify(namespace) + ', ' + JSON.stringify(method) + ') is not a messaging API');
		return undefined;
	};
})();
