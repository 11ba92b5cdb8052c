/*
The form speaks the page's language (PRODUCT.md, "Languages") from the one script tag, in every engine: a French page
never shows a word of English (every text the form ever shows is recorded from before the SDK runs), fr-CA is French,
an unknown tag is English, data-locale wins over <html lang>, data-labels over the language, an Arabic page is laid
out right to left, a change of <html lang> is followed, errors come in the page's language, and the texts arrive
under the strict CSP and the Trusted Types page with no violation.
*/
import {describe, expect, it} from 'vitest';
import ar from '../../src/locales/ar.js';
import en from '../../src/locales/en.js';
import fr from '../../src/locales/fr.js';
import {ADA} from './harness/backend.js';
import {ENGINE, type Page, skipBrowserSuite, useBrowserSuite} from './harness/browser.js';
import {mount, visible} from './harness/form.js';
import {STRICT_CSP} from './harness/pages.js';
import {cspViolations, expectWidgetSignedIn, WAIT_MS} from './harness/probes.js';

/**
Runs before the SDK: after every batch of changes (a MutationObserver callback runs before the page can paint them),
the texts the form shows (visible text, aria-label) as one line, each new one kept in window.__formTexts.
*/
const TEXT_RECORDER = `(function () {
	var shots = [];
	window.__formTexts = shots;
	function snapshot() {
		var root = document.getElementById('support-login');
		if (!root) return;
		var texts = [];
		var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
		while (walker.nextNode()) {
			var node = walker.currentNode;
			if (node.data.trim() && !node.parentElement.closest('[hidden]')) texts.push(node.data.trim());
		}
		root.querySelectorAll('[aria-label]').forEach(function (element) { texts.push('aria-label=' + element.getAttribute('aria-label')); });
		var line = texts.join(' | ');
		if (line && shots[shots.length - 1] !== line) shots.push(line);
	}
	new MutationObserver(snapshot).observe(document, {subtree: true, childList: true, characterData: true, attributes: true});
})();`;

/** Every English text of the form, as a fragment that would give it away (placeholders cut out). */
const ENGLISH = [
	...new Set(
		[...Object.values(en.labels).filter((text): text is string => typeof text === 'string'), ...Object.values(en.labels.errors), ...Object.values(en.labels.retryAfter)]
			.flatMap((text) => text.split(/\{\w+\}/))
			.map((part) => part.trim())
			.filter((part) => part.length > 2),
	),
];

const formNamed = (page: Page, name: string) => mount(page).getByRole('form', {name});
const heading = (page: Page) => page.evaluate(() => document.querySelector('#support-login h2')?.textContent ?? null);
const TRUSTED_TYPES_CSP = "require-trusted-types-for 'script'; trusted-types zendesk-messaging-auth";

/** Geometry and direction of the form, to tell a mirrored layout from a left-to-right one. */
const layout = (page: Page) =>
	page.evaluate(() => {
		const container = document.querySelector<HTMLElement>('#support-login .zma')!;
		const form = container.querySelector('form')!;
		const button = form.querySelector('button')!;
		const label = form.querySelector('label')!;
		const range = document.createRange();
		range.selectNodeContents(label.firstChild!);
		const text = range.getBoundingClientRect();
		const box = form.getBoundingClientRect();
		const buttonBox = button.getBoundingClientRect();
		return {
			dir: container.dir,
			direction: getComputedStyle(container).direction,
			inputDirection: getComputedStyle(form.querySelector('input')!).direction,
			// Distances from each side of the form: 0 on the side a field or button starts from.
			button: {start: Math.round(buttonBox.left - box.left), end: Math.round(box.right - buttonBox.right)},
			labelText: {start: Math.round(text.left - box.left), end: Math.round(box.right - text.right)},
		};
	});

describe.skipIf(skipBrowserSuite)(`languages in ${ENGINE}`, () => {
	const suite = useBrowserSuite();

	it('a French page shows French from the first text to the last, errors included, and never a word of English', async () => {
		suite.backend.badCredentialsMessage = '';
		const page = await suite.openScriptTag({lang: 'fr', before: [suite.server.addScript(TEXT_RECORDER)], csp: STRICT_CSP});
		const form = formNamed(page, 'Connexion');
		await visible(form);
		await form.getByLabel('Adresse e-mail', {exact: true}).fill(ADA.email);
		await form.getByLabel('Mot de passe', {exact: true}).fill('wrong');
		await form.getByRole('button', {name: 'Se connecter', exact: true}).click();
		await expect.poll(() => mount(page).getByRole('alert').textContent(), {timeout: WAIT_MS}).toBe(fr.labels.errors.ERR_INVALID_CREDENTIALS);
		await form.getByLabel('Mot de passe', {exact: true}).fill(ADA.password);
		await form.getByRole('button', {name: 'Se connecter', exact: true}).click();
		await visible(mount(page).getByText(`Connecté en tant que ${ADA.name}`, {exact: true}));
		await expectWidgetSignedIn(page, ADA);
		await mount(page).getByRole('button', {name: 'Se déconnecter', exact: true}).click();
		await visible(formNamed(page, 'Connexion'));

		const shown = (await page.evaluate(() => (window as unknown as {__formTexts: string[]}).__formTexts)) ?? [];
		// The recorder saw the form from its first appearance: its first texts are French ones.
		expect(shown[0]).toContain('Connexion');
		expect(shown[0]).toContain('aria-label=Connexion');
		expect(shown.some((line) => line.includes(fr.labels.errors.ERR_INVALID_CREDENTIALS))).toBe(true);
		expect(shown.some((line) => line.includes('Se déconnecter'))).toBe(true);
		const english = shown.flatMap((line) => ENGLISH.filter((text) => line.includes(text)).map((text) => `${text} in "${line}"`));
		expect(english).toEqual([]);
		expect(await cspViolations(page)).toEqual([]);
		expect(suite.server.requestedUrls.filter((url) => url.includes('/locales/'))).toEqual(['/dist/locales/fr.json']);
		expect(suite.pageErrors).toEqual([]);
	});

	it('fr-CA is French; an unknown language is English, without asking for any file', async () => {
		const canadian = await suite.openScriptTag({lang: 'fr-CA'});
		await visible(formNamed(canadian, 'Connexion'));
		const greek = await suite.openScriptTag({lang: 'el'});
		await visible(formNamed(greek, 'Sign in'));
		expect(suite.server.requestedUrls.filter((url) => url.includes('/locales/'))).toEqual(['/dist/locales/fr.json']);
	});

	it('data-locale wins over <html lang>, and data-labels over the language', async () => {
		const page = await suite.openScriptTag({lang: 'de', data: {'data-locale': 'fr', 'data-labels': '{"submit": "Ouvrir le chat"}'}});
		const form = formNamed(page, 'Connexion');
		await visible(form);
		await visible(form.getByRole('button', {name: 'Ouvrir le chat', exact: true}));
		expect(await form.getByLabel('Mot de passe', {exact: true}).count()).toBe(1);
	});

	it('an Arabic page is laid out right to left: dir="rtl", computed direction rtl, fields and button aligned to the right', async () => {
		const english = await suite.openScriptTag({lang: 'en'});
		await visible(formNamed(english, 'Sign in'));
		const leftToRight = await layout(english);
		expect(leftToRight).toMatchObject({dir: 'ltr', direction: 'ltr', inputDirection: 'ltr', button: {start: 0}, labelText: {start: 0}});
		expect(leftToRight.button.end).toBeGreaterThan(20);

		const page = await suite.openScriptTag({lang: 'ar', csp: STRICT_CSP});
		await visible(formNamed(page, ar.labels.title));
		const rightToLeft = await layout(page);
		expect(rightToLeft).toMatchObject({dir: 'rtl', direction: 'rtl', inputDirection: 'rtl', button: {end: 0}, labelText: {end: 0}});
		expect(rightToLeft.button.start).toBeGreaterThan(20);
		expect(rightToLeft.labelText.start).toBeGreaterThan(20);
		expect(await cspViolations(page)).toEqual([]);
	});

	it('follows the page when it changes <html lang> (an SPA\'s language switch), keeping what was typed', async () => {
		const page = await suite.openScriptTag({lang: 'en'});
		await visible(formNamed(page, 'Sign in'));
		await mount(page).getByLabel('Email', {exact: true}).fill(ADA.email);
		await page.evaluate(() => {
			document.documentElement.lang = 'de';
		});
		await visible(formNamed(page, 'Anmelden'));
		expect(await mount(page).getByLabel('E-Mail-Adresse', {exact: true}).inputValue()).toBe(ADA.email);
		await page.evaluate(() => {
			document.documentElement.lang = 'he';
		});
		await expect.poll(() => heading(page), {timeout: WAIT_MS}).toBe('כניסה');
		expect((await layout(page)).direction).toBe('rtl');
	});

	it('under Trusted Types the page\'s language arrives too (JSON over fetch: no script URL), with no violation', async () => {
		const page = await suite.openScriptTag({lang: 'ja', widget: 'absent', csp: TRUSTED_TYPES_CSP, data: {'data-widget-timeout-ms': '0'}});
		await visible(formNamed(page, 'ログイン'));
		expect(await cspViolations(page)).toEqual([]);
	});

	it('a failed mount blames data-labels and the instance still works, with no error thrown into the page', async () => {
		const page = await suite.openScriptTag({lang: 'fr', data: {'data-labels': '{"signedInAs": null}'}});
		await expect
			.poll(() => page.evaluate(() => (window as unknown as {__consoleErrors: string[]}).__consoleErrors), {timeout: WAIT_MS})
			.toEqual(['zendesk-messaging-auth: data-labels: "signedInAs" must be text, not null.']);
		expect(await mount(page).evaluate((element) => element.childNodes.length)).toBe(0);
		await page.evaluate(() => (window as unknown as {ZendeskMessagingAuth: {instance: {login(credentials: object): Promise<unknown>}}}).ZendeskMessagingAuth.instance.login({email: 'ada@example.com', password: 'analytical-engine'}));
		await expectWidgetSignedIn(page, ADA);
		expect(suite.pageErrors).toEqual([]);
	});
});
