/*
The browser suite's hooks, the same for every engine (engine.ts picks this pass's): one browser and one loopback
server per test file, a new profile (fresh cookies and storage) per test, pages opened in it through the engine
layer (page.ts), and one fake clock for the whole profile when a test asks for it.
*/
import {afterAll, afterEach, beforeAll, beforeEach} from 'vitest';
import type {TestBackend} from './backend.js';
import {ENGINE, engineMissing, launchEngine} from './engine.js';
import type {BrowserCookie, EngineDriver, EngineName, ProfileDriver} from './engines/types.js';
import {Page, WAIT_MS} from './page.js';
import {headlessPage, scriptTagPage, type HeadlessPageOptions, type ScriptTagPageOptions} from './pages.js';
import {waitForStartupRestore} from './probes.js';
import {startTestServer, type TestServer} from './server.js';

export {ENGINE, skipBrowserSuite} from './engine.js';
// Chromium's path, launch flags and whether it is there, for a script that drives Chromium itself (no test does today).
export {CHROMIUM_PATH, CHROMIUM_LAUNCH_ARGS as LAUNCH_ARGS} from './engines/chromium.js';
export const chromiumMissing = engineMissing('chromium') !== undefined;
export type {EngineName} from './engines/types.js';
export {Page, Locator} from './page.js';

export interface OpenOptions {
	/**
	Installs the fake clock (harness/fake-clock.js) in the profile before the page loads: this page and every later
	page of the test start with it, and time flows until a test moves it. `{skewMs}` also sets the visitor's clock
	that far off the machine's (and the backend's).
	*/
	clock?: boolean | {skewMs: number};
}

/** The test's profile: its pages share cookies, storage, BroadcastChannel and Web Locks. */
export interface Profile {
	/** The open pages of the profile, in the order they were opened. */
	readonly pages: readonly Page[];
	cookies(): Promise<BrowserCookie[]>;
}

export interface BrowserSuite {
	readonly engine: EngineName;
	/** Such as "Firefox 153.8.0esr". */
	readonly engineVersion: string;
	readonly server: TestServer;
	readonly backend: TestBackend;
	readonly context: Profile;
	/** Uncaught errors and unhandled rejections of this test's pages (reported by pages/recorder.js). */
	readonly pageErrors: readonly string[];
	/** Opens a new page of this test's profile at `url` and waits for its load event. */
	open(url: string, options?: OpenOptions): Promise<Page>;
	/** Opens a headless-app page (pages.ts) and waits for its start-up restore to settle. */
	openHeadless(page?: HeadlessPageOptions, options?: OpenOptions): Promise<Page>;
	/** Opens a script-tag page (pages.ts) and waits for its start-up restore to settle. */
	openScriptTag(page?: ScriptTagPageOptions, options?: OpenOptions): Promise<Page>;
	/**
	Moves the whole world's time forward: the backend's clock and the profile's fake clock (every tab of the test at
	once, as tabs share one clock; due timers fire once, like a laptop lid). `page` is any page of the profile (kept
	for the tests' readability).
	*/
	advance(page: Page, ms: number): Promise<void>;
	/** Moves the backend's and the pages' wall clock forward without running any timer (a suspended machine). */
	jumpWallClock(ms: number): Promise<void>;
}

/** Registers the hooks of a browser test file; call once at the top of its `describe.skipIf(skipBrowserSuite)`. */
export function useBrowserSuite(): BrowserSuite {
	let engine: EngineDriver | undefined;
	let server: TestServer | undefined;
	let profile: ProfileDriver | undefined;
	let clockInstalled = false;
	/** The profile's clock jumps so far (fake-clock.js counts those each page applied). */
	let profileJumps = 0;
	const pages: Page[] = [];

	const required = <T>(value: T | undefined, what: string): T => {
		if (value === undefined) throw new Error(`The browser suite's ${what} is not running (did beforeAll fail?).`);
		return value;
	};

	const closeTrackedPage = (page: Page) => {
		const close = page.close.bind(page);
		page.close = async () => {
			const index = pages.indexOf(page);
			if (index !== -1) pages.splice(index, 1);
			await close();
		};
		return page;
	};

	beforeAll(async () => {
		const [startedServer, startedEngine] = await Promise.allSettled([startTestServer(), launchEngine()]);
		if (startedServer.status === 'fulfilled') server = startedServer.value;
		if (startedEngine.status === 'fulfilled') engine = startedEngine.value;
		if (startedServer.status === 'rejected') throw startedServer.reason;
		if (startedEngine.status === 'rejected') throw startedEngine.reason;
	});

	afterAll(async () => {
		await engine?.close();
		await server?.close();
	});

	beforeEach(async () => {
		const activeServer = required(server, 'server');
		activeServer.backend.reset();
		activeServer.reset();
		clockInstalled = false;
		profileJumps = 0;
		pages.length = 0;
		profile = await required(engine, ENGINE).newProfile();
	});

	afterEach(async () => {
		pages.length = 0;
		await profile?.close();
		profile = undefined;
	});

	/**
	Moves the backend's clock, then every tab's at once (fake-clock.js's profileJump: one page posts the jump to the
	others over a BroadcastChannel), and waits until each open page has applied it.
	*/
	async function jumpProfileClock(kind: 'fastForward' | 'jumpWallClock', ms: number, what: string): Promise<void> {
		const activeServer = required(server, 'server');
		if (!clockInstalled) throw new Error(`${what}() moves the fake clock: open the first page of the test with {clock: true}.`);
		const [first] = pages;
		if (!first) throw new Error(`${what}() moves the clock of the test's pages, and none is open.`);
		activeServer.backend.advance(ms);
		activeServer.fakeClockOffsetMs = (activeServer.fakeClockOffsetMs ?? 0) + ms;
		const generation = ++profileJumps;
		await first.evaluateSource(`window.__fakeClock.profileJump(${JSON.stringify(kind)}, ${ms}, ${generation})`);
		await Promise.all(
			pages.map((page) =>
				page.poll(
					async () => Number(await page.evaluateSource('window.__fakeClock.appliedJumps()')) >= generation,
					{timeout: WAIT_MS},
					() => `the profile's clock jump #${generation} (${kind} ${ms} ms) to reach every tab`,
				),
			),
		);
	}

	const context: Profile = {
		get pages() {
			return pages;
		},
		cookies: () => required(profile, 'profile').cookies(),
	};

	return {
		get engine() {
			return required(engine, ENGINE).name;
		},
		get engineVersion() {
			return required(engine, ENGINE).version;
		},
		get server() {
			return required(server, 'server');
		},
		get backend() {
			return required(server, 'server').backend;
		},
		get context() {
			required(profile, 'profile');
			return context;
		},
		get pageErrors() {
			return required(server, 'server').pageErrors;
		},
		async open(url, {clock = false} = {}) {
			const activeServer = required(server, 'server');
			if (clock && !clockInstalled) {
				clockInstalled = true;
				activeServer.fakeClockOffsetMs = activeServer.backend.clockOffsetMs + (clock === true ? 0 : clock.skewMs);
			}

			const page = closeTrackedPage(new Page(ENGINE, await required(profile, 'profile').newPage()));
			pages.push(page);
			await page.goto(url);
			return page;
		},
		async openHeadless(pageOptions = {}, openOptions = {}) {
			const page = await this.open(headlessPage(required(server, 'server'), pageOptions), openOptions);
			if (pageOptions.options?.['refreshEndpoint'] !== null) await waitForStartupRestore(page);
			return page;
		},
		async openScriptTag(pageOptions = {}, openOptions = {}) {
			const page = await this.open(scriptTagPage(required(server, 'server'), pageOptions), openOptions);
			await waitForStartupRestore(page);
			return page;
		},
		async advance(_page, ms) {
			await jumpProfileClock('fastForward', ms, 'advance');
		},
		async jumpWallClock(ms) {
			await jumpProfileClock('jumpWallClock', ms, 'jumpWallClock');
		},
	};
}
