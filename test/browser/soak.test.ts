/*
Soak (issue 8), in every engine: one SDK instance of the ES module build goes through 1000 login → refresh → logout
cycles in one page. The endpoints are answered inside the page by a fetch stub (JWTs of the right shape made
in-page; the SDK checks structure and claims, not signatures), so the run measures the SDK, not the network.
After cycle 100 and after cycle 1000 it counts what a leak would leave behind: live timers, listeners on window and
document, open BroadcastChannels, held Web Locks (all counted inside the page, so in every engine), and, in Chromium,
the JS heap after a forced GC (only Chromium's driver can force one and read the heap). Between the two, 900 cycles:
a leak of one of anything per cycle shows as +900.
*/
import {describe, expect, it} from 'vitest';
import {ADA, ENDPOINTS} from './harness/backend.js';
import {ENGINE, skipBrowserSuite, useBrowserSuite, type Page} from './harness/browser.js';
import {WAIT_MS} from './harness/probes.js';
import {ES_MODULE} from './harness/server.js';

const WARM_UP_CYCLES = 100;
const TOTAL_CYCLES = 1000;
/**
Heap growth allowed over the 900 cycles between the two measurements: 256 KiB (~290 bytes a cycle). Measured
without a leak: ~127 KiB, nearly all of it one-time warm-up (compiled code, type feedback): in a longer scratch run
the heap grew a further 8 KiB from cycle 1000 to 2000 and 4 KiB from 2000 to 3900. One listener per cycle left
subscribed and closing over the session (`auth.on('refresh', () => session)`, invisible to the listener counts)
measured ~631 KiB over the same 900 cycles, well past the limit: checked once by injecting exactly that leak.
*/
const HEAP_GROWTH_LIMIT_BYTES = 256 * 1024;
/** Lifetime of the login tokens: under getToken()'s 10 s minimum validity, so the first getToken() refreshes. */
const LOGIN_TOKEN_LIFETIME_S = 5;

interface LeakCounts {
	timers: number;
	windowListeners: number;
	documentListeners: number;
	channels: number;
	heldLocks: number;
	pendingLocks: number;
}

interface Measurement extends LeakCounts {
	/** Undefined where the driver cannot force a GC and read the heap. */
	heapUsedBytes: number | undefined;
}

/** Only Chromium's driver (CDP) can force a garbage collection and read the heap. */
const HEAP_MEASURABLE = ENGINE === 'chromium';

interface SoakRecord {
	liveTimers: Set<number>;
	channels: Set<BroadcastChannel>;
	/** Listeners added and not removed, per target, keyed "type capture" → listeners. */
	listeners: {window: Map<string, Set<unknown>>; document: Map<string, Set<unknown>>};
	calls: {token: number; refresh: number; logout: number};
	widget: {loginUser: number; logoutUser: number; handed: string[]};
	cycles: number;
	/** Uncaught errors and unhandled rejections (the soak page loads no recorder.js: its timers would be counted). */
	pageErrors: string[];
}

interface SoakAuth {
	login(credentials: Record<string, string>): Promise<unknown>;
	getToken(): Promise<string>;
	logout(): Promise<void>;
	restore(): Promise<unknown>;
	readonly state: string;
	readonly session: {jwt: string} | null;
}

declare global {
	interface Window {
		__soak: SoakRecord;
		__soakAuth: SoakAuth;
		__soakSdk?: {createMessagingAuth(options: Record<string, unknown>): SoakAuth};
	}
}

interface InstrumentOptions {
	endpoints: {token: string; refresh: string; logout: string};
	user: {email: string; password: string; externalId: string};
	loginLifetimeS: number;
}

/** Runs in the page before anything else: counts timers and channels, answers the three endpoints, plays the widget. */
function instrumentPage({endpoints, user, loginLifetimeS}: InstrumentOptions): void {
	const record: SoakRecord = {
		liveTimers: new Set(),
		channels: new Set(),
		listeners: {window: new Map(), document: new Map()},
		calls: {token: 0, refresh: 0, logout: 0},
		widget: {loginUser: 0, logoutUser: 0, handed: []},
		cycles: 0,
		pageErrors: [],
	};
	window.addEventListener('error', (event) => record.pageErrors.push(String(event.message)));
	window.addEventListener('unhandledrejection', (event) => record.pageErrors.push(`Unhandled rejection: ${String((event.reason as Error)?.message ?? event.reason)}`));
	window.__soak = record;

	const {setTimeout: realSetTimeout, clearTimeout: realClearTimeout, setInterval: realSetInterval, clearInterval: realClearInterval} = window;
	window.setTimeout = ((handler: TimerHandler, delay?: number, ...args: unknown[]) => {
		const id: number = realSetTimeout(
			(...callArgs: unknown[]) => {
				record.liveTimers.delete(id);
				if (typeof handler === 'function') (handler as (...given: unknown[]) => void)(...callArgs);
			},
			delay,
			...args,
		);
		record.liveTimers.add(id);
		return id;
	}) as typeof window.setTimeout;
	window.clearTimeout = ((id?: number) => {
		if (id !== undefined) record.liveTimers.delete(id);
		realClearTimeout(id);
	}) as typeof window.clearTimeout;
	window.setInterval = ((handler: TimerHandler, delay?: number, ...args: unknown[]) => {
		const id = realSetInterval(handler, delay, ...args);
		record.liveTimers.add(id);
		return id;
	}) as typeof window.setInterval;
	window.clearInterval = ((id?: number) => {
		if (id !== undefined) record.liveTimers.delete(id);
		realClearInterval(id);
	}) as typeof window.clearInterval;

	// Listener bookkeeping as the DOM does it: the same (type, listener, capture) added twice is one listener.
	const countListeners = (target: Window | Document, registry: Map<string, Set<unknown>>) => {
		const add = target.addEventListener.bind(target);
		const remove = target.removeEventListener.bind(target);
		const keyOf = (type: string, options?: boolean | EventListenerOptions) => `${type} ${typeof options === 'boolean' ? options : Boolean(options?.capture)}`;
		target.addEventListener = (type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions) => {
			if (listener) {
				const key = keyOf(type, options);
				const registered = registry.get(key) ?? new Set();
				registered.add(listener);
				registry.set(key, registered);
				if (typeof options === 'object' && options.once) {
					add(type, () => registry.get(key)?.delete(listener), {once: true, capture: Boolean(options.capture)});
				}

				if (typeof options === 'object' && options.signal) options.signal.addEventListener('abort', () => registry.get(key)?.delete(listener));
			}

			add(type, listener as EventListenerOrEventListenerObject, options);
		};
		target.removeEventListener = (type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | EventListenerOptions) => {
			if (listener) registry.get(keyOf(type, options))?.delete(listener);
			remove(type, listener as EventListenerOrEventListenerObject, options);
		};
	};
	countListeners(window, record.listeners.window);
	countListeners(document, record.listeners.document);

	const RealChannel = window.BroadcastChannel;
	window.BroadcastChannel = class extends RealChannel {
		constructor(name: string) {
			super(name);
			record.channels.add(this);
		}

		override close(): void {
			record.channels.delete(this);
			super.close();
		}
	};

	const base64url = (value: string) => btoa(value).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
	const jwt = (lifetimeS: number) => {
		const iat = Math.floor(Date.now() / 1000);
		const header = base64url(JSON.stringify({alg: 'HS256', typ: 'JWT', kid: 'k'}));
		const claims = base64url(JSON.stringify({external_id: user.externalId, scope: 'user', email: user.email, iat, exp: iat + lifetimeS, jti: crypto.randomUUID()}));
		return `${header}.${claims}.${base64url('not-a-real-signature-not-checked-by-the-sdk')}`;
	};

	let siteSession = false;
	const json = (status: number, body: unknown) => new Response(JSON.stringify(body), {status, headers: {'content-type': 'application/json'}});
	window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
		const path = new URL(input instanceof Request ? input.url : String(input), location.href).pathname;
		if (path === endpoints.token) {
			record.calls.token++;
			// ky hands fetch a Request carrying the body; a plain fetch(url, init) carries it in init.
			const body = input instanceof Request ? await input.clone().text() : String(init?.body);
			const {email, password} = JSON.parse(body) as Record<string, string>;
			if (email !== user.email || password !== user.password) return json(401, {message: 'Wrong email or password.'});
			siteSession = true;
			return json(200, {jwt: jwt(loginLifetimeS)});
		}

		if (path === endpoints.refresh) {
			record.calls.refresh++;
			return siteSession ? json(200, {jwt: jwt(600)}) : json(401, {message: 'No site session.'});
		}

		if (path === endpoints.logout) {
			record.calls.logout++;
			siteSession = false;
			return new Response(null, {status: 204});
		}

		return new Response('Not found', {status: 404});
	};

	// The widget, reduced to what the SDK talks to: loginUser asks for a token at once, logoutUser forgets.
	window.zE = (namespace: string, method: string, ...args: unknown[]) => {
		if (namespace !== 'messenger') return;
		if (method === 'loginUser') {
			record.widget.loginUser++;
			const [jwtCallback, loginCallback] = args as [(provide: (token: string) => void) => void, ((error: unknown) => void) | undefined];
			jwtCallback((token) => {
				record.widget.handed.push(token);
				if (record.widget.handed.length > 2) record.widget.handed.shift();
				loginCallback?.(null);
			});
		} else if (method === 'logoutUser') {
			record.widget.logoutUser++;
		}
	};
}

declare global {
	interface Window {
		zE?: (namespace: string, method: string, ...args: unknown[]) => void;
	}
}

describe.skipIf(skipBrowserSuite)(`soak in ${ENGINE}: one page, 1000 login → refresh → logout cycles`, () => {
	const suite = useBrowserSuite();

	/** Runs `count` more cycles in the page, checking each: a refresh happened, and the widget got the new token. */
	const runCycles = (page: Page, count: number) =>
		page.evaluate(
			async ({count, credentials}) => {
				const auth = window.__soakAuth;
				const record = window.__soak;
				for (let cycle = 0; cycle < count; cycle++) {
					const session = (await auth.login(credentials)) as {jwt: string};
					const refreshed = await auth.getToken();
					if (refreshed === session.jwt) throw new Error(`cycle ${record.cycles + 1}: getToken() did not refresh the short-lived login token`);
					// The widget's jwtCallback answers through its own getToken() call, a few microtasks later.
					for (let turn = 0; turn < 50 && !record.widget.handed.includes(refreshed); turn++) await Promise.resolve();
					if (!record.widget.handed.includes(refreshed)) throw new Error(`cycle ${record.cycles + 1}: the widget was not handed the refreshed token`);
					await auth.logout();
					if (auth.state !== 'signed-out') throw new Error(`cycle ${record.cycles + 1}: state ${auth.state} after logout()`);
					record.cycles++;
				}
			},
			{count, credentials: {email: ADA.email, password: ADA.password}},
		);

	async function measure(page: Page): Promise<Measurement> {
		// Lets lock releases and fetch bodies of the last cycle settle.
		await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 50)));
		const counts = await page.evaluate(async () => {
			const {held = [], pending = []} = await navigator.locks.query();
			const listeners = (registry: Map<string, Set<unknown>>) => [...registry.values()].reduce((sum, registered) => sum + registered.size, 0);
			return {
				timers: window.__soak.liveTimers.size,
				windowListeners: listeners(window.__soak.listeners.window),
				documentListeners: listeners(window.__soak.listeners.document),
				channels: window.__soak.channels.size,
				heldLocks: held.length,
				pendingLocks: pending.length,
			};
		});
		return {...counts, heapUsedBytes: await page.driver.usedHeapAfterGc?.()};
	}

	const format = (at: number, {heapUsedBytes, ...counts}: Measurement) =>
		`after ${at} cycles: ${Object.entries(counts)
			.map(([name, value]) => `${name}=${value}`)
			.join(' ')}${heapUsedBytes === undefined ? '' : ` heap=${(heapUsedBytes / 1024).toFixed(1)} KiB`}`;

	it(`1000 login → refresh → logout cycles leave timers, listeners, channels and locks as they were after 100${HEAP_MEASURABLE ? ', and the heap within 256 KiB' : ''}`, async () => {
		// Runs before anything else in the page, as a classic script from the test server (no init-script API in WebKit's driver).
		const instrument = suite.server.addScript(`(${instrumentPage.toString()})(${JSON.stringify({endpoints: ENDPOINTS, user: ADA, loginLifetimeS: LOGIN_TOKEN_LIFETIME_S})});`);
		// The ES module build as an app imports it (a module script, its bare imports resolved by an import map; no widget script).
		const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Soak</title><script src="${instrument}"></script><script type="importmap">${JSON.stringify(suite.server.importMap)}</script><script type="module">import * as sdk from '${ES_MODULE}'; window.__soakSdk = sdk;</script></head><body></body></html>`;
		const page = await suite.open(suite.server.addPage({html}));
		await page.waitForFunction(() => window.__soakSdk !== undefined, undefined, {timeout: WAIT_MS});
		await page.evaluate(async (endpoints) => {
			const auth = window.__soakSdk!.createMessagingAuth({tokenEndpoint: endpoints.token, refreshEndpoint: endpoints.refresh, logoutEndpoint: endpoints.logout});
			window.__soakAuth = auth;
			// The start-up restore finds no site session: a quiet signed-out start.
			await auth.restore();
		}, ENDPOINTS);

		const started = Date.now();
		await runCycles(page, WARM_UP_CYCLES);
		const afterWarmUp = await measure(page);
		await runCycles(page, TOTAL_CYCLES - WARM_UP_CYCLES);
		const afterAll = await measure(page);
		const tookMs = Date.now() - started;

		const record = await page.evaluate(() => ({cycles: window.__soak.cycles, calls: window.__soak.calls, widget: window.__soak.widget}));
		const heapGrowth = afterAll.heapUsedBytes === undefined || afterWarmUp.heapUsedBytes === undefined ? undefined : afterAll.heapUsedBytes - afterWarmUp.heapUsedBytes;
		console.log(
			[
				`soak (${ENGINE}): ${record.cycles} cycles in ${tookMs} ms (${(tookMs / record.cycles).toFixed(2)} ms a cycle)`,
				format(WARM_UP_CYCLES, afterWarmUp),
				format(TOTAL_CYCLES, afterAll),
				heapGrowth === undefined
					? `heap: not measurable in ${ENGINE}`
					: `heap growth over ${TOTAL_CYCLES - WARM_UP_CYCLES} cycles: ${(heapGrowth / 1024).toFixed(1)} KiB (${(heapGrowth / (TOTAL_CYCLES - WARM_UP_CYCLES)).toFixed(0)} bytes a cycle; limit ${HEAP_GROWTH_LIMIT_BYTES / 1024} KiB)`,
			].join('\n'),
		);

		expect(record.cycles).toBe(TOTAL_CYCLES);
		// One request of each kind per cycle (the start-up restore is the extra refresh), one loginUser and one logoutUser.
		expect(record.calls).toEqual({token: TOTAL_CYCLES, refresh: TOTAL_CYCLES + 1, logout: TOTAL_CYCLES});
		expect(record.widget).toMatchObject({loginUser: TOTAL_CYCLES, logoutUser: TOTAL_CYCLES});
		const {heapUsedBytes: heapAfterWarmUp, ...countsAfterWarmUp} = afterWarmUp;
		const {heapUsedBytes: heapAfterAll, ...countsAfterAll} = afterAll;
		expect(countsAfterAll).toEqual<LeakCounts>(countsAfterWarmUp);
		// Signed out, nothing of the session is held: no presence lock, no refresh lock.
		expect(countsAfterAll.heldLocks).toBe(0);
		if (HEAP_MEASURABLE) {
			expect(heapAfterAll, 'Chromium reads the heap').toBeTypeOf('number');
			expect(heapAfterAll! - heapAfterWarmUp!).toBeLessThan(HEAP_GROWTH_LIMIT_BYTES);
		}

		expect(await page.evaluate(() => window.__soak.pageErrors)).toEqual([]);
	}, 180_000);

	// Left out, not passed: a skipped test carries the reason into the output and .ci/run's per-engine line.
	if (!HEAP_MEASURABLE) {
		it.skip(
			`the heap after 1000 cycles is not measured in ${ENGINE}: its driver can neither force a garbage collection nor read the JS heap (Chromium's CDP can; the counts above still run here)`,
			() => {},
		);
	}
});
