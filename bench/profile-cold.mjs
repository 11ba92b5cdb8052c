/*
Where the cold sign-in's milliseconds go (BENCH_PROFILE=1 npm run bench): a V8 CPU profile over CDP of the first
sign-in on fresh pages, cut to the window the bench measures (token response's responseEnd → the widget's provide),
self time per function summed over the runs, minified names mapped back through the bundle's source map.

The profile's clock is not the page's performance.now(): just before the click, the page runs a 5 ms busy loop in a
function named __zmaCalibrate, which returns its start on the page's clock; the first profile sample inside it gives
the offset between the two clocks (to within one sampling interval).
*/
import {readFileSync} from 'node:fs';
import {join} from 'node:path';

const SAMPLING_INTERVAL_US = 20;
const CALIBRATION = '__zmaCalibrate';

/** Maps bundle positions back to source names, when the source map and @jridgewell/trace-mapping are there. */
async function sourceMapper(root) {
	try {
		const {TraceMap, originalPositionFor} = await import('@jridgewell/trace-mapping');
		const map = new TraceMap(readFileSync(join(root, 'dist/zendesk-messaging-auth.iife.min.js.map'), 'utf8'));
		return ({lineNumber, columnNumber}) => {
			const original = originalPositionFor(map, {line: lineNumber + 1, column: columnNumber});
			return original.source ? `${original.name ?? '?'} ${original.source.replace(/^.*?(src|node_modules)\//, '$1/')}:${original.line}` : undefined;
		};
	} catch {
		return () => undefined;
	}
}

/** One profile's self time per function (ms) between `fromMs` and `toMs` on the page's clock. */
export function selfTimeInWindow(profile, calibrationStartMs, fromMs, toMs, describe) {
	const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
	const times = [];
	let at = profile.startTime;
	for (const delta of profile.timeDeltas) times.push((at += delta));
	const parents = new Map(profile.nodes.flatMap((node) => (node.children ?? []).map((child) => [child, node.id])));
	const inCalibration = (id) => {
		for (let node = id; node !== undefined; node = parents.get(node)) if (nodes.get(node)?.callFrame.functionName === CALIBRATION) return true;
		return false;
	};
	const calibrationSample = profile.samples.findIndex(inCalibration);
	if (calibrationSample < 0) throw new Error(`the profile has no sample in ${CALIBRATION}: the clocks cannot be matched.`);
	// Profile µs → page ms.
	const toPage = (us) => calibrationStartMs + (us - times[calibrationSample]) / 1000;
	const totals = new Map();
	for (let index = 0; index < profile.samples.length - 1; index++) {
		const start = toPage(times[index]);
		const end = toPage(times[index + 1]);
		const overlap = Math.min(end, toMs) - Math.max(start, fromMs);
		if (overlap <= 0) continue;
		const {callFrame} = nodes.get(profile.samples[index]);
		const url = callFrame.url.replace(/^https?:\/\/[^/]+/, '');
		const name =
			(url.endsWith('.iife.min.js') && describe(callFrame)) ||
			`${callFrame.functionName || '(anonymous)'}${url ? ` ${url}:${callFrame.lineNumber + 1}` : ''}`;
		totals.set(name, (totals.get(name) ?? 0) + overlap);
	}

	return totals;
}

/**
Profiles `runs` first sign-ins on fresh pages of `path` and prints the functions that took the most self time
inside the measured window, per run on average.
*/
export async function profileColdSignIns({browser, root, runs, path, scope, openPage, fillAndSubmit, isReady, measure}) {
	const describe = await sourceMapper(root);
	const summed = new Map();
	const latencies = [];
	for (let run = 0; run < runs; run++) {
		const context = await browser.newContext();
		try {
			const page = await openPage(context, path, isReady);
			const submit = await fillAndSubmit(page, scope);
			const cdp = await context.newCDPSession(page);
			await cdp.send('Profiler.enable');
			await cdp.send('Profiler.setSamplingInterval', {interval: SAMPLING_INTERVAL_US});
			await cdp.send('Profiler.start');
			const calibrationStartMs = await page.evaluate(`(function ${CALIBRATION}() { const start = performance.now(); while (performance.now() - start < 5); return start; })()`);
			let window;
			const latency = await measure(page, `profiled ${path}`, async () => {
				await submit();
			});
			window = await page.evaluate(() => ({
				from: performance.getEntriesByType('resource').find((entry) => new URL(entry.name).pathname === '/token').responseEnd,
				to: window.__bench.snapshot().provided[0].at,
			}));
			const {profile} = await cdp.send('Profiler.stop');
			latencies.push(latency);
			for (const [name, ms] of selfTimeInWindow(profile, calibrationStartMs, window.from, window.to, describe)) summed.set(name, (summed.get(name) ?? 0) + ms);
		} finally {
			await context.close();
		}
	}

	const total = [...summed.values()].reduce((sum, ms) => sum + ms, 0);
	console.log(`\n${path}: ${runs} profiled first sign-ins, mean window ${(total / runs).toFixed(2)} ms (latencies ${latencies.map((value) => value.toFixed(1)).join(', ')} ms)`);
	console.log('| self time in window, mean per run | ms | share |');
	console.log('|---|---:|---:|');
	for (const [name, ms] of [...summed].sort((a, b) => b[1] - a[1]).slice(0, 30)) {
		console.log(`| ${name} | ${(ms / runs).toFixed(3)} | ${((100 * ms) / total).toFixed(1)} % |`);
	}
}
