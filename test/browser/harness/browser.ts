/*
Debian's Chromium driven by playwright-core (never a downloaded browser): one browser and one loopback server
per test file, a new context (fresh cookies and storage) per test.
*/
import {existsSync} from 'node:fs';
import {chromium, type Browser, type BrowserContext, type Page} from 'playwright-core';
import {afterAll, afterEach, beforeAll, beforeEach} from 'vitest';
import type {TestBackend} from './backend.js';
import {headlessPage, scriptTagPage, type HeadlessPageOptions, type ScriptTagPageOptions} from './pages.js';
import {waitForStartupRestore} from './probes.js';
import {startTestServer, type TestServer} from './server.js';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** What this closed network needs (STYLE.md): nothing may try to reach the outside. */
export const LAUNCH_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

const INSTALL_HINT = `Install it with \`apt-get update && apt-get install -y chromium\` (Debian), or set CHROMIUM_PATH to a Chromium binary.`;

export const chromiumMissing = !existsSync(CHROMIUM_PATH);

/** Outside CI a machine without Chromium skips the browser suite, loudly; in CI (CI=true) that is a failure. */
export const skipBrowserSuite = chromiumMissing && process.env.CI !== 'true';

if (skipBrowserSuite) {
	console.warn(
		[
			'',
			'#'.repeat(78),
			`# BROWSER TESTS SKIPPED: no Chromium at ${CHROMIUM_PATH}.`,
			`# ${INSTALL_HINT}`,
			'# (With CI=true a missing browser fails the run instead.)',
			'#'.repeat(78),
			'',
		].join('\n'),
	);
}

export interface OpenOptions {
	/**
	Installs Playwright's fake clock in the context before the page loads (time flows until a test moves it);
	`{skewMs}` also sets the visitor's clock that far off the machine's (and the backend's).
	*/
	clock?: boolean | {skewMs: number};
}

export interface BrowserSuite {
	readonly server: TestServer;
	readonly backend: TestBackend;
	readonly context: BrowserContext;
	/** Uncaught errors of this test's pages, as Playwright saw them. */
	readonly pageErrors: string[];
	/** Opens a new page of this test's context at `url` and waits for its load event. */
	open(url: string, options?: OpenOptions): Promise<Page>;
	/** Opens a headless-app page (pages.ts) and waits for its start-up restore to settle. */
	openHeadless(page?: HeadlessPageOptions, options?: OpenOptions): Promise<Page>;
	/** Opens a script-tag page (pages.ts) and waits for its start-up restore to settle. */
	openScriptTag(page?: ScriptTagPageOptions, options?: OpenOptions): Promise<Page>;
	/** Moves the whole world's time forward: the backend's clock and the context's (every tab of the test; due timers fire once, like a laptop lid). */
	advance(page: Page, ms: number): Promise<void>;
}

/** Registers the hooks of a browser test file; call once at the top of its `describe.skipIf(skipBrowserSuite)`. */
export function useBrowserSuite(): BrowserSuite {
	let browser: Browser | undefined;
	let server: TestServer | undefined;
	let context: BrowserContext | undefined;
	const pageErrors: string[] = [];

	const required = <T>(value: T | undefined, what: string): T => {
		if (value === undefined) throw new Error(`The browser suite's ${what} is not running (did beforeAll fail?).`);
		return value;
	};

	beforeAll(async () => {
		if (chromiumMissing) throw new Error(`No Chromium at ${CHROMIUM_PATH}, and CI=true requires the browser tests to run. ${INSTALL_HINT}`);
		[server, browser] = await Promise.all([startTestServer(), chromium.launch({executablePath: CHROMIUM_PATH, args: LAUNCH_ARGS})]);
	});

	afterAll(async () => {
		await browser?.close();
		await server?.close();
	});

	beforeEach(async () => {
		required(server, 'server').backend.reset();
		pageErrors.length = 0;
		context = await required(browser, 'browser').newContext();
	});

	afterEach(async () => {
		await context?.close();
		context = undefined;
	});

	return {
		get server() {
			return required(server, 'server');
		},
		get backend() {
			return required(server, 'server').backend;
		},
		get context() {
			return required(context, 'browser context');
		},
		pageErrors,
		async open(url, {clock = false} = {}) {
			const activeContext = required(context, 'browser context');
			if (clock) await activeContext.clock.install({time: Date.now() + (clock === true ? 0 : clock.skewMs)});
			const page = await activeContext.newPage();
			page.on('pageerror', (error) => pageErrors.push(error.message));
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
		async advance(page, ms) {
			required(server, 'server').backend.advance(ms);
			await page.clock.fastForward(ms);
		},
	};
}
