/*
Makes docs/qa-page.png from a running demo, in headless Chromium: signed in as Ada, the lifetime shortened to
15 s, and a refresh in the event log. Usage (with `npm run demo` running):

	node demo/make-screenshot.mjs [http://localhost:8080/] [docs/qa-page.png]

CHROMIUM_PATH overrides /usr/bin/chromium (Debian's `chromium` package).
*/
import {chromium} from 'playwright-core';

const url = process.argv[2] ?? 'http://localhost:8080/';
const output = process.argv[3] ?? 'docs/qa-page.png';
// What this closed network needs: nothing may try to reach the outside.
const LAUNCH_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const browser = await chromium.launch({executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: LAUNCH_ARGS});
try {
	const page = await browser.newPage({viewport: {width: 1360, height: 860}});
	await page.goto(url);
	await page.getByLabel('Email').fill('ada@example.com');
	await page.getByLabel('Password').fill('analytical-engine');
	await page.getByRole('button', {name: 'Sign in', exact: true}).click();
	await page.getByText('Signed in as Ada Lovelace', {exact: true}).waitFor();
	const reloaded = page.waitForEvent('load');
	await page.getByRole('button', {name: '15 s'}).click();
	await reloaded;
	await page.locator('#event-log [data-event="refresh"]').first().waitFor({timeout: 20_000});
	// Let the countdowns move off their first value.
	await page.waitForTimeout(1200);
	await page.screenshot({path: output});
	// Leave the demo as it was found for whoever uses it next.
	await page.getByRole('button', {name: 'Default (10 min)'}).click();
	console.log(`Wrote ${output}`);
} finally {
	await browser.close();
}
