/*
docs/server.md, "Where the state lives": the Express recipe for several processes (test/recipes/redis-express.ts,
the very code of the block marked in the page), run twice as two app instances, each with its own Redis client, on a
real redis-server (test/server/redis/redis-server.ts): a sign-out through one is final on the other, and a lockout
reached through one holds on the other. The instances are two imports of the recipe module (a query string makes
each a module of its own), so each has its own client, store and handlers, as two processes would.
*/
import type {Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {RedisServer, redisServerInstalled} from '../server/redis/redis-server.js';

const available = redisServerInstalled();
if (!available && process.env['CI'] === 'true') throw new Error('redis-server is not installed: .ci/run installs it (apt-get install redis-server).');

interface Instance {
	base: string;
	server: Server;
	keys(pattern: string): Promise<string[]>;
	quit(): Promise<unknown>;
}

let redis: RedisServer;
const instances: Instance[] = [];

async function start(name: string): Promise<Instance> {
	const recipe = (await import(/* @vite-ignore */ `./redis-express.js?instance=${name}`)) as typeof import('./redis-express.js');
	const server = await new Promise<Server>((resolve) => {
		const listening = recipe.app.listen(0, '127.0.0.1', () => resolve(listening));
	});
	const instance = {base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, keys: (pattern: string) => recipe.redis.keys(pattern), quit: () => recipe.redis.quit()};
	instances.push(instance);
	return instance;
}

const post = (instance: Instance, path: string, init: {body?: unknown; cookie?: string} = {}) =>
	fetch(`${instance.base}${path}`, {
		method: 'POST',
		headers: {
			origin: instance.base,
			...(init.body === undefined ? {} : {'content-type': 'application/json'}),
			...(init.cookie === undefined ? {} : {cookie: init.cookie}),
		},
		...(init.body === undefined ? {} : {body: JSON.stringify(init.body)}),
	});
const signIn = (instance: Instance, password: string) => post(instance, '/api/zendesk/token', {body: {email: 'ada@example.com', password}});

beforeAll(async () => {
	if (!available) return;
	redis = await RedisServer.start();
	Object.assign(process.env, {
		REDIS_URL: redis.url,
		ZENDESK_KEY_ID: 'app_64f0c1d2e3a4b5c6d7e8f901',
		ZENDESK_SECRET: 'Zq7Lr2Wm9Xv4Tn8Kp3Hs6Jd1Fb5Gc0Ny-Ae_Ui2Ow',
		SESSION_SECRET: 'Hq3nW8vZ1pL6tR0yK5mX9cB2jF7dS4gA-redis',
	});
}, 20_000);

afterAll(async () => {
	for (const instance of instances) {
		await new Promise((resolve) => instance.server.close(resolve));
		await instance.quit();
	}
	await redis?.stop();
});

describe.skipIf(!available)('docs/server.md, Express on several processes sharing one Redis', () => {
	let a: Instance;
	let b: Instance;

	beforeAll(async () => {
		a = await start('a');
		b = await start('b');
	});

	it('a sign-out through one instance is final on the other: the copied cookie gets "no session"', async () => {
		const login = await signIn(a, 'analytical-engine');
		expect(login.status).toBe(200);
		const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
		expect((await post(b, '/api/zendesk/refresh', {cookie})).status).toBe(200);

		expect((await post(a, '/api/zendesk/logout', {cookie})).status).toBe(204);
		const copied = await post(b, '/api/zendesk/refresh', {cookie});
		expect(copied.status).toBe(204);
		// The revocation is in Redis, where every process finds it (one process's memory would also pass the above).
		expect(await b.keys('zendesk-messaging-auth:revoked:*')).toHaveLength(1);
	});

	it('five wrong passwords through one instance lock the account on the other, even for the right password', async () => {
		for (let attempt = 1; attempt <= 5; attempt++) expect((await signIn(a, `wrong-${attempt}`)).status).toBe(401);
		const limited = await signIn(b, 'analytical-engine');
		expect(limited.status).toBe(429);
		expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
		expect(await a.keys('zendesk-messaging-auth:login:account:*')).toHaveLength(1);
	});
});
