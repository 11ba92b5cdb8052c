/*
The demo (`npm run demo`), run as a QA engineer runs it: one child process on a free port, driven through the QA
page's own controls in this pass's engine (the suite's engine layer, through demo-proxy.ts, which records each page's
errors and CSP violations), and crawled for anything that would hand the signing secret to a browser.
*/
import {randomBytes} from 'node:crypto';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {crawlDemo, publicFileUrls} from './demo-crawl.js';
import {freePort, runUntilExit, startDemo, type RunningDemo} from './demo-process.js';
import {startDemoProxy, type DemoProxy} from './demo-proxy.js';
import {ENGINE, skipBrowserSuite, useBrowserSuite, type Locator, type Page} from './harness/browser.js';
import {signJwt} from './harness/jwt.js';

// A known random signing key for this run, so that the crawl can look for it.
const KEY_ID = `app_demo_test_${randomBytes(8).toString('hex')}`;
const SECRET = randomBytes(48).toString('base64url');

/** `npm run demo` builds first: allow for a slow, busy machine. */
const START_TIMEOUT_MS = 240_000;
/** Time for something the page should show promptly (a sign-in, a reload). */
const PROMPT_MS = 10_000;
/** With 15 s tokens a refresh is due 7.5 s after each token: one must show within this. */
const REFRESH_WAIT_MS = 20_000;

const ADA = {email: 'ada@example.com', password: 'analytical-engine', name: 'Ada Lovelace'};

let demo: RunningDemo | undefined;

const running = (): RunningDemo => {
	if (!demo) throw new Error('The demo is not running (did beforeAll fail?).');
	return demo;
};

const post = (path: string, body: unknown) =>
	fetch(`${running().origin}${path}`, {method: 'POST', headers: {'content-type': 'application/json'}, body: JSON.stringify(body)});

beforeAll(async () => {
	demo = await startDemo({command: 'npm run demo', env: {PORT: String(await freePort()), ZENDESK_KEY_ID: KEY_ID, ZENDESK_SECRET: SECRET}, timeoutMs: START_TIMEOUT_MS});
}, START_TIMEOUT_MS + 10_000);

afterAll(async () => {
	await demo?.stop();
});

describe('npm run demo', () => {
	it('prints the URL and the demo accounts, Ada among them, and never the signing key', () => {
		const output = running().output();
		expect(output).toMatch(/http:\/\/localhost:\d+\//);
		expect(output).toMatch(/ada@example\.com\s+\/\s+analytical-engine\s+Ada Lovelace/);
		expect(output).not.toContain(SECRET);
		expect(output).not.toContain(KEY_ID);
	});

	it('serves no file that holds the signing secret or key id: every public file, the built files, every referenced resource', async () => {
		const files = await crawlDemo(running().origin);
		const paths = files.map(({path}) => path);
		// The crawl really covered the demo: each public file, both builds, the pages and what they load.
		for (const path of [...(await publicFileUrls()), '/zendesk-messaging-auth.iife.min.js', '/dist/index.js', '/spa.js', '/vendor/ky/index.js', '/vendor/ky/core/Ky.js', '/qa/controls.js', '/messenger-stand-in.css']) {
			expect(paths).toContain(path);
		}

		for (const {path, status, headers, body} of files) {
			expect(status, `GET ${path}`).toBe(200);
			for (const text of [headers, body]) {
				expect(text.includes(SECRET), `the secret in ${path}`).toBe(false);
				expect(text.includes(KEY_ID), `the key id in ${path}`).toBe(false);
			}
		}

		// Nor do the answers of the endpoints the pages call. The key id does reach the browser in one place only:
		// the JWT's own header, where Zendesk requires it (kid).
		const login = await post('/api/zendesk/token', {email: ADA.email, password: ADA.password});
		const {jwt} = (await login.json()) as {jwt: string};
		expect(jwt).not.toContain(SECRET);
		expect(JSON.parse(Buffer.from(jwt.split('.')[0]!, 'base64url').toString())).toMatchObject({alg: 'HS256', kid: KEY_ID});
		for (const answer of [await post('/demo/verify', {jwt}), await post('/demo/verify', {jwt: `${jwt}x`}), await post('/demo/controls', {}), await post('/api/zendesk/jwt', {})]) {
			const text = JSON.stringify([...answer.headers]) + (await answer.text());
			expect(text).not.toContain(SECRET);
			expect(text).not.toContain(KEY_ID);
		}
	});

	it('rate-limits failed sign-ins per account: the 6th attempt in a minute is 429 with Retry-After, even with the right password', async () => {
		try {
			for (let attempt = 1; attempt <= 5; attempt++) {
				expect((await post('/api/zendesk/token', {email: 'grace@example.com', password: `wrong-${attempt}`})).status).toBe(401);
			}

			const limited = await post('/api/zendesk/token', {email: 'grace@example.com', password: 'compiling-cobol'});
			expect(limited.status).toBe(429);
			expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
			expect(((await limited.json()) as {message: string}).message).not.toContain('compiling-cobol');
		} finally {
			// The browser tests sign in from the same address.
			expect((await post('/demo/controls', {reset: true})).status).toBe(200);
		}

		expect((await post('/api/zendesk/token', {email: 'grace@example.com', password: 'compiling-cobol'})).status).toBe(200);
	});

	it('answers the Site login page\'s routes as a site\'s own login: its own cookie, 303s, 405, 403 cross-site, a JWT only while the session lives', async () => {
		const {origin} = running();
		const form = (path: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
			fetch(`${origin}${path}`, {method: 'POST', redirect: 'manual', headers: {'content-type': 'application/x-www-form-urlencoded', ...headers}, body: new URLSearchParams(fields)});
		const jwtWith = (cookie?: string) => fetch(`${origin}/api/zendesk/jwt`, {method: 'POST', headers: cookie ? {cookie} : {}});
		try {
			expect((await fetch(`${origin}/site/sign-in`)).status).toBe(405);
			expect((await form('/site/sign-in', {email: ADA.email, password: ADA.password}, {origin: 'https://elsewhere.example'})).status).toBe(403);
			const wrong = await form('/site/sign-in', {email: 'alan@example.com', password: 'not-his'});
			expect([wrong.status, wrong.headers.get('location'), wrong.headers.get('set-cookie')]).toEqual([303, '/site-login.html?signin=failed', null]);

			const signedIn = await form('/site/sign-in', {email: ADA.email, password: ADA.password});
			expect([signedIn.status, signedIn.headers.get('location')]).toEqual([303, '/site-login.html']);
			const [setCookie = '', hint] = signedIn.headers.getSetCookie();
			expect(setCookie).toMatch(/^demo_site_session=[\w-]+; HttpOnly; Path=\/; SameSite=Lax$/);
			// The readable hint the page's data-session-hint-cookie names (no secret in it).
			expect(hint).toBe('demo_signed_in=1; Path=/; SameSite=Lax');
			const cookie = setCookie.split(';')[0]!;
			expect(await (await fetch(`${origin}/site-login.html`, {headers: {cookie}})).text()).toContain(`data-site-user="${ADA.name}"`);

			const minted = await jwtWith(cookie);
			expect(minted.status).toBe(200);
			const {jwt} = (await minted.json()) as {jwt: string};
			expect(JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString())).toMatchObject({external_id: 'user-ada-1815', name: ADA.name, scope: 'user'});
			expect((await jwtWith()).status).toBe(204);

			// "Sign out on the server only": the browser keeps its cookie, which no longer stands for anyone.
			expect((await fetch(`${origin}/site/end-session`, {method: 'POST', headers: {cookie}})).status).toBe(204);
			expect((await jwtWith(cookie)).status).toBe(204);
			expect(await (await fetch(`${origin}/site-login.html`, {headers: {cookie}})).text()).toContain('data-site-user=""');
		} finally {
			expect((await post('/demo/controls', {reset: true})).status).toBe(200);
		}
	});
});

describe.skipIf(skipBrowserSuite)(`the demo in ${ENGINE}`, () => {
	const suite = useBrowserSuite();
	let proxy: DemoProxy | undefined;

	beforeAll(async () => {
		proxy = await startDemoProxy(running().origin);
	});

	afterAll(async () => {
		await proxy?.close();
	});

	const proxied = (): DemoProxy => {
		if (!proxy) throw new Error('The proxy in front of the demo did not start (see beforeAll).');
		return proxy;
	};

	/** A page of the demo in this test's fresh profile (no cookies), its errors and CSP violations recorded from its first script. */
	async function openPage(path: string): Promise<Page> {
		proxied().takeProblems();
		const page = await suite.open(`${proxied().origin}${path}`);
		// Without the recorder the problem checks below would pass for want of a reporter.
		if (!(await page.evaluate(() => Array.isArray(window.__pageErrors)))) throw new Error(`The suite's recorder did not run on the demo's ${path}: demo-proxy.ts must put it first in every page.`);
		return page;
	}

	/** Every uncaught error and CSP violation the demo's pages reported during this test, across its page loads. */
	const problems = () => proxied().takeProblems();

	const logEntry = (page: Page, event: string) => page.locator(`#event-log [data-event="${event}"]`);

	/** Waits (bounded) until one of `locator`'s elements shows `text`; a timeout fails the test saying what it waited for. */
	const waitForText = (locator: Locator, text: string | RegExp, timeout = PROMPT_MS) => locator.filter({hasText: text}).first().waitFor({state: 'visible', timeout});

	/** Runs `action`, which makes the page load a new document (a reload, a link), and waits for that document's load event. */
	async function loadsNewDocument(page: Page, action: () => Promise<void>): Promise<void> {
		await page.evaluate(() => {
			(window as unknown as {__oldDocument?: true}).__oldDocument = true;
		});
		await action();
		await page.poll(
			async () => {
				try {
					return await page.evaluate(() => !(window as unknown as {__oldDocument?: true}).__oldDocument && document.readyState === 'complete');
				} catch {
					// Mid-navigation: the old document is gone, the new one not there yet.
					return false;
				}
			},
			{timeout: PROMPT_MS},
			() => 'the page to load a new document',
		);
	}

	it('reports a demo page\'s uncaught errors and CSP violations, also from before a reload (so the checks below can fail)', async () => {
		const page = await openPage('/');
		await page.evaluate(() => {
			setTimeout(() => {
				throw new Error('thrown on purpose');
			});
			// An inline script, which the demo's default-src 'self' refuses.
			const inline = document.createElement('script');
			inline.textContent = 'window.__ranInline = true;';
			document.head.append(inline);
		});
		await page.waitForTimeout(300);
		expect(await page.evaluate(() => (window as unknown as {__ranInline?: true}).__ranInline === true)).toBe(false);
		await page.reload();
		const reported = problems();
		expect(reported.some((problem) => problem.startsWith('page error:') && problem.includes('thrown on purpose')), reported.join('\n')).toBe(true);
		expect(reported.some((problem) => /^CSP (?:default-src|script-src(?:-elem)?) blocked \(?inline/.test(problem)), reported.join('\n')).toBe(true);
	});

	it('signs Ada in through the form, refreshes a 15 s token, and signs her out when a refresh answers 401 — all through the page', async () => {
		const page = await openPage('/');
		const form = page.locator('#support-login');
		await form.getByLabel('Email').fill(ADA.email);
		await form.getByLabel('Password').fill(ADA.password);
		await form.getByRole('button', {name: 'Sign in', exact: true}).click();
		await form.getByText(`Signed in as ${ADA.name}`).waitFor({timeout: PROMPT_MS});
		await waitForText(logEntry(page, 'login'), ADA.name);
		// The stand-in verified the JWT on the backend and signed the chat in.
		await waitForText(page.locator('.messenger-stand-in'), `Chat signed in: ${ADA.name}`);

		// Shorten the lifetime: the page reloads and restores the session with a 15 s token.
		await loadsNewDocument(page, () => page.getByRole('button', {name: '15 s'}).click());
		await waitForText(page.locator('#claims dd'), ADA.name);
		const claims = await page.evaluate(() => (globalThis as {ZendeskMessagingAuth?: {instance?: {session: {claims: {iat: number; exp: number}} | null}}}).ZendeskMessagingAuth?.instance?.session?.claims);
		expect(claims && claims.exp - claims.iat).toBe(15);

		await logEntry(page, 'refresh').first().waitFor({timeout: REFRESH_WAIT_MS});
		expect(await page.locator('#diagnostics [data-fact="state"]').textContent()).toMatch(/^(signed-in|refreshing)$/);

		await page.getByRole('button', {name: 'Fail next refresh with 401'}).click();
		await waitForText(logEntry(page, 'logout'), 'reason: expired', REFRESH_WAIT_MS);
		await form.getByRole('button', {name: 'Sign in', exact: true}).waitFor({timeout: PROMPT_MS});
		expect(await form.getByLabel('Email').inputValue()).toBe('');
		await waitForText(logEntry(page, 'error'), 'ERR_SESSION_EXPIRED');
		await waitForText(page.locator('.messenger-stand-in'), 'Chat signed out');
		expect(problems()).toEqual([]);
	}, 90_000);

	it('has a "debug log" toggle on the QA page that shows what data-debug prints, never the password or the email', async () => {
		// The toggle is a link to the same page with ?debug=1 (and back), keeping the other parameters: followed by URL,
		// as the card sits below the fold, where WebKit's driver does not always click.
		const off = await openPage('/?widget=early');
		// The page's script writes the href (keeping the other parameters) once it runs: wait for it, not for the markup's.
		await expect.poll(() => off.getByRole('link', {name: 'Turn the debug log on'}).getAttribute('href'), {timeout: PROMPT_MS}).toBe('/?widget=early&debug=1');
		const page = await openPage('/?widget=early&debug=1');
		const debugLog = page.locator('#debug-log li');
		await expect.poll(() => page.getByRole('link', {name: 'Turn the debug log off'}).getAttribute('href'), {timeout: PROMPT_MS}).toBe('/?widget=early');
		const form = page.locator('#support-login');
		await form.getByLabel('Email').fill(ADA.email);
		await form.getByLabel('Password').fill(ADA.password);
		await form.getByRole('button', {name: 'Sign in', exact: true}).click();
		await waitForText(debugLog, /POST \/api\/zendesk\/token: 200 \(\d+ ms\)/);
		await waitForText(debugLog, /^[\d:.]+ debug token \(login\): external_id \S+, exp \d+, \d+ s left/);
		await waitForText(debugLog, 'zE loginUser');
		await waitForText(debugLog, 'loginCallback: ok');
		const shown = await page.evaluate(() => document.getElementById('debug-log')!.textContent!);
		expect(shown).not.toContain(ADA.password);
		expect(shown).not.toContain(ADA.email);
		await form.getByRole('button', {name: 'Sign out', exact: true}).click();
		await waitForText(debugLog, 'zE logoutUser');

		expect(await off.locator('#debug-log li').count()).toBe(0);
		expect(problems()).toEqual([]);
	}, 60_000);

	it('has the messenger stand-in verify each JWT: a forged signature is a LoginFailedError, a well-signed token signs the chat in', async () => {
		const page = await openPage('/');
		await page.waitForFunction(() => typeof (globalThis as {zE?: unknown}).zE === 'function', undefined, {timeout: PROMPT_MS});
		const now = Math.floor(Date.now() / 1000);
		const claims = {external_id: 'visitor-42', scope: 'user' as const, name: 'Test Visitor', iat: now, exp: now + 300};
		const loginWith = (jwt: string) =>
			page.evaluate(
				(token) =>
					new Promise((resolve) => {
						const zE = (globalThis as unknown as {zE: (...args: unknown[]) => void}).zE;
						zE('messenger', 'loginUser', (provide: (jwt: string) => void) => provide(token), resolve);
					}),
				jwt,
			);

		expect(await loginWith(signJwt(claims, {keyId: KEY_ID, secret: `${SECRET}-not-it`}))).toMatchObject({type: 'LoginFailedError', reason: 'invalid_auth'});
		await waitForText(page.locator('.messenger-stand-in'), 'LoginFailedError');
		expect(await loginWith(signJwt({...claims, external_id: 42} as unknown as typeof claims, {keyId: KEY_ID, secret: SECRET}))).toMatchObject({reason: 'invalid_external_id'});
		expect(await loginWith(signJwt(claims, {keyId: KEY_ID, secret: SECRET}))).toBeNull();
		await waitForText(page.locator('.messenger-stand-in'), 'Chat signed in: Test Visitor');
		expect(problems()).toEqual([]);
	});

	it('shows the SPA path: /spa.html imports dist/index.js and signs in headless through its own form', async () => {
		const page = await openPage('/spa.html');
		await page.getByLabel('Email').fill(ADA.email);
		await page.getByLabel('Password').fill('not-her-password');
		await page.getByRole('button', {name: 'Sign in'}).click();
		await waitForText(page.getByRole('alert'), 'ERR_INVALID_CREDENTIALS');
		await page.getByLabel('Password').fill(ADA.password);
		await page.getByRole('button', {name: 'Sign in'}).click();
		await waitForText(page.locator('#spa-state'), /^signed-in$/);
		expect(await page.locator('#spa-who').textContent()).toBe(`Signed in as ${ADA.name}`);
		expect(problems()).toEqual([]);
	});

	it('shows the site\'s own login on /site-login.html: its form signs the chat in, "Sign out on the server only" signs it out on the next page, "Sign out" at once', async () => {
		const page = await openPage('/site-login.html');
		const standIn = page.locator('.messenger-stand-in');
		const sdkState = page.locator('#sdk-state');
		await waitForText(sdkState, /^signed-out$/);
		// The SDK mounted no form: the only one is the site's own.
		expect(await page.locator('.zma').count()).toBe(0);

		await page.getByLabel('Password').fill('not-her-password');
		await page.getByLabel('Email').fill(ADA.email);
		await page.getByRole('button', {name: 'Sign in to the site'}).click();
		await waitForText(page.getByRole('alert'), 'Wrong email or password.');

		await page.getByLabel('Email').fill(ADA.email);
		await page.getByLabel('Password').fill(ADA.password);
		await page.getByRole('button', {name: 'Sign in to the site'}).click();
		await waitForText(page.locator('#site-who'), `Signed in to the site as ${ADA.name}`);
		await waitForText(sdkState, /^signed-in$/);
		await waitForText(standIn, `Chat signed in: ${ADA.name}`);
		await waitForText(logEntry(page, 'login'), ADA.name);

		// The server ends the site session and tells nobody: this page still shows Ada, the next one signs the chat out.
		await page.getByRole('button', {name: 'Sign out on the server only'}).click();
		await waitForText(page.locator('#site-status'), 'reload');
		await page.reload();
		await waitForText(standIn, 'Chat signed out (logoutUser)');
		await waitForText(sdkState, /^signed-out$/);
		expect(await page.getByRole('button', {name: 'Sign in to the site'}).isVisible()).toBe(true);

		// Signed in again, the page's "Sign out" does the site's sign-out and auth.logout(): the chat is signed out at once.
		await page.getByLabel('Email').fill(ADA.email);
		await page.getByLabel('Password').fill(ADA.password);
		await page.getByRole('button', {name: 'Sign in to the site'}).click();
		await waitForText(standIn, `Chat signed in: ${ADA.name}`);
		await waitForText(logEntry(page, 'login'), ADA.name);
		await loadsNewDocument(page, () => page.getByRole('link', {name: 'Sign out', exact: true}).click());
		await waitForText(sdkState, /^signed-out$/);
		await page.getByRole('button', {name: 'Sign in to the site'}).waitFor({timeout: PROMPT_MS});
		// logoutUser came from auth.logout() on the page before: this one found the chat signed out and had nothing to do.
		await page.waitForTimeout(1000);
		expect(await standIn.textContent()).toContain('Chat ready, not signed in.');
		expect(problems()).toEqual([]);
	}, 60_000);

	it.each(['/', '/spa.html', '/react.html', '/site-login.html'])('%s loads quietly for a signed-out visitor: no request to /api/zendesk/*, a clean console', async (path) => {
		const page = await openPage(path);
		await page.waitForFunction(() => document.readyState === 'complete');
		// Long enough for any start-up request to have gone out (the widget stand-in and the SDK start within it).
		await page.waitForTimeout(1000);
		const asked = await page.evaluate(() => performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname).filter((name) => name.startsWith('/api/zendesk/')));
		const browserErrors = page.browserConsoleErrors() ?? [];
		const inPage = await page.evaluate(() => [...window.__consoleErrors, ...window.__pageErrors]);
		console.info(`quiet-start ${ENGINE}: demo ${path}, signed-out visitor: ${asked.length} request(s) ${JSON.stringify(asked)}, ${browserErrors.length + inPage.length} console error(s)${ENGINE === 'webkit' ? ' (in-page records only)' : ''}`);
		expect({asked, browserErrors, inPage, problems: problems()}).toEqual({asked: [], browserErrors: [], inPage: [], problems: []});
	});
});

describe('the demo with the real widget configured', () => {
	it('puts the widget key on the script tag, loads no stand-in, and allows Zendesk\'s hosts in the CSP', async () => {
		const widgetKey = '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';
		const real = await startDemo({
			command: 'node demo/server.mjs',
			env: {PORT: String(await freePort()), ZENDESK_WIDGET_KEY: widgetKey, ZENDESK_KEY_ID: KEY_ID, ZENDESK_SECRET: SECRET},
			timeoutMs: PROMPT_MS,
		});
		try {
			const response = await fetch(`${real.origin}/`);
			const html = await response.text();
			expect(html).toContain(`data-widget-key="${widgetKey}"`);
			expect(html).not.toContain('messenger-stand-in.js');
			const csp = response.headers.get('content-security-policy') ?? '';
			for (const host of ['https://static.zdassets.com', 'https://*.zendesk.com', 'https://*.zdassets.com', 'wss://*.zendesk.com', 'https://*.smooch.io']) {
				expect(csp).toContain(host);
			}

			expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
			expect(real.output()).not.toContain(SECRET);
		} finally {
			await real.stop();
		}
	});

	it('refuses to start with a widget key but no signing key, saying what to set', async () => {
		const {code, output} = await runUntilExit({PORT: String(await freePort()), ZENDESK_WIDGET_KEY: '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0'}, PROMPT_MS);
		expect(code).toBe(1);
		expect(output).toContain('ZENDESK_KEY_ID and ZENDESK_SECRET');
	});
});
