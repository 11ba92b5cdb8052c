/*
The browser the suite depends on. Outside CI a missing Chromium skips every browser file (loudly); with CI=true
this test fails instead, so a CI run can never pass without having run the browser tests.
*/
import {chromium} from 'playwright-core';
import {describe, expect, it} from 'vitest';
import {CHROMIUM_PATH, chromiumMissing, LAUNCH_ARGS, skipBrowserSuite} from './harness/browser.js';

describe.skipIf(skipBrowserSuite)('Chromium for the browser suite', () => {
	it('is installed and launches headless with the closed-network flags', async () => {
		expect(chromiumMissing, `no Chromium at ${CHROMIUM_PATH}: apt-get install -y chromium, or set CHROMIUM_PATH`).toBe(false);
		const browser = await chromium.launch({executablePath: CHROMIUM_PATH, args: LAUNCH_ARGS});
		try {
			expect(browser.version()).toMatch(/^\d+\./);
			const page = await browser.newPage();
			expect(await page.evaluate(() => navigator.userAgent)).toContain('HeadlessChrome');
		} finally {
			await browser.close();
		}
	});
});
