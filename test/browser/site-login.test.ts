/*
The site's own login, for real: an Express + express-session app (site-login/app.ts) with its own login and logout
routes, our createJwtHandler on /api/zendesk/jwt, and the built script-tag bundle with only data-refresh-endpoint.
The widget stand-in keeps its signed-in user across page loads, as the real widget does, so these tests see what a
shared computer would: the chat must never stay signed in as a visitor whose site session has ended.
*/
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {ADA} from './harness/backend.js';
import {skipBrowserSuite, useBrowserSuite, type Page} from './harness/browser.js';
import {ABSENCE_WINDOW_MS, arrivedAt as arrivedAtUrl, authState, expectZendesk, waitForStartupRestore, WAIT_MS, zendesk} from './harness/probes.js';
import {SITE_PATHS, startSiteLoginApp, type SiteLoginApp} from './site-login/app.js';

/** The stand-in's key in localStorage (harness/zendesk-stand-in.js). */
const STAND_IN_KEY = 'zendesk-stand-in:signed-in-user';

describe.skipIf(skipBrowserSuite)('the site\'s own login (Express + express-session, createJwtHandler, refresh-only script tag)', () => {
	const suite = useBrowserSuite();
	let app: SiteLoginApp | undefined;

	beforeAll(async () => {
		app = await startSiteLoginApp();
	});

	afterAll(async () => {
		await app?.close();
	});

	const site = (): SiteLoginApp => {
		if (!app) throw new Error('The Express site did not start (see beforeAll).');
		return app;
	};

	/** Opens a page of the site and waits for the SDK's start-up restore to settle. */
	async function openSite(path: string): Promise<Page> {
		const page = await suite.open(`${site().origin}${path}`);
		await waitForStartupRestore(page);
		return page;
	}

	const arrivedAt = (page: Page, path: string) => arrivedAtUrl(page, `${site().origin}${path}`);

	/** A reload of the tab, then the restore settles. */
	async function reloaded(page: Page): Promise<Page> {
		await page.reload();
		await waitForStartupRestore(page);
		return page;
	}

	/** The site's own sign-in form: a native POST, then the account page. */
	async function signInOnSite(page: Page): Promise<void> {
		await page.getByLabel('Email').fill(ADA.email);
		await page.getByLabel('Password').fill(ADA.password);
		await page.getByRole('button', {name: 'Sign in to the site'}).click();
		await arrivedAt(page, SITE_PATHS.account);
	}

	const restoredAs = (page: Page) => page.evaluate(() => (window.__zendesk as unknown as {restoredAs: string | null}).restoredAs);
	const jwtAnswersSince = (count: number) => site().jwtRequests.slice(count).map((request) => request.status);

	it('sign in on the site: the chat follows on the next page, with no form of ours and no JWT or identity in storage', async () => {
		site().jwtRequests.length = 0;
		const page = await openSite(SITE_PATHS.home);
		expect(await authState(page)).toEqual({state: 'signed-out', jwt: null, externalId: null});
		expect(site().jwtRequests).toEqual([{status: 204, hadSessionCookie: false}]);

		await signInOnSite(page);
		await page.getByText(`Signed in to the site as ${ADA.name}`).waitFor();
		const record = await expectZendesk(page, {signedInAs: ADA.externalId, loginUserCalls: 1, logoutUserCalls: 0, loginResults: [null]});
		expect(record.misuse).toEqual([]);
		expect(record.received[0]).toMatchObject({ok: true, externalId: ADA.externalId});
		expect(await authState(page)).toMatchObject({state: 'signed-in', externalId: ADA.externalId});
		expect(site().jwtRequests.at(-1)).toEqual({status: 200, hadSessionCookie: true});
		// No form of ours: the SDK's container never appeared.
		expect(await page.locator('.zma, .zma-form, #support-login').count()).toBe(0);

		// The SDK's marker (if any) holds no token and nothing that reads as Ada; the stand-in's own key is the widget's.
		const {jwt} = (await authState(page))!;
		const storage = await page.evaluate(() => Object.entries(localStorage));
		for (const [key, value] of storage) {
			expect(value).not.toContain(jwt!.split('.')[2]!);
			if (key === STAND_IN_KEY) continue;
			for (const identity of [ADA.externalId, ADA.email, ADA.name!]) expect(`${key}=${value}`).not.toContain(identity);
		}
	});

	it.each([
		{
			how: 'with the site\'s own sign-out (server only)',
			end: async (page: Page) => {
				await page.getByRole('button', {name: 'Sign out of the site'}).click();
				return arrivedAt(page, SITE_PATHS.home);
			},
		},
		{
			how: 'when the session ended on the server while no tab was open',
			end: async (page: Page) => {
				await page.close();
				await site().endAllSessions();
				return openSite(SITE_PATHS.account);
			},
		},
	])('the site session ends $how: on the next page the chat gets logoutUser once and stays signed out', async ({end}) => {
		const signedIn = await openSite(SITE_PATHS.home);
		await signInOnSite(signedIn);
		await expectZendesk(signedIn, {signedInAs: ADA.externalId});
		const before = site().jwtRequests.length;

		const next = await end(signedIn);
		// The widget came up signed in as Ada (as the real one would), and the SDK signed it out.
		expect(await restoredAs(next)).toBe(ADA.externalId);
		await expectZendesk(next, {logoutUserCalls: 1, loginUserCalls: 0, signedInAs: null});
		expect(await authState(next)).toEqual({state: 'signed-out', jwt: null, externalId: null});
		expect(jwtAnswersSince(before)).toEqual([204]);

		// Once: the page after that has nothing left to sign out.
		await reloaded(next);
		await next.waitForTimeout(ABSENCE_WINDOW_MS);
		expect(await zendesk(next)).toMatchObject({restoredAs: null, logoutUserCalls: 0, loginUserCalls: 0, signedInAs: null});
		expect(site().pageErrors).toEqual([]);
	});

	it('a visitor the SDK never signed in never gets logoutUser: not on any page, not even with a widget signed in by someone else', async () => {
		const page = await openSite(SITE_PATHS.home);
		for (const path of [SITE_PATHS.account, SITE_PATHS.home]) {
			await page.goto(`${site().origin}${path}`);
			await arrivedAt(page, path);
			await page.waitForTimeout(ABSENCE_WINDOW_MS);
			expect(await zendesk(page)).toMatchObject({logoutUserCalls: 0, loginUserCalls: 0});
		}

		// A conversation the widget holds without the SDK (another integration signed it in): not ours to end.
		await page.evaluate((key) => localStorage.setItem(key, JSON.stringify({externalId: 'visitor-from-elsewhere', name: null})), STAND_IN_KEY);
		await reloaded(page);
		await page.waitForTimeout(ABSENCE_WINDOW_MS);
		expect(await zendesk(page)).toMatchObject({restoredAs: 'visitor-from-elsewhere', signedInAs: 'visitor-from-elsewhere', logoutUserCalls: 0});
	});

	it('a reload with the site session alive: one restore request, signed in again, at most one loginUser and never a misuse', async () => {
		const page = await openSite(SITE_PATHS.home);
		await signInOnSite(page);
		await expectZendesk(page, {signedInAs: ADA.externalId, loginUserCalls: 1});
		const before = site().jwtRequests.length;

		await reloaded(page);
		expect(await authState(page)).toMatchObject({state: 'signed-in', externalId: ADA.externalId});
		expect(await restoredAs(page)).toBe(ADA.externalId);
		await page.waitForTimeout(ABSENCE_WINDOW_MS);
		const record = (await zendesk(page))!;
		expect(jwtAnswersSince(before)).toEqual([200]);
		expect(record).toMatchObject({signedInAs: ADA.externalId, logoutUserCalls: 0, misuse: [], invalidReceived: 0});
		expect(record.loginUserCalls).toBeLessThanOrEqual(1);
		// What the SDK does here (reported by the test run): a fresh loginUser per page load, or none when the widget holds Ada.
		console.info(`site-login reload: loginUser called ${record.loginUserCalls} time(s) on the reloaded page`);
	});
});
