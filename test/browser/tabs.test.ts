/*
Tabs of one origin share one session (syncTabs, on by default): two pages of one browser context, each with its
own SDK instance and its own widget.
*/
import {describe, expect, it} from 'vitest';
import {ADA, ENDPOINTS} from './harness/backend.js';
import {skipBrowserSuite, useBrowserSuite} from './harness/browser.js';
import {ABSENCE_WINDOW_MS, authState, expectWidgetSignedIn, expectZendesk, headlessLogin, waitForEvent, WAIT_MS} from './harness/probes.js';

/** Past the refresh time of the backend's 600 s tokens with the default 60 s leeway. */
const PAST_REFRESH_TIME_MS = 541_000;
/** Expiries in the two-tab refresh test: enough that a race lost one time in eight shows (0.875^12 < 0.2). */
const REFRESH_ROUNDS = 12;

describe.skipIf(skipBrowserSuite)('two tabs of one site', () => {
	const suite = useBrowserSuite();

	const refreshesWithSession = () => suite.backend.requests.filter((request) => request.path === ENDPOINTS.refresh && request.hadSessionCookie);

	it('a login in one tab is adopted by the other without another token request, and both widgets are signed in', async () => {
		const first = await suite.openHeadless();
		const second = await suite.openHeadless();
		expect(await headlessLogin(first)).toEqual({ok: true, externalId: ADA.externalId});
		const adopted = await waitForEvent(second, {type: 'login', externalId: ADA.externalId});
		expect(adopted.jwt).toBe(suite.backend.minted[0]);
		expect(await authState(second)).toMatchObject({state: 'signed-in', jwt: suite.backend.minted[0]});
		await expectWidgetSignedIn(first);
		await expectWidgetSignedIn(second);
		expect(suite.backend.count(ENDPOINTS.token)).toBe(1);
		expect(refreshesWithSession()).toEqual([]);
	});

	it('a sign-out in one tab signs the other out with reason "remote" and calls logoutUser in both', async () => {
		const first = await suite.openHeadless();
		const second = await suite.openHeadless();
		expect(await headlessLogin(first)).toEqual({ok: true, externalId: ADA.externalId});
		await expectWidgetSignedIn(second);
		await first.evaluate(() => window.__app.logout());
		await waitForEvent(second, {type: 'logout', reason: 'remote'});
		expect(await authState(second)).toEqual({state: 'signed-out', jwt: null, externalId: null});
		await expectZendesk(first, {logoutUserCalls: 1, signedInAs: null});
		await expectZendesk(second, {logoutUserCalls: 1, signedInAs: null});
	});

	it('two signed-in tabs waking together refresh with one request per expiry, and both use the new token', async () => {
		const first = await suite.openHeadless({}, {clock: true});
		const second = await suite.openHeadless();
		expect(await headlessLogin(first)).toEqual({ok: true, externalId: ADA.externalId});
		await waitForEvent(second, {type: 'login'});
		// Tabs waking together race for the refresh; a lost race shows only now and then, so run many expiries.
		for (let expiry = 1; expiry <= REFRESH_ROUNDS; expiry++) {
			suite.backend.answerNextRefresh({kind: 'delay', delayMs: 50});
			// One clock for the whole context: both tabs wake up past their refresh time together.
			await suite.advance(first, PAST_REFRESH_TIME_MS);
			await expect
				.poll(async () => {
					const states = await Promise.all([authState(first), authState(second)]);
					return states.every((state) => state?.state === 'signed-in' && state.jwt === suite.backend.minted.at(-1)) && suite.backend.minted.length > expiry;
				}, {timeout: WAIT_MS, interval: 20})
				.toBe(true);
		}

		await first.waitForTimeout(ABSENCE_WINDOW_MS);
		expect(refreshesWithSession()).toHaveLength(REFRESH_ROUNDS);
		await expectZendesk(first, {loginUserCalls: 1, expiredReceived: 0});
		await expectZendesk(second, {loginUserCalls: 1, expiredReceived: 0});
	});
});
