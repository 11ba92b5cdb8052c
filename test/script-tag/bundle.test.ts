/*
"Done when": a page with only the script tag and <div id="support-login"> signs Ada in through the BUILT bundle.
Run `npm run build` first. The page is a separate JSDOM that runs scripts, served from the loopback backend's
origin so the tag's relative endpoints reach it.
*/
import {existsSync, readFileSync} from 'node:fs';
import {resolve} from 'node:path';
import {waitFor, within} from '@testing-library/dom';
import userEvent from '@testing-library/user-event';
import {type DOMWindow, JSDOM, requestInterceptor, VirtualConsole} from 'jsdom';
import {afterAll, afterEach, beforeAll, beforeEach, describe, expect, it} from 'vitest';
import {LOGIN_FORM_CSS} from '../../src/form/styles.js';
import {ADA, startTokenServer, type TokenServer} from '../helpers/token-server.js';
import {installZendeskStandIn, type ZendeskStandIn} from '../helpers/zendesk-stand-in.js';

// Paths, not URLs: under jsdom the global URL is jsdom's, which node:fs does not take.
const BUNDLE_PATH = resolve(import.meta.dirname, '../../dist/zendesk-messaging-auth.iife.min.js');
const STYLE_PATH = resolve(import.meta.dirname, '../../dist/style.css');
const BUNDLE_URL = '/zendesk-messaging-auth.iife.min.js';

interface Global {
	createMessagingAuth: unknown;
	mountLoginForm: unknown;
	MessagingAuthError: unknown;
	instance?: {state: string; destroy(): void};
}

let server: TokenServer;
let widget: ZendeskStandIn;
let dom: JSDOM | undefined;

beforeAll(async () => {
	if (!existsSync(BUNDLE_PATH)) throw new Error('dist/zendesk-messaging-auth.iife.min.js is missing: run `npm run build` first.');
	server = await startTokenServer();
});
afterAll(() => server?.close());

beforeEach(() => {
	widget = installZendeskStandIn();
});

afterEach(() => {
	(dom?.window as unknown as Page['window'] | undefined)?.ZendeskMessagingAuth?.instance?.destroy();
	dom?.window.close();
	dom = undefined;
	widget.uninstall();
});

interface Page {
	window: Omit<DOMWindow, 'ZendeskMessagingAuth'> & {ZendeskMessagingAuth?: Global};
	/** What the page wrote with console.error. */
	consoleErrors: string[];
	/** Uncaught exceptions and failed loads. */
	pageErrors: string[];
}

async function openPage(html: string): Promise<Page> {
	const consoleErrors: string[] = [];
	const pageErrors: string[] = [];
	const virtualConsole = new VirtualConsole();
	virtualConsole.on('error', (...args: unknown[]) => consoleErrors.push(args.map(String).join(' ')));
	virtualConsole.on('jsdomError', (error: Error) => pageErrors.push(error.message));
	const loaded = new Promise<void>((resolve) => {
		dom = new JSDOM(html, {
			url: server.url('/'),
			runScripts: 'dangerously',
			virtualConsole,
			resources: {
				interceptors: [
					// Serves the built bundle; nothing else on the page is loaded.
					requestInterceptor((request) =>
						new URL(request.url).pathname === BUNDLE_URL
							? new Response(readFileSync(BUNDLE_PATH), {headers: {'content-type': 'text/javascript'}})
							: new Response('', {status: 404}),
					),
				],
			},
			beforeParse(window) {
				// What a browser has and jsdom lacks: fetch and the Fetch classes ky builds requests with (Node's, with Node's AbortController and AbortSignal so their signals match), and the widget.
				Object.assign(window, {fetch, Request, Response, Headers, AbortController, AbortSignal, zE: widget.zE});
				window.addEventListener('load', () => resolve());
			},
		});
	});
	await loaded;
	return {window: dom!.window as unknown as Page['window'], consoleErrors, pageErrors};
}

const tag = (attributes: string) => `<script src="${BUNDLE_URL}" ${attributes}></script>`;
const ENDPOINTS = 'data-token-endpoint="/token" data-logout-endpoint="/logout" data-widget-timeout-ms="0"';

describe('the built script-tag bundle', () => {
	it('signs Ada in from a page with only the tag and <div id="support-login">, and the widget gets a valid JWT', async () => {
		const {window, consoleErrors, pageErrors} = await openPage(
			`<!doctype html><html lang="en"><head><title>Support</title>${tag(`defer ${ENDPOINTS}`)}</head><body><div id="support-login"></div></body></html>`,
		);
		const body = within(window.document.body);
		const form = body.getByRole('form', {name: 'Sign in'});
		const user = userEvent.setup({document: window.document});
		await user.type(body.getByLabelText('Email'), ADA.email);
		await user.type(body.getByLabelText('Password'), ADA.password);
		await user.click(within(form).getByRole('button', {name: 'Sign in'}));

		await waitFor(() => expect(body.getByText('Signed in as Ada Lovelace')).toBeTruthy(), {timeout: 5000});
		await waitFor(() => expect(widget.record.signedInAs).toBe('user-ada'));
		expect(widget.record.misuse).toEqual([]);
		expect(window.ZendeskMessagingAuth?.instance?.state).toBe('signed-in');
		expect(JSON.parse(server.requests.find((request) => request.path === '/token')!.body)).toEqual({email: ADA.email, password: ADA.password});
		expect([...consoleErrors, ...pageErrors]).toEqual([]);
	});

	it.each([
		['a plain tag in <head>, before the mount element', ''],
		['an async tag', 'async'],
	])('mounts the form from %s', async (_how, attribute) => {
		const {window} = await openPage(`<!doctype html><html><head>${tag(`${attribute} ${ENDPOINTS}`)}</head><body><p>Welcome</p><div id="support-login"></div></body></html>`);
		await waitFor(() => expect(within(window.document.body).getByRole('form', {name: 'Sign in'})).toBeTruthy());
	});

	it('puts the same names on window.ZendeskMessagingAuth, and no instance with neither data-token-endpoint nor data-refresh-endpoint', async () => {
		const {window, consoleErrors} = await openPage(`<!doctype html><html><body><div id="support-login"></div>${tag('')}</body></html>`);
		const global = window.ZendeskMessagingAuth!;
		expect(typeof global.createMessagingAuth).toBe('function');
		expect(typeof global.mountLoginForm).toBe('function');
		expect(typeof global.MessagingAuthError).toBe('function');
		expect(global.instance).toBeUndefined();
		expect(window.document.querySelector('form')).toBeNull();
		expect(consoleErrors).toEqual([]);
	});

	it('reports a bad attribute on the console and leaves the page working', async () => {
		const {window, consoleErrors, pageErrors} = await openPage(
			`<!doctype html><html><body><div id="support-login"></div>${tag('data-token-endpoint="/token" data-timeout-ms="abc"')}<p id="after">still here</p></body></html>`,
		);
		expect(consoleErrors).toHaveLength(1);
		expect(consoleErrors[0]).toContain('data-timeout-ms');
		expect(pageErrors).toEqual([]);
		expect(window.ZendeskMessagingAuth?.instance).toBeUndefined();
		expect(window.document.querySelector('#after')?.textContent).toBe('still here');
		expect(typeof window.ZendeskMessagingAuth?.createMessagingAuth).toBe('function');
	});

	it('with only data-refresh-endpoint, follows the site\'s own session: instance created, widget signed in, no form', async () => {
		// The site signed Ada in itself (its own login page): its refresh endpoint knows her.
		server.state.signedIn = ADA.email;
		// The server outlives the file's tests: only this test's requests count.
		const earlier = server.requests.length;
		try {
			const {window, consoleErrors, pageErrors} = await openPage(
				`<!doctype html><html><head>${tag('defer data-refresh-endpoint="/refresh" data-widget-timeout-ms="0"')}</head><body><div id="support-login"></div></body></html>`,
			);
			await waitFor(() => expect(window.ZendeskMessagingAuth?.instance?.state).toBe('signed-in'), {timeout: 5000});
			await waitFor(() => expect(widget.record.signedInAs).toBe('user-ada'));
			expect(widget.record.loginUserCalls).toBe(1);
			expect(window.document.querySelector('form')).toBeNull();
			expect(window.document.getElementById('support-login')?.childNodes).toHaveLength(0);
			expect(server.requests.slice(earlier).filter((request) => request.path === '/token')).toEqual([]);
			expect([...consoleErrors, ...pageErrors]).toEqual([]);
		} finally {
			server.state.signedIn = undefined;
		}
	});

	it('publishes dist/style.css with the very text the form adopts at runtime', () => {
		expect(readFileSync(STYLE_PATH, 'utf8')).toBe(LOGIN_FORM_CSS);
	});
});
