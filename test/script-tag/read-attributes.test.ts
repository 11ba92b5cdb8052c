import {describe, expect, it} from 'vitest';
import {attributeOf, readScriptAttributes, TAG_OPTIONS} from '../../src/script-tag/read-attributes.js';

function scriptWith(attributes: Record<string, string>): HTMLScriptElement {
	const script = document.createElement('script');
	for (const [name, value] of Object.entries(attributes)) script.setAttribute(name, value);
	return script;
}

describe('readScriptAttributes', () => {
	it('returns nothing with neither data-token-endpoint nor data-refresh-endpoint: the page configures the SDK itself', () => {
		expect(readScriptAttributes(scriptWith({'data-logout-endpoint': '/logout', 'data-mount': '#x', 'data-widget-key': 'abc-123'}))).toBeUndefined();
	});

	it('reads a tag with only data-refresh-endpoint as the site\'s own login: the options, and no form to mount', () => {
		expect(readScriptAttributes(scriptWith({'data-refresh-endpoint': '/api/zendesk/jwt', 'data-logout-endpoint': '/logout', 'data-widget-key': 'abc-123'}))).toEqual({
			auth: {refreshEndpoint: '/api/zendesk/jwt', logoutEndpoint: '/logout', widgetKey: 'abc-123'},
			mount: undefined,
			form: {},
			problems: [],
		});
	});

	it('reports data-mount on a tag without data-token-endpoint as ignored, naming it', () => {
		const config = readScriptAttributes(scriptWith({'data-refresh-endpoint': '/api/zendesk/jwt', 'data-mount': '#chat-login'}));
		expect(config?.mount).toBeUndefined();
		expect(config?.problems).toEqual(['data-mount="#chat-login" is ignored: without data-token-endpoint the tag mounts no form (the site\'s own login).']);
	});

	it('treats data-refresh-endpoint="" alone like data-token-endpoint="": init is asked for, so the empty slot is reported', () => {
		expect(readScriptAttributes(scriptWith({'data-refresh-endpoint': ''}))).toEqual({auth: {}, mount: undefined, form: {}, problems: []});
	});

	it('reads data-debug as a boolean attribute: present is on; "false" (any case, as templates print it) or "0" is off', () => {
		const debug = (attributes: Record<string, string>) => readScriptAttributes(scriptWith({'data-token-endpoint': '/t', ...attributes}))?.auth['debug'];
		expect(debug({})).toBeUndefined();
		for (const on of ['', 'true', 'debug', '1']) expect(debug({'data-debug': on}), on).toBe(true);
		for (const off of ['false', 'False', 'FALSE', ' false ', '0']) expect(debug({'data-debug': off}), off).toBe(false);
	});

	it('reads every attribute into the options of createMessagingAuth and mountLoginForm', () => {
		const config = readScriptAttributes(
			scriptWith({
				'data-token-endpoint': '/api/zendesk/token',
				'data-refresh-endpoint': '/api/zendesk/refresh',
				'data-logout-endpoint': '/api/zendesk/logout',
				'data-mount': '#chat-login',
				'data-widget-key': 'abc-123',
				'data-nonce': 'r4nd0m',
				'data-credentials': 'include',
				'data-timeout-ms': '5000',
				'data-widget-timeout-ms': '0',
				'data-refresh-leeway-seconds': '30',
				'data-sync-tabs': 'false',
				'data-styles': 'false',
				'data-locale': 'fr-CA',
				'data-labels': '{"title": "Connexion", "errors": {"ERR_NETWORK": "Hors ligne."}}',
			}),
		);
		expect(config).toEqual({
			auth: {
				tokenEndpoint: '/api/zendesk/token',
				refreshEndpoint: '/api/zendesk/refresh',
				logoutEndpoint: '/api/zendesk/logout',
				widgetKey: 'abc-123',
				nonce: 'r4nd0m',
				credentials: 'include',
				timeoutMs: 5000,
				widgetTimeoutMs: 0,
				refreshLeewaySeconds: 30,
				syncTabs: false,
			},
			mount: '#chat-login',
			form: {nonce: 'r4nd0m', styles: false, locale: 'fr-CA', labels: {title: 'Connexion', errors: {ERR_NETWORK: 'Hors ligne.'}}},
			problems: [],
		});
	});

	it('defaults the mount point to #support-login and leaves every other option to createMessagingAuth', () => {
		expect(readScriptAttributes(scriptWith({'data-token-endpoint': '/token'}))).toEqual({
			auth: {tokenEndpoint: '/token'},
			mount: '#support-login',
			form: {},
			problems: [],
		});
	});

	it('reads data-sync-tabs="true" as true', () => {
		expect(readScriptAttributes(scriptWith({'data-token-endpoint': '/t', 'data-sync-tabs': 'true'}))?.auth.syncTabs).toBe(true);
	});

	it('skips empty attributes (an unfilled template slot), except that data-token-endpoint="" still asks for init', () => {
		const config = readScriptAttributes(scriptWith({'data-token-endpoint': '', 'data-widget-key': '', 'data-refresh-endpoint': ''}));
		expect(config?.auth).toEqual({});
	});

	it('passes values that are not numbers or booleans through as typed, for createMessagingAuth to report', () => {
		const config = readScriptAttributes(
			scriptWith({'data-token-endpoint': 'javascript:alert(1)', 'data-timeout-ms': 'abc', 'data-sync-tabs': 'yes', 'data-credentials': 'all'}),
		);
		expect(config?.auth).toEqual({tokenEndpoint: 'javascript:alert(1)', timeoutMs: 'abc', syncTabs: 'yes', credentials: 'all'});
	});

	it('keeps a numeric-looking nonce or widget key a string', () => {
		const config = readScriptAttributes(scriptWith({'data-token-endpoint': '/t', 'data-nonce': '12345', 'data-widget-key': '678'}));
		expect(config?.auth).toMatchObject({nonce: '12345', widgetKey: '678'});
	});

	it('takes the script\'s own nonce (which browsers hide from attributes) when there is no data-nonce', () => {
		const script = scriptWith({'data-token-endpoint': '/t'});
		script.nonce = 'from-csp';
		const config = readScriptAttributes(script);
		expect(config?.auth.nonce).toBe('from-csp');
		expect(config?.form.nonce).toBe('from-csp');
	});

	it('reports a bad data-styles and bad data-labels by name, and keeps going', () => {
		const config = readScriptAttributes(scriptWith({'data-token-endpoint': '/t', 'data-styles': 'nope', 'data-labels': '{title: Connexion}'}));
		expect(config?.problems).toHaveLength(2);
		expect(config?.problems[0]).toContain('data-styles');
		expect(config?.problems[1]).toContain('data-labels');
		expect(config?.form).toEqual({});
	});

	it('maps every option to the attribute that sets it', () => {
		expect(TAG_OPTIONS.map(attributeOf)).toEqual([
			'data-token-endpoint',
			'data-refresh-endpoint',
			'data-logout-endpoint',
			'data-credentials',
			'data-timeout-ms',
			'data-refresh-leeway-seconds',
			'data-widget-key',
			'data-widget-timeout-ms',
			'data-nonce',
			'data-sync-tabs',
			'data-debug',
			'data-restore-on-load',
			'data-session-hint-cookie',
		]);
	});
});
