#!/usr/bin/env node
/*
npm run bench: the SDK's own costs, measured in Debian's Chromium against a loopback server.
  1. latency from the token response's arrival to the widget receiving the JWT, SDK vs a hand-written
     fetch → json() → loginUser in the same page (median of RUNS each, interleaved);
  2. time from the script-tag bundle having arrived to the login form being interactive (median of RUNS page loads);
  3. the server signing ratio (bench/server-signing.mjs).
Prints a table; paste it into the README's "Size and speed" section with the date and machine.
*/
import {spawnSync} from 'node:child_process';
import {createHmac, randomUUID} from 'node:crypto';
import {existsSync, readFileSync} from 'node:fs';
import {createServer} from 'node:http';
import {cpus} from 'node:os';
import {chromium} from 'playwright-core';
import {handWrittenScript, page, probeScript} from './latency-page.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 25);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const b64 = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
function jwt() {
	const now = Math.floor(Date.now() / 1000);
	const input = `${b64({alg: 'HS256', typ: 'JWT', kid: 'app_bench'})}.${b64({external_id: 'user-ada', scope: 'user', name: 'Ada Lovelace', iat: now, exp: now + 600, jti: randomUUID()})}`;
	return `${input}.${createHmac('sha256', 'bench-secret-bench-secret-bench-secret').update(input).digest('base64url')}`;
}

const files = {
	'/probe.js': ['text/javascript', probeScript],
	'/hand-written.js': ['text/javascript', handWrittenScript],
	'/sdk.html': ['text/html', page('<script type="module">import {createMessagingAuth} from "/dist/index.js"; window.auth = createMessagingAuth({tokenEndpoint: "/token", syncTabs: false});</script>')],
	'/hand-written.html': ['text/html', page('<script src="/hand-written.js"></script>')],
	'/form.html': ['text/html', page('<div id="support-login"></div><script src="/dist/zendesk-messaging-auth.iife.min.js" data-token-endpoint="/token" data-mount="#support-login" data-sync-tabs="false"></script>')],
};

const server = createServer((request, response) => {
	const path = new URL(request.url, 'http://x').pathname;
	if (path === '/token') {
		request.resume();
		request.on('end', () => {
			response.writeHead(200, {'content-type': 'application/json', 'cache-control': 'no-store'});
			response.end(JSON.stringify({jwt: jwt()}));
		});
		return;
	}

	if (path.startsWith('/dist/') && existsSync(`.${path}`)) {
		response.writeHead(200, {'content-type': 'text/javascript'});
		response.end(readFileSync(`.${path}`));
		return;
	}

	const file = files[path];
	response.writeHead(file ? 200 : 404, {'content-type': file?.[0] ?? 'text/plain'});
	response.end(file?.[1] ?? 'not found');
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

const median = (values) => {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = sorted.length >> 1;
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const browser = await chromium.launch({executablePath: CHROMIUM, args: CHROMIUM_ARGS});
try {
	const context = await browser.newContext();
	const sdk = await context.newPage();
	await sdk.goto(`${origin}/sdk.html`);
	await sdk.waitForFunction(() => window.auth);
	const handWritten = await context.newPage();
	await handWritten.goto(`${origin}/hand-written.html`);

	const measure = async (target, login) => {
		await target.evaluate(login);
		return target.evaluate(() => {
			const {arrivals, provided} = window.__bench;
			if (!provided.at(-1)?.ok) throw new Error('the widget did not get a JWT');
			return provided.at(-1).at - arrivals.at(-1);
		});
	};

	const latency = {sdk: [], handWritten: []};
	for (let run = 0; run < RUNS + 3; run++) {
		const sdkMs = await measure(sdk, async () => {
			await window.auth.login({email: 'ada@example.com', password: 'x'});
			await new Promise((resolve) => setTimeout(resolve));
			await window.auth.logout();
		});
		const handMs = await measure(handWritten, async () => {
			await window.handWrittenLogin();
			await new Promise((resolve) => setTimeout(resolve));
		});
		// The first runs warm up the JIT and the connection.
		if (run >= 3) {
			latency.sdk.push(sdkMs);
			latency.handWritten.push(handMs);
		}
	}

	const interactive = [];
	for (let run = 0; run < RUNS; run++) {
		const form = await context.newPage();
		await form.goto(`${origin}/form.html`);
		const button = form.getByRole('button', {name: 'Sign in'});
		await button.waitFor();
		interactive.push(
			await form.evaluate(() => {
				const script = performance.getEntriesByType('resource').find((entry) => entry.name.includes('iife.min.js'));
				const marks = performance.getEntriesByType('mark');
				return (marks.find((mark) => mark.name === 'form-ready')?.startTime ?? performance.now()) - script.responseEnd;
			}),
		);
		await form.close();
	}

	const signing = spawnSync(process.execPath, ['bench/server-signing.mjs'], {encoding: 'utf8'});
	const cpu = cpus()[0]?.model ?? 'unknown CPU';
	console.log(`\nzendesk-messaging-auth benchmark — ${new Date().toISOString().slice(0, 10)}, ${cpu}, ${cpus().length} cores, Node ${process.version}, ${browser.version()}`);
	console.log(`\n| measure (median of ${RUNS}) | SDK | hand-written | difference |`);
	console.log('|---|---|---|---|');
	const sdkLatency = median(latency.sdk);
	const handLatency = median(latency.handWritten);
	console.log(`| token response → widget has the JWT | ${sdkLatency.toFixed(2)} ms | ${handLatency.toFixed(2)} ms | ${(sdkLatency - handLatency).toFixed(2)} ms |`);
	console.log(`| script-tag bundle arrived → form interactive | ${median(interactive).toFixed(2)} ms | | |`);
	console.log(`\n${signing.stdout || signing.stderr}`);
} finally {
	await browser.close();
	server.close();
}
