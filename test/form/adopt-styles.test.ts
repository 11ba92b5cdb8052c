import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {mountLoginForm} from '../../src/form/login-form.js';
import {LOGIN_FORM_CSS} from '../../src/form/styles.js';
import {createFakeAuth} from './fake-auth.js';

let hosts: HTMLElement[];

beforeEach(() => {
	hosts = ['one', 'two'].map((id) => {
		const host = document.createElement('div');
		host.id = id;
		document.body.append(host);
		return host;
	});
});

afterEach(() => {
	document.body.replaceChildren();
	Reflect.deleteProperty(document, 'adoptedStyleSheets');
});

const mountBoth = (options: Parameters<typeof mountLoginForm>[2] = {}) => hosts.map((host) => mountLoginForm(createFakeAuth().auth, host, options));
const styleElements = () => document.querySelectorAll('style');

/** jsdom has constructable stylesheets but no adoptedStyleSheets: give the document the property browsers have. */
function supportAdoption() {
	const assigned: CSSStyleSheet[][] = [];
	let sheets: CSSStyleSheet[] = [];
	Object.defineProperty(document, 'adoptedStyleSheets', {
		configurable: true,
		get: () => sheets,
		set(value: CSSStyleSheet[]) {
			sheets = value;
			assigned.push(value);
		},
	});
	return {sheets: () => sheets, assigned};
}

describe('the form\'s stylesheet', () => {
	it('is one constructable stylesheet adopted once per document, however many forms, kept until the last unmount', () => {
		const own = new CSSStyleSheet();
		const adoption = supportAdoption();
		document.adoptedStyleSheets = [own];
		const [first, second] = mountBoth();
		expect(adoption.sheets()).toHaveLength(2);
		expect(adoption.sheets()[0]).toBe(own);
		const ours = adoption.sheets()[1]!;
		expect(ours.cssRules[0]?.cssText).toContain('.zma');
		expect([...ours.cssRules].map((rule) => rule.cssText).join('\n')).toContain('--zma-accent');
		expect(adoption.assigned).toHaveLength(2);
		expect(styleElements()).toHaveLength(0);

		first!.unmount();
		expect(adoption.sheets()).toEqual([own, ours]);
		second!.unmount();
		expect(adoption.sheets()).toEqual([own]);
	});

	it('is adopted again by a form mounted after the last one left', () => {
		const adoption = supportAdoption();
		mountLoginForm(createFakeAuth().auth, hosts[0]!).unmount();
		const form = mountLoginForm(createFakeAuth().auth, hosts[0]!);
		expect(adoption.sheets()).toHaveLength(1);
		form.unmount();
		expect(adoption.sheets()).toHaveLength(0);
	});

	it('falls back to one <style> carrying the nonce when adoption is unsupported', () => {
		expect('adoptedStyleSheets' in document).toBe(false);
		const forms = mountBoth({nonce: 'r4nd0m'});
		expect(styleElements()).toHaveLength(1);
		const style = styleElements()[0]!;
		expect(style.getAttribute('nonce')).toBe('r4nd0m');
		expect(style.textContent).toBe(LOGIN_FORM_CSS);
		expect(style.parentNode).toBe(document.head);
		forms[0]!.unmount();
		expect(styleElements()).toHaveLength(1);
		forms[1]!.unmount();
		expect(styleElements()).toHaveLength(0);
	});

	it('adds no styles at all without adoption and without a nonce (an inline <style> would break a strict CSP)', () => {
		const forms = mountBoth();
		expect(styleElements()).toHaveLength(0);
		for (const form of forms) form.unmount();
	});

	it('is left out entirely with styles: false', () => {
		const adoption = supportAdoption();
		const forms = mountBoth({styles: false, nonce: 'r4nd0m'});
		expect(adoption.sheets()).toHaveLength(0);
		expect(styleElements()).toHaveLength(0);
		for (const form of forms) form.unmount();
	});

	it('scopes every rule under the .zma container', () => {
		const selectors = [...LOGIN_FORM_CSS.matchAll(/(?:^|\})\s*([^{}]+)\{/g)].flatMap((match) => match[1]!.split(','));
		expect(selectors.length).toBeGreaterThan(3);
		for (const selector of selectors) expect(selector.trim()).toMatch(/^\.zma\b/);
	});
});
