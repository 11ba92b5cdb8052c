/*
The login form under a strict Content-Security-Policy (styled, and not one violation), and axe-core over it.
*/
import {describe, expect, it} from 'vitest';
import {ADA} from './harness/backend.js';
import {skipBrowserSuite, useBrowserSuite, type Page} from './harness/browser.js';
import {alert, loginForm, signedInText, signInWithForm, signOutButton, visible} from './harness/form.js';
import {MOUNT_ID, STRICT_CSP} from './harness/pages.js';
import {ABSENCE_WINDOW_MS, cspViolations, expectWidgetSignedIn} from './harness/probes.js';

/** axe-core, served by the test server from node_modules/ (a script from 'self', so it loads under the strict CSP too). */
const AXE_URL = '/node_modules/axe-core/axe.min.js';

/** Properties in which a styled control differs from the browser's default one. */
const STYLE_PROPERTIES = ['background-color', 'color', 'border-top-width', 'border-top-color', 'border-top-left-radius', 'padding-top', 'padding-left', 'display', 'width', 'max-width'];

/**
For each kind of control in the mount (container, input, button): whether its computed style differs from the same
element outside the form, and the class-based rules of the page that apply to elements of the form.
*/
function styling(page: Page) {
	return page.evaluate(
		({mountId, properties}) => {
			const root = document.getElementById(mountId)!;
			const container = root.firstElementChild as HTMLElement;
			const differs = (styled: Element) => {
				const plain = document.createElement(styled.tagName);
				if (styled instanceof HTMLInputElement) (plain as HTMLInputElement).type = styled.type;
				document.body.append(plain);
				const a = getComputedStyle(styled);
				const b = getComputedStyle(plain);
				const changed = properties.filter((property) => a.getPropertyValue(property) !== b.getPropertyValue(property));
				plain.remove();
				return changed;
			};

			const sheets = [...document.styleSheets, ...document.adoptedStyleSheets];
			const elements = [container, ...container.querySelectorAll('*')];
			const applied = sheets
				.flatMap((sheet) => [...sheet.cssRules])
				.filter((rule): rule is CSSStyleRule => rule instanceof CSSStyleRule && rule.selectorText.includes('.'))
				.filter((rule) => elements.some((element) => element.matches(rule.selectorText)))
				.map((rule) => rule.selectorText);
			return {
				container: differs(container),
				input: differs(container.querySelector('input')!),
				button: differs(container.querySelector('button')!),
				applied,
			};
		},
		{mountId: MOUNT_ID, properties: STYLE_PROPERTIES},
	);
}

async function axeViolations(page: Page) {
	if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({url: AXE_URL});
	return page.evaluate(async (mountId) => {
		const {violations} = await (window as unknown as {axe: {run(context: Element): Promise<{violations: Array<{id: string; help: string; nodes: Array<{html: string}>}>}>}}).axe.run(
			document.getElementById(mountId)!,
		);
		return violations.map(({id, help, nodes}) => ({id, help, nodes: nodes.map((node) => node.html)}));
	}, MOUNT_ID);
}

describe.skipIf(skipBrowserSuite)('the login form under strict CSP and axe-core', () => {
	const suite = useBrowserSuite();

	it(`under "${STRICT_CSP}" the form is styled by class-scoped rules and the page records zero securitypolicyviolation events`, async () => {
		const page = await suite.openScriptTag({csp: STRICT_CSP});
		await visible(loginForm(page));
		const styles = await styling(page);
		expect(styles.applied.length, 'class-based rules of the SDK apply to the form').toBeGreaterThan(0);
		expect(styles.button.length, 'the button differs from a default button').toBeGreaterThan(0);
		expect(styles.input.length, 'the input differs from a default input').toBeGreaterThan(0);
		await page.waitForTimeout(ABSENCE_WINDOW_MS);
		expect(await cspViolations(page)).toEqual([]);
		expect(suite.pageErrors).toEqual([]);
	});

	it('under the strict CSP, signing in and out works and still records zero securitypolicyviolation events', async () => {
		const page = await suite.openScriptTag({csp: STRICT_CSP});
		await signInWithForm(page, ADA);
		await visible(signedInText(page, ADA.name!));
		await expectWidgetSignedIn(page, ADA);
		await signOutButton(page).click();
		await visible(loginForm(page));
		await signInWithForm(page, {email: ADA.email, password: 'wrong'});
		await visible(alert(page));
		await page.waitForTimeout(ABSENCE_WINDOW_MS);
		expect(await cspViolations(page)).toEqual([]);
	});

	it('axe-core reports no violations over the signed-out form', async () => {
		const page = await suite.openScriptTag();
		await visible(loginForm(page));
		expect(await axeViolations(page)).toEqual([]);
	});

	it('axe-core reports no violations over the form showing an error', async () => {
		const page = await suite.openScriptTag();
		await signInWithForm(page, {email: ADA.email, password: 'wrong'});
		await visible(alert(page));
		expect(await axeViolations(page)).toEqual([]);
	});

	it('axe-core reports no violations over the signed-in view', async () => {
		const page = await suite.openScriptTag();
		await signInWithForm(page, ADA);
		await visible(signedInText(page, ADA.name!));
		expect(await axeViolations(page)).toEqual([]);
	});
});
