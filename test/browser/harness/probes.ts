/*
What the tests read from a page (the records of pages/recorder.js and the widget stand-in), and the bounded
waits on them. Every wait here has a timeout: a behaviour that does not happen fails the test, it never hangs it.
*/
import {expect} from 'vitest';
import {ADA, type TestUser} from './backend.js';
import {WAIT_MS, type Page} from './page.js';

export {WAIT_MS} from './page.js';
/** How long a test watches for something that must NOT happen (a late loginUser, an injected element). */
export const ABSENCE_WINDOW_MS = 300;

export interface ReceivedToken {
	jwt: string;
	why: 'login' | 'reask';
	ok: boolean;
	reason: string | null;
	externalId: string | null;
	exp: number | null;
}

/** window.__zendesk, kept by harness/zendesk-stand-in.js. */
export interface ZendeskRecord {
	loadedAt: number;
	calls: string[];
	loginUserCalls: number;
	logoutUserCalls: number;
	asks: number;
	reasks: number;
	received: ReceivedToken[];
	expiredReceived: number;
	invalidReceived: number;
	misuse: string[];
	loginResults: Array<{message: string; reason: string; type: string} | null>;
	signedInAs: string | null;
	token: string | null;
}

/** One SDK event as pages/recorder.js summarises it. */
export interface RecordedEvent {
	type: 'statechange' | 'login' | 'refresh' | 'logout' | 'error';
	state?: string;
	previous?: string;
	externalId?: string;
	exp?: number;
	jwt?: string;
	reason?: string;
	code?: string;
	name?: string;
	message?: string;
	status?: number;
}

export interface CspViolation {
	directive: string;
	blockedURI: string;
	sourceFile: string;
	line: number;
	sample: string;
}

export type LoginOutcome =
	| {ok: true; externalId: string}
	| {ok: false; code: string; name: string; isMessagingAuthError: boolean; message: string};

/** Minimal view of the SDK instance, for page.evaluate callbacks. */
interface PageAuth {
	state: string;
	session: {jwt: string; claims: Record<string, unknown>} | null;
}

declare global {
	interface Window {
		__zendesk?: ZendeskRecord;
		__events: RecordedEvent[];
		__cspViolations: CspViolation[];
		__pageErrors: string[];
		__consoleErrors: string[];
		/** Every console line, any level (pages/recorder.js). */
		__consoleLines: Array<{level: string; text: string}>;
		__pageshows: boolean[];
		__pwned?: number;
		__app: {login(credentials: Record<string, string>): Promise<LoginOutcome>; logout(): Promise<void>};
		auth?: PageAuth;
		ZendeskMessagingAuth?: {instance?: PageAuth; createMessagingAuth?: unknown; mountLoginForm?: unknown};
	}
}

export const zendesk = (page: Page) => page.evaluate(() => window.__zendesk ?? null);
export const events = (page: Page) => page.evaluate(() => window.__events);
export const errorCodes = async (page: Page) => (await events(page)).filter((event) => event.type === 'error').map((event) => event.code);
export const cspViolations = (page: Page) => page.evaluate(() => window.__cspViolations);
/** What console.error printed in the page (pages/recorder.js: WebKit's driver has no console API). */
export const consoleErrors = (page: Page) => page.evaluate(() => window.__consoleErrors);
/** Every console line of the page, any level, in order (pages/recorder.js). */
export const consoleLines = (page: Page) => page.evaluate(() => window.__consoleLines);

/** The SDK instance of the page: the headless app's, else the script tag's. */
export const authState = (page: Page) =>
	page.evaluate(() => {
		const auth = window.auth ?? window.ZendeskMessagingAuth?.instance;
		return auth ? {state: auth.state, jwt: auth.session?.jwt ?? null, externalId: auth.session?.claims['external_id'] ?? null} : null;
	});

/** Waits for the first recorded event with these fields, and returns it. */
export async function waitForEvent(page: Page, match: Partial<RecordedEvent>, timeoutMs = WAIT_MS): Promise<RecordedEvent> {
	return (await page.waitForFunction(
		(wanted) => window.__events.find((event) => Object.entries(wanted).every(([key, value]) => event[key as keyof RecordedEvent] === value)) ?? null,
		match,
		{timeout: timeoutMs, polling: 20},
	))!;
}

/**
Waits until the start-up restore (refreshEndpoint set) has settled, as a visitor would before typing: Chromium may
hold that request until after the page's load event, and a login racing it makes the order of requests random. A quiet
start that made no request (no site session can exist) is settled as soon as the instance exists, signed out.
*/
export async function waitForStartupRestore(page: Page, timeoutMs = WAIT_MS): Promise<void> {
	await page.waitForFunction(
		() => {
			const auth = window.auth ?? window.ZendeskMessagingAuth?.instance;
			return window.__events.some((event) => (event.type === 'statechange' && event.previous === 'signing-in') || event.type === 'error') || (auth !== undefined && auth.state !== 'signing-in');
		},
		undefined,
		{timeout: timeoutMs, polling: 20},
	);
}

/** Waits until the tab shows `url` (a form POST's redirect, a link), loaded, and its SDK's start-up restore settled. */
export async function arrivedAt(page: Page, url: string): Promise<Page> {
	await page.poll(
		async () => {
			try {
				return (await page.url()) === url && (await page.evaluate(() => document.readyState === 'complete' && Array.isArray(window.__events)));
			} catch {
				// Mid-navigation: the old document is gone, the new one not there yet.
				return false;
			}
		},
		{timeout: WAIT_MS},
		() => `the tab to load ${url}`,
	);
	await waitForStartupRestore(page);
	return page;
}

/** Polls the widget stand-in's record until it matches (toMatchObject), within WAIT_MS. */
export async function expectZendesk(page: Page, expected: Partial<ZendeskRecord> | Record<string, unknown>, timeoutMs = WAIT_MS): Promise<ZendeskRecord> {
	await expect.poll(() => zendesk(page), {timeout: timeoutMs, interval: 25}).toMatchObject(expected);
	return (await zendesk(page))!;
}

/** Signed in as `user` in the widget with a valid JWT, after exactly one loginUser and no misuse. */
export async function expectWidgetSignedIn(page: Page, user: TestUser = ADA): Promise<ZendeskRecord> {
	const record = await expectZendesk(page, {signedInAs: user.externalId, loginResults: [null]});
	expect(record.loginUserCalls).toBe(1);
	expect(record.received[0]).toMatchObject({ok: true, externalId: user.externalId, why: 'login'});
	expect(record.expiredReceived).toBe(0);
	expect(record.misuse).toEqual([]);
	return record;
}

/** Watches for ABSENCE_WINDOW_MS, then checks that the widget was never asked to sign anyone in. */
export async function expectNoWidgetLogin(page: Page): Promise<void> {
	await page.waitForTimeout(ABSENCE_WINDOW_MS);
	const record = await zendesk(page);
	expect(record, 'the widget stand-in is on the page').not.toBeNull();
	expect(record!.loginUserCalls).toBe(0);
	expect(record!.received).toEqual([]);
	expect(record!.signedInAs).toBeNull();
}

/** Adds the widget stand-in to a page that has none yet (a widget that loads late). */
export async function addWidget(page: Page, path = '/harness/zendesk-stand-in.js'): Promise<void> {
	await page.addScriptTag({url: path});
}

/** Logs in through the headless app's API (window.__app). */
export const headlessLogin = (page: Page, credentials: Record<string, string> = {email: ADA.email, password: ADA.password}) =>
	page.evaluate((given) => window.__app.login(given), credentials);
