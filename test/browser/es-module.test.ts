/*
The ES module build (dist/index.js, ky left external and resolved by an import map) imported by a
<script type="module"> page with its own login UI: it must work as the script-tag bundle does.
*/
import {describe, expect, it} from 'vitest';
import {ADA, ENDPOINTS} from './harness/backend.js';
import {skipBrowserSuite, useBrowserSuite, type Page} from './harness/browser.js';
import {visible} from './harness/form.js';
import {authState, expectNoWidgetLogin, expectWidgetSignedIn, expectZendesk, headlessLogin, waitForEvent, WAIT_MS} from './harness/probes.js';

const status = (page: Page) => page.getByRole('status');

async function logInWithPageForm(page: Page, email: string, password: string): Promise<void> {
	const form = page.getByRole('form', {name: 'Chat login'});
	await visible(form);
	await form.getByLabel('Your email').fill(email);
	await form.getByLabel('Your password').fill(password);
	await form.getByRole('button', {name: 'Log in'}).click();
}

describe.skipIf(skipBrowserSuite)('the ES module build imported by a module script', () => {
	const suite = useBrowserSuite();

	it('signs the visitor and the widget in through the page\'s own form calling login()', async () => {
		const page = await suite.openHeadless({build: 'esm'});
		expect(suite.pageErrors).toEqual([]);
		await logInWithPageForm(page, ADA.email, ADA.password);
		await expect.poll(() => status(page).textContent(), {timeout: WAIT_MS}).toBe(`Chatting as ${ADA.name}`);
		await expectWidgetSignedIn(page);
		expect(await authState(page)).toMatchObject({state: 'signed-in', jwt: suite.backend.minted[0]});
	});

	it('rejects wrong credentials with a MessagingAuthError ERR_INVALID_CREDENTIALS and no widget login', async () => {
		const page = await suite.openHeadless({build: 'esm'});
		expect(await headlessLogin(page, {email: ADA.email, password: 'nope'})).toMatchObject({
			ok: false,
			code: 'ERR_INVALID_CREDENTIALS',
			name: 'MessagingAuthError',
			isMessagingAuthError: true,
		});
		await expectNoWidgetLogin(page);
	});

	it('signs out through logout(): logout endpoint, logoutUser, state signed-out', async () => {
		const page = await suite.openHeadless({build: 'esm'});
		await logInWithPageForm(page, ADA.email, ADA.password);
		await expectWidgetSignedIn(page);
		await page.getByRole('button', {name: 'Log out'}).click();
		await waitForEvent(page, {type: 'logout', reason: 'user'});
		await expectZendesk(page, {logoutUserCalls: 1, signedInAs: null});
		expect(suite.backend.count(ENDPOINTS.logout)).toBe(1);
		expect(await authState(page)).toEqual({state: 'signed-out', jwt: null, externalId: null});
	});

	it('restores the session after a reload through the refresh endpoint and the site cookie', async () => {
		const page = await suite.openHeadless({build: 'esm'});
		expect(await headlessLogin(page)).toEqual({ok: true, externalId: ADA.externalId});
		await page.reload();
		await waitForEvent(page, {type: 'login', externalId: ADA.externalId});
		await expectWidgetSignedIn(page);
		expect(suite.backend.count(ENDPOINTS.token)).toBe(1);
	});
});
