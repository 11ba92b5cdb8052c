/*
The snippet tag under Trusted Types (jsdom has none: a fake window.trustedTypes stands in, recording what it is
asked). Each test imports a fresh copy of the module, since a page creates the policy once.
*/
import {afterEach, describe, expect, it, vi, type Mock} from 'vitest';
import {MessagingAuthError} from '../../src/errors/messaging-auth-error.js';

const KEY = '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';
const SNIPPET = `https://static.zdassets.com/ekr/snippet.js?key=${KEY}`;

/** What a TrustedScriptURL is: an object whose toString() is the URL. */
class FakeTrustedScriptUrl {
	constructor(readonly url: string) {}
	toString() {
		return this.url;
	}
}

type FakePolicy = {createScriptURL(input: string): FakeTrustedScriptUrl};

interface FakeTrustedTypes {
	createPolicy: Mock<(name: string, rules: {createScriptURL(input: string): string}) => FakePolicy>;
	getPolicy?: Mock<(name: string) => FakePolicy | null>;
	policies: Map<string, {createScriptURL(input: string): FakeTrustedScriptUrl}>;
}

/** A fake of window.trustedTypes; `allowDuplicates: false` throws on a second policy of one name, as the CSP does. */
function installTrustedTypes({allowDuplicates = false, withGetPolicy = false, allowedNames}: {allowDuplicates?: boolean; withGetPolicy?: boolean; allowedNames?: string[]} = {}): FakeTrustedTypes {
	const policies = new Map<string, {createScriptURL(input: string): FakeTrustedScriptUrl}>();
	const fake: FakeTrustedTypes = {
		policies,
		createPolicy: vi.fn((name: string, rules: {createScriptURL(input: string): string}) => {
			if (allowedNames && !allowedNames.includes(name)) throw new TypeError(`Policy "${name}" disallowed.`);
			if (policies.has(name) && !allowDuplicates) throw new TypeError(`Policy with name "${name}" already exists.`);
			const policy = {createScriptURL: (input: string) => new FakeTrustedScriptUrl(rules.createScriptURL(input))};
			policies.set(name, policy);
			return policy;
		}),
	};
	if (withGetPolicy) fake.getPolicy = vi.fn((name: string) => policies.get(name) ?? null);
	vi.stubGlobal('trustedTypes', fake);
	return fake;
}

/** Records what the src setter of script elements is given (a TrustedScriptURL object, or a string). */
function recordScriptSrc(): unknown[] {
	const given: unknown[] = [];
	const descriptor = Object.getOwnPropertyDescriptor(HTMLScriptElement.prototype, 'src')!;
	vi.spyOn(HTMLScriptElement.prototype, 'src', 'set').mockImplementation(function (this: HTMLScriptElement, value: unknown) {
		given.push(value);
		descriptor.set!.call(this, String(value));
	});
	return given;
}

const freshModule = async () => {
	vi.resetModules();
	return import('../../src/widget/zendesk-snippet.js');
};

afterEach(() => {
	for (const script of document.querySelectorAll('script')) script.remove();
});

describe('injectSnippet', () => {
	it('without Trusted Types sets the plain URL, with the nonce, once per page', async () => {
		const {injectSnippet, SNIPPET_ID} = await freshModule();
		const script = injectSnippet(KEY, 'n0nce');
		expect(script.id).toBe(SNIPPET_ID);
		expect(script.src).toBe(SNIPPET);
		expect(script.nonce).toBe('n0nce');
		expect(injectSnippet(KEY, 'n0nce')).toBe(script);
		expect(document.querySelectorAll('script')).toHaveLength(1);
	});

	it('with Trusted Types sets the URL only as a TrustedScriptURL from the zendesk-messaging-auth policy', async () => {
		const trustedTypes = installTrustedTypes();
		const given = recordScriptSrc();
		const {injectSnippet, TRUSTED_TYPES_POLICY} = await freshModule();
		const script = injectSnippet(KEY, undefined);
		expect(TRUSTED_TYPES_POLICY).toBe('zendesk-messaging-auth');
		expect(trustedTypes.createPolicy).toHaveBeenCalledTimes(1);
		expect(trustedTypes.createPolicy.mock.calls[0]![0]).toBe('zendesk-messaging-auth');
		expect(given).toHaveLength(1);
		expect(given[0]).toBeInstanceOf(FakeTrustedScriptUrl);
		expect(String(given[0])).toBe(SNIPPET);
		expect(script.src).toBe(SNIPPET);
	});

	it('creates the policy once, however often a tag is added', async () => {
		const trustedTypes = installTrustedTypes();
		const {injectSnippet, SNIPPET_ID} = await freshModule();
		injectSnippet(KEY, undefined);
		document.getElementById(SNIPPET_ID)!.remove();
		injectSnippet(KEY, undefined);
		expect(trustedTypes.createPolicy).toHaveBeenCalledTimes(1);
		expect(document.querySelectorAll(`#${SNIPPET_ID}`)).toHaveLength(1);
	});

	it('its policy hands out the snippet URL only, so no other code can load a script through it', async () => {
		const trustedTypes = installTrustedTypes();
		const {injectSnippet} = await freshModule();
		injectSnippet(KEY, undefined);
		const policy = trustedTypes.policies.get('zendesk-messaging-auth')!;
		expect(() => policy.createScriptURL('https://evil.example/x.js')).toThrow(/only allows Zendesk's snippet URL/);
		expect(() => policy.createScriptURL('https://static.zdassets.com.evil.example/ekr/snippet.js?key=1')).toThrow(TypeError);
	});

	it('reuses the page\'s own policy of that name where the browser can look it up (getPolicy)', async () => {
		const trustedTypes = installTrustedTypes({withGetPolicy: true});
		const pagePolicy = trustedTypes.createPolicy('zendesk-messaging-auth', {createScriptURL: (input: string) => input});
		const given = recordScriptSrc();
		const {injectSnippet} = await freshModule();
		const script = injectSnippet(KEY, undefined);
		expect(trustedTypes.getPolicy).toHaveBeenCalledWith('zendesk-messaging-auth');
		expect(given[0]).toBeInstanceOf(FakeTrustedScriptUrl);
		expect(script.src).toBe(SNIPPET);
		expect(trustedTypes.policies.get('zendesk-messaging-auth')).toBe(pagePolicy);
	});

	it.each([
		{page: 'made a policy of that name and allows no duplicates (no getPolicy)', install: () => installTrustedTypes(), pageMadeOne: true},
		{page: 'allows only other policy names', install: () => installTrustedTypes({allowedNames: ['the-sites-own']}), pageMadeOne: false},
	])('throws ERR_WIDGET_UNAVAILABLE saying what to allow, and adds no tag, when the page $page', async ({install, pageMadeOne}) => {
		const trustedTypes = install();
		if (pageMadeOne) trustedTypes.createPolicy('zendesk-messaging-auth', {createScriptURL: (input: string) => input});
		const {injectSnippet} = await freshModule();
		const {MessagingAuthError: FreshError} = await import('../../src/errors/messaging-auth-error.js');
		let thrown: unknown;
		try {
			injectSnippet(KEY, undefined);
		} catch (error) {
			thrown = error;
		}

		expect(thrown).toBeInstanceOf(FreshError);
		expect(thrown).toMatchObject({code: 'ERR_WIDGET_UNAVAILABLE', name: 'MessagingAuthError'});
		expect((thrown as MessagingAuthError).message).toMatch(/trusted-types directive/);
		expect((thrown as MessagingAuthError).message).toContain('zendesk-messaging-auth');
		expect((thrown as MessagingAuthError).cause).toBeInstanceOf(TypeError);
		expect(document.querySelectorAll('script')).toHaveLength(0);
		// Asked once: a page that refuses the policy is not asked again on the next tag (each refusal is a CSP report).
		expect(() => injectSnippet(KEY, undefined)).toThrow(/trusted-types directive/);
		expect(trustedTypes.createPolicy).toHaveBeenCalledTimes(pageMadeOne ? 2 : 1);
	});
});
