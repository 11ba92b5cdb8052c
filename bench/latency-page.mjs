/*
The pages `npm run bench` loads. Four measured pages, two paths, each path with its own hand-written counterpart:
  (a) headless: the ES module's `createMessagingAuth({tokenEndpoint})` (defaults, so tab sync on), signed in with
      `auth.login()`; against a hand-written `fetch → json() → loginUser` started the same way;
  (b) main: the script-tag bundle with `data-mount` (the form) and tab sync on (the default), signed in by filling
      and submitting the form as a visitor does; against a hand-written plain form whose submit handler does
      `fetch → json() → loginUser`.
Every page loads the same probe first, so both sides of each comparison are measured by the same code.
*/

export const TOKEN_PATH = '/token';

/*
Runs in the page before anything else. It provides the widget stand-in (`zE`) that stamps `provide(jwt)` with
performance.now(), and records what latency-sample.mjs checks: loginUser calls, provide() calls and the token
response's resource timing entry.

The token response's arrival instant is its PerformanceResourceTiming `responseEnd`: the time the browser's network
stack received the last byte, on the page's performance.now() clock. It is taken the same way whoever calls fetch
(the SDK's own code, ky, a hand-written integration), and it does not wait for the page's main thread. A patched
`window.fetch` would instead stamp when a page task got round to resolving the promise, so any work the SDK keeps the
main thread busy with while the response lands (the form's submit render) would be left out of its figure.
The pages are served cross-origin isolated (COOP + COEP in run.mjs) so that Chromium's timers resolve to 5 µs
rather than 100 µs.
*/
export const probeScript = `
window.__bench = (() => {
	const record = {provided: [], loginUserCalls: 0};
	let onProvided = () => {};
	performance.setResourceTimingBufferSize(10000);

	window.zE = (namespace, method, jwtCallback, loginCallback) => {
		if (namespace !== 'messenger' || method !== 'loginUser') return;
		record.loginUserCalls++;
		jwtCallback((jwt) => {
			record.provided.push({at: performance.now(), jwt});
			onProvided();
			// The real widget answers loginCallback after its own request: later, in another task.
			if (typeof loginCallback === 'function') setTimeout(() => loginCallback(null), 1);
		});
	};

	new MutationObserver((_records, observer) => {
		if (document.querySelector('#support-login button')) {
			performance.mark('form-ready');
			observer.disconnect();
		}
	}).observe(document, {subtree: true, childList: true});

	const tokenEntries = () =>
		performance
			.getEntriesByType('resource')
			.filter((entry) => new URL(entry.name).pathname === ${JSON.stringify(TOKEN_PATH)})
			.map(({name, responseEnd}) => ({name, responseEnd}));
	const snapshot = () => ({
		tokenEntries: tokenEntries(),
		provided: record.provided.map((call) => ({...call})),
		loginUserCalls: record.loginUserCalls,
	});

	return {
		/** Forgets the previous run: its provide() calls and its resource timing entries. */
		reset() {
			record.provided = [];
			record.loginUserCalls = 0;
			performance.clearResourceTimings();
		},
		/**
		What this run recorded, once the widget has its JWT and the browser has filed the token's timing entry, or
		at the deadline with whatever is there (latency-sample.mjs then says what is missing). Nothing is polled
		before provide(): no task of ours competes with the path being measured.
		*/
		async settle(deadlineMs) {
			const deadline = performance.now() + deadlineMs;
			if (record.provided.length === 0) {
				let timer;
				await new Promise((resolve) => {
					onProvided = resolve;
					timer = setTimeout(resolve, deadlineMs);
				});
				// A timer left pending would fire in the middle of a later run.
				clearTimeout(timer);
				onProvided = () => {};
			}

			while (record.provided.length > 0 && tokenEntries().length === 0 && performance.now() < deadline) {
				await new Promise((resolve) => setTimeout(resolve, 1));
			}

			// A second provide() or loginUser call would come in the next few tasks: give it the chance to show.
			await new Promise((resolve) => setTimeout(resolve, 5));
			return snapshot();
		},
		snapshot,
	};
})();
`;

const CREDENTIALS = {email: 'ada@example.com', password: 'analytical-engine'};
export const VISITOR = CREDENTIALS;

// (a) The hand-written integration an SDK must not be slower than, started from code like auth.login().
export const handWrittenHeadlessScript = `
window.handWrittenLogin = () =>
	fetch(${JSON.stringify(TOKEN_PATH)}, {method: 'POST', headers: {'content-type': 'application/json'}, body: JSON.stringify(${JSON.stringify(CREDENTIALS)})})
		.then((response) => response.json())
		.then(({jwt}) => zE('messenger', 'loginUser', (provide) => provide(jwt)));
`;

// (b) The same, behind a plain form of its own, submitted by the visitor.
export const handWrittenFormScript = `
document.querySelector('#hand-login').addEventListener('submit', (event) => {
	event.preventDefault();
	fetch(${JSON.stringify(TOKEN_PATH)}, {method: 'POST', headers: {'content-type': 'application/json'}, body: JSON.stringify(Object.fromEntries(new FormData(event.target)))})
		.then((response) => response.json())
		.then(({jwt}) => zE('messenger', 'loginUser', (provide) => provide(jwt)));
});
`;

/**
@param {string} body
@param {string} [head] extra head content (the import map)
*/
export const page = (body, head = '') => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title>
<script src="/probe.js"></script>${head}</head><body>${body}</body></html>`;

/** @param {Record<string, string>} importMap bare specifiers of dist/index.js → URLs */
export const headlessSdkPage = (importMap) =>
	page(
		`<script type="module">import {createMessagingAuth} from "/dist/index.js"; window.auth = createMessagingAuth({tokenEndpoint: ${JSON.stringify(TOKEN_PATH)}});</script>`,
		`<script type="importmap">${JSON.stringify({imports: importMap})}</script>`,
	);

export const handWrittenHeadlessPage = page('<script src="/hand-written-headless.js"></script>');

// The README's script tag (README, "A marketing site: one script tag"): no data-sync-tabs, so tab sync is on.
export const formSdkPage = page(
	`<div id="support-login"></div><script src="/dist/zendesk-messaging-auth.iife.min.js" data-token-endpoint="${TOKEN_PATH}" data-mount="#support-login"></script>`,
);

export const handWrittenFormPage = page(
	'<form id="hand-login"><label>Email <input name="email" type="email" required></label><label>Password <input name="password" type="password" required></label><button>Sign in</button></form><script src="/hand-written-form.js"></script>',
);
