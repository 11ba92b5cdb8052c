/*
Chromium: Debian's package driven by playwright-core over CDP (never a downloaded browser). One browser per test
file, a browser context per profile.
*/
import {chromium, type BrowserContext, type Page} from 'playwright-core';
import type {EngineDriver, PageDriver, ProfileDriver} from './types.js';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** What this closed network needs (STYLE.md): nothing may try to reach the outside. */
export const CHROMIUM_LAUNCH_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

export async function launchChromium(): Promise<EngineDriver> {
	// Playwright turns the back/forward cache off by default; a visitor's Chromium has it (test/browser/quiet-start.test.ts).
	const browser = await chromium.launch({executablePath: CHROMIUM_PATH, args: CHROMIUM_LAUNCH_ARGS, ignoreDefaultArgs: ['--disable-back-forward-cache']});
	return {
		name: 'chromium',
		version: `Chromium ${browser.version()}`,
		async newProfile() {
			return chromiumProfile(await browser.newContext());
		},
		close: () => browser.close(),
	};
}

function chromiumProfile(context: BrowserContext): ProfileDriver {
	return {
		async newPage() {
			return chromiumPage(await context.newPage());
		},
		async cookies() {
			return (await context.cookies()).map(({name, value, httpOnly}) => ({name, value, httpOnly}));
		},
		close: () => context.close(),
	};
}

function chromiumPage(page: Page): PageDriver {
	const consoleErrors: string[] = [];
	page.on('console', (message) => {
		if (message.type() === 'error') consoleErrors.push(`${message.text()} (${message.location().url})`);
	});
	return {
		browserConsoleErrors: () => [...consoleErrors],
		async goto(url) {
			await page.goto(url, {waitUntil: 'load'});
		},
		async reload() {
			await page.reload({waitUntil: 'load'});
		},
		url: async () => page.url(),
		evaluate: (expression) => page.evaluate(expression),
		fill: (selector, value) => page.locator(selector).fill(value),
		click: (selector) => page.locator(selector).click(),
		close: () => page.close(),
		async usedHeapAfterGc() {
			const cdp = await page.context().newCDPSession(page);
			try {
				for (let round = 0; round < 3; round++) await cdp.send('HeapProfiler.collectGarbage');
				return (await cdp.send('Runtime.getHeapUsage')).usedSize;
			} finally {
				await cdp.detach();
			}
		},
	};
}
