/*
PRODUCT.md, "Rules that hold under hostile timing and input", in a real engine (issue 19, items 1, 2 and 6): the
site's own login with two tabs (the Express + express-session app of site-login/app.ts), a sign-out whose POST must
reach the server whatever the page does next (counted at the test backend), and a forged tab message. The rest of
those rules (event order, the marker) and the same cases in detail: test/core/hostile-timing.test.ts.
*/
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {ADA, ENDPOINTS, MALLORY} from './harness/backend.js';
import {skipBrowserSuite, useBrowserSuite, type Page} from './harness/browser.js';
import {ABSENCE_WINDOW_MS, arrivedAt as arrivedAtUrl, authState, events, expectZendesk, headlessLogin, waitForEvent, waitForStartupRestore, WAIT_MS, zendesk} from './harness/probes.js';
import {SITE_PATHS, startSiteLoginApp, type SiteLoginApp} from './site-login/app.js';

const HOUR_MS = 3_600_000;

describe.skipIf(skipBrowserSuite)('rules that hold under hostile timing and input', () => {
	const suite = useBrowserSuite();

	describe('the site session is the truth for the site\'s own login (two tabs)', () => {
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

		const arrivedAt = (page: Page, path: string) => arrivedAtUrl(page, `${site().origin}${path}`);

		/** Two tabs of the site, both signed in as Ada: the first through the site's own form, the second by its start-up. */
		async function twoTabsSignedInAsAda(): Promise<[Page, Page]> {
			const first = await suite.open(`${site().origin}${SITE_PATHS.home}`);
			await waitForStartupRestore(first);
			await first.getByLabel('Email').fill(ADA.email);
			await first.getByLabel('Password').fill(ADA.password);
			await first.getByRole('button', {name: 'Sign in to the site'}).click();
			await arrivedAt(first, SITE_PATHS.account);
			await expectZendesk(first, {signedInAs: ADA.externalId});
			const second = await suite.open(`${site().origin}${SITE_PATHS.account}`);
			await waitForStartupRestore(second);
			for (const tab of [first, second]) expect(await authState(tab)).toMatchObject({state: 'signed-in', externalId: ADA.externalId});
			return [first, second];
		}

		it('a page after the site\'s own sign-out asks the server instead of taking the other tab\'s token, and "no session" signs out both tabs', async () => {
			const [first, second] = await twoTabsSignedInAsAda();
			const asked = site().jwtRequests.length;
			await second.getByRole('button', {name: 'Sign out of the site'}).click();
			await arrivedAt(second, SITE_PATHS.home);
			expect(site().jwtRequests.slice(asked)).toEqual([{status: 204, hadSessionCookie: false}]);
			expect(await authState(second)).toEqual({state: 'signed-out', jwt: null, externalId: null});
			await waitForEvent(first, {type: 'logout', reason: 'remote'});
			expect(await authState(first)).toEqual({state: 'signed-out', jwt: null, externalId: null});
			await expectZendesk(first, {signedInAs: null});
			await expectZendesk(second, {signedInAs: null, loginUserCalls: 0});
			expect(site().pageErrors).toEqual([]);
		});

		it('restore() after the site switched to another visitor asks, and both tabs and widgets follow the new visitor', async () => {
			const [first, second] = await twoTabsSignedInAsAda();
			const asked = site().jwtRequests.length;
			// The site's own in-page login, as Mallory: the cookie now holds Mallory's session.
			const restored = await first.evaluate(
				async ({login, email, password}) => {
					await fetch(login, {method: 'POST', body: new URLSearchParams({email, password}), credentials: 'same-origin'});
					const auth = window.ZendeskMessagingAuth!.instance as unknown as {restore(): Promise<{claims: {external_id: string}} | null>};
					return (await auth.restore())?.claims.external_id ?? null;
				},
				{login: SITE_PATHS.login, email: MALLORY.email, password: MALLORY.password},
			);
			expect(restored).toBe(MALLORY.externalId);
			expect(site().jwtRequests.slice(asked)).toEqual([{status: 200, hadSessionCookie: true}]);
			await waitForEvent(first, {type: 'login', externalId: MALLORY.externalId});
			await waitForEvent(second, {type: 'login', externalId: MALLORY.externalId});
			for (const tab of [first, second]) {
				expect(await authState(tab)).toMatchObject({state: 'signed-in', externalId: MALLORY.externalId});
				await expectZendesk(tab, {signedInAs: MALLORY.externalId});
			}
		});
	});

	describe('a sign-out reaches the server', () => {
		const logoutPosts = () => suite.backend.requests.filter((request) => request.path === ENDPOINTS.logout);

		async function signedIn(): Promise<Page> {
			const page = await suite.openHeadless();
			expect(await headlessLogin(page)).toEqual({ok: true, externalId: ADA.externalId});
			return page;
		}

		it('logout() followed by destroy() in the same task: one POST, with the session cookie', async () => {
			const page = await signedIn();
			await page.evaluate(() => {
				const auth = window.auth as unknown as {logout(): Promise<void>; destroy(): void};
				void auth.logout();
				auth.destroy();
			});
			await page.poll(async () => logoutPosts().length > 0, {timeout: WAIT_MS}, () => 'the logout POST');
			await page.waitForTimeout(ABSENCE_WINDOW_MS);
			expect(logoutPosts().map((request) => request.hadSessionCookie)).toEqual([true]);
			await expectZendesk(page, {logoutUserCalls: 1});
		});

		it('logout() followed by login() in the same task: the sign-out reaches the server before the new sign-in', async () => {
			const page = await signedIn();
			const outcome = await page.evaluate((credentials) => {
				void window.__app.logout();
				return window.__app.login(credentials);
			}, {email: ADA.email, password: ADA.password});
			expect(outcome).toEqual({ok: true, externalId: ADA.externalId});
			expect(suite.backend.requests.map((request) => request.path).filter((path) => path === ENDPOINTS.token || path === ENDPOINTS.logout)).toEqual([
				ENDPOINTS.token,
				ENDPOINTS.logout,
				ENDPOINTS.token,
			]);
			expect(logoutPosts().map((request) => request.hadSessionCookie)).toEqual([true]);
			// The new session is the one the browser holds: a reload restores it.
			await page.reload();
			await waitForStartupRestore(page);
			expect(await authState(page)).toMatchObject({state: 'signed-in', externalId: ADA.externalId});
		});

		it('login() from a logout listener: the sign-out still reaches the server before the new sign-in', async () => {
			const page = await signedIn();
			// The sign-out's answer is late: a sign-in that did not wait for it would be done first.
			suite.backend.answerNextLogout({kind: 'delay', delayMs: 1000});
			const outcome = await page.evaluate(async (credentials) => {
				const auth = window.auth as unknown as {on(event: 'logout', listener: () => void): () => void};
				const done: string[] = [];
				let again: Promise<unknown> = Promise.resolve();
				const off = auth.on('logout', () => {
					off();
					again = window.__app.login(credentials).then((result) => {
						done.push('login');
						return result;
					});
				});
				const out = window.__app.logout().then(() => void done.push('logout'));
				const result = await again;
				await out;
				return {result, done};
			}, {email: ADA.email, password: ADA.password});
			expect(outcome).toEqual({result: {ok: true, externalId: ADA.externalId}, done: ['logout', 'login']});
			expect(suite.backend.requests.map((request) => request.path).filter((path) => path === ENDPOINTS.token || path === ENDPOINTS.logout)).toEqual([
				ENDPOINTS.token,
				ENDPOINTS.logout,
				ENDPOINTS.token,
			]);
			await page.reload();
			await waitForStartupRestore(page);
			expect(await authState(page)).toMatchObject({state: 'signed-in', externalId: ADA.externalId});
		});

		it('logout() followed by a navigation in the same task: the POST still arrives', async () => {
			const page = await signedIn();
			const elsewhere = suite.server.addPage({html: '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Elsewhere</title></head><body>Elsewhere</body></html>'});
			// Both in one task of the page's own, so the driver's evaluate never races the navigation it starts.
			await page.evaluate((url) => {
				setTimeout(() => {
					void window.__app.logout();
					location.href = url;
				});
			}, elsewhere);
			await page.poll(async () => logoutPosts().length > 0, {timeout: WAIT_MS}, () => 'the logout POST');
			expect(logoutPosts().map((request) => request.hadSessionCookie)).toEqual([true]);
			// Ends on the new page: closing a tab mid-navigation can hang a driver.
			await page.poll(
				async () => {
					try {
						return (await page.url()) === elsewhere && (await page.evaluate(() => document.readyState === 'complete'));
					} catch {
						return false;
					}
				},
				{timeout: WAIT_MS},
				() => 'the page elsewhere',
			);
		});
	});

	describe('tab messages cannot bend time', () => {
		/** Another page of the origin posts on the SDK's channel, as any same-origin script can. */
		async function forge(jwt: string, serverTimeMs: number): Promise<void> {
			const forger = await suite.open(suite.server.addPage({html: '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Forger</title></head><body></body></html>'}));
			await forger.evaluate(
				(message) => {
					const channel = new BroadcastChannel('zendesk-messaging-auth');
					channel.postMessage(message);
					channel.close();
				},
				{type: 'session', from: 'forger', token: {jwt, serverTimeMs}},
			);
		}

		const expiredAnHourAgo = () => suite.backend.mint(ADA, {issuedAtMs: suite.backend.now() - HOUR_MS - 600_000, lifetimeSeconds: 600});

		it('a token that expired an hour ago, sent with a serverTimeMs 23 h in the past, is ignored: the widget never gets it', async () => {
			const page = await suite.openHeadless();
			const before = (await events(page)).length;
			await forge(expiredAnHourAgo(), Date.now() - 23 * HOUR_MS);
			await page.waitForTimeout(ABSENCE_WINDOW_MS);
			expect((await events(page)).slice(before)).toEqual([]);
			expect(await authState(page)).toEqual({state: 'signed-out', jwt: null, externalId: null});
			const handedOut = await page.evaluate(() =>
				(window.auth as unknown as {getToken(): Promise<string>}).getToken().then(
					() => 'a token',
					(error: {code: string}) => error.code,
				),
			);
			expect(handedOut).toBe('ERR_SESSION_EXPIRED');
			expect(await zendesk(page)).toMatchObject({loginUserCalls: 0, expiredReceived: 0});
		});

		it('a signed-in tab keeps its session and its clock when a forged message brings another visitor\'s expired token', async () => {
			const page = await suite.openHeadless();
			expect(await headlessLogin(page)).toEqual({ok: true, externalId: ADA.externalId});
			const offset = await page.evaluate(() => (window.auth as unknown as {getDiagnostics(): {clockOffsetMs: number}}).getDiagnostics().clockOffsetMs);
			await forge(suite.backend.mint(MALLORY, {issuedAtMs: suite.backend.now() - HOUR_MS - 600_000, lifetimeSeconds: 600}), Date.now() - 23 * HOUR_MS);
			await page.waitForTimeout(ABSENCE_WINDOW_MS);
			expect(await authState(page)).toMatchObject({state: 'signed-in', externalId: ADA.externalId});
			expect(await page.evaluate(() => (window.auth as unknown as {getDiagnostics(): {clockOffsetMs: number}}).getDiagnostics().clockOffsetMs)).toBe(offset);
			expect(await zendesk(page)).toMatchObject({loginUserCalls: 1, signedInAs: ADA.externalId, expiredReceived: 0});
		});
	});
});
