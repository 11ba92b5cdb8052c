/*
The marketing-site integration: one <script> tag with data-* attributes (the IIFE bundle) renders the login form,
signs the visitor and the widget in and out, restores the session on reload, and keeps markup as text.
*/
import {describe, expect, it} from 'vitest';
import {ADA, ENDPOINTS, MALLORY, MARKUP_NAME} from './harness/backend.js';
import {skipBrowserSuite, useBrowserSuite} from './harness/browser.js';
import {
	alert,
	emailField,
	loginForm,
	passwordField,
	signedInText,
	signInButton,
	signInWithForm,
	signOutButton,
	visible,
} from './harness/form.js';
import type {ScriptTagMode} from './harness/pages.js';
import {ABSENCE_WINDOW_MS, authState, expectNoWidgetLogin, expectWidgetSignedIn, expectZendesk, WAIT_MS} from './harness/probes.js';

/** A server message that would inject an element and run a script if it were treated as HTML. */
const MARKUP_MESSAGE = '<img src="x" id="injected-message" onerror="window.__pwned = (window.__pwned || 0) + 1">Wrong <b>password</b>';

describe.skipIf(skipBrowserSuite)('the script tag', () => {
	const suite = useBrowserSuite();

	it.each<ScriptTagMode>(['plain', 'defer', 'async'])('a %s script tag in <head> creates the instance and renders the login form', async (mode) => {
		const page = await suite.openScriptTag({mode});
		await visible(loginForm(page));
		expect(await emailField(page).getAttribute('autocomplete')).toBe('username');
		expect(await passwordField(page).getAttribute('type')).toBe('password');
		expect(await passwordField(page).getAttribute('autocomplete')).toBe('current-password');
		expect(await signInButton(page).isEnabled()).toBe(true);
		expect(await loginForm(page).count()).toBe(1);
		expect(await authState(page)).toEqual({state: 'signed-out', jwt: null, externalId: null});
		expect(suite.pageErrors).toEqual([]);
	});

	it('a good login shows "Signed in as NAME" and signs the widget in as the visitor with a valid JWT', async () => {
		const page = await suite.openScriptTag();
		await signInWithForm(page, ADA);
		await visible(signedInText(page, ADA.name!));
		await visible(signOutButton(page));
		expect(await loginForm(page).count()).toBe(0);
		const record = await expectWidgetSignedIn(page, ADA);
		expect(record.token).toBe(suite.backend.minted[0]);
		expect(JSON.parse(suite.backend.requests.find((request) => request.path === ENDPOINTS.token)!.body)).toEqual({
			email: ADA.email,
			password: ADA.password,
		});
		// The form never submitted natively (credentials in the URL), and keeps no password once the request is done.
		expect(new URL(await page.url()).search).toBe('');
		expect(await page.evaluate((password) => document.documentElement.outerHTML.includes(password), ADA.password)).toBe(false);
	});

	it('a bad login shows the error as text in role=alert, focuses the email field, and never signs the widget in', async () => {
		const page = await suite.openScriptTag();
		await signInWithForm(page, {email: ADA.email, password: 'wrong'});
		await visible(alert(page));
		await expect.poll(() => alert(page).textContent(), {timeout: WAIT_MS}).toContain(suite.backend.badCredentialsMessage);
		expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.autocomplete)).toBe('username');
		expect(await loginForm(page).count()).toBe(1);
		await expectNoWidgetLogin(page);
		expect(await authState(page)).toMatchObject({state: 'signed-out'});
	});

	it('disables the button and marks the form aria-busy while the request runs', async () => {
		const page = await suite.openScriptTag();
		suite.backend.answerNextToken({kind: 'delay', delayMs: 1500});
		await signInWithForm(page, ADA);
		await expect.poll(() => loginForm(page).getAttribute('aria-busy'), {timeout: WAIT_MS}).toBe('true');
		expect(await signInButton(page).isDisabled()).toBe(true);
		await visible(signedInText(page, ADA.name!));
	});

	it('signing out calls logoutUser and the logout endpoint, and brings the empty form back', async () => {
		const page = await suite.openScriptTag();
		await signInWithForm(page, ADA);
		await expectWidgetSignedIn(page, ADA);
		await signOutButton(page).click();
		await visible(loginForm(page));
		await expectZendesk(page, {logoutUserCalls: 1, signedInAs: null, token: null});
		expect(suite.backend.count(ENDPOINTS.logout)).toBe(1);
		expect(await emailField(page).inputValue()).toBe('');
		expect(await passwordField(page).inputValue()).toBe('');
		expect(await signedInText(page, ADA.name!).count()).toBe(0);
		expect(await authState(page)).toEqual({state: 'signed-out', jwt: null, externalId: null});
	});

	it('a reload restores the session from the refresh endpoint and the site cookie, signed in without typing', async () => {
		const page = await suite.openScriptTag();
		await signInWithForm(page, ADA);
		await expectWidgetSignedIn(page, ADA);
		await page.reload();
		await visible(signedInText(page, ADA.name!));
		await expectWidgetSignedIn(page, ADA);
		expect(suite.backend.count(ENDPOINTS.token)).toBe(1);
		expect(suite.backend.requests.filter((request) => request.path === ENDPOINTS.refresh && request.hadSessionCookie)).toHaveLength(1);
	});

	it('markup in the server\'s error message is shown as text: no element injected, no script run', async () => {
		suite.backend.badCredentialsMessage = MARKUP_MESSAGE;
		const page = await suite.openScriptTag();
		await signInWithForm(page, {email: ADA.email, password: 'wrong'});
		await expect.poll(() => alert(page).textContent(), {timeout: WAIT_MS}).toContain(MARKUP_MESSAGE);
		await page.waitForTimeout(ABSENCE_WINDOW_MS);
		expect(await alert(page).evaluate((element) => element.children.length)).toBe(0);
		expect(await page.evaluate(() => ({pwned: window.__pwned ?? 0, injected: document.querySelectorAll('#injected-message, img').length}))).toEqual({
			pwned: 0,
			injected: 0,
		});
	});

	it('markup in the name claim is shown as text: no element injected, no script run', async () => {
		const page = await suite.openScriptTag();
		await signInWithForm(page, MALLORY);
		await visible(signedInText(page, MARKUP_NAME));
		await expectWidgetSignedIn(page, MALLORY);
		await page.waitForTimeout(ABSENCE_WINDOW_MS);
		expect(await page.evaluate(() => ({pwned: window.__pwned ?? 0, injected: document.querySelectorAll('#injected-name, img, b').length}))).toEqual({
			pwned: 0,
			injected: 0,
		});
	});
});
