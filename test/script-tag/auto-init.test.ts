import {screen} from '@testing-library/dom';
import {afterEach, beforeEach, describe, expect, it, type MockInstance, vi} from 'vitest';
import {releaseStyles} from '../../src/form/adopt-styles.js';
import {autoInit} from '../../src/script-tag/auto-init.js';
import type {MessagingAuth} from '../../src/types/session.js';

let errors: MockInstance<typeof console.error>;
let instance: MessagingAuth | undefined;

beforeEach(() => {
	errors = vi.spyOn(console, 'error').mockImplementation(() => {});
});

afterEach(() => {
	instance?.destroy();
	instance = undefined;
	// The tag keeps its form for the page's lifetime: clear the page as a navigation would.
	document.body.replaceChildren();
	releaseStyles(document);
	document.head.replaceChildren();
	Reflect.deleteProperty(document, 'readyState');
});

function page({mount = true, attributes = {}}: {mount?: boolean; attributes?: Record<string, string>}) {
	if (mount) {
		const host = document.createElement('div');
		host.id = 'support-login';
		document.body.append(host);
	}

	const script = document.createElement('script');
	for (const [name, value] of Object.entries({'data-widget-timeout-ms': '0', 'data-sync-tabs': 'false', ...attributes})) {
		script.setAttribute(name, value);
	}

	document.body.append(script);
	return script;
}

const init = (script: HTMLScriptElement | null) => {
	instance = autoInit(script);
	return instance;
};

const logged = () => errors.mock.calls.map((call) => String(call[0]));

describe('autoInit', () => {
	it('does nothing with neither data-token-endpoint nor data-refresh-endpoint', () => {
		expect(init(page({attributes: {'data-logout-endpoint': '/logout', 'data-widget-key': 'key-1'}}))).toBeUndefined();
		expect(init(null)).toBeUndefined();
		expect(document.querySelector('form')).toBeNull();
		expect(document.querySelector('#ze-snippet')).toBeNull();
		expect(errors).not.toHaveBeenCalled();
	});

	describe('with only data-refresh-endpoint (the site\'s own login)', () => {
		// ky hands fetch a Request; a plain fetch, a URL string.
		const urlOf = (input: unknown) => (input instanceof Request ? input.url : String(input));
		const refreshes = () => vi.mocked(fetch).mock.calls.filter(([input]) => urlOf(input).endsWith('/api/zendesk/jwt'));

		beforeEach(() => {
			// The site has no session: restore answers 401, which is simply signed-out.
			vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({message: 'No site session.'}), {status: 401, headers: {'content-type': 'application/json'}})));
		});

		it('creates the instance, which restores at once, and mounts no form into the empty #support-login', async () => {
			const auth = init(page({attributes: {'data-refresh-endpoint': '/api/zendesk/jwt'}}));
			expect(auth).toBeDefined();
			expect(document.querySelector('#support-login')?.childNodes).toHaveLength(0);
			expect(document.querySelector('form')).toBeNull();
			await vi.waitFor(() => expect(refreshes()).toHaveLength(1));
			await vi.waitFor(() => expect(auth?.state).toBe('signed-out'));
			expect(errors).not.toHaveBeenCalled();
		});

		it('mounts no form at DOMContentLoaded either, while the page is still loading', () => {
			Object.defineProperty(document, 'readyState', {configurable: true, get: () => 'loading'});
			expect(init(page({mount: false, attributes: {'data-refresh-endpoint': '/api/zendesk/jwt'}}))).toBeDefined();
			const host = document.createElement('div');
			host.id = 'support-login';
			document.body.append(host);
			Reflect.deleteProperty(document, 'readyState');
			document.dispatchEvent(new Event('DOMContentLoaded'));
			expect(host.childNodes).toHaveLength(0);
			expect(document.querySelector('form')).toBeNull();
		});

		it('reports a data-mount it ignores, and still creates the instance without a form', () => {
			const host = document.createElement('section');
			host.className = 'chat-login';
			document.body.append(host);
			expect(init(page({mount: false, attributes: {'data-refresh-endpoint': '/api/zendesk/jwt', 'data-mount': '.chat-login'}}))).toBeDefined();
			expect(host.childNodes).toHaveLength(0);
			expect(logged()).toHaveLength(1);
			expect(logged()[0]).toMatch(/^zendesk-messaging-auth: data-mount=".chat-login" is ignored: without data-token-endpoint/);
		});

		it('reports a bad data-refresh-endpoint naming the attribute, and creates no instance', () => {
			expect(() => init(page({attributes: {'data-refresh-endpoint': 'javascript:alert(1)'}}))).not.toThrow();
			expect(instance).toBeUndefined();
			expect(logged()).toHaveLength(1);
			expect(logged()[0]).toMatch(/^zendesk-messaging-auth: data-refresh-endpoint /);
			expect(refreshes()).toHaveLength(0);
		});
	});

	it('creates the instance and mounts the form into #support-login', () => {
		const auth = init(page({attributes: {'data-token-endpoint': '/api/zendesk/token'}}));
		expect(auth?.state).toBe('signed-out');
		expect(document.querySelector('#support-login')?.contains(screen.getByRole('form', {name: 'Sign in'}))).toBe(true);
		expect(errors).not.toHaveBeenCalled();
	});

	it('mounts into the element data-mount names, with the texts of data-labels', () => {
		const host = document.createElement('section');
		host.className = 'chat-login';
		document.body.append(host);
		init(page({mount: false, attributes: {'data-token-endpoint': '/t', 'data-mount': '.chat-login', 'data-labels': '{"title": "Connexion"}'}}));
		expect(host.contains(screen.getByRole('form', {name: 'Connexion'}))).toBe(true);
	});

	it('waits for DOMContentLoaded when the page is still loading (a plain tag in <head>)', () => {
		Object.defineProperty(document, 'readyState', {configurable: true, get: () => 'loading'});
		const auth = init(page({mount: false, attributes: {'data-token-endpoint': '/t'}}));
		expect(auth).toBeDefined();
		const host = document.createElement('div');
		host.id = 'support-login';
		document.body.append(host);
		expect(host.childNodes).toHaveLength(0);
		Reflect.deleteProperty(document, 'readyState');
		document.dispatchEvent(new Event('DOMContentLoaded'));
		expect(host.contains(screen.getByRole('form', {name: 'Sign in'}))).toBe(true);
		expect(errors).not.toHaveBeenCalled();
	});

	it('mounts at once, without waiting for DOMContentLoaded, when the mount element is already parsed', () => {
		Object.defineProperty(document, 'readyState', {configurable: true, get: () => 'loading'});
		const host = document.createElement('div');
		host.id = 'support-login';
		document.body.append(host);
		init(page({mount: false, attributes: {'data-token-endpoint': '/t'}}));
		Reflect.deleteProperty(document, 'readyState');
		expect(host.contains(screen.getByRole('form', {name: 'Sign in'}))).toBe(true);
	});

	it('passes data-nonce to the widget snippet it injects for data-widget-key', () => {
		init(page({attributes: {'data-token-endpoint': '/t', 'data-widget-key': 'key-1', 'data-nonce': 'r4nd0m'}}));
		const snippet = document.querySelector<HTMLScriptElement>('#ze-snippet');
		expect(snippet?.src).toContain('key=key-1');
		expect(snippet?.nonce || snippet?.getAttribute('nonce')).toBe('r4nd0m');
	});

	it('passes data-nonce to the form\'s <style> fallback', () => {
		init(page({attributes: {'data-token-endpoint': '/t', 'data-nonce': 'r4nd0m'}}));
		expect(document.querySelector('style')?.getAttribute('nonce')).toBe('r4nd0m');
	});

	it.each([
		['data-timeout-ms', 'abc'],
		['data-refresh-leeway-seconds', '-5'],
		['data-widget-timeout-ms', 'soon'],
		['data-sync-tabs', 'yes'],
		['data-credentials', 'all'],
		['data-token-endpoint', 'javascript:alert(1)'],
		['data-refresh-endpoint', 'javascript:alert(1)'],
		['data-logout-endpoint', 'ftp://example.com/logout'],
		['data-widget-key', 'has spaces'],
		['data-nonce', 'has spaces'],
	])('reports %s="%s" on the console, naming the attribute, without throwing or creating an instance', (attribute, value) => {
		expect(() => init(page({attributes: {'data-token-endpoint': '/t', [attribute]: value}}))).not.toThrow();
		expect(instance).toBeUndefined();
		expect(logged()).toHaveLength(1);
		expect(logged()[0]).toMatch(new RegExp(`^zendesk-messaging-auth: ${attribute} `));
		expect(logged()[0]).toContain(value);
		expect(document.querySelector('form')).toBeNull();
	});

	it.each(['#missing', '#a['])('reports data-mount="%s" that matches nothing, and keeps the instance', (selector) => {
		const auth = init(page({attributes: {'data-token-endpoint': '/t', 'data-mount': selector}}));
		expect(auth).toBeDefined();
		expect(logged()).toHaveLength(1);
		expect(logged()[0]).toContain(`data-mount="${selector}"`);
	});

	it('reports a bad data-styles or data-labels and still mounts the form, styled and in English', () => {
		init(page({attributes: {'data-token-endpoint': '/t', 'data-styles': 'nope', 'data-labels': 'Connexion'}}));
		expect(logged()).toHaveLength(2);
		expect(logged()[0]).toContain('data-styles');
		expect(logged()[1]).toContain('data-labels');
		expect(screen.getByRole('form', {name: 'Sign in'})).toBeTruthy();
	});

	it('blames data-labels, not data-mount, for a label that is not text, and leaves no listener on the instance', async () => {
		const auth = init(page({attributes: {'data-token-endpoint': '/t', 'data-labels': '{"signedInAs": null}'}}))!;
		expect(logged()).toEqual(['zendesk-messaging-auth: data-labels: "signedInAs" must be text, not null.']);
		expect(document.getElementById('support-login')!.childNodes).toHaveLength(0);
		// The instance lives on without a half-mounted form: a state change throws nowhere.
		const uncaught = vi.fn();
		window.addEventListener('error', uncaught);
		await auth.logout();
		window.removeEventListener('error', uncaught);
		expect(uncaught).not.toHaveBeenCalled();
	});

	it('shows the form in the page\'s language, loaded from locales/<tag>.json beside the script, and only once it is there', async () => {
		const {stubFetch} = await import('../helpers/fetch-stub.js');
		const {default: fr} = await import('../../src/locales/fr.js');
		const {calls} = stubFetch({'/cdn/zma/locales/fr.json': {body: fr as unknown as Record<string, unknown>}});
		document.documentElement.lang = 'en';
		const script = page({attributes: {'data-token-endpoint': '/t', 'data-locale': 'fr-CA'}});
		script.src = 'https://cdn.example/cdn/zma/zendesk-messaging-auth.iife.min.js';
		init(script);
		expect(document.getElementById('support-login')!.childNodes).toHaveLength(0);
		expect(await screen.findByRole('form', {name: 'Connexion'})).toBeTruthy();
		expect(calls.map((call) => call.url)).toEqual(['https://cdn.example/cdn/zma/locales/fr.json']);
		vi.unstubAllGlobals();
	});
});
