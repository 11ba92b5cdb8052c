/*
A page that enforces Trusted Types (`require-trusted-types-for 'script'`) and lets only the SDK's policy exist: with
data-widget-key the SDK adds Zendesk's snippet tag through its zendesk-messaging-auth policy, with not one
violation. The snippet's host is unreachable from this closed network, so its load error (ERR_WIDGET_UNAVAILABLE)
is expected; what matters is that the tag is there, with the right src and nonce, and that nothing was refused.
All three engines of this suite have window.trustedTypes and enforce the directive (asserted below).
*/
import {describe, expect, it} from 'vitest';
import {ENGINE, skipBrowserSuite, useBrowserSuite} from './harness/browser.js';
import {cspViolations} from './harness/probes.js';

const WIDGET_KEY = '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';
const NONCE = 'r4nd0m-n0nce';
const TRUSTED_TYPES_CSP = "require-trusted-types-for 'script'; trusted-types zendesk-messaging-auth";

describe.skipIf(skipBrowserSuite)(`Trusted Types in ${ENGINE}`, () => {
	const suite = useBrowserSuite();

	const snippetTag = (page: Awaited<ReturnType<typeof suite.open>>) =>
		page.evaluate(() => {
			const script = document.getElementById('ze-snippet') as HTMLScriptElement | null;
			return script ? {src: script.src, nonce: script.nonce, inHead: script.parentElement === document.head} : null;
		});

	it(`under "${TRUSTED_TYPES_CSP}" the script tag with data-widget-key adds the snippet with its src and nonce, and records zero violations`, async () => {
		const page = await suite.openScriptTag({widget: 'absent', data: {'data-widget-key': WIDGET_KEY, 'data-nonce': NONCE}, csp: TRUSTED_TYPES_CSP});
		await expect.poll(() => snippetTag(page), {timeout: 5000}).not.toBeNull();
		expect(await snippetTag(page)).toEqual({src: `https://static.zdassets.com/ekr/snippet.js?key=${WIDGET_KEY}`, nonce: NONCE, inHead: true});
		await page.waitForTimeout(300);
		expect(await cspViolations(page)).toEqual([]);
		expect(suite.pageErrors).toEqual([]);
	});

	it('the engine enforces the directive: a plain string assigned to a script src on that page is refused and reported', async () => {
		const page = await suite.openScriptTag({widget: 'absent', csp: TRUSTED_TYPES_CSP});
		const outcome = await page.evaluate(() => {
			const script = document.createElement('script');
			try {
				script.src = '/pages/nothing.js';
				return 'accepted';
			} catch (error) {
				return (error as Error).name;
			}
		});
		expect(outcome).toBe('TypeError');
		await expect.poll(async () => (await cspViolations(page)).map((violation) => violation.directive), {timeout: 5000}).toContain('require-trusted-types-for');
	});
});
