/*
Tabs in step at scale (issue 7), in every engine: many pages of one profile sharing one clock, a tab that never lets go
of the refresh lock, a tab opened into a signed-in session, and a laptop lid closed past expiry.
The per-expiry figures are logged so that they can be quoted.
*/
import {describe, expect, it} from 'vitest';
import {ADA, ENDPOINTS} from './harness/backend.js';
import {skipBrowserSuite, useBrowserSuite, type Page} from './harness/browser.js';
import {ABSENCE_WINDOW_MS, authState, expectWidgetSignedIn, expectZendesk, headlessLogin, waitForEvent, WAIT_MS, zendesk} from './harness/probes.js';
import {refreshAttemptBudgetMs} from '../../src/core/token-client.js';
import {CHANNEL_NAME} from '../../src/sync/tab-sync.js';

/** Past the refresh time of the backend's 600 s tokens with the default 60 s leeway. */
const PAST_REFRESH_TIME_MS = 541_000;
/** Past the expiry of the backend's 600 s tokens: a lid closed that long wakes with an expired token. */
const LID_CLOSED_MS = 700_000;
const EXPIRIES = 4;
/** With PAST_REFRESH_TIME_MS, past the widget stand-in's re-ask of its first token (600 s after it got it). */
const WIDGET_REASK_AFTER_MS = 70_000;
/** The request timeout of the lock test. */
const SHORT_TIMEOUT_MS = 1000;
/**
How long the other tabs wait for a held refresh lock before they go ahead: the longest one refresh attempt can take
(each of ky's tries within timeoutMs, its pause between them) plus the session's 2 s margin (src/core/messaging-auth.ts).
*/
const LOCK_GIVE_UP_MS = refreshAttemptBudgetMs(SHORT_TIMEOUT_MS) + 2000;
/** The one refresh lock of an origin (src/sync/tab-sync.ts): every instance of the origin queues on it. */
const REFRESH_LOCK = `${CHANNEL_NAME}:refresh`;

describe.skipIf(skipBrowserSuite)('tabs of one site at scale', () => {
	const suite = useBrowserSuite();

	const refreshesWithSession = () => suite.backend.requests.filter((request) => request.path === ENDPOINTS.refresh && request.hadSessionCookie).length;

	/** Opens `count` tabs (the first installs the shared clock), logs in in the first, and waits for the others to adopt the session. */
	async function signedInTabs(count: number, options: Record<string, unknown> = {}): Promise<Page[]> {
		const tabs: Page[] = [];
		for (let index = 0; index < count; index++) tabs.push(await suite.openHeadless({options}, {clock: index === 0}));
		expect(await headlessLogin(tabs[0]!)).toEqual({ok: true, externalId: ADA.externalId});
		await Promise.all(tabs.map((tab) => waitForEvent(tab, {type: 'login', externalId: ADA.externalId})));
		await Promise.all(tabs.map((tab) => expectWidgetSignedIn(tab)));
		return tabs;
	}

	/** Every tab signed in with the newest token the backend minted, and at least `minted` minted. */
	const allOnNewestToken = async (tabs: Page[], minted: number) => {
		const states = await Promise.all(tabs.map((tab) => authState(tab)));
		return suite.backend.minted.length >= minted && states.every((state) => state?.state === 'signed-in' && state.jwt === suite.backend.minted.at(-1));
	};

	const expiredToWidgets = async (tabs: Page[]) => (await Promise.all(tabs.map((tab) => zendesk(tab)))).reduce((sum, record) => sum + (record?.expiredReceived ?? 0), 0);

	it.each([1, 3, 10])('%i signed-in tabs waking past the refresh time make exactly one refresh request per expiry, and no widget gets an expired token', async (count) => {
		const tabs = await signedInTabs(count);
		for (let expiry = 1; expiry <= EXPIRIES; expiry++) {
			await suite.advance(tabs[0]!, PAST_REFRESH_TIME_MS);
			await expect.poll(() => allOnNewestToken(tabs, 1 + expiry), {timeout: WAIT_MS, interval: 25}).toBe(true);
		}

		// A second request for the same expiry would show within this window.
		await tabs[0]!.waitForTimeout(ABSENCE_WINDOW_MS);
		const requests = refreshesWithSession();
		const expired = await expiredToWidgets(tabs);
		const reasks = (await Promise.all(tabs.map((tab) => zendesk(tab)))).reduce((sum, record) => sum + (record?.reasks ?? 0), 0);
		console.log(
			`tabs=${count} expiries=${EXPIRIES} refresh requests=${requests} (${(requests / EXPIRIES).toFixed(2)} per expiry) expired tokens to widgets=${expired} (widget re-asks=${reasks})`,
		);
		expect(requests).toBe(EXPIRIES);
		expect(expired).toBe(0);
		// The widgets did ask again after their first token expired: the zero above counts real hand-overs.
		expect(reasks).toBeGreaterThanOrEqual(count);
		for (const tab of tabs) await expectZendesk(tab, {loginUserCalls: 1, logoutUserCalls: 0, invalidReceived: 0, misuse: []});
		expect(suite.pageErrors).toEqual([]);
	}, 60_000);

	it('a tab holding the refresh lock forever does not block the others: they refresh after the lock timeout and stay signed in', async () => {
		const tabs = await signedInTabs(2, {timeoutMs: SHORT_TIMEOUT_MS});
		const blocker = await suite.open(suite.server.addPage({html: '<!doctype html><title>Frozen tab</title>'}));
		await blocker.evaluate((name) => {
			void navigator.locks.request(name, () => new Promise<never>(() => {}));
		}, REFRESH_LOCK);
		await expect
			.poll(() => blocker.evaluate(async (name) => ((await navigator.locks.query()).held ?? []).some((lock) => lock.name === name), REFRESH_LOCK), {timeout: WAIT_MS})
			.toBe(true);

		const before = Date.now();
		await suite.advance(tabs[0]!, PAST_REFRESH_TIME_MS);
		await expect.poll(() => allOnNewestToken(tabs, 2), {timeout: LOCK_GIVE_UP_MS + WAIT_MS, interval: 50}).toBe(true);
		const tookMs = Date.now() - before;
		// A second tab's request, if any, would come after the first one's token: give it time to show.
		await tabs[0]!.waitForTimeout(ABSENCE_WINDOW_MS);
		const requests = refreshesWithSession();
		console.log(`lock held by a frozen tab: refreshed after ${tookMs} ms (give-up at ${LOCK_GIVE_UP_MS} ms), refresh requests=${requests}`);
		// The lock was really contended: nobody refreshed before the others gave up on it.
		expect(tookMs).toBeGreaterThanOrEqual(LOCK_GIVE_UP_MS - 500);
		// The tabs that gave up on the frozen lock queue on a lock of this expiry: still one request between them.
		expect(requests).toBe(1);
		for (const tab of tabs) {
			expect(await tab.evaluate(() => window.__events.some((event) => event.type === 'logout'))).toBe(false);
			await expectZendesk(tab, {signedInAs: ADA.externalId, loginUserCalls: 1, logoutUserCalls: 0, expiredReceived: 0});
		}
	}, 60_000);

	it('a tab opened while another is signed in gets the session from it without any request to the refresh endpoint', async () => {
		const [first] = await signedInTabs(1);
		const second = await suite.openHeadless();
		const adopted = await waitForEvent(second, {type: 'login', externalId: ADA.externalId});
		expect(adopted.jwt).toBe(suite.backend.minted[0]);
		await expectWidgetSignedIn(second);
		await first!.waitForTimeout(ABSENCE_WINDOW_MS);
		expect(refreshesWithSession()).toBe(0);
		expect(suite.backend.count(ENDPOINTS.token)).toBe(1);
		expect(suite.backend.minted).toHaveLength(1);
	});

	it('three tabs waking from a lid closed past expiry refresh once, before any widget is handed a token, and stay signed in', async () => {
		const tabs = await signedInTabs(3);
		// The lid closes: the wall clock runs on, timers do not.
		await suite.jumpWallClock(LID_CLOSED_MS);
		await tabs[0]!.waitForTimeout(10);
		expect(refreshesWithSession(), 'no timer ran while the lid was closed').toBe(0);
		expect(await expiredToWidgets(tabs)).toBe(0);
		// The lid opens: every tab sees the page become visible and focused at once.
		await Promise.all(
			tabs.map((tab) =>
				tab.evaluate(() => {
					document.dispatchEvent(new Event('visibilitychange'));
					window.dispatchEvent(new Event('focus'));
				}),
			),
		);
		await expect.poll(() => allOnNewestToken(tabs, 2), {timeout: WAIT_MS, interval: 25}).toBe(true);
		expect(refreshesWithSession(), 'one refresh at wake, for all three tabs').toBe(1);
		const receivedAtWake = await Promise.all(tabs.map(async (tab) => (await zendesk(tab))?.received.length ?? 0));
		expect(receivedAtWake, 'the refresh came before any widget asked: they hold only their login token').toEqual([1, 1, 1]);

		// Awake again, time runs on: the next expiry is refreshed on time, then each widget's own timer re-asks for a
		// token (the one it holds expired while the lid was closed) and must get the fresh one.
		await suite.advance(tabs[0]!, PAST_REFRESH_TIME_MS);
		await expect.poll(() => allOnNewestToken(tabs, 3), {timeout: WAIT_MS, interval: 25}).toBe(true);
		await suite.advance(tabs[0]!, WIDGET_REASK_AFTER_MS);
		for (const tab of tabs) await expectZendesk(tab, {reasks: 1});
		await tabs[0]!.waitForTimeout(ABSENCE_WINDOW_MS);
		const requests = refreshesWithSession();
		const expired = await expiredToWidgets(tabs);
		console.log(`lid closed ${LID_CLOSED_MS / 1000} s with 3 tabs: refresh requests=${requests} for 2 expiries (1 at wake), expired tokens to widgets=${expired}`);
		expect(requests).toBe(2);
		expect(expired).toBe(0);
		for (const tab of tabs) {
			const record = await expectZendesk(tab, {signedInAs: ADA.externalId, loginUserCalls: 1, logoutUserCalls: 0, invalidReceived: 0});
			expect(record.received.at(-1)).toMatchObject({ok: true, why: 'reask', jwt: suite.backend.minted.at(-1)});
			expect(await tab.evaluate(() => window.__events.some((event) => event.type === 'logout'))).toBe(false);
		}
	}, 60_000);
});
