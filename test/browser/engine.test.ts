/*
The engine this pass depends on. Outside CI a missing engine skips every browser file of its pass (loudly); with
CI=true this test fails instead, so a CI run can never pass without having run the browser tests in every engine.
*/
import {describe, expect, it} from 'vitest';
import {engineMissing} from './harness/engine.js';
import {ENGINE, skipBrowserSuite, useBrowserSuite} from './harness/browser.js';

const USER_AGENTS = {chromium: /HeadlessChrome\/\d+/, firefox: /Firefox\/\d+/, webkit: /AppleWebKit\/\d+.*Safari/};

describe.skipIf(skipBrowserSuite)(`${ENGINE} for the browser suite`, () => {
	const suite = useBrowserSuite();

	it('is installed, launches without touching the network, and is the engine its user agent says', async () => {
		expect(engineMissing(), `${ENGINE} is not installed (see the warning above for the apt-get line)`).toBeUndefined();
		const page = await suite.open(suite.server.addPage({html: '<!doctype html><title>Engine</title>'}));
		expect(await page.evaluate(() => navigator.userAgent)).toMatch(USER_AGENTS[ENGINE]);
		expect(suite.engineVersion).toMatch(/\d+\.\d+/);
		// The versions docs/development.md quotes come from here.
		console.log(`${ENGINE}: ${suite.engineVersion}`);
	});

	it('the tabs of a profile share one clock: a timer that fires at advance() in one tab finds the other tab already moved on', async () => {
		const url = suite.server.addPage({html: '<!doctype html><title>Clock</title>'});
		const first = await suite.open(url, {clock: true});
		const second = await suite.open(url);
		await second.evaluate(() => {
			const heard = new BroadcastChannel('engine-test:clock');
			heard.onmessage = (event: MessageEvent<number>) => {
				(window as unknown as {__clockSkew?: {ms: number}}).__clockSkew = {ms: Date.now() - event.data};
			};
		});
		await first.evaluate(() => {
			const say = new BroadcastChannel('engine-test:clock');
			setTimeout(() => say.postMessage(Date.now()), 60_000);
		});
		await suite.advance(first, 61_000);
		// An object, as waitForFunction waits for a truthy value and the skew may well be 0.
		const skew = await second.waitForFunction(() => (window as unknown as {__clockSkew?: {ms: number}}).__clockSkew ?? null);
		// A tab that jumped alone would tell the other, still a minute behind, about its future.
		expect(Math.abs(skew!.ms)).toBeLessThan(5000);
	});
});
