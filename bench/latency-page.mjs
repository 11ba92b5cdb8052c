/*
The pages the latency benchmark loads: the SDK's path and a hand-written `fetch → json → loginUser` path, each
with the same instrumented `zE` and `fetch`, so both measure "token response arrived → widget has the JWT".
*/

// Runs in the page before anything else: timestamps the token response's arrival and the widget's JWT.
export const probeScript = `
window.__bench = {arrivals: [], provided: []};
const originalFetch = window.fetch.bind(window);
window.fetch = async (...args) => {
	const response = await originalFetch(...args);
	window.__bench.arrivals.push(performance.now());
	return response;
};
new MutationObserver((_records, observer) => {
	if (document.querySelector('#support-login button')) {
		performance.mark('form-ready');
		observer.disconnect();
	}
}).observe(document, {subtree: true, childList: true});
window.zE = (namespace, method, jwtCallback) => {
	if (method !== 'loginUser') return;
	jwtCallback((jwt) => window.__bench.provided.push({at: performance.now(), ok: typeof jwt === 'string'}));
};
`;

// The hand-written integration an SDK must not be slower than.
export const handWrittenScript = `
window.handWrittenLogin = () =>
	fetch('/token', {method: 'POST', headers: {'content-type': 'application/json'}, body: JSON.stringify({email: 'ada@example.com', password: 'x'})})
		.then((response) => response.json())
		.then(({jwt}) => zE('messenger', 'loginUser', (provide) => provide(jwt)));
`;

export const page = (body) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title>
<script src="/probe.js"></script></head><body>${body}</body></html>`;
