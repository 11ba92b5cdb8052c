/*
The widget's side (shared/zendesk-widget.md): a widget that loads late or never, one that refuses the JWT, and
one loginUser per sign-in across sign-outs. Headless integration on the script-tag bundle.
*/
import {describe, expect, it} from 'vitest';
import {ADA} from './harness/backend.js';
import {ENGINE, skipBrowserSuite, useBrowserSuite} from './harness/browser.js';
import {
	ABSENCE_WINDOW_MS,
	addWidget,
	authState,
	events,
	expectWidgetSignedIn,
	expectZendesk,
	headlessLogin,
	waitForEvent,
	zendesk,
} from './harness/probes.js';

describe.skipIf(skipBrowserSuite)(`the widget in ${ENGINE}`, () => {
	const suite = useBrowserSuite();

	it('a widget that loads after the login is signed in once it appears, with exactly one loginUser', async () => {
		const page = await suite.openHeadless({widget: 'absent'});
		expect(await headlessLogin(page)).toEqual({ok: true, externalId: ADA.externalId});
		expect(await zendesk(page)).toBeNull();
		await page.waitForTimeout(ABSENCE_WINDOW_MS);
		await addWidget(page);
		await expectWidgetSignedIn(page);
		// And no second one later on.
		await page.waitForTimeout(ABSENCE_WINDOW_MS);
		expect((await zendesk(page))!.loginUserCalls).toBe(1);
		expect((await events(page)).filter((event) => event.type === 'error')).toEqual([]);
	});

	it('without a widget the site login still works and ERR_WIDGET_UNAVAILABLE is reported after widgetTimeoutMs', async () => {
		const page = await suite.openHeadless({widget: 'absent', options: {widgetTimeoutMs: 300}});
		expect(await headlessLogin(page)).toEqual({ok: true, externalId: ADA.externalId});
		expect(await authState(page)).toMatchObject({state: 'signed-in', externalId: ADA.externalId});
		await waitForEvent(page, {type: 'error', code: 'ERR_WIDGET_UNAVAILABLE'});
		expect(await authState(page)).toMatchObject({state: 'signed-in', externalId: ADA.externalId});
		expect((await events(page)).some((event) => event.type === 'logout')).toBe(false);
	});

	it('a widget that appears after ERR_WIDGET_UNAVAILABLE was reported is still signed in, once', async () => {
		const page = await suite.openHeadless({widget: 'absent', options: {widgetTimeoutMs: 300}});
		expect(await headlessLogin(page)).toEqual({ok: true, externalId: ADA.externalId});
		await waitForEvent(page, {type: 'error', code: 'ERR_WIDGET_UNAVAILABLE'});
		await addWidget(page);
		await expectWidgetSignedIn(page);
	});

	it('a widget that refuses the JWT (another signing key id) is reported as ERR_WIDGET_LOGIN_FAILED', async () => {
		const page = await suite.openHeadless({standIn: {kid: 'app_some_other_key'}});
		expect(await headlessLogin(page)).toEqual({ok: true, externalId: ADA.externalId});
		const failure = await waitForEvent(page, {type: 'error', code: 'ERR_WIDGET_LOGIN_FAILED'});
		expect(failure.name).toBe('MessagingAuthError');
		const record = await expectZendesk(page, {loginUserCalls: 1, loginResults: [{type: 'LoginFailedError', reason: 'invalid_auth'}]});
		expect(record.misuse).toEqual([]);
	});

	it('an old widget build that never calls loginCallback still gets one loginUser with a valid JWT, and no error', async () => {
		const page = await suite.openHeadless({standIn: {loginCallback: false}});
		expect(await headlessLogin(page)).toEqual({ok: true, externalId: ADA.externalId});
		await expectWidgetSignedIn(page);
		await page.waitForTimeout(ABSENCE_WINDOW_MS);
		expect((await events(page)).filter((event) => event.type === 'error')).toEqual([]);
	});

	it('each sign-in gets one loginUser and each sign-out one logoutUser, with never a second loginUser in between', async () => {
		const page = await suite.openHeadless();
		for (let round = 1; round <= 2; round++) {
			expect(await headlessLogin(page)).toEqual({ok: true, externalId: ADA.externalId});
			await expectZendesk(page, {loginUserCalls: round, signedInAs: ADA.externalId, logoutUserCalls: round - 1});
			await page.evaluate(() => window.__app.logout());
			await expectZendesk(page, {logoutUserCalls: round, signedInAs: null});
		}

		const record = (await zendesk(page))!;
		expect(record.calls.filter((call) => call.startsWith('messenger '))).toEqual([
			'messenger loginUser',
			'messenger logoutUser',
			'messenger loginUser',
			'messenger logoutUser',
		]);
		expect(record.misuse).toEqual([]);
		expect(record.expiredReceived).toBe(0);
	});

	it('logging in again while signed in as the same visitor does not call loginUser a second time', async () => {
		const page = await suite.openHeadless();
		expect(await headlessLogin(page)).toEqual({ok: true, externalId: ADA.externalId});
		await expectWidgetSignedIn(page);
		expect(await headlessLogin(page)).toEqual({ok: true, externalId: ADA.externalId});
		await page.waitForTimeout(ABSENCE_WINDOW_MS);
		const record = (await zendesk(page))!;
		expect(record.loginUserCalls).toBe(1);
		expect(record.misuse).toEqual([]);
	});
});
