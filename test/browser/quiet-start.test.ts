/*
PRODUCT.md, "A quiet start": a visitor who never signs in costs the site nothing (no request, no console error, no
lost back/forward cache), in each engine. Pages go on in one tab (page.goto), as a visitor browses a site; requests
are the test backend's log of its three endpoints, console errors what pages/recorder.js saw (console.error, uncaught
errors) plus what the browser itself printed where its driver can read that (Chromium, Firefox; WebKit's cannot).
Each case prints its figures ("quiet-start <engine>: …") for the issue's closing note.
*/
import {describe, expect, it} from 'vitest';
import {ADA, ENDPOINTS} from './harness/backend.js';
import {ENGINE, skipBrowserSuite, useBrowserSuite, type Page} from './harness/browser.js';
import {signedInText, signInWithForm, signOutButton, visible} from './harness/form.js';
import {scriptTagPage, type ScriptTagPageOptions} from './harness/pages.js';
import {ABSENCE_WINDOW_MS, authState, events, expectZendesk, waitForEvent, waitForStartupRestore, WAIT_MS, zendesk} from './harness/probes.js';

const ENDPOINT_PATHS: readonly string[] = [ENDPOINTS.token, ENDPOINTS.refresh, ENDPOINTS.logout];
/** The site's own login: only data-refresh-endpoint, no form. */
const SITE_LOGIN: ScriptTagPageOptions['data'] = {'data-token-endpoint': null, 'data-logout-endpoint': null, 'data-mount': null};
/** Past the refresh time of the backend's 600 s tokens with the default 60 s leeway. */
const PAST_REFRESH_TIME_MS = 541_000;

interface PageCost {
	requests: string[];
	consoleErrors: string[];
}

describe.skipIf(skipBrowserSuite)(`a quiet start in ${ENGINE}`, () => {
	const suite = useBrowserSuite();

	const formPage = (options: ScriptTagPageOptions = {}) => scriptTagPage(suite.server, {cacheable: true, ...options});
	const siteLoginPage = (data: ScriptTagPageOptions['data'] = {}) => formPage({data: {...SITE_LOGIN, ...data}});
	/** A page of the site without the SDK (recorder only), for a tab to go on to. */
	const plainPage = () => suite.server.addPage({html: '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Plain</title><script src="/pages/recorder.js"></script></head><body><p>About us</p></body></html>', cacheable: true});

	const endpointRequests = (since: number) => suite.backend.requests.slice(since).filter((request) => ENDPOINT_PATHS.includes(request.path)).map((request) => request.path);

	/** Every console error of the page as it stands, and the browser's own lines since `browserSince`. */
	async function consoleErrorsOf(page: Page, browserSince: number): Promise<string[]> {
		const inPage = await page.evaluate(() => [...window.__consoleErrors, ...window.__pageErrors]);
		return [...inPage, ...(page.browserConsoleErrors()?.slice(browserSince) ?? [])];
	}

	/**
	Loads `url` in the tab (a new one when `page` is undefined), waits for the start-up to settle and a while more, and
	returns what that page load cost: requests to the three endpoints, console errors.
	*/
	async function visit(page: Page | undefined, url: string): Promise<{page: Page; cost: PageCost}> {
		const since = suite.backend.requests.length;
		const browserSince = page?.browserConsoleErrors()?.length ?? 0;
		if (page) await page.goto(url);
		else page = await suite.open(url);
		await waitForStartupRestore(page);
		await page.waitForTimeout(ABSENCE_WINDOW_MS);
		return {page, cost: {requests: endpointRequests(since), consoleErrors: await consoleErrorsOf(page, browserSince)}};
	}

	const report = (what: string, cost: PageCost) =>
		console.info(`quiet-start ${ENGINE}: ${what}: ${cost.requests.length} request(s) ${JSON.stringify(cost.requests)}, ${cost.consoleErrors.length} console error(s)${cost.consoleErrors.length ? ` ${JSON.stringify(cost.consoleErrors)}` : ''}${ENGINE === 'webkit' ? ' (in-page records only: WebKit\'s driver reads no console)' : ''}`);

	async function signedInWithForm(page: Page): Promise<void> {
		await signInWithForm(page, ADA);
		await visible(signedInText(page, ADA.name!));
		await expectZendesk(page, {signedInAs: ADA.externalId});
	}

	describe('the six visitor cases', () => {
		it('1. a first-time visitor of the form page: 0 requests to any endpoint, 0 console errors, signed out, on every page', async () => {
			const first = await visit(undefined, formPage());
			report('first-time visitor, form page', first.cost);
			expect(first.cost).toEqual({requests: [], consoleErrors: []});
			expect(await authState(first.page)).toEqual({state: 'signed-out', jwt: null, externalId: null});
			expect(await events(first.page)).toEqual([]);
			expect(await zendesk(first.page)).toMatchObject({loginUserCalls: 0, logoutUserCalls: 0});

			const second = await visit(first.page, formPage());
			report('first-time visitor, next page', second.cost);
			expect(second.cost).toEqual({requests: [], consoleErrors: []});
			expect(suite.pageErrors).toEqual([]);
		});

		it('2. a visitor who signed in is restored on the next page with 1 request', async () => {
			const {page} = await visit(undefined, formPage());
			await signedInWithForm(page);
			const next = await visit(page, formPage());
			report('signed in, next page', next.cost);
			expect(next.cost).toEqual({requests: [ENDPOINTS.refresh], consoleErrors: []});
			expect(await authState(next.page)).toMatchObject({state: 'signed-in', externalId: ADA.externalId});
			await visible(signedInText(next.page, ADA.name!));
		});

		it('3a. after signing out here, the next page makes 0 requests', async () => {
			const {page} = await visit(undefined, formPage());
			await signedInWithForm(page);
			await signOutButton(page).click();
			await expectZendesk(page, {logoutUserCalls: 1, signedInAs: null});
			const next = await visit(page, formPage());
			report('signed out here, next page', next.cost);
			expect(next.cost).toEqual({requests: [], consoleErrors: []});
			expect(await zendesk(next.page)).toMatchObject({logoutUserCalls: 0, loginUserCalls: 0});
		});

		it('3b. after signing out in another tab, the next page makes 0 requests', async () => {
			const {page} = await visit(undefined, formPage());
			await signedInWithForm(page);
			const other = await suite.openScriptTag({cacheable: true});
			await expect.poll(async () => (await authState(other))?.state, {timeout: WAIT_MS}).toBe('signed-in');
			await signOutButton(other).click();
			await waitForEvent(page, {type: 'logout', reason: 'remote'});
			const next = await visit(page, formPage());
			report('signed out in another tab, next page', next.cost);
			expect(next.cost).toEqual({requests: [], consoleErrors: []});
		});

		it.each([204, 401, 403])('3c. after a refresh answered %i ended the session, the next page makes 0 requests', async (status) => {
			const page = await suite.open(formPage(), {clock: true});
			await waitForStartupRestore(page);
			await signedInWithForm(page);
			suite.backend.answerNextRefresh({kind: 'status', status});
			await suite.advance(page, PAST_REFRESH_TIME_MS);
			await waitForEvent(page, {type: 'logout', reason: 'expired'});
			await expectZendesk(page, {logoutUserCalls: 1, signedInAs: null});
			expect((await events(page)).filter((event) => event.type === 'error').map((event) => [event.code, event.status])).toEqual([['ERR_SESSION_EXPIRED', status]]);
			const next = await visit(page, formPage());
			report(`session ended by a ${status} refresh, next page`, next.cost);
			expect(next.cost).toEqual({requests: [], consoleErrors: []});
		});

		it('4. a session revoked on the server while the visitor was away: 1 request, one logoutUser, then quiet', async () => {
			suite.backend.noSessionStatus = 204;
			const {page} = await visit(undefined, formPage());
			await signedInWithForm(page);
			await page.goto(plainPage());
			suite.backend.revokeSessions();

			const back = await visit(page, formPage());
			report('revoked while away, next page', back.cost);
			expect(back.cost).toEqual({requests: [ENDPOINTS.refresh], consoleErrors: []});
			expect(await zendesk(back.page)).toMatchObject({restoredAs: ADA.externalId, logoutUserCalls: 1, loginUserCalls: 0, signedInAs: null});
			expect(await authState(back.page)).toEqual({state: 'signed-out', jwt: null, externalId: null});
			expect((await events(back.page)).filter((event) => event.type === 'error' || event.type === 'logout')).toEqual([]);

			const quiet = await visit(back.page, formPage());
			report('revoked while away, the page after', quiet.cost);
			expect(quiet.cost).toEqual({requests: [], consoleErrors: []});
			expect(await zendesk(quiet.page)).toMatchObject({restoredAs: null, logoutUserCalls: 0});
		});

		it('5. the site\'s own login with a hint cookie: 0 requests without the cookie, restored with it', async () => {
			const hinted = () => siteLoginPage({'data-session-hint-cookie': 'logged_in'});
			const without = await visit(undefined, hinted());
			report('site login, no hint cookie', without.cost);
			expect(without.cost).toEqual({requests: [], consoleErrors: []});

			// The site's own login: its session cookie (HttpOnly) and its readable hint.
			await without.page.evaluate(
				async ({url, credentials}) => {
					await fetch(url, {method: 'POST', headers: {'content-type': 'application/json'}, body: JSON.stringify(credentials)});
					document.cookie = 'logged_in=1; path=/';
				},
				{url: ENDPOINTS.token, credentials: {email: ADA.email, password: ADA.password}},
			);
			const withCookie = await visit(without.page, hinted());
			report('site login, hint cookie present', withCookie.cost);
			expect(withCookie.cost).toEqual({requests: [ENDPOINTS.refresh], consoleErrors: []});
			expect(await authState(withCookie.page)).toMatchObject({state: 'signed-in', externalId: ADA.externalId});
		});

		it('6. a 204 "no session" is signed out with no error event and a clean console', async () => {
			suite.backend.noSessionStatus = 204;
			// The site's own login without a hint cookie asks at every page load.
			const noSession = await visit(undefined, siteLoginPage());
			report('204 no session (site login, no hint)', noSession.cost);
			expect(noSession.cost).toEqual({requests: [ENDPOINTS.refresh], consoleErrors: []});
			expect(await authState(noSession.page)).toEqual({state: 'signed-out', jwt: null, externalId: null});
			expect((await events(noSession.page)).filter((event) => event.type === 'error')).toEqual([]);

			// What a 401 costs instead, where the driver can read the browser's console: the red line a 204 avoids.
			suite.backend.noSessionStatus = 401;
			const unauthorized = await visit(noSession.page, siteLoginPage());
			report('401 no session (site login, no hint)', unauthorized.cost);
			expect(unauthorized.cost.requests).toEqual([ENDPOINTS.refresh]);
			if (ENGINE === 'chromium') expect(unauthorized.cost.consoleErrors.join('\n')).toMatch(/401/);
		});
	});

	describe('the back/forward cache', () => {
		/** Marks the page, goes on to a plain page and back; answers whether the page came back from the cache. */
		async function throughTheCache(page: Page, meanwhile: () => Promise<void> = async () => {}): Promise<boolean> {
			const url = await page.url();
			await page.evaluate(() => ((window as unknown as {__cacheProbe: number}).__cacheProbe = 1));
			await page.goto(plainPage());
			await meanwhile();
			await page.goBack(url);
			return page.evaluate(() => (window as unknown as {__cacheProbe?: number}).__cacheProbe === 1 && window.__pageshows.at(-1) === true);
		}

		/** Why Chromium did not restore the page from its cache (its notRestoredReasons), for the failure message. */
		const notRestoredReasons = (page: Page) =>
			page.evaluate(() => JSON.stringify((performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming & {notRestoredReasons?: unknown}).notRestoredReasons ?? null));

		it.each([
			['a first-time visitor\'s form page', async () => (await visit(undefined, formPage())).page],
			[
				'a signed-in form page',
				async () => {
					const {page} = await visit(undefined, formPage());
					await signedInWithForm(page);
					return page;
				},
			],
			[
				'a site-login page after its restore asked (204)',
				async () => {
					suite.backend.noSessionStatus = 204;
					return (await visit(undefined, siteLoginPage())).page;
				},
			],
		] as const)('%s stays eligible: the tab comes back to it from the cache', async (_name, open) => {
			const page = await open();
			const restored = await throughTheCache(page);
			expect(restored, `not restored from the cache; notRestoredReasons: ${await notRestoredReasons(page)}`).toBe(true);
			console.info(`quiet-start ${ENGINE}: bfcache: ${_name}: restored from the cache`);
		});

		it('one restored after the session ended in another tab (a 204 there, no tab message) signs out and calls logoutUser at once, with no request', async () => {
			suite.backend.noSessionStatus = 204;
			const {page} = await visit(undefined, formPage());
			await signedInWithForm(page);
			const before = suite.backend.requests.length;
			const restored = await throughTheCache(page, async () => {
				// The site session ended on the server; another tab's start-up hears "no session". That tab keeps to itself
				// (data-sync-tabs="false"): a tab message would make Chromium and Firefox evict the cached page (next test).
				suite.backend.revokeSessions();
				const other = await visit(undefined, formPage({data: {'data-sync-tabs': 'false'}}));
				expect(other.cost.requests).toEqual([ENDPOINTS.refresh]);
				await other.page.close();
			});
			expect(restored, `not restored from the cache; notRestoredReasons: ${await notRestoredReasons(page)}`).toBe(true);
			await waitForEvent(page, {type: 'logout', reason: 'remote'});
			await expectZendesk(page, {logoutUserCalls: 1, signedInAs: null});
			expect(await authState(page)).toEqual({state: 'signed-out', jwt: null, externalId: null});
			expect(endpointRequests(before)).toEqual([ENDPOINTS.refresh]);
		});

		/*
		Left out in WebKit, not passed: with a second window of the session open while the first page sits in the cache,
		WebKitWebDriver hangs on the way back (a 90 s stall, a different one of these tests each run, then "Maximum number
		of active sessions" for the next). The catch-up itself runs in Chromium and Firefox here and in jsdom
		(test/core/quiet-start.test.ts); WebKit runs the cases above.
		*/
		const withAnotherWindow = ENGINE === 'webkit' ? it.skip : it;
		if (ENGINE === 'webkit') {
			it.skip('the catch-up cases with another window open are not run in webkit: its driver hangs going back to the cached page (see above)', () => {});
		}

		withAnotherWindow('one whose session another tab signed out (a tab message) ends signed out: restored and caught up, or evicted by the message and quiet', async () => {
			const {page} = await visit(undefined, formPage());
			await signedInWithForm(page);
			const restored = await throughTheCache(page, async () => {
				const other = await suite.openScriptTag({cacheable: true});
				await expect.poll(async () => (await authState(other))?.state, {timeout: WAIT_MS}).toBe('signed-in');
				await signOutButton(other).click();
				await expectZendesk(other, {logoutUserCalls: 1});
				await other.close();
			});
			const since = suite.backend.requests.length;
			console.info(`quiet-start ${ENGINE}: bfcache: page whose session another tab signed out: ${restored ? 'restored from the cache' : 'evicted by the tab message, loaded anew'}`);
			if (restored) {
				await waitForEvent(page, {type: 'logout', reason: 'remote'});
				await expectZendesk(page, {logoutUserCalls: 1, signedInAs: null});
			} else {
				await waitForStartupRestore(page);
				// The other tab told the widget already; a fresh page has nothing left to sign out.
				expect(await zendesk(page)).toMatchObject({restoredAs: null, logoutUserCalls: 0});
			}

			await page.waitForTimeout(ABSENCE_WINDOW_MS);
			expect(await authState(page)).toEqual({state: 'signed-out', jwt: null, externalId: null});
			expect(endpointRequests(since)).toEqual([]);
		});

		withAnotherWindow('one restored while another tab holds a newer token adopts it without a request of its own', async () => {
			const {page} = await visit(undefined, formPage());
			await signedInWithForm(page);
			const first = suite.backend.minted.at(-1)!;
			let other: Page | undefined;
			const restored = await throughTheCache(page, async () => {
				// A second later, so that the other tab's token expires later (the JWT's times are whole seconds).
				await page.waitForTimeout(1100);
				({page: other} = await visit(undefined, formPage()));
				await expect.poll(async () => (await authState(other!))?.jwt, {timeout: WAIT_MS}).not.toBe(first);
			});
			const since = suite.backend.requests.length;
			const newer = (await authState(other!))!.jwt;
			console.info(`quiet-start ${ENGINE}: bfcache: page restored while another tab holds a newer token: ${restored ? 'restored from the cache' : 'evicted by the tab message, loaded anew'}`);
			await expect.poll(async () => (await authState(page))?.jwt, {timeout: WAIT_MS}).toBe(newer);
			await page.waitForTimeout(ABSENCE_WINDOW_MS);
			expect(endpointRequests(since)).toEqual([]);
		});

		it('one restored with its token due for refresh refreshes at once', async () => {
			// 20 s tokens with a 10 s leeway: a refresh is due 10 s after the sign-in.
			suite.backend.lifetimeSeconds = 20;
			const {page} = await visit(undefined, formPage({data: {'data-refresh-leeway-seconds': '10'}}));
			await signedInWithForm(page);
			const signedInAtMs = suite.backend.requests.find((request) => request.path === ENDPOINTS.token)!.atMs;
			const restored = await throughTheCache(page, async () => {
				// Away past the refresh time (its timer cannot run in the cache), not past expiry.
				await page.poll(async () => Date.now() > signedInAtMs + 11_000, {timeout: 15_000}, () => 'the refresh time to pass');
			});
			expect(restored, `not restored from the cache; notRestoredReasons: ${await notRestoredReasons(page)}`).toBe(true);
			await waitForEvent(page, {type: 'refresh'});
			expect(suite.backend.requests.filter((request) => request.path === ENDPOINTS.refresh)).toHaveLength(1);
			expect(await authState(page)).toMatchObject({state: 'signed-in', jwt: suite.backend.minted.at(-1)});
		}, 45_000);
	});
});
