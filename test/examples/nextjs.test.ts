/*
examples/nextjs, built and started as its README says: a real `next build`, then `next start -p PORT` (Next.js 16,
App Router, Turbopack), with the package through its file: link (dist/ of the root `npm run build`). Driven in
Chromium: <LoginForm> signs in through the token route handler, a reload restores the session through the refresh
route handler, the app's own sign-out button (useMessagingAuth().logout) ends it through the logout route handler.
*/
import {createRequire} from 'node:module';
import type {Browser} from 'playwright-core';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {ADA, chatStatus, chromiumMissing, exampleDir, launchChromium, nextStatus, recordWidgetJwts, run, startExample, testEnvironment, verifiedClaims, type RunningExample, watchPage, widgetJwt} from './harness.js';

const environment = testEnvironment();
const cwd = exampleDir('nextjs');
/** next's own command line, resolved from the example's folder as `npm run build` would find it. */
const NEXT = createRequire(`${cwd}package.json`).resolve('next/dist/bin/next');
/** No telemetry call to the outside during the run. */
const env = {...environment, NEXT_TELEMETRY_DISABLED: '1'};

describe.skipIf(chromiumMissing())('examples/nextjs', () => {
	let app: RunningExample;
	let browser: Browser;

	beforeAll(async () => {
		const started = Date.now();
		const output = await run([NEXT, 'build'], {cwd, env, timeoutMs: 540_000});
		console.log(`examples/nextjs: next build took ${((Date.now() - started) / 1000).toFixed(1)} s`);
		// A warning of the build (such as an unknown next.config option) is a fault of the example; a first build of a
		// fresh clone has no build cache, which Next reports with a warning sign that is no fault of the example.
		const warnings = output.split('\n').filter((line) => /⚠|warn/i.test(line) && !/No build cache found/.test(line));
		expect(warnings).toEqual([]);
		// next start reads PORT from the environment (startExample sets it); SITE_ORIGIN as the README says.
		app = await startExample([NEXT, 'start'], {cwd, env: (origin) => ({...env, SITE_ORIGIN: origin})});
		browser = await launchChromium();
	});

	afterAll(async () => {
		await browser?.close();
		await app?.stop();
	});

	test('the server renders the page signed out, without touching the browser-only SDK', async () => {
		const html = await (await fetch(app.origin)).text();
		expect(html).toContain('Example shop');
		expect(html).toContain('aria-label="Support chat"');
		expect(html).not.toContain('Chatting with support as');
	});

	test('<LoginForm> signs in, a reload restores the session, the sign-out button ends it', async () => {
		const context = await browser.newContext();
		await recordWidgetJwts(context);
		const page = await context.newPage();
		const {pageErrors, sdkComplaints} = watchPage(page);
		await page.goto(app.origin);
		await chatStatus(page, 'Chat ready, not signed in').waitFor();

		// Sign in through our form (mounted by <LoginForm>) and the token route handler.
		const login = nextStatus(page, '/api/zendesk/token');
		await page.getByLabel('Email').fill(ADA.email);
		await page.getByLabel('Password').fill(ADA.password);
		await page.getByRole('button', {name: 'Sign in'}).click();
		expect(await login).toBe(200);
		expect(verifiedClaims(await widgetJwt(page), environment)).toMatchObject({external_id: ADA.externalId, name: ADA.name, email: ADA.email, scope: 'user'});
		// useMessagingAuth() re-rendered the page with the session's claims.
		await page.getByText(`Chatting with support as ${ADA.name}.`).waitFor();
		await chatStatus(page, `Chat signed in as ${ADA.name}`).waitFor();
		const [sessionCookie] = (await context.cookies()).filter((cookie) => cookie.name === 'zendesk_messaging_session');
		expect(sessionCookie).toMatchObject({httpOnly: true, path: '/api/zendesk'});

		// Reload: the provider's instance restores through the refresh route handler.
		const restore = nextStatus(page, '/api/zendesk/refresh');
		await page.reload();
		expect(await restore).toBe(200);
		expect(verifiedClaims(await widgetJwt(page), environment)).toMatchObject({external_id: ADA.externalId});
		await page.getByText(`Chatting with support as ${ADA.name}.`).waitFor();
		await chatStatus(page, `Chat signed in as ${ADA.name}`).waitFor();

		// Sign out with the app's own button (useMessagingAuth().logout): the logout route handler ends the session.
		const logout = nextStatus(page, '/api/zendesk/logout');
		await page.getByRole('button', {name: 'Sign out of the chat'}).click();
		expect(await logout).toBe(204);
		await chatStatus(page, 'Chat signed out').waitFor();
		await page.getByLabel('Email').waitFor();

		// And it stays ended: after a reload the form shows, and the refresh route has no session for this browser.
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
