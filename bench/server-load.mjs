// Logins per second under load on loopback: the README's Express recipe (createTokenHandler through toNodeHandler,
// with the session cookie) against a hand-written Express + express.json() + jsonwebtoken.sign route, in the same
// run. Each contender is its own process (bench/server-load-app.mjs) on 127.0.0.1; autocannon, here, sends 10,000
// POSTs of good credentials over 50 keep-alive connections, three runs each, interleaved, after a warm-up.
// Prints requests/s (median of 3), p99 latency, errors (must be 0, or the script fails), heap before/after.
// Run after `npm run build` (the app imports dist/server.js): `npm run bench:server`. Takes about a minute.
import {fork} from 'node:child_process';
import {createHmac, timingSafeEqual} from 'node:crypto';
import {fileURLToPath} from 'node:url';
import autocannon from 'autocannon';
import {CREDENTIALS, KEY_ID, SECRET} from './server-load-app.mjs';

const REQUESTS = 10_000;
const CONNECTIONS = 50;
const RUNS = 3;
const WARM_UP_REQUESTS = 2_000;
// Bounds: a request that takes 10 s counts as a timeout (an error); the whole script gives up after 10 minutes.
const REQUEST_TIMEOUT_SECONDS = 10;
const WATCHDOG_MS = 10 * 60_000;

const CONTENDERS = [
	{name: 'ours', label: 'createTokenHandler + toNodeHandler (README recipe)'},
	{name: 'hand-written', label: 'express.json() + jsonwebtoken.sign (hand-written)'},
];

const children = [];
const stopChildren = () => {
	for (const child of children) child.kill();
};
process.on('exit', stopChildren);
const watchdog = setTimeout(() => {
	console.error(`bench:server: still running after ${WATCHDOG_MS / 1000} s; stopping.`);
	process.exit(1);
}, WATCHDOG_MS);
watchdog.unref();

/** Starts a contender's process and resolves to a handle once it listens. */
function start(name) {
	const child = fork(fileURLToPath(new URL('server-load-app.mjs', import.meta.url)), [name], {execArgv: ['--expose-gc'], stdio: 'inherit'});
	children.push(child);
	return new Promise((resolve, reject) => {
		child.once('error', reject);
		child.once('exit', (code) => reject(new Error(`${name} exited with ${code} before listening`)));
		child.once('message', ({port}) =>
			resolve({
				url: `http://127.0.0.1:${port}/api/zendesk/token`,
				origin: `http://127.0.0.1:${port}`,
				heap: () =>
					new Promise((resolveHeap) => {
						child.once('message', ({heap}) => resolveHeap(heap));
						child.send('heap');
					}),
			}),
		);
	});
}

/** Checks one answer by hand before loading: a 200 with a JWT that verifies as Zendesk would, so both do the same work. */
async function checkAnswer(name, server) {
	const response = await fetch(server.url, {method: 'POST', headers: {'content-type': 'application/json', origin: server.origin}, body: JSON.stringify(CREDENTIALS)});
	if (response.status !== 200) throw new Error(`${name} answered ${response.status} to good credentials`);
	const {jwt} = await response.json();
	const [header, payload, signature] = jwt.split('.');
	const expected = createHmac('sha256', SECRET).update(`${header}.${payload}`).digest();
	const actual = Buffer.from(signature, 'base64url');
	if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) throw new Error(`${name}: the JWT signature does not verify`);
	const {kid, alg} = JSON.parse(Buffer.from(header, 'base64url').toString());
	const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
	if (alg !== 'HS256' || kid !== KEY_ID || claims.scope !== 'user' || claims.external_id !== 'user-ada') throw new Error(`${name}: not a Zendesk JWT`);
	return response.headers.getSetCookie().length;
}

function load(server, amount) {
	return autocannon({
		url: server.url,
		method: 'POST',
		headers: {'content-type': 'application/json', origin: server.origin},
		body: JSON.stringify(CREDENTIALS),
		connections: CONNECTIONS,
		amount,
		timeout: REQUEST_TIMEOUT_SECONDS,
	});
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const format = (value) => Math.round(value).toLocaleString('en-US');
const mebibytes = (bytes) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

const servers = await Promise.all(CONTENDERS.map(({name}) => start(name)));
const results = CONTENDERS.map(({name, label}, index) => ({name, label, server: servers[index], rates: [], p99s: [], errors: 0, ok: 0}));
for (const result of results) result.cookies = await checkAnswer(result.name, result.server);

console.log(
	`Node ${process.version}, ${process.platform}/${process.arch}: ${REQUESTS.toLocaleString('en-US')} logins × ${RUNS} runs per contender, ${CONNECTIONS} keep-alive connections, 127.0.0.1, interleaved, after ${WARM_UP_REQUESTS.toLocaleString('en-US')} warm-up logins.\n`,
);
for (const result of results) await load(result.server, WARM_UP_REQUESTS);
for (const result of results) result.heapBefore = await result.server.heap();
for (let run = 0; run < RUNS; run++) {
	for (const result of results) {
		const outcome = await load(result.server, REQUESTS);
		const seconds = (outcome.finish.getTime() - outcome.start.getTime()) / 1000;
		result.rates.push(outcome.requests.total / seconds);
		result.p99s.push(outcome.latency.p99);
		result.errors += outcome.errors + outcome.timeouts + outcome.non2xx;
		result.ok += outcome['2xx'];
	}
}
for (const result of results) result.heapAfter = await result.server.heap();

const rows = [
	['', 'median req/s', 'min – max', 'p99 (median)', 'errors', 'heap before → after'],
	...results.map((result) => [
		result.label,
		format(median(result.rates)),
		`${format(Math.min(...result.rates))} – ${format(Math.max(...result.rates))}`,
		`${median(result.p99s)} ms`,
		String(result.errors),
		`${mebibytes(result.heapBefore)} → ${mebibytes(result.heapAfter)}`,
	]),
];
const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
for (const row of rows) console.log(row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('   '));

const [ours, handWritten] = results;
const ratio = median(ours.rates) / median(handWritten.rates);
console.log(
	`\nours / hand-written: ${ratio.toFixed(2)}× the requests per second (ours also sets the signed session cookie: ${ours.cookies} Set-Cookie, hand-written ${handWritten.cookies}).`,
);

const failures = results.filter((result) => result.errors > 0 || result.ok !== REQUESTS * RUNS);
stopChildren();
if (failures.length > 0) {
	console.error(`bench:server: errors under load (${failures.map((result) => `${result.name}: ${result.errors} errors, ${result.ok} of ${REQUESTS * RUNS} answered 2xx`).join('; ')}).`);
	process.exit(1);
}
if (ratio < 1) {
	console.error(`bench:server: ours is below the hand-written route (${ratio.toFixed(2)}×): profile the handler.`);
	process.exit(1);
}
