/*
Firefox: Debian's firefox-esr driven by puppeteer-core over WebDriver BiDi (no geckodriver, no download;
shared/BROWSERS.md). One browser per test file, a browser context per profile.
*/
import puppeteer, {type BrowserContext, type Page} from 'puppeteer-core';
import type {EngineDriver, PageDriver, ProfileDriver} from './types.js';

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

export async function launchFirefox(): Promise<EngineDriver> {
	const browser = await puppeteer.launch({
		browser: 'firefox',
		executablePath: FIREFOX_PATH,
		headless: true,
		protocol: 'webDriverBiDi',
		args: ['--no-remote'],
	});
	const version = (await browser.version()).replace(/^firefox\//i, 'Firefox ');
	return {
		name: 'firefox',
		version,
		async newProfile() {
			return firefoxProfile(await browser.createBrowserContext());
		},
		close: () => browser.close(),
	};
}

function firefoxProfile(context: BrowserContext): ProfileDriver {
	return {
		async newPage() {
			return firefoxPage(await context.newPage());
		},
		async cookies() {
			return (await context.cookies()).map(({name, value, httpOnly}) => ({name, value, httpOnly: httpOnly === true}));
		},
		close: () => context.close(),
	};
}

function firefoxPage(page: Page): PageDriver {
	const consoleErrors: string[] = [];
	page.on('console', (message) => {
		if (message.type() === 'error') consoleErrors.push(message.text());
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
	};
}
