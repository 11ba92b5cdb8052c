/*
The first script of every test page: records what the tests assert on, from the very start.
- window.__cspViolations: every securitypolicyviolation event.
- window.__pageErrors: uncaught errors and unhandled rejections, each also POSTed to the test server
  (harness/server.ts, PAGE_ERROR_PATH): WebKit's driver reports neither console nor errors, so every engine uses this.
- window.__consoleErrors: what console.error printed; window.__consoleLines: every console line, {level, text}.
- window.__pageshows: `persisted` of every pageshow event (true: the page came back from the back/forward cache).
- window.__events: the SDK instance's events, once window.__recordEvents(instance) was called (the headless
  app calls it; the script-tag instance, window.ZendeskMessagingAuth.instance, is picked up as soon as it exists).
*/
(function () {
	'use strict';

	var events = [];
	var violations = [];
	var pageErrors = [];
	var consoleErrors = [];
	window.__events = events;
	window.__cspViolations = violations;
	window.__pageErrors = pageErrors;
	window.__consoleErrors = consoleErrors;
	var pageshows = [];
	window.__pageshows = pageshows;
	window.addEventListener('pageshow', function (event) {
		pageshows.push(event.persisted);
	});

	function reportPageError(message) {
		pageErrors.push(message);
		try {
			navigator.sendBeacon('/__page-error', message);
		} catch (error) {
			// The record on window is still there.
		}
	}

	var consoleError = console.error;
	console.error = function () {
		consoleErrors.push(Array.prototype.map.call(arguments, String).join(' '));
		return consoleError.apply(console, arguments);
	};

	// Every line of every level, in order (the debug log, warnings): {level, text}.
	var consoleLines = [];
	window.__consoleLines = consoleLines;
	['debug', 'info', 'log', 'warn', 'error'].forEach(function (level) {
		var original = console[level];
		console[level] = function () {
			consoleLines.push({level: level, text: Array.prototype.map.call(arguments, String).join(' ')});
			return original.apply(console, arguments);
		};
	});

	// A page that plays one without any error listener of its own (data-record-events="false") gets no recorded events.
	var recordEvents = !(document.currentScript && document.currentScript.getAttribute('data-record-events') === 'false');

	document.addEventListener('securitypolicyviolation', function (event) {
		violations.push({
			directive: event.violatedDirective,
			blockedURI: event.blockedURI,
			sourceFile: event.sourceFile,
			line: event.lineNumber,
			sample: event.sample,
		});
	});

	window.addEventListener('error', function (event) {
		if (event.error || event.message) reportPageError(String(event.message));
	});
	window.addEventListener('unhandledrejection', function (event) {
		var reason = event.reason;
		reportPageError('Unhandled rejection: ' + (reason && reason.message ? reason.message : String(reason)));
	});

	function summary(name, payload) {
		switch (name) {
			case 'statechange':
				return {type: name, state: payload.state, previous: payload.previous};
			case 'login':
			case 'refresh':
				return {type: name, externalId: payload.session.claims.external_id, exp: payload.session.claims.exp, jwt: payload.session.jwt};
			case 'logout':
				return {type: name, reason: payload.reason};
			case 'error':
				return {type: name, code: payload.code, name: payload.name, message: payload.message, status: payload.status};
			default:
				return {type: name};
		}
	}

	var recorded = [];
	window.__recordEvents = function (auth) {
		if (recorded.indexOf(auth) !== -1) return;
		recorded.push(auth);
		['statechange', 'login', 'refresh', 'logout', 'error'].forEach(function (name) {
			auth.on(name, function (payload) {
				events.push(summary(name, payload));
			});
		});
	};

	// The script tag creates its instance when it runs (plain, defer or async): attach as soon as it is there.
	var polls = 0;
	(function watchForInstance() {
		if (!recordEvents) return;
		var api = window.ZendeskMessagingAuth;
		if (api && api.instance) {
			window.__recordEvents(api.instance);
			return;
		}

		if (++polls < 1000) setTimeout(watchForInstance, 5);
	})();
})();
