/*
Loaded before the SDK's bundle (a classic script, so it runs first): keeps every line the SDK writes to the console
(`console.debug` with the `debug` option on, and its warnings), for the QA page's "Debug log" card
(qa/debug-log.js), from the very first one. The browser's console still shows them.
*/
(function () {
	'use strict';

	var lines = [];
	window.__qaDebugLines = lines;
	['debug', 'warn'].forEach(function (level) {
		var original = console[level];
		console[level] = function () {
			var text = Array.prototype.map.call(arguments, String).join(' ');
			if (text.indexOf('zendesk-messaging-auth:') === 0) {
				var line = {level: level, text: text, at: new Date()};
				lines.push(line);
				dispatchEvent(new CustomEvent('qa-debug-line', {detail: line}));
			}

			return original.apply(console, arguments);
		};
	});
})();
