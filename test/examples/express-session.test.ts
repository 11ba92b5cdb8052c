/*
examples/express-session, started as its README says (`npm start`: node server.js), driven in Chromium: the site's
own in-page sign-in (express-session) then auth.restore() signs the chat in through createJwtHandler; a reload
restores it from the site session alone; the site's sign-out then auth.logout() signs the chat out, and the JWT
endpoint has nobody to answer for afterwards.
*/
import type {Browser} from 'playwright-core';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {ADA, chatStatus, chromiumMissing, exampleDir, launchChromium, nextStatus, recordWidgetJwts, startExample, testEnvironment, verifiedClaims, type RunningExample, watchPage, widgetJwt} from './harness.js';

const environment = testEnvironment();
const JWT_ENDPOINT = '/api/zendesk/jwt';
/** "Nobody is signed in": 204 from the handlers of this version, 401 from earlier ones. */
const NO_SESSION = [204, 401];

describe.skipIf(chromiumMissing())('examples/express-session', () => {
	let app: RunningExample;
	let browser: Browser;

	beforeAll(async () => {
		app = await startExample(['server.js'], {cwd: exampleDir('express-session'), env: environment});
		browser = await launchChromium();
	});

	afterAll(async () => {
		await browser?.close();
		await app?.stop();
	});

	test("the site's own sign-in signs the chat in, a reload restores it, the site's sign-out signs it out", async () => {
		const context = await browser.newContext();
		await recordWidgetJwts(context);
		const page = await context.newPage();
		const {pageErrors, sdkComplaints} = watchPage(page);

		// A visitor not signed in: the start-up restore finds no site session, the chat stays anonymous.
		const firstRestore = nextStatus(page, JWT_ENDPOINT);
		await page.goto(app.origin);
		expect(NO_SESSION).toContain(await firstRestore);
		await chatStatus(page, 'Chat ready, not signed in').waitFor();

		// The site's own sign-in, in the page; then auth.restore() asks the JWT endpoint, which now knows the visitor.
		const restoreAfterLogin = nextStatus(page, JWT_ENDPOINT);
		await page.getByLabel('Email').fill(ADA.email);
		await page.getByLabel('Password').fill(ADA.password);
		await page.getByRole('button', {name: 'Sign in to the portal'}).click();
		await page.getByText(`Signed in to the portal as ${ADA.name}`).waitFor();
		expect(await restoreAfterLogin).toBe(200);
		expect(verifiedClaims(await widgetJwt(page), environment)).toMatchObject({external_id: ADA.externalId, name: ADA.name, email: ADA.email, email_verified: true});
		await chatStatus(page, `Chat signed in as ${ADA.name}`).waitFor();
		const [siteCookie] = (await context.cookies()).filter((cookie) => cookie.name === 'site.sid');
		expect(siteCookie).toMatchObject({httpOnly: true, sameSite: 'Lax'});

		// Reload: the site session alone brings the chat back (the stand-in keeps nothing across pages).
		const restoreOnReload = nextStatus(page, JWT_ENDPOINT);
		await page.reload();
		expect(await restoreOnReload).toBe(200);
		expect(verifiedClaims(await widgetJwt(page), environment)).toMatchObject({external_id: ADA.externalId});
		await page.getByText(`Signed in to the portal as ${ADA.name}`).waitFor();
		await chatStatus(page, `Chat signed in as ${ADA.name}`).waitFor();

		// The site's own sign-out, then auth.logout(): the chat is signed out in the same page.
		await page.getByRole('button', {name: 'Sign out of the portal'}).click();
		await chatStatus(page, 'Chat signed out').waitFor();
		await page.getByRole('button', {name: 'Sign in to the portal'}).waitFor();

		// Reload: the site session is gone, so the JWT endpoint has nobody to answer for and the chat stays signed out.
		const restoreAfterLogout = nextStatus(page, JWT_ENDPOINT);
		await page.reload();
		expect(NO_SESSION).toContain(await restoreAfterLogout);
		await page.getByRole('button', {name: 'Sign in to the portal'}).waitFor();
		expect(await chatStatus(page, 'Chat signed in').count()).toBe(0);

		expect(pageErrors).toEqual([]);
		expect(sdkComplaints).toEqual([]);
		await context.close();
	});
});
