/*
examples/express-script-tag, started as its README says (`npm start`: node server.js) with its dependencies as npm
installed them (the package through its file: link, so the dist/ that `npm run build` wrote), driven in Chromium:
our form signs in, a reload restores the session, the sign-out ends it.
*/
import {readFile} from 'node:fs/promises';
import type {Browser} from 'playwright-core';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {ADA, chatStatus, chromiumMissing, exampleDir, launchChromium, nextStatus, recordWidgetJwts, REPOSITORY_ROOT, startExample, testEnvironment, verifiedClaims, type RunningExample, watchPage, widgetJwt} from './harness.js';

const environment = testEnvironment();
const COOKIE = 'zendesk_messaging_session';

describe.skipIf(chromiumMissing())('examples/express-script-tag', () => {
	let app: RunningExample;
	let browser: Browser;

	beforeAll(async () => {
		app = await startExample(['server.js'], {cwd: exampleDir('express-script-tag'), env: environment});
		browser = await launchChromium();
	});

	afterAll(async () => {
		await browser?.close();
		await app?.stop();
	});

	test('serves the script-tag bundle that the root `npm run build` wrote, through the installed package', async () => {
		const served = Buffer.from(await (await fetch(`${app.origin}/vendor/zendesk-messaging-auth/zendesk-messaging-auth.iife.min.js`)).arrayBuffer());
		expect(served.equals(await readFile(`${REPOSITORY_ROOT}dist/zendesk-messaging-auth.iife.min.js`))).toBe(true);
	});

	test('signs in with our form, restores the session on reload, signs out', async () => {
		const context = await browser.newContext();
		await recordWidgetJwts(context);
		const page = await context.newPage();
		const {pageErrors, sdkComplaints} = watchPage(page);
		await page.goto(app.origin);
		await chatStatus(page, 'Chat ready, not signed in').waitFor();

		// Sign in: our form posts to the token endpoint; the JWT it answers signs the chat in.
		const login = nextStatus(page, '/api/zendesk/token');
		await page.getByLabel('Email').fill(ADA.email);
		await page.getByLabel('Password').fill(ADA.password);
		await page.getByRole('button', {name: 'Sign in'}).click();
		expect(await login).toBe(200);
		expect(verifiedClaims(await widgetJwt(page), environment)).toMatchObject({external_id: ADA.externalId, name: ADA.name, email: ADA.email, scope: 'user'});
		await page.getByText(`Signed in as ${ADA.name}`, {exact: true}).waitFor();
		await chatStatus(page, `Chat signed in as ${ADA.name}`).waitFor();
		const [sessionCookie] = (await context.cookies()).filter((cookie) => cookie.name === COOKIE);
		expect(sessionCookie).toMatchObject({httpOnly: true, path: '/api/zendesk'});

		// Reload: the stand-in keeps nothing, so the chat is signed in again only through the refresh endpoint.
		const restore = nextStatus(page, '/api/zendesk/refresh');
		await page.reload();
		expect(await restore).toBe(200);
		expect(verifiedClaims(await widgetJwt(page), environment)).toMatchObject({external_id: ADA.externalId});
		await page.getByText(`Signed in as ${ADA.name}`, {exact: true}).waitFor();
		await chatStatus(page, `Chat signed in as ${ADA.name}`).waitFor();

		// Sign out: the logout endpoint ends the session, the chat is signed out, the form comes back.
		const logout = nextStatus(page, '/api/zendesk/logout');
		await page.getByRole('button', {name: 'Sign out'}).click();
		expect(await logout).toBe(204);
		await chatStatus(page, 'Chat signed out').waitFor();
		await page.getByLabel('Email').waitFor();
		expect((await context.cookies()).filter((cookie) => cookie.name === COOKIE)).toEqual([]);

		// And it stays ended: after a reload the form shows, and the refresh endpoint has no session for this browser.
		await page.reload();
		await page.getByLabel('Email').waitFor();
		const refreshStatus = await page.evaluate(async () => (await fetch('/api/zendesk/refresh', {method: 'POST'})).status);
		expect([204, 401]).toContain(refreshStatus);
		expect(await chatStatus(page, 'Chat signed in').count()).toBe(0);

		expect(pageErrors).toEqual([]);
		expect(sdkComplaints).toEqual([]);
		await context.close();
	});
});
