import {describe, expect, it} from 'vitest';
import {resolveOptions} from '../../src/core/options.js';
import {MessagingAuthError} from '../../src/errors/messaging-auth-error.js';

const configError = (options: unknown): MessagingAuthError => {
	try {
		resolveOptions(options);
	} catch (error) {
		expect(error).toBeInstanceOf(MessagingAuthError);
		expect((error as MessagingAuthError).code).toBe('ERR_CONFIG');
		return error as MessagingAuthError;
	}

	throw new Error('expected ERR_CONFIG');
};

describe('resolveOptions', () => {
	it('applies the documented defaults when only tokenEndpoint is given', () => {
		expect(resolveOptions({tokenEndpoint: '/api/zendesk/token'})).toEqual({
			tokenEndpoint: '/api/zendesk/token',
			refreshEndpoint: undefined,
			logoutEndpoint: undefined,
			credentials: 'same-origin',
			headers: undefined,
			timeoutMs: 10_000,
			refreshLeewaySeconds: 60,
			widgetKey: undefined,
			widgetTimeoutMs: 10_000,
			nonce: undefined,
			syncTabs: true,
			restoreOnLoad: 'auto',
			sessionHintCookie: undefined,
		});
	});

	it('keeps every option that is given', () => {
		const headers = () => ({'x-csrf': 'a'});
		expect(
			resolveOptions({
				tokenEndpoint: 'https://example.com/token',
				refreshEndpoint: '/refresh',
				logoutEndpoint: '/logout',
				credentials: 'include',
				headers,
				timeoutMs: 500,
				refreshLeewaySeconds: 0,
				widgetKey: 'abc-123',
				widgetTimeoutMs: 0,
				nonce: 'n0nce',
				syncTabs: false,
				restoreOnLoad: 'always',
				sessionHintCookie: 'logged_in',
			}),
		).toMatchObject({credentials: 'include', headers, timeoutMs: 500, refreshLeewaySeconds: 0, widgetTimeoutMs: 0, syncTabs: false, restoreOnLoad: 'always', sessionHintCookie: 'logged_in'});
	});

	it('refuses a missing options object and says what is needed', () => {
		expect(configError(undefined).message).toMatch(/tokenEndpoint/);
	});

	it.each(['', '  ', 42])('refuses tokenEndpoint %j with an example of a valid one', (tokenEndpoint) => {
		expect(configError({tokenEndpoint}).message).toMatch(/tokenEndpoint must be the URL .*\/api\/zendesk\/token/);
	});

	it('refuses neither endpoint, naming both and saying when each is used', () => {
		for (const options of [{}, {tokenEndpoint: undefined}, {logoutEndpoint: '/api/zendesk/logout'}]) {
			const {message} = configError(options);
			expect(message).toMatch(/tokenEndpoint.*login form/);
			expect(message).toMatch(/refreshEndpoint alone when your site signs visitors in itself/);
		}
	});

	it('takes refreshEndpoint alone (the site signs its visitors in itself)', () => {
		expect(resolveOptions({refreshEndpoint: '/api/zendesk/jwt'})).toMatchObject({tokenEndpoint: undefined, refreshEndpoint: '/api/zendesk/jwt'});
	});

	it('refuses a javascript: endpoint', () => {
		expect(configError({tokenEndpoint: 'javascript:alert(1)'}).message).toMatch(/http\(s\) URL/);
	});

	it('refuses an endpoint that is not a URL', () => {
		expect(configError({tokenEndpoint: 'http://[::1'}).message).toMatch(/not a valid URL/);
	});

	it('suggests the right spelling of a mistyped option', () => {
		expect(configError({tokenEndpoint: '/t', refreshEndPoint: '/r'}).message).toMatch(/Unknown option "refreshEndPoint". Did you mean "refreshEndpoint"\?/);
	});

	it.each([
		['timeoutMs', -1],
		['timeoutMs', 0],
		['timeoutMs', Number.NaN],
		['timeoutMs', '5000'],
		['refreshLeewaySeconds', -5],
		['widgetTimeoutMs', Number.POSITIVE_INFINITY],
	])('refuses %s = %j and names the default', (name, value) => {
		expect(configError({tokenEndpoint: '/t', [name]: value}).message).toMatch(new RegExp(`${name} must be a .* number \\(default \\d+\\)`));
	});

	it('refuses an unknown credentials mode', () => {
		expect(configError({tokenEndpoint: '/t', credentials: 'all'}).message).toMatch(/"same-origin", "include" or "omit"/);
	});

	it('refuses headers that are not strings', () => {
		expect(configError({tokenEndpoint: '/t', headers: {a: 1}}).message).toMatch(/headers must be an object of string values/);
		expect(configError({tokenEndpoint: '/t', headers: ['a']}).message).toMatch(/headers/);
	});

	it('refuses an empty widget key, a nonce with spaces and a non-boolean syncTabs', () => {
		expect(configError({tokenEndpoint: '/t', widgetKey: ''}).message).toMatch(/widgetKey/);
		expect(configError({tokenEndpoint: '/t', nonce: 'a b'}).message).toMatch(/nonce/);
		expect(configError({tokenEndpoint: '/t', syncTabs: 'yes'}).message).toMatch(/syncTabs must be true or false/);
	});

	it('refuses a restoreOnLoad other than "auto" or "always", and a sessionHintCookie that is no cookie name, saying what fits', () => {
		for (const restoreOnLoad of ['never', true, '']) {
			expect(configError({tokenEndpoint: '/t', restoreOnLoad}).message).toMatch(/restoreOnLoad must be "auto" or "always"/);
		}

		for (const sessionHintCookie of ['', 'logged in', 42]) {
			expect(configError({refreshEndpoint: '/t', sessionHintCookie}).message).toMatch(/sessionHintCookie must be a cookie name, such as "logged_in"/);
		}
	});
});
