// Logins per second under load on loopback: the Express mounting of docs/server.md (createTokenHandler through toNodeHandler,
// with the session cookie and the login limits on, in the memory store and in a Redis on loopback) against a
// hand-written Express + express.json() + jsonwebtoken.sign route, in the same run. Each contender is its own
// process (bench/server-load-app.mjs) on 127.0.0.1; autocannon, here, sends 10,000 POSTs of good credentials (each
// for another account) over 50 keep-alive connections, three runs each, interleaved, after a warm-up. The Redis
// is Debian's redis-server, started here on a free loopback port with nothing written to disk, and stopped at exit.
// Prints requests/s (median of 3), p99 latency, errors (must be 0, or the script fails), heap before/after.
// Run after `npm run build` (the app imports dist/server.js): `npm run bench:server`. Takes about a minute.
import {fork, spawn} from 'node:child_process';
import {createHmac, timingSafeEqual} from 'node:crypto';
import {connect, createServer} from 'node:net';
import {fileURLToPath} from 'node:url';
import autocannon from 'autocannon';
import {CREDENTIALS, KEY_ID, LOAD_CREDENTIALS, SECRET} from './server-load-app.mjs';

const REQUESTS = 10_000;
const CONNECTIONS = 50;
const RUNS = 3;
const WARM_UP_REQUESTS = 2_000;
// Bounds: a request that takes 10 s counts as a timeout (an error); the whole script gives up after 10 minutes.
const REQUEST_TIMEOUT_SECONDS = 10;
const WATCHDOG_MS = 10 * 60_000;

const CONTENDERS = [
	{name: 'ours', label: 'createTokenHandler + toNodeHandler, limits on, memory store'},
	{name: 'ours-redis', label: 'createTokenHandler + toNodeHandler, limits on, redisStore (loopback)'},
	{name: 'hand-written', label: 'express.json() + jsonwebtoken.sign (hand-written, no limits)'},
];

let nextVisitor = 0;
const children = [];
const stopChildren = () => {
	for (const child of children) child.kill();
};
process.on('exit', stopChildren);
// Interrupted (Ctrl-C, kill): stop the children too, the Redis above all, which would outlive us.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));
const watchdog = setTimeout(() => {
	console.error(`bench:server: still running after ${WATCHDOG_MS / 1000} s; stopping.`);
	process.exit(1);
}, WATCHDOG_MS);
watchdog.unref();

/** Starts redis-server on a free loopback port (stopped with the other children) and resolves to its URL once it listens. */
async function startRedis() {
	const probe = createServer();
	await new Promise((resolve) => probe.listen(0, '127.0.0.1', resolve));
	const {port} = probe.address();
	await new Promise((resolve) => probe.close(resolve));
	const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {stdio: 'ignore'});
	children.push(child);
	child.once('error', (error) => {
		console.error(`bench:server: cannot start redis-server (apt-get install redis-server): ${error.message}`);
		process.exit(1);
	});
	for (let tries = 0; ; tries++) {
		const open = await new Promise((resolve) => connect(port, '127.0.0.1').once('connect', function () { this.destroy(); resolve(true); }).once('error', () => resolve(false)));
		if (open) return `redis://127.0.0.1:${port}`;
		if (tries > 500) throw new Error('redis-server did not listen within 10 s');
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}

/** Starts a contender's process and resolves to a handle once it listens. */
function start(name, redisUrl) {
	const child = fork(fileURLToPath(new URL('server-load-app.mjs', import.meta.url)), [name, redisUrl], {execArgv: ['--expose-gc'], stdio: 'inherit'});
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
						child.once('message', resolveHeap);
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
		// Each login for another visitor, as on a real site: another account, and another address (X-Forwarded-For
		// from the proxy that ours trusts, `trust proxy`; the hand-written route ignores it). The limits count per
		// account and per address, and count each attempt while it is in flight: 50 sign-ins at once from one address
		// would reach its limit of 50 by themselves.
		requests: [
			{
				setupRequest(request) {
					const visitor = nextVisitor++;
					const headers = {...request.headers, 'x-forwarded-for': `10.${(visitor >> 16) & 255}.${(visitor >> 8) & 255}.${visitor & 255}`};
					return {...request, headers, body: JSON.stringify(LOAD_CREDENTIALS(visitor))};
				},
			},
		],
		connections: CONNECTIONS,
		amount,
		timeout: REQUEST_TIMEOUT_SECONDS,
	});
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const format = (value) => Math.round(value).toLocaleString('en-US');
const mebibytes = (bytes) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

const redisUrl = await startRedis();
const servers = await Promise.all(CONTENDERS.map(({name}) => start(name, redisUrl)));
const results = CONTENDERS.map(({name, label}, index) => ({name, label, server: servers[index], rates: [], p99s: [], errors: 0, ok: 0}));
for (const result of results) result.cookies = await checkAnswer(result.name, result.server);

console.log(
	`Node ${process.version}, ${process.platform}/${process.arch}: ${REQUESTS.toLocaleString('en-US')} logins × ${RUNS} runs per contender, ${CONNECTIONS} keep-alive connections, 127.0.0.1, interleaved, after ${WARM_UP_REQUESTS.toLocaleString('en-US')} warm-up logins.\n`,
);
for (const result of results) await load(result.server, WARM_UP_REQUESTS);
for (const result of results) result.heapBefore = (await result.server.heap()).heap;
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
for (const result of results) {
	const after = await result.server.heap();
	result.heapAfter = after.heap;
	result.storeMisses = after.storeDeadlineMisses;
}

const rows = [
	['', 'median req/s', 'min – max', 'p99 (median)', 'errors', 'store calls past deadline', 'heap before → after'],
	...results.map((result) => [
		result.label,
		format(median(result.rates)),
		`${format(Math.min(...result.rates))} – ${format(Math.max(...result.rates))}`,
		`${median(result.p99s)} ms`,
		String(result.errors),
		result.storeMisses === undefined ? '—' : String(result.storeMisses),
		`${mebibytes(result.heapBefore)} → ${mebibytes(result.heapAfter)}`,
	]),
];
const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
for (const row of rows) console.log(row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('   '));

const handWritten = results.find((result) => result.name === 'hand-written');
const ratios = results.filter((result) => result !== handWritten).map((result) => ({name: result.name, ratio: median(result.rates) / median(handWritten.rates)}));
for (const {name, ratio} of ratios) console.log(`\n${name} / hand-written: ${ratio.toFixed(2)}× the requests per second`);
console.log(`(ours also sets the signed session cookie: ${results[0].cookies} Set-Cookie, hand-written ${handWritten.cookies}; and counts every attempt in its store.)`);
const ratio = Math.min(...ratios.map((entry) => entry.ratio));

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
