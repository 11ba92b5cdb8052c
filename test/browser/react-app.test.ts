/*
A React 19 app bundled from the built package (dist/index.js + dist/react.js through the exports map), under
StrictMode, in a real browser: sign in through <LoginForm>, a refresh, sign out through the hook, and a restore
after a reload. StrictMode's mount → unmount → mount must cost nothing: the counts come from the test backend's
request log and the widget stand-in's record. Also: the built files keep React where it belongs.
*/
import {readFileSync} from 'node:fs';
import {beforeAll, describe, expect, it} from 'vitest';
import {ADA, ENDPOINTS} from './harness/backend.js';
import {skipBrowserSuite, useBrowserSuite} from './harness/browser.js';
import {authState, events, waitForEvent, waitForStartupRestore, WAIT_MS, zendesk} from './harness/probes.js';
import {bundleReactApp} from './react/bundle.js';
import {reactAppPage} from './react/page.js';

const dist = (file: string) => readFileSync(new URL(`../../dist/${file}`, import.meta.url), 'utf8');

describe('the built React subpath', () => {
	it('starts with \'use client\', imports React and the core without bundling them, and leaves React out of the other builds', () => {
		const react = dist('react.js');
		expect(react.split('\n')[0]).toBe("'use client';");
		expect(react).toMatch(/from 'react';/);
		expect(react).toMatch(/from '\.\/index\.js';/);
		// The core is imported, not copied: one MessagingAuthError class for the app and the subpath.
		expect(react).not.toMatch(/class MessagingAuthError/);
		// No import of React, and none of React's own code (its element symbols, its hooks).
		for (const file of ['index.js', 'zendesk-messaging-auth.iife.min.js']) {
			expect(dist(file), file).not.toMatch(/(?:from|import|require)\s*\(?\s*['"]react/);
			expect(dist(file), file).not.toMatch(/react\.(?:element|transitional)|useSyncExternalStore|createContext/);
		}
	});
});

describe.skipIf(skipBrowserSuite)('a React app under StrictMode', () => {
	const suite = useBrowserSuite();
	let bundle = '';

	beforeAll(async () => {
		bundle = await bundleReactApp();
	}, 60_000);

	type Page = Awaited<ReturnType<typeof suite.open>>;
	const chatState = (page: Page) => page.locator('#chat-state').textContent();
	const formsOnPage = (page: Page) => page.evaluate(() => document.querySelectorAll('.zma').length);
	const instancesSeen = (page: Page) => page.evaluate(() => (window as unknown as {__instancesSeen: unknown[]}).__instancesSeen.length);
	/** The start-up restore of the instance the app uses has settled (signed in from the site cookie, or signed out, or not asked). */
	const restoreSettled = (page: Page) => waitForStartupRestore(page);

	it('signs in, refreshes, restores after a reload and signs out: one restore per load, one loginUser, one form', async () => {
		suite.backend.lifetimeSeconds = 60;
		const url = reactAppPage(suite.server, bundle);
		const page = await suite.open(url, {clock: true});
		await restoreSettled(page);
		expect(await chatState(page)).toBe('signed-out');
		// A first-time visitor: no restore request at all (PRODUCT.md, "A quiet start").
		expect(suite.backend.count(ENDPOINTS.refresh), 'restore requests of the first load').toBe(0);
		expect(await formsOnPage(page)).toBe(1);

		// Sign in through our form, mounted by <LoginForm>.
		await page.getByLabel('Email').fill(ADA.email);
		await page.getByLabel('Password').fill(ADA.password);
		await page.getByRole('button', {name: 'Sign in'}).click();
		await expect.poll(() => chatState(page), {timeout: WAIT_MS}).toBe('signed-in');
		expect(await page.locator('#chat-who').textContent()).toBe(ADA.name);
		await expect.poll(() => zendesk(page), {timeout: WAIT_MS}).toMatchObject({signedInAs: ADA.externalId, loginUserCalls: 1, misuse: []});
		expect(suite.backend.count(ENDPOINTS.token)).toBe(1);
		expect(await page.getByText(`Signed in as ${ADA.name}`).count()).toBe(1);

		// A refresh before expiry (60 s tokens: due at half their lifetime): the widget keeps its one login.
		await suite.advance(page, 31_000);
		await waitForEvent(page, {type: 'refresh', externalId: ADA.externalId});
		expect(suite.backend.count(ENDPOINTS.refresh)).toBe(1);
		expect(await chatState(page)).toBe('signed-in');
		expect((await zendesk(page))!.loginUserCalls).toBe(1);
		expect(await instancesSeen(page), 'instances handed to components').toBe(1);

		// A reload restores the session from the site cookie: one request, one loginUser, one form again.
		await page.reload();
		await restoreSettled(page);
		await expect.poll(() => chatState(page), {timeout: WAIT_MS}).toBe('signed-in');
		await expect.poll(() => zendesk(page), {timeout: WAIT_MS}).toMatchObject({signedInAs: ADA.externalId, loginUserCalls: 1});
		expect(suite.backend.count(ENDPOINTS.refresh), 'restore requests of the second load').toBe(2);
		expect(suite.backend.count(ENDPOINTS.token)).toBe(1);
		expect(await formsOnPage(page)).toBe(1);
		expect(await instancesSeen(page)).toBe(1);

		// Sign out through the hook: the logout endpoint, logoutUser, and the form back.
		await page.getByRole('button', {name: 'Leave chat'}).click();
		await expect.poll(() => chatState(page), {timeout: WAIT_MS}).toBe('signed-out');
		await expect.poll(() => zendesk(page), {timeout: WAIT_MS}).toMatchObject({logoutUserCalls: 1, signedInAs: null});
		expect(suite.backend.count(ENDPOINTS.logout)).toBe(1);
		expect(await page.getByRole('form', {name: 'Sign in'}).count()).toBe(1);
		expect(await authState(page)).toEqual({state: 'signed-out', jwt: null, externalId: null});
		expect((await events(page)).filter((event) => event.type === 'error')).toEqual([]);
		expect(suite.pageErrors).toEqual([]);
	});

	it('shows a failed sign-in as the hook\'s error and the form\'s alert, then clears it on the next attempt', async () => {
		const page = await suite.open(reactAppPage(suite.server, bundle));
		await restoreSettled(page);
		await page.getByLabel('Email').fill(ADA.email);
		await page.getByLabel('Password').fill('wrong');
		await page.getByRole('button', {name: 'Sign in'}).click();
		await expect.poll(() => page.locator('#chat-error').textContent(), {timeout: WAIT_MS}).toBe('ERR_INVALID_CREDENTIALS');
		expect(await page.getByRole('alert').first().textContent()).toContain('Incorrect email or password.');
		await page.getByLabel('Password').fill(ADA.password);
		await page.getByRole('button', {name: 'Sign in'}).click();
		await expect.poll(() => chatState(page), {timeout: WAIT_MS}).toBe('signed-in');
		expect(await page.locator('#chat-error').textContent()).toBe('');
		expect((await zendesk(page))!.loginUserCalls).toBe(1);
	});
});
