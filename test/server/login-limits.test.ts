import {createServer, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import express from 'express';
import type {Redis} from 'ioredis';
import type {createClient} from 'redis';
import {afterEach, describe, expect, expectTypeOf, it, vi} from 'vitest';
import {
	clientAddressOf,
	createLogoutHandler,
	createRefreshHandler,
	createTokenHandler,
	memoryStore,
	MessagingServerError,
	redisStore,
	type LoginLimitsOptions,
	type SessionStore,
	type TokenHandlerOptions,
	toNodeHandler,
	type User,
} from '../../src/server.js';
import {addressKeyOf} from '../../src/server/client-address.js';
import {retryAfterSecondsOf} from '../../src/server/login-limits.js';
import {backendOf} from '../../src/server/store/session-store.js';
import {ADA, KEY_ID, loginRequest, PASSWORD, post, SECRET, SESSION_SECRET, setCookieOf} from './fixtures.js';

const servers: Server[] = [];

afterEach(async () => {
	vi.useRealTimers();
	await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

async function listen(server: Server): Promise<string> {
	servers.push(server);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A token handler on a fresh memory store, counting the calls that reach `authenticate`. */
function site(options: Partial<TokenHandlerOptions> = {}, store: SessionStore = memoryStore()) {
	const authenticate = vi.fn(async (credentials: Record<string, unknown>): Promise<User | null> =>
		String(credentials['email']).trim().toLowerCase() === ADA.email && credentials['password'] === PASSWORD ? ADA : null,
	);
	const onError = vi.fn();
	const handler = createTokenHandler({keyId: KEY_ID, secret: SECRET, authenticate, onError, session: {sessionSecret: SESSION_SECRET, store}, ...options});
	const from = (address: string) => ({loginLimits: {addressOf: () => address} satisfies LoginLimitsOptions});
	return {handler, authenticate, onError, from, store};
}

const attempt = (handler: (request: Request) => Promise<Response>, password: string, email = ADA.email, headers: Record<string, string> = {}) =>
	handler(loginRequest({email, password}, headers));

describe('login limits: credential stuffing against one account', () => {
	it('50 wrong passwords: 5 reach authenticate (401), the 45 after them are 429 with Retry-After; then the right password is 429 too, unasked', async () => {
		const {handler, authenticate} = site();
		const statuses: number[] = [];
		for (let index = 0; index < 50; index++) statuses.push((await attempt(handler, `wrong-${index}`)).status);

		expect(statuses).toEqual([...Array<number>(5).fill(401), ...Array<number>(45).fill(429)]);
		expect(authenticate).toHaveBeenCalledTimes(5);

		const right = await attempt(handler, PASSWORD);
		expect(right.status).toBe(429);
		expect(authenticate).toHaveBeenCalledTimes(5);
		expect(right.headers.get('cache-control')).toBe('no-store');
		expect(await right.json()).toEqual({message: 'Too many failed sign-in attempts. Please wait before trying again.'});
		const retryAfter = Number(right.headers.get('retry-after'));
		expect(Number.isInteger(retryAfter)).toBe(true);
		expect(retryAfter).toBeGreaterThan(890);
		expect(retryAfter).toBeLessThanOrEqual(900);
	});

	it('50 wrong passwords sent at once still let only 5 reach authenticate (each attempt is counted before it is checked)', async () => {
		const {handler, authenticate} = site();
		const statuses = await Promise.all(Array.from({length: 50}, async (_, index) => (await attempt(handler, `wrong-${index}`)).status));

		expect(statuses.filter((status) => status === 401)).toHaveLength(5);
		expect(statuses.filter((status) => status === 429)).toHaveLength(45);
		expect(authenticate).toHaveBeenCalledTimes(5);
	});

	it('counts the account trimmed and lower-cased: " ADA@Example.com " is ada@example.com', async () => {
		const {handler, authenticate} = site();
		for (const email of ['ADA@example.com', ' ada@EXAMPLE.com ', 'Ada@Example.Com', 'ada@example.com\t', 'ADA@EXAMPLE.COM']) {
			expect((await attempt(handler, 'wrong', email)).status).toBe(401);
		}

		expect((await attempt(handler, PASSWORD)).status).toBe(429);
		expect(authenticate).toHaveBeenCalledTimes(5);
	});

	it('counts `username` when there is no email, and accountOf when given', async () => {
		const byUsername = site();
		for (let index = 0; index < 5; index++) await byUsername.handler(loginRequest({username: 'Ada', password: 'wrong'}));
		expect((await byUsername.handler(loginRequest({username: ' ada ', password: 'wrong'}))).status).toBe(429);

		const byCustomer = site({loginLimits: {accountOf: (credentials) => String(credentials['customerNumber'])}});
		for (let index = 0; index < 5; index++) await byCustomer.handler(loginRequest({customerNumber: '42', email: `x${index}@example.com`, password: 'wrong'}));
		expect((await byCustomer.handler(loginRequest({customerNumber: '42', email: 'other@example.com', password: 'wrong'}))).status).toBe(429);
	});

	it('Retry-After counts down to the end of the window, and the account may try again after it', async () => {
		vi.useFakeTimers({toFake: ['Date', 'setTimeout', 'clearTimeout']});
		const {handler, authenticate} = site({loginLimits: {windowSeconds: 60}});
		for (let index = 0; index < 5; index++) await attempt(handler, 'wrong');
		vi.advanceTimersByTime(20_500);

		const limited = await attempt(handler, PASSWORD);
		expect(limited.status).toBe(429);
		expect(limited.headers.get('retry-after')).toBe('40');
		vi.advanceTimersByTime(40_000);

		expect((await attempt(handler, PASSWORD)).status).toBe(200);
		expect(authenticate).toHaveBeenCalledTimes(6);
	});

	it('a success clears the account failures; a failure after it starts a new count', async () => {
		const {handler} = site();
		for (let index = 0; index < 4; index++) expect((await attempt(handler, 'wrong')).status).toBe(401);
		expect((await attempt(handler, PASSWORD)).status).toBe(200);
		for (let index = 0; index < 5; index++) expect((await attempt(handler, 'wrong')).status).toBe(401);
		expect((await attempt(handler, 'wrong')).status).toBe(429);
	});

	it('loginLimits: false lets every attempt through to authenticate, as before', async () => {
		const {handler, authenticate} = site({loginLimits: false});
		for (let index = 0; index < 50; index++) expect((await attempt(handler, 'wrong')).status).toBe(401);
		expect((await attempt(handler, PASSWORD)).status).toBe(200);
		expect(authenticate).toHaveBeenCalledTimes(51);
	});

	it('another account is not locked by one account being locked', async () => {
		const {handler} = site();
		for (let index = 0; index < 6; index++) await attempt(handler, 'wrong', 'grace@example.com');
		expect((await attempt(handler, PASSWORD)).status).toBe(200);
	});

	it('a throwing accountOf or addressOf is answered 500 and reported, and authenticate is not called', async () => {
		const bug = new Error('accountOf bug');
		for (const loginLimits of [{accountOf: () => { throw bug; }}, {addressOf: () => { throw bug; }}]) {
			const {handler, authenticate, onError} = site({loginLimits});
			expect((await attempt(handler, PASSWORD)).status).toBe(500);
			expect(authenticate).not.toHaveBeenCalled();
			expect(onError).toHaveBeenCalledWith(bug, expect.any(Request));
		}
	});

	it('an attempt answered 500 (authenticate threw) is not a failure', async () => {
		const {handler, authenticate} = site();
		const working = authenticate.getMockImplementation()!;
		authenticate.mockRejectedValue(new Error('directory down'));
		for (let index = 0; index < 10; index++) expect((await attempt(handler, 'wrong')).status).toBe(500);
		authenticate.mockImplementation(working);
		expect((await attempt(handler, PASSWORD)).status).toBe(200);
	});
});

describe('login limits: one address trying many accounts', () => {
	it('50 failures per address by default: the 51st attempt from it is 429, another address is not', async () => {
		const store = memoryStore();
		const attacker = site(site().from('198.51.100.7'), store);
		for (let index = 0; index < 50; index++) expect((await attempt(attacker.handler, 'wrong', `user${index}@example.com`)).status).toBe(401);
		expect((await attempt(attacker.handler, PASSWORD)).status).toBe(429);
		expect(attacker.authenticate).toHaveBeenCalledTimes(50);

		const visitor = site(site().from('203.0.113.9'), store);
		expect((await attempt(visitor.handler, PASSWORD)).status).toBe(200);
	});

	it('counts an IPv6 address by its /64 network, and an IPv4-mapped address as the IPv4 one', async () => {
		const store = memoryStore();
		const limits = (address: string) => ({loginLimits: {failuresPerAddress: 2, addressOf: () => address}});
		await attempt(site(limits('2001:db8:1:2::1'), store).handler, 'wrong', 'a@example.com');
		await attempt(site(limits('2001:db8:1:2:ffff:1:2:3'), store).handler, 'wrong', 'b@example.com');
		expect((await attempt(site(limits('2001:0db8:0001:0002::9'), store).handler, PASSWORD)).status).toBe(429);
		expect((await attempt(site(limits('2001:db8:1:3::1'), store).handler, PASSWORD)).status).toBe(200);

		await attempt(site(limits('::ffff:192.0.2.1'), store).handler, 'wrong', 'c@example.com');
		await attempt(site(limits('192.0.2.1'), store).handler, 'wrong', 'd@example.com');
		expect((await attempt(site(limits('192.0.2.1'), store).handler, PASSWORD)).status).toBe(429);
	});

	it('reads the address toNodeHandler saw when no addressOf is given (see node-adapter tests); without one, only the account counts', async () => {
		const {handler} = site();
		// A Fetch request built here has no Node request behind it: no address, so 60 accounts tried are 60 × 401.
		for (let index = 0; index < 60; index++) expect((await attempt(handler, 'wrong', `user${index}@example.com`)).status).toBe(401);
	});

	it('through toNodeHandler, counts the socket address by default (node:http), and Express\'s req.ip behind a trusted proxy', async () => {
		const seen: Array<string | undefined> = [];
		const handler = createTokenHandler({
			keyId: KEY_ID,
			secret: SECRET,
			session: {sessionSecret: SESSION_SECRET, store: memoryStore()},
			loginLimits: {failuresPerAddress: 3},
			authenticate: async (_, request) => {
				seen.push(clientAddressOf(request));
				return null;
			},
		});
		const plain = await listen(createServer(toNodeHandler(handler)));
		const login = (base: string, index: number, headers: Record<string, string> = {}) =>
			fetch(base, {method: 'POST', headers: {'content-type': 'application/json', ...headers}, body: JSON.stringify({email: `user${index}@example.com`, password: 'x'})});
		const statuses = [];
		for (let index = 0; index < 5; index++) statuses.push((await login(plain, index)).status);
		expect(statuses).toEqual([401, 401, 401, 429, 429]);
		expect(seen).toEqual(['127.0.0.1', '127.0.0.1', '127.0.0.1']);

		const app = express();
		app.set('trust proxy', 1);
		app.post('/', toNodeHandler(handler));
		const proxied = await listen(createServer(app));
		for (let index = 0; index < 6; index++) expect((await login(proxied, index, {'x-forwarded-for': `203.0.113.${index}`})).status).toBe(401);
		expect(seen.slice(3)).toEqual(['203.0.113.0', '203.0.113.1', '203.0.113.2', '203.0.113.3', '203.0.113.4', '203.0.113.5']);
	});

	it('a refused attempt is not counted against the other key: a locked account does not use up its address', async () => {
		const store = memoryStore();
		const {handler} = site({loginLimits: {failuresPerAddress: 6, addressOf: () => '198.51.100.7'}}, store);
		for (let index = 0; index < 5; index++) await attempt(handler, 'wrong');
		for (let index = 0; index < 20; index++) expect((await attempt(handler, 'wrong')).status).toBe(429);
		expect((await attempt(handler, 'wrong', 'grace@example.com')).status).toBe(401);
	});
});

describe('login limits: where the state lives', () => {
	it('handlers given no store share one per process: a limit reached through one handler holds on another', async () => {
		const options = {keyId: KEY_ID, secret: SECRET, onError: vi.fn(), authenticate: async () => null};
		const first = createTokenHandler(options);
		const second = createTokenHandler({...options, session: {sessionSecret: SESSION_SECRET}});
		for (let index = 0; index < 5; index++) await attempt(first, 'wrong', 'shared-default@example.com');
		expect((await attempt(second, 'wrong', 'shared-default@example.com')).status).toBe(429);
	});

	it('a sign-out through one handler is seen by a refresh handler of the same process, with no store given', async () => {
		const session = {sessionSecret: SESSION_SECRET};
		const login = await createTokenHandler({keyId: KEY_ID, secret: SECRET, authenticate: async () => ADA, session})(loginRequest({email: 'x', password: 'y'}));
		const cookie = setCookieOf(login).pair;
		const refresh = createRefreshHandler({keyId: KEY_ID, secret: SECRET, session: {...session}});
		expect((await refresh(post('/r', {headers: {cookie}}))).status).toBe(200);
		await createLogoutHandler({session: {...session}})(post('/l', {headers: {cookie}}));
		expect((await refresh(post('/r', {headers: {cookie}}))).status).toBe(204);
	});

	it('a revocation lasts as long as the cookie could have (its absolute end), and not forever', async () => {
		vi.useFakeTimers({toFake: ['Date']});
		const start = Date.UTC(2030, 0, 1);
		vi.setSystemTime(start);
		const store = memoryStore();
		const session = {sessionSecret: SESSION_SECRET, store, maxAgeSeconds: 3600};
		const login = await createTokenHandler({keyId: KEY_ID, secret: SECRET, authenticate: async () => ADA, session})(loginRequest({email: 'x', password: 'y'}));
		const cookie = setCookieOf(login);
		const {sid} = JSON.parse(Buffer.from(cookie.value.split('.')[1]!, 'base64url').toString()) as {sid: string};
		const revocations = backendOf(store, () => {
			throw new Error('not this one');
		});
		vi.setSystemTime(start + 600_000);
		expect((await createLogoutHandler({session})(post('/l', {headers: {cookie: cookie.pair}}))).status).toBe(204);

		vi.setSystemTime(start + 3_599_000);
		expect(await revocations.isRevoked(sid)).toBe(true);
		expect((await createRefreshHandler({keyId: KEY_ID, secret: SECRET, session})(post('/r', {headers: {cookie: cookie.pair}}))).status).toBe(204);
		vi.setSystemTime(start + 3_600_000);
		expect(await revocations.isRevoked(sid)).toBe(false);
	});
});

describe('login limits and stores: bad options are ERR_SERVER_CONFIG at creation, naming the option', () => {
	const create = (options: Record<string, unknown>) => () =>
		createTokenHandler({keyId: KEY_ID, secret: SECRET, authenticate: async () => null, ...options} as unknown as TokenHandlerOptions);

	it.each([
		[{loginLimits: {failuresPerAccount: -1}}, 'loginLimits.failuresPerAccount'],
		[{loginLimits: {failuresPerAccount: 2.5}}, 'loginLimits.failuresPerAccount'],
		[{loginLimits: {failuresPerAddress: 0}}, 'loginLimits.failuresPerAddress'],
		[{loginLimits: {failuresPerAddress: Number.NaN}}, 'loginLimits.failuresPerAddress'],
		[{loginLimits: {windowSeconds: 0.5}}, 'loginLimits.windowSeconds'],
		[{loginLimits: {windowSeconds: 30 * 24 * 3600}}, 'loginLimits.windowSeconds'],
		[{loginLimits: {windowSeconds: '900'}}, 'loginLimits.windowSeconds'],
		[{loginLimits: {accountOf: 'email'}}, 'loginLimits.accountOf'],
		[{loginLimits: {addressOf: 42}}, 'loginLimits.addressOf'],
		[{loginLimits: {maxFailures: 3}}, 'loginLimits option "maxFailures"'],
		[{loginLimits: true}, 'loginLimits must be an object'],
		[{session: {sessionSecret: SESSION_SECRET, store: new Map()}}, 'session.store'],
		[{session: {sessionSecret: SESSION_SECRET, store: {kind: 'memory'}}}, 'session.store'],
	])('%j', (options, named) => {
		expect(create(options)).toThrow(MessagingServerError);
		expect(create(options)).toThrow(named);
		try {
			create(options)();
		} catch (error) {
			expect((error as MessagingServerError).code).toBe('ERR_SERVER_CONFIG');
		}
	});

	it('refuses a store that is not one in the refresh and logout handlers too', () => {
		const session = {sessionSecret: SESSION_SECRET, store: 'redis://localhost' as unknown as SessionStore};
		expect(() => createRefreshHandler({keyId: KEY_ID, secret: SECRET, session})).toThrow('session.store');
		expect(() => createLogoutHandler({session})).toThrow('session.store');
	});

	it.each([
		['a node-redis client never connected', {isOpen: false, isReady: false}, 'connect()'],
		['an ioredis client made with lazyConnect', {status: 'wait', defineCommand() {}}, 'lazyConnect'],
		['an ioredis client closed', {status: 'end', defineCommand() {}}, 'closed'],
		['a URL', 'redis://localhost:6379', 'redis package'],
	])('redisStore refuses %s', (_, client, named) => {
		expect(() => redisStore(client as never)).toThrow(named);
	});

	it('redisStore takes the clients of both packages, as their own types describe them', () => {
		expectTypeOf<ReturnType<typeof createClient>>().toExtend<Parameters<typeof redisStore>[0]>();
		expectTypeOf<Redis>().toExtend<Parameters<typeof redisStore>[0]>();
		expectTypeOf<{url: string}>().not.toExtend<Parameters<typeof redisStore>[0]>();
	});

	it('redisStore refuses a bad prefix or deadline', () => {
		const client = {isOpen: true, isReady: true, on() {}, listenerCount: () => 1};
		expect(() => redisStore(client, {prefix: ''})).toThrow('prefix');
		expect(() => redisStore(client, {timeoutMs: -5})).toThrow('timeoutMs');
		expect(() => redisStore(client, {timeout: 5} as never)).toThrow('Unknown redisStore option "timeout"');
	});
});

describe('the pure parts', () => {
	it.each([
		[0, 900, 1],
		[1, 900, 1],
		[1001, 900, 2],
		[899_001, 900, 900],
		[2_000_000, 900, 900],
	])('Retry-After of %i ms left in a %i s window is %i s', (ms, window, seconds) => {
		expect(retryAfterSecondsOf(ms, window)).toBe(seconds);
	});

	it.each([
		['192.0.2.1', '192.0.2.1'],
		['::ffff:192.0.2.1', '192.0.2.1'],
		['2001:db8::1', '2001:db8:0:0::/64'],
		['2001:DB8:0:0:1::1', '2001:db8:0:0::/64'],
		['2001:db8:aaaa:bbbb:cccc:dddd:eeee:ffff', '2001:db8:aaaa:bbbb::/64'],
		['::1', '0:0:0:0::/64'],
		['fe80::1%eth0', 'fe80:0:0:0::/64'],
		[' Client-Key ', 'client-key'],
	])('addressKeyOf(%j) is %j', (address, key) => {
		expect(addressKeyOf(address)).toBe(key);
	});
});
