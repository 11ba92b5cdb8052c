/*
A headless integration, as a single-page app would write it: its own login UI calling auth.login(), its own
sign-out button. window.__startApp(api) runs it against either build (app-iife.js, app-esm.js).
The createMessagingAuth options come from <script type="application/json" id="app-config"> (a data block,
never executed, so strict CSP pages can use it too).
*/
(function () {
	'use strict';

	function element(tag, attributes, children) {
		var node = document.createElement(tag);
		Object.keys(attributes || {}).forEach(function (name) {
			node.setAttribute(name, attributes[name]);
		});
		(children || []).forEach(function (child) {
			node.append(child);
		});
		return node;
	}

	window.__startApp = function (api) {
		var config = JSON.parse(document.getElementById('app-config').textContent);
		var auth = api.createMessagingAuth(config.options);
		window.auth = auth;
		window.__recordEvents(auth);

		var root = document.getElementById('app');
		var email = element('input', {name: 'email', type: 'email', id: 'app-email', autocomplete: 'username'});
		var password = element('input', {name: 'password', type: 'password', id: 'app-password', autocomplete: 'current-password'});
		var form = element('form', {'aria-label': 'Chat login', id: 'app-form'}, [
			element('label', {for: 'app-email'}, ['Your email']),
			email,
			element('label', {for: 'app-password'}, ['Your password']),
			password,
			element('button', {type: 'submit'}, ['Log in']),
		]);
		var status = element('p', {id: 'app-status', role: 'status'}, ['Not logged in']);
		var logout = element('button', {type: 'button', id: 'app-logout'}, ['Log out']);
		root.append(form, status, logout);

		function show(session) {
			status.textContent = session ? 'Chatting as ' + (session.claims.name || session.claims.email || session.claims.external_id) : 'Not logged in';
		}

		auth.on('login', function (event) {
			show(event.session);
		});
		auth.on('logout', function () {
			show(null);
		});
		form.addEventListener('submit', function (event) {
			event.preventDefault();
			auth.login({email: email.value, password: password.value}).then(
				function () {
					password.value = '';
				},
				function (error) {
					status.textContent = 'Login failed: ' + error.code;
				},
			);
		});
		logout.addEventListener('click', function () {
			auth.logout();
		});

		window.__app = {
			login: function (credentials) {
				return auth.login(credentials).then(
					function (session) {
						return {ok: true, externalId: session.claims.external_id};
					},
					function (error) {
						return {
							ok: false,
							code: error.code,
							name: error.name,
							isMessagingAuthError: error instanceof api.MessagingAuthError,
							message: error.message,
						};
					},
				);
			},
			logout: function () {
				return auth.logout();
			},
		};
	};
})();
