import {fork, type ChildProcess} from 'node:child_process';
import {existsSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {RedisServer, redisServerInstalled} from './redis-server.js';

/*
Two server processes of the built package (dist/server.js: `npm run build` first, as `npm test` does) sharing one
real redis-server, once with a client of the `redis` package and once with `ioredis`: limits and sign-outs hold
across processes, and a Redis that dies or hangs costs no hang and no crash, with recovery once it is back.
*/

const DIST = fileURLToPath(new URL('../../../dist/server.js', import.meta.url));
const APP = fileURLToPath(new URL('app.mjs', import.meta.url));
// The store's deadline is 500 ms (DEFAULT_STORE_TIMEOUT_MS); an answer within this bound is "within the deadline",
// with room for a loaded machine. A hung call would take the client's own timeouts (seconds to forever).
const ANSWERED_WITHIN_MS = 2500;
const PASSWORD = 'analytical-engine';

const available = redisServerInstalled();
if (!available && process.env['CI'] === 'true') throw new Error('redis-server is not installed: .ci/run installs it (apt-get install redis-server).');
if (!existsSync(DIST)) throw new Error('dist/server.js is missing: run `npm run build` first (npm test does).');

interface Stats {
	authenticateCalls: number;
	errors: string[];
}

interface AppProcess {
	base: string;
	stats(): Promise<Stats>;
}

const children: ChildProcess[] = [];

async function startApp(packageName: string, redisUrl: string): Promise<AppProcess> {
	const child = fork(APP, [packageName, redisUrl], {stdio: ['ignore', 'inherit', 'inherit', 'ipc']});
	children.push(child);
	const port = await new Promise<number>((resolve, reject) => {
		child.once('message', (message) => resolve((message as {port: number}).port));
		child.once('exit', (code) => reject(new Error(`the app process exited with ${code} before listening`)));
	});
	const base = `http://127.0.0.1:${port}`;
	return {base, stats: async () => (await (await fetch(`${base}/stats`)).json()) as Stats};
}

const post = (app: AppProcess, path: string, init: {body?: unknown; cookie?: string} = {}) =>
	fetch(`${app.base}${path}`, {
		method: 'POST',
		headers: {origin: app.base, ...(init.body === undefined ? {} : {'content-type': 'application/json'}), ...(init.cookie === undefined ? {} : {cookie: init.cookie})},
		...(init.body === undefined ? {} : {body: JSON.stringify(init.body)}),
		signal: AbortSignal.timeout(10_000),
	});

const signIn = (app: AppProcess, email: string, password: string) => post(app, '/api/zendesk/token', {body: {email, password}});
const cookieOf = (response: Response) => response.headers.getSetCookie()[0]!.split(';')[0]!;

/** Runs `request` and measures how long its answer took. */
async function timed(request: () => Promise<Response>): Promise<{status: number; ms: number}> {
	const started = performance.now();
	const response = await request();
	await response.arrayBuffer();
	return {status: response.status, ms: performance.now() - started};
}

/** Retries `attempt` every 100 ms until it is true: the clients reconnect on their own schedule. */
async function eventually(attempt: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
	const until = Date.now() + timeoutMs;
	while (!(await attempt())) {
		if (Date.now() > until) throw new Error(`still not ${what} after ${timeoutMs} ms`);
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

let redis: RedisServer;

beforeAll(async () => {
	if (available) redis = await RedisServer.start();
}, 20_000);

afterAll(async () => {
	for (const child of children) child.kill();
	await redis?.stop();
});

describe.skipIf(!available).each(['redis', 'ioredis'])('two server processes sharing one Redis, with a %s client', (packageName) => {
	let a: AppProcess;
	let b: AppProcess;
	// Accounts differ per client package: both describe blocks share the Redis.
	const account = (name: string) => `${name}-${packageName}@example.com`;

	beforeAll(async () => {
		[a, b] = await Promise.all([startApp(packageName, redis.url), startApp(packageName, redis.url)]);
	}, 20_000);

	it('a lockout reached through one process holds on the other: 429 with Retry-After, authenticate not called, even with the right password', async () => {
		const email = account('grace');
		for (let attempt = 1; attempt <= 5; attempt++) expect((await signIn(attempt % 2 ? a : b, email, `wrong-${attempt}`)).status).toBe(401);
		const callsBefore = (await b.stats()).authenticateCalls;

		const limited = await signIn(b, email, PASSWORD);
		expect(limited.status).toBe(429);
		const retryAfter = Number(limited.headers.get('retry-after'));
		expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 900).toBe(true);
		expect(await limited.json()).toEqual({message: expect.any(String)});
		expect((await b.stats()).authenticateCalls).toBe(callsBefore);
		expect((await signIn(a, email, PASSWORD)).status).toBe(429);
	});

	it('a success clears the account failures on every process', async () => {
		const email = account('ada');
		for (let attempt = 1; attempt <= 4; attempt++) expect((await signIn(a, email, 'wrong')).status).toBe(401);
		expect((await signIn(b, email, PASSWORD)).status).toBe(200);
		for (let attempt = 1; attempt <= 5; attempt++) expect((await signIn(a, email, 'wrong')).status).toBe(401);
		expect((await signIn(b, email, 'wrong')).status).toBe(429);
	});

	it('a sign-out on one process is final on the other: the copied cookie gets no JWT', async () => {
		const login = await signIn(a, account('mary'), PASSWORD);
		expect(login.status).toBe(200);
		const copy = cookieOf(login);
		expect((await post(b, '/api/zendesk/refresh', {cookie: copy})).status).toBe(200);

		expect((await post(a, '/api/zendesk/logout', {cookie: copy})).status).toBe(204);

		const afterSignOut = await post(b, '/api/zendesk/refresh', {cookie: copy});
		expect(afterSignOut.status).toBe(204);
		expect(await afterSignOut.text()).toBe('');
		expect(afterSignOut.headers.getSetCookie()[0]).toMatch(/^zendesk_messaging_session=; /);
		expect((await post(a, '/api/zendesk/refresh', {cookie: copy})).status).toBe(204);
	});

	it('Redis killed mid-run: sign-ins work without limits (reported to onError), refreshes answer 503 within the deadline; restarted, limits are back', async () => {
		const login = await signIn(a, account('ida'), PASSWORD);
		const cookie = cookieOf(login);
		const errorsBefore = (await a.stats()).errors.length;

		await redis.kill();
		try {
			// Past the limit of 5, and still never a 429: nothing is counted while the store is down.
			const email = account('katherine');
			for (let attempt = 1; attempt <= 7; attempt++) {
				const wrong = await timed(() => signIn(a, email, 'wrong'));
				expect(wrong).toEqual({status: 401, ms: expect.any(Number)});
				expect(wrong.ms).toBeLessThan(ANSWERED_WITHIN_MS);
			}

			const right = await timed(() => signIn(b, email, PASSWORD));
			expect(right.status).toBe(200);
			expect(right.ms).toBeLessThan(ANSWERED_WITHIN_MS);
			const refresh = await timed(() => post(b, '/api/zendesk/refresh', {cookie}));
			expect(refresh.status).toBe(503);
			expect(refresh.ms).toBeLessThan(ANSWERED_WITHIN_MS);
			const errors = (await a.stats()).errors.slice(errorsBefore);
			expect(errors.length).toBeGreaterThanOrEqual(7);
			expect(new Set(errors)).toEqual(new Set(['ERR_STORE_UNAVAILABLE']));
			expect((await b.stats()).errors).toContain('ERR_STORE_UNAVAILABLE');
		} finally {
			await redis.restart();
		}

		// Each process recovers by itself once its client has reconnected.
		for (const app of [a, b]) await eventually(async () => (await post(app, '/api/zendesk/refresh', {cookie})).status === 200, 'refreshing after the restart');
		const email = account('dorothy');
		for (let attempt = 1; attempt <= 5; attempt++) expect((await signIn(attempt % 2 ? a : b, email, 'wrong')).status).toBe(401);
		expect((await signIn(a, email, PASSWORD)).status).toBe(429);
		expect((await signIn(b, email, PASSWORD)).status).toBe(429);
	}, 60_000);

	it('Redis hanging (stopped, connections open): answers come within the deadline, and counts that land late are taken back', async () => {
		const login = await signIn(b, account('hedy'), PASSWORD);
		const cookie = cookieOf(login);
		const late = account('late');

		redis.pause();
		try {
			const [refresh, right, ...wrong] = await Promise.all([
				timed(() => post(a, '/api/zendesk/refresh', {cookie})),
				timed(() => signIn(b, account('hedy'), PASSWORD)),
				...[1, 2, 3].map(() => timed(() => signIn(a, late, 'wrong'))),
			]);
			expect([refresh.status, right.status, ...wrong.map(({status}) => status)]).toEqual([503, 200, 401, 401, 401]);
			for (const {ms} of [refresh, right, ...wrong]) expect(ms).toBeLessThan(ANSWERED_WITHIN_MS);
		} finally {
			redis.resume();
		}

		await eventually(async () => (await post(a, '/api/zendesk/refresh', {cookie})).status === 200, 'refreshing after Redis answers again');
		// The three attempts went on without limits: none of them counts now that Redis has caught up.
		for (let attempt = 1; attempt <= 5; attempt++) expect((await signIn(a, late, 'wrong')).status).toBe(401);
		expect((await signIn(a, late, PASSWORD)).status).toBe(429);
	}, 60_000);
});
