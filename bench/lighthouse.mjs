#!/usr/bin/env node
/*
npm run bench:lighthouse: what the script tag costs a page whose visitor never signs in (PRODUCT.md, "A quiet start").
Lighthouse 12.2.3 (desktop preset) scores one marketing page twice: with the README's script tag (`defer`, the form
mounted, a signed-out first-time visitor) and the same page without it. Median of RUNS each, taken in turn. A local
server plays the CDN: every file compressed (brotli, else gzip, as the browser asks), with Content-Length and long
caching for the bundle, its source map beside it.
Targets: Accessibility and Best Practices equal, Performance within 2 points. Prints one table (run it three times
for docs/development.md, "Size and speed"); exits 1 when a target is missed or the page made a request to an
endpoint of ours.
Environment: LIGHTHOUSE_RUNS (default 3), CHROMIUM_PATH.
*/
import {existsSync, readFileSync} from 'node:fs';
import {createServer} from 'node:http';
import {cpus} from 'node:os';
import {join, resolve} from 'node:path';
import {brotliCompressSync, gzipSync} from 'node:zlib';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import {median, runsFrom} from './latency-sample.mjs';

const RUNS = runsFrom(process.env.LIGHTHOUSE_RUNS, 3, 'LIGHTHOUSE_RUNS');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// STYLE.md's launch flags for this closed network (chrome-launcher adds its own defaults).
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const ROOT = resolve(import.meta.dirname, '..');
const BUNDLE = 'dist/zendesk-messaging-auth.iife.min.js';
const CATEGORIES = ['performance', 'accessibility', 'best-practices'];
/** What the page with the SDK may lose against the page without it, in points. */
const ALLOWED_LOSS = {performance: 2, accessibility: 0, 'best-practices': 0};

if (!existsSync(join(ROOT, BUNDLE))) throw new Error(`${BUNDLE} is missing: run \`npm run bench:lighthouse\` (it builds first) or \`npm run build\`.`);

/*
The README's script tag for a marketing page. The endpoints a first-time visitor could make the SDK ask are the
refresh (start-up restore) and logout ones; this page carries the token endpoint only, so in every state of the
quiet start the signed-out visitor's page load asks nothing (the request count below checks it).
*/
const SCRIPT_TAG = `<script src="/${BUNDLE}" defer data-token-endpoint="/api/zendesk/token" data-mount="#support-login"></script>`;

const page = (withSdk) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="Harbour Tools: hand tools for boat builders, and help from people who use them.">
<title>Harbour Tools — support</title>
<style>
body { font: 16px/1.5 system-ui, sans-serif; color: #1a1a1a; margin: 0 auto; max-width: 42rem; padding: 1rem; }
h1 { font-size: 2rem; } a { color: #0b57a4; }
#support-login { min-height: 15rem; }
</style>
${withSdk ? SCRIPT_TAG : ''}
</head>
<body>
<header><h1>Harbour Tools support</h1></header>
<main>
<p>Questions about an order, a repair or a tool? Sign in to chat with the people who make them, or browse the
<a href="/guides">guides</a> first.</p>
<h2>Chat with us</h2>
<div id="support-login"></div>
<h2>Opening hours</h2>
<p>Monday to Friday, 8:00 to 18:00. We answer chats within the hour.</p>
</main>
</body>
</html>
`;

const pages = {'/with-sdk.html': page(true), '/without-sdk.html': page(false)};
const apiRequests = [];
const compressedCache = new Map();

function compressed(path, text, acceptEncoding) {
	const encoding = /\bbr\b/.test(acceptEncoding) ? 'br' : /\bgzip\b/.test(acceptEncoding) ? 'gzip' : 'identity';
	const key = `${encoding}:${path}`;
	if (!compressedCache.has(key)) {
		const body = encoding === 'br' ? brotliCompressSync(text) : encoding === 'gzip' ? gzipSync(text, {level: 9}) : Buffer.from(text);
		compressedCache.set(key, body);
	}

	return {encoding, body: compressedCache.get(key)};
}

const server = createServer((request, response) => {
	const path = new URL(request.url, 'http://x').pathname;
	if (path.startsWith('/api/')) {
		apiRequests.push(path);
		response.writeHead(204, {'cache-control': 'no-store'});
		response.end();
		return;
	}

	let text;
	let headers;
	if (path in pages) {
		text = pages[path];
		headers = {'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache'};
	} else if (path === `/${BUNDLE}` || path === `/${BUNDLE}.map`) {
		text = readFileSync(join(ROOT, path));
		// A CDN's headers for a versioned file.
		headers = {'content-type': path.endsWith('.map') ? 'application/json' : 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=31536000, immutable', 'access-control-allow-origin': '*'};
	} else if (path === '/favicon.ico') {
		response.writeHead(204, {'cache-control': 'public, max-age=86400'});
		response.end();
		return;
	} else {
		response.writeHead(404, {'content-type': 'text/plain'});
		response.end('not found');
		return;
	}

	const {encoding, body} = compressed(path, text, request.headers['accept-encoding'] ?? '');
	response.writeHead(200, {...headers, vary: 'accept-encoding', 'content-length': body.length, ...(encoding === 'identity' ? {} : {'content-encoding': encoding})});
	response.end(body);
});
await new Promise((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
const origin = `http://127.0.0.1:${server.address().port}`;

const chrome = await chromeLauncher.launch({chromePath: CHROMIUM, chromeFlags: CHROMIUM_FLAGS});
// A run stopped from outside must not leave its Chromium behind.
for (const signal of ['SIGINT', 'SIGTERM']) {
	process.once(signal, () => {
		chrome.kill();
		process.exit(130);
	});
}

const scores = {with: Object.fromEntries(CATEGORIES.map((name) => [name, []])), without: Object.fromEntries(CATEGORIES.map((name) => [name, []]))};
const failedAudits = {with: new Set(), without: new Set()};
/** The metrics behind the Performance score, as Lighthouse reports them (ms, CLS unitless). */
const METRICS = {'first-contentful-paint': 'First Contentful Paint', 'largest-contentful-paint': 'Largest Contentful Paint', 'total-blocking-time': 'Total Blocking Time', 'cumulative-layout-shift': 'Cumulative Layout Shift'};
const metrics = {with: Object.fromEntries(Object.keys(METRICS).map((id) => [id, []])), without: Object.fromEntries(Object.keys(METRICS).map((id) => [id, []]))};
let version = 'unknown';
try {
	for (let run = 0; run < RUNS; run++) {
		// In turn, each side first every other run, so neither always meets a warmer machine.
		for (const side of run % 2 ? ['without', 'with'] : ['with', 'without']) {
			const result = await lighthouse(`${origin}/${side}-sdk.html`, {port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES}, desktopConfig);
			const {lhr} = result;
			version = `Lighthouse ${lhr.lighthouseVersion}, ${lhr.environment.hostUserAgent.match(/Chrome\/[\d.]+/)?.[0] ?? 'Chromium'}`;
			if (lhr.runtimeError) throw new Error(`Lighthouse could not score ${side}-sdk.html: ${lhr.runtimeError.message}`);
			for (const name of CATEGORIES) scores[side][name].push(Math.round(lhr.categories[name].score * 100));
			for (const id of Object.keys(METRICS)) metrics[side][id].push(lhr.audits[id].numericValue);
			for (const name of CATEGORIES) {
				for (const {id} of lhr.categories[name].auditRefs) {
					const audit = lhr.audits[id];
					if (audit && audit.score !== null && audit.score < 1 && audit.scoreDisplayMode !== 'informative' && audit.scoreDisplayMode !== 'manual') failedAudits[side].add(`${id} (${name})`);
				}
			}
		}
	}
} finally {
	chrome.kill();
	server.close();
}

let missed = 0;
const cpu = cpus()[0]?.model ?? 'unknown CPU';
console.log(`\nzendesk-messaging-auth page cost — ${new Date().toISOString().slice(0, 10)}, ${cpu}, ${cpus().length} cores, Node ${process.version}, ${version}, desktop preset`);
console.log(`\n| Lighthouse, median of ${RUNS} | without the SDK | with the script tag | difference | target |`);
console.log('|---|---:|---:|---:|---|');
for (const name of CATEGORIES) {
	const without = median(scores.without[name]);
	const withSdk = median(scores.with[name]);
	const met = withSdk >= without - ALLOWED_LOSS[name];
	if (!met) missed++;
	const target = ALLOWED_LOSS[name] ? `within ${ALLOWED_LOSS[name]} points` : 'equal';
	console.log(`| ${name} | ${without} (${scores.without[name].join(', ')}) | ${withSdk} (${scores.with[name].join(', ')}) | ${withSdk - without} | ${target}: ${met ? 'met' : 'NOT met'} |`);
}

const metric = (id, value) => (id === 'cumulative-layout-shift' ? value.toFixed(3) : `${Math.round(value)} ms`);
for (const [id, label] of Object.entries(METRICS)) {
	const without = median(metrics.without[id]);
	const withSdk = median(metrics.with[id]);
	console.log(`| ${label} | ${metric(id, without)} | ${metric(id, withSdk)} | ${id === 'cumulative-layout-shift' ? (withSdk - without).toFixed(3) : `${Math.round(withSdk - without)} ms`} | reported |`);
}

console.log(`\nRequests to /api/ endpoints from the signed-out visitor's page loads: ${apiRequests.length}${apiRequests.length ? ` (${[...new Set(apiRequests)].join(', ')})` : ''}`);
const onlyWith = [...failedAudits.with].filter((audit) => !failedAudits.without.has(audit));
console.log(`Audits below full score with the SDK only: ${onlyWith.length ? onlyWith.join(', ') : 'none'}; on both pages: ${[...failedAudits.without].join(', ') || 'none'}`);
if (apiRequests.length) missed++;
process.exitCode = missed ? 1 : 0;
