#!/usr/bin/env node
/*
npm run bench: the SDK's own costs, measured in Debian's Chromium against a loopback server.
  1. latency from the token response's arrival to the widget's provide(jwt), on two paths, each against a
     hand-written fetch → json() → loginUser in the same browser (median of RUNS each, interleaved with it):
     (a) the headless ES module, (b) the main path: the script-tag bundle with the form mounted and tab sync on,
     signed in by filling and submitting the form (bench/latency-page.mjs describes the pages);
     Warm: the same page signs in again and again (after WARM_UP_ROUNDS not counted). Cold: the first sign-in on a
     fresh page (a window of its own, nothing compiled or cached before), as a visitor meets it: the main path only,
     against the hand-written form measured the same way, median of COLD_RUNS fresh pages each, interleaved;
  2. time from the script-tag bundle having arrived to the login form being interactive (median of RUNS page loads);
  3. the server signing ratio (bench/server-signing.mjs).
Prints one table; run it three times and quote the three runs in docs/development.md, "Size and speed", with the
date and machine. The goals (docs/development.md, "Size and speed"): an SDK overhead of at most 1 ms median warm on
both paths, and at most 3 ms cold.
Environment: BENCH_RUNS (samples per warm figure, default 25), BENCH_COLD_RUNS (fresh pages per cold figure, default
11), BENCH_SAMPLES=1 (also print every sample), BENCH_SKIP_SIGNING=1 (leave out step 3, for quick runs while working
on the latency), BENCH_COLD_ONLY=1 (the cold figure alone), BENCH_COMPARE=path/to/another.iife.min.js (that build
measured cold too, in the same runs: before/after), CHROMIUM_PATH. bench/profile-cold.mjs profiles the cold
path.
*/
import {spawnSync} from 'node:child_process';
import {createHmac, randomUUID} from 'node:crypto';
import {existsSync, readFileSync} from 'node:fs';
import {createServer} from 'node:http';
import {cpus} from 'node:os';
import {extname, join, normalize, resolve, sep} from 'node:path';
import {chromium} from 'playwright-core';
import {importMapFor} from './import-map.mjs';
import {profileColdSignIns} from './profile-cold.mjs';
import {
	formSdkPage,
	handWrittenFormPage,
	handWrittenFormScript,
	handWrittenHeadlessPage,
	handWrittenHeadlessScript,
	headlessSdkPage,
	probeScript,
	TOKEN_PATH,
	VISITOR,
} from './latency-page.mjs';
import {assertTabSyncOn, BenchmarkError, latencyOf, median, pageNotReady, runsFrom, summarise} from './latency-sample.mjs';

const RUNS = runsFrom(process.env.BENCH_RUNS);
const COLD_RUNS = runsFrom(process.env.BENCH_COLD_RUNS, 11, 'BENCH_COLD_RUNS');
const COLD_ONLY = Boolean(process.env.BENCH_COLD_ONLY);
const COLD_GOAL_MS = 3;
const COMPARE = process.env.BENCH_COMPARE;
// The first rounds warm up the JIT, the connection and the form's first render; they are not counted.
const WARM_UP_ROUNDS = 3;
const GOAL_MS = 1;
// How long one sign-in may take before the run is declared broken (a loopback round trip takes about 1 ms).
const RUN_DEADLINE_MS = 5000;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const ROOT = resolve(import.meta.dirname, '..');

const b64 = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
function jwt() {
	const now = Math.floor(Date.now() / 1000);
	const input = `${b64({alg: 'HS256', typ: 'JWT', kid: 'app_bench'})}.${b64({external_id: 'user-ada', scope: 'user', name: 'Ada Lovelace', iat: now, exp: now + 600, jti: randomUUID()})}`;
	return `${input}.${createHmac('sha256', 'bench-secret-bench-secret-bench-secret').update(input).digest('base64url')}`;
}

if (!existsSync(join(ROOT, 'dist/index.js')) || !existsSync(join(ROOT, 'dist/zendesk-messaging-auth.iife.min.js'))) {
	throw new BenchmarkError('ERR_NO_BUILD', 'dist/ has no build: run `npm run bench` (it builds first) or `npm run build`.');
}

const files = {
	'/probe.js': ['text/javascript', probeScript],
	'/hand-written-headless.js': ['text/javascript', handWrittenHeadlessScript],
	'/hand-written-form.js': ['text/javascript', handWrittenFormScript],
	'/headless-sdk.html': ['text/html', headlessSdkPage(await importMapFor('dist/index.js', ROOT))],
	'/headless-hand-written.html': ['text/html', handWrittenHeadlessPage],
	'/form-sdk.html': ['text/html', formSdkPage],
	// BENCH_COMPARE: another build of the script tag (an earlier commit's), measured cold beside this one.
	...(COMPARE ? {'/compare.js': ['text/javascript', readFileSync(COMPARE)], '/form-sdk-compare.html': ['text/html', formSdkPage.replace('/dist/zendesk-messaging-auth.iife.min.js', '/compare.js')]} : {}),
	'/form-hand-written.html': ['text/html', handWrittenFormPage],
};
const STATIC_ROOTS = ['/dist/', '/node_modules/'];

/** The JWTs the token endpoint answered since the last reset: each run must see exactly its own one. */
const served = [];
// Cross-origin isolation gives the pages 5 µs timers instead of 100 µs (bench/latency-page.mjs).
const ISOLATION = {'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp', 'cache-control': 'no-store'};
const server = createServer((request, response) => {
	const path = new URL(request.url, 'http://x').pathname;
	if (path === TOKEN_PATH) {
		request.resume();
		request.on('end', () => {
			const token = jwt();
			served.push(token);
			response.writeHead(200, {'content-type': 'application/json', 'cache-control': 'no-store'});
			response.end(JSON.stringify({jwt: token}));
		});
		return;
	}

	const file = normalize(join(ROOT, decodeURIComponent(path)));
	if (STATIC_ROOTS.some((prefix) => path.startsWith(prefix)) && file.startsWith(ROOT + sep) && ['.js', '.mjs'].includes(extname(file)) && existsSync(file)) {
		response.writeHead(200, {...ISOLATION, 'content-type': 'text/javascript'});
		response.end(readFileSync(file));
		return;
	}

	const known = files[path];
	response.writeHead(known ? 200 : 404, {...ISOLATION, 'content-type': known?.[0] ?? 'text/plain'});
	response.end(known?.[1] ?? 'not found');
});
await new Promise((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
const origin = `http://127.0.0.1:${server.address().port}`;

/** Signs in once through `signIn` and returns the sample: token response arrived → widget's provide(jwt). */
async function measure(target, path, signIn) {
	await target.evaluate(() => window.__bench.reset());
	served.length = 0;
	await signIn();
	const record = await target.evaluate((deadline) => window.__bench.settle(deadline), RUN_DEADLINE_MS);
	return latencyOf(record, [...served], path);
}

/**
Opens `path` in its own window and waits until `isReady` holds in it. A page that does not get there (a bare import
the import map lacks, a script error) is a BenchmarkError that carries the page's own errors.
*/
async function openPage(context, path, isReady) {
	const opened = await context.newPage();
	const pageErrors = [];
	opened.on('pageerror', (error) => pageErrors.push(error.message));
	opened.on('console', (message) => message.type() === 'error' && pageErrors.push(message.text()));
	try {
		await opened.goto(`${origin}${path}`);
		await isReady(opened);
	} catch (error) {
		throw pageNotReady(path, pageErrors, error);
	}

	if (!(await opened.evaluate(() => window.crossOriginIsolated))) {
		console.warn(`${path} is not cross-origin isolated: its timers resolve to 100 µs only.`);
	}

	return opened;
}

const PAGE_READY_MS = 15_000;
const hasSdkInstance = (opened) => opened.waitForFunction(() => window.auth, undefined, {timeout: PAGE_READY_MS});
const hasSignInButton = (opened) => opened.getByRole('button', {name: 'Sign in'}).waitFor({timeout: PAGE_READY_MS});
const hasHandWrittenLogin = (opened) => opened.waitForFunction(() => window.handWrittenLogin, undefined, {timeout: PAGE_READY_MS});

const browser = await chromium.launch({executablePath: CHROMIUM, args: CHROMIUM_ARGS});
try {
	// One context (window) per page. A page that is not its window's front tab is slowed down by Chromium (a form
	// sign-in measured 50 ms instead of 10 ms behind a second tab), and a visitor signs in in the tab in front. Apart,
	// the two SDK pages (one origin, one token endpoint) also cannot hand each other their sign-ins over tab sync.
	const fillAndSubmit = async (target, scope) => {
		await target.fill(`${scope} input[name=email]`, VISITOR.email);
		await target.fill(`${scope} input[name=password]`, VISITOR.password);
		return async () => target.click(`${scope} button`);
	};

	/** The first sign-in on a fresh page: a new window (its own profile), the page loaded, the form filled and submitted. */
	const coldSample = async (path, scope, name) => {
		const context = await browser.newContext();
		try {
			const fresh = await openPage(context, path, hasSignInButton);
			return await measure(fresh, name, await fillAndSubmit(fresh, scope));
		} finally {
			await context.close();
		}
	};

	const cold = {sdk: [], handWritten: [], compare: []};
	const coldPages = {
		sdk: ['/form-sdk.html', '#support-login'],
		handWritten: ['/form-hand-written.html', '#hand-login'],
		...(COMPARE ? {compare: ['/form-sdk-compare.html', '#support-login']} : {}),
	};
	for (let run = 0; run < COLD_RUNS; run++) {
		// A different side first in each run, so none always meets the machine as the previous page left it.
		const sides = Object.keys(coldPages);
		for (let index = 0; index < sides.length; index++) {
			const side = sides[(index + run) % sides.length];
			cold[side].push(await coldSample(...coldPages[side], `cold main path ${side}`));
		}
	}

	const coldRows = summarise(
		[
			{name: '(b) cold: the first sign-in on a fresh page, script tag, form mounted, tab sync on', sdk: cold.sdk, handWritten: cold.handWritten},
			...(COMPARE ? [{name: `(b) cold, the same with ${COMPARE} (BENCH_COMPARE)`, sdk: cold.compare, handWritten: cold.handWritten}] : []),
		],
		COLD_GOAL_MS,
	);
	const ms = (value) => `${value.toFixed(2)} ms`;
	const cpu = cpus()[0]?.model ?? 'unknown CPU';
	console.log(`\nzendesk-messaging-auth benchmark — ${new Date().toISOString().slice(0, 10)}, ${cpu}, ${cpus().length} cores, Node ${process.version}, Chromium ${browser.version()}`);
	const coldTable = () => {
		console.log(`\n| token response arrived → widget's provide(jwt), first sign-in, median of ${COLD_RUNS} fresh pages each | SDK | hand-written | SDK overhead | goal ≤ ${COLD_GOAL_MS} ms |`);
		console.log('|---|---:|---:|---:|---|');
		for (const row of coldRows) console.log(`| ${row.name} | ${ms(row.sdkMs)} | ${ms(row.handWrittenMs)} | ${ms(row.overheadMs)} | ${row.withinGoal ? 'met' : 'NOT met'} |`);
	};

	if (process.env.BENCH_PROFILE) {
		const shared = {browser, root: ROOT, runs: COLD_RUNS, openPage, fillAndSubmit, isReady: hasSignInButton, measure};
		await profileColdSignIns({...shared, path: '/form-sdk.html', scope: '#support-login'});
		await profileColdSignIns({...shared, path: '/form-hand-written.html', scope: '#hand-login'});
	}

	if (COLD_ONLY) {
		if (process.env.BENCH_SAMPLES) console.log(JSON.stringify(cold, (_key, value) => (typeof value === 'number' ? Number(value.toFixed(3)) : value)));
		coldTable();
		await browser.close();
		server.close();
		process.exit(0);
	}

	const headlessSdk = await openPage(await browser.newContext(), '/headless-sdk.html', hasSdkInstance);
	const headlessHandWritten = await openPage(await browser.newContext(), '/headless-hand-written.html', hasHandWrittenLogin);
	const formSdk = await openPage(await browser.newContext(), '/form-sdk.html', hasSignInButton);
	assertTabSyncOn(
		await formSdk.evaluate(() => {
			const instance = window.ZendeskMessagingAuth?.instance;
			return instance ? instance.getDiagnostics().tabSync : 'unknown: window.ZendeskMessagingAuth.instance is missing';
		}),
		'main path',
	);
	const formHandWritten = await openPage(await browser.newContext(), '/form-hand-written.html', hasSignInButton);

	const samplers = {
		headless: {
			sdk: () =>
				measure(headlessSdk, 'headless SDK', async () => {
					await headlessSdk.evaluate(async (credentials) => void (await window.auth.login(credentials)), VISITOR);
				}).finally(() => headlessSdk.evaluate(() => window.auth.logout())),
			handWritten: () => measure(headlessHandWritten, 'headless hand-written', () => headlessHandWritten.evaluate(() => window.handWrittenLogin())),
		},
		main: {
			sdk: async () => {
				const submit = await fillAndSubmit(formSdk, '#support-login');
				const sample = await measure(formSdk, 'main path SDK', submit);
				// Back to the form as the visitor would: the Sign out button.
				await formSdk.getByRole('button', {name: 'Sign out'}).click();
				await formSdk.getByRole('button', {name: 'Sign in'}).waitFor();
				return sample;
			},
			handWritten: async () => measure(formHandWritten, 'main path hand-written', await fillAndSubmit(formHandWritten, '#hand-login')),
		},
	};

	const samples = {headless: {sdk: [], handWritten: []}, main: {sdk: [], handWritten: []}};
	for (let round = 0; round < WARM_UP_ROUNDS + RUNS; round++) {
		for (const [path, sampler] of Object.entries(samplers)) {
			// Alternate which side goes first, so neither always follows the other's leftovers (GC, caches).
			const order = round % 2 ? ['handWritten', 'sdk'] : ['sdk', 'handWritten'];
			for (const side of order) {
				const sample = await sampler[side]();
				if (round >= WARM_UP_ROUNDS) samples[path][side].push(sample);
			}
		}
	}

	if (process.env.BENCH_SAMPLES) console.log(JSON.stringify({...samples, cold}, (_key, value) => (typeof value === 'number' ? Number(value.toFixed(3)) : value)));
	const loadContext = await browser.newContext();
	const interactive = [];
	for (let run = 0; run < RUNS; run++) {
		const form = await openPage(loadContext, '/form-sdk.html', hasSignInButton);
		interactive.push(
			await form.evaluate(() => {
				const script = performance.getEntriesByType('resource').find((entry) => entry.name.includes('iife.min.js'));
				const ready = performance.getEntriesByName('form-ready', 'mark')[0];
				return script && ready ? ready.startTime - script.responseEnd : Number.NaN;
			}),
		);
		await form.close();
	}

	if (interactive.some((value) => !Number.isFinite(value))) {
		throw new BenchmarkError('ERR_ARRIVAL_UNKNOWN', 'form interactive: a page load has no resource timing entry for the bundle, or no form-ready mark (bench/latency-page.mjs).');
	}

	const signing = process.env.BENCH_SKIP_SIGNING ? {stdout: '(server signing skipped: BENCH_SKIP_SIGNING)'} : spawnSync(process.execPath, [join(ROOT, 'bench/server-signing.mjs')], {encoding: 'utf8'});
	const rows = summarise(
		[
			{name: '(a) headless ES module, `auth.login()`', ...samples.headless},
			{name: '(b) script tag, form mounted, tab sync on, visitor fills + submits', ...samples.main},
		],
		GOAL_MS,
	);
	console.log(`\n| token response arrived → widget's provide(jwt), warm: median of ${RUNS} interleaved on one page | SDK | hand-written | SDK overhead | goal ≤ ${GOAL_MS} ms |`);
	console.log('|---|---:|---:|---:|---|');
	for (const row of rows) console.log(`| ${row.name} | ${ms(row.sdkMs)} | ${ms(row.handWrittenMs)} | ${ms(row.overheadMs)} | ${row.withinGoal ? 'met' : 'NOT met'} |`);
	console.log(`| script-tag bundle arrived → form interactive (median of ${RUNS} loads) | ${ms(median(interactive))} | | | |`);
	coldTable();
	console.log(`\n${signing.stdout || signing.stderr}`);
} finally {
	await browser.close();
	server.close();
}
