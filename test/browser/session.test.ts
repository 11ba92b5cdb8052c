/*
The session in a real browser: the JWT stays in memory, refresh before expiry (real time and the harness's fake clock),
the widget never handed a stale token, revoked and failing refreshes, reload and sign-out with the site cookie.
Headless integration on the script-tag bundle, so these need no login form.
*/
import {describe, expect, it} from 'vitest';
import {ADA, ENDPOINTS, SESSION_COOKIE} from './harness/backend.js';
import {ENGINE, skipBrowserSuite, useBrowserSuite, type OpenOptions, type Page} from './harness/browser.js';
import {claimsOf} from './harness/jwt.js';
import {REFRESH_RETRIES} from '../../src/core/token-client.js';
import {
	ABSENCE_WINDOW_MS,
	authState,
	errorCodes,
	events,
	expectWidgetSignedIn,
	expectZendesk,
	headlessLogin,
	waitForEvent,
	waitForStartupRestore,
	WAIT_MS,
} from './harness/probes.js';

/** The backend's default token lifetime, and the SDK's default leeway: a refresh is due 60 s before expiry. */
const LIFETIME_MS = 600_000;
const PAST_REFRESH_TIME_MS = LIFETIME_MS - 60_000 + 1000;

describe.skipIf(skipBrowserSuite)(`the session in ${ENGINE}`, () => {
	const suite = useBrowserSuite();

	const refreshesWithSession = () => suite.backend.requests.filter((request) => request.path === ENDPOINTS.refresh && request.hadSessionCookie);

	async function signedInPage(options: {clock?: OpenOptions['clock']; sdk?: Record<string, unknown>} = {}): Promise<Page> {
		const page = await suite.openHeadless({options: options.sdk ?? {}}, {clock: options.clock ?? false});
		expect(await headlessLogin(page)).toEqual({ok: true, externalId: ADA.externalId});
		await expectWidgetSignedIn(page);
		return page;
	}

	it('keeps no JWT in localStorage, sessionStorage, cookies, IndexedDB, history or any URL after login and refresh', async () => {
		const page = await signedInPage({clock: true});
		await suite.advance(page, PAST_REFRESH_TIME_MS);
		await waitForEvent(page, {type: 'refresh'});

		const tokens = suite.backend.minted;
		expect(tokens).toHaveLength(2);
		const stored = await page.evaluate(async () => {
			const dump = (storage: Storage) => Object.keys(storage).map((key) => `${key}=${storage.getItem(key)}`);
			return {
				local: dump(localStorage),
				session: dump(sessionStorage),
				cookie: document.cookie,
				databases: (await indexedDB.databases()).map((database) => database.name ?? ''),
				historyState: JSON.stringify(history.state),
				url: location.href,
			};
		});
		// The site cookie is HttpOnly: scripts cannot read it, and the SDK sets none of its own.
		expect(stored.cookie).toBe('');
		const cookies = await suite.context.cookies();
		expect(cookies.map((cookie) => [cookie.name, cookie.httpOnly])).toEqual([[SESSION_COOKIE, true]]);

		const everything = [...stored.local, ...stored.session, ...stored.databases, stored.historyState, stored.url, ...suite.server.requestedUrls, ...cookies.map((cookie) => cookie.value)];
		for (const jwt of tokens) {
			const [header, payload, signature] = jwt.split('.') as [string, string, string];
			for (const text of everything) {
				expect(text).not.toContain(payload);
				expect(text).not.toContain(signature);
				expect(text).not.toContain(`${header}.`);
			}
		}
	});

	it('refreshes a 12 s token in real time, about halfway, before it expires', async () => {
		suite.backend.lifetimeSeconds = 12;
		const page = await signedInPage({sdk: {refreshLeewaySeconds: 10}});
		const first = suite.backend.minted[0]!;
		const refreshed = await waitForEvent(page, {type: 'refresh'}, 9000);
		const refreshedAtMs = refreshesWithSession()[0]!.atMs;
		// Never earlier than half the lifetime, and before expiry: refreshLeewaySeconds (10) is capped at lifetime / 2 (6 s).
		expect(refreshedAtMs).toBeLessThan(claimsOf(first)!.exp! * 1000);
		expect(refreshedAtMs).toBeGreaterThanOrEqual((claimsOf(first)!.iat! + 5) * 1000);
		expect(refreshed.jwt).toBe(suite.backend.minted[1]);
		expect(refreshed.exp).toBeGreaterThan(claimsOf(first)!.exp!);
		expect(await authState(page)).toMatchObject({state: 'signed-in', jwt: refreshed.jwt});
		// A refresh is not a new sign-in: the widget keeps its one login.
		const record = await expectZendesk(page, {loginUserCalls: 1, logoutUserCalls: 0, expiredReceived: 0});
		expect(record.misuse).toEqual([]);
	});

	it('hands the widget the refreshed token when it re-asks after the old one expired, never the expired one', async () => {
		const page = await signedInPage({clock: true});
		await suite.advance(page, PAST_REFRESH_TIME_MS);
		const refreshed = await waitForEvent(page, {type: 'refresh'});
		// Past the first token's exp: the widget re-asks through jwtCallback.
		await suite.advance(page, 60_000);
		const record = await expectZendesk(page, {reasks: 1, received: [{ok: true}, {ok: true, why: 'reask'}]});
		expect(record.received[1]!.jwt).toBe(refreshed.jwt);
		expect(record.token).toBe(refreshed.jwt);
		expect(record.expiredReceived).toBe(0);
		expect(record.loginUserCalls).toBe(1);
		expect(record.misuse).toEqual([]);
	});

	it('after sleeping past expiry, the widget re-asking at wake-up gets a new token from one refresh, not the expired one', async () => {
		const page = await signedInPage({clock: true});
		// The laptop lid closes before the refresh was due and opens after the token expired.
		await suite.advance(page, LIFETIME_MS + 30_000);
		const record = await expectZendesk(page, {reasks: 1, received: [{ok: true}, {ok: true, why: 'reask'}]});
		expect(record.expiredReceived).toBe(0);
		expect(record.received[1]!.jwt).toBe(suite.backend.minted[1]);
		// getToken() and the wake-up check share one request.
		expect(refreshesWithSession()).toHaveLength(1);
		expect(await authState(page)).toMatchObject({state: 'signed-in', jwt: suite.backend.minted[1]});
	});

	it('a revoked site session (refresh answers 401) signs out with reason "expired" and calls logoutUser', async () => {
		const page = await signedInPage({clock: true});
		suite.backend.revokeSessions();
		await suite.advance(page, PAST_REFRESH_TIME_MS);
		await waitForEvent(page, {type: 'logout', reason: 'expired'});
		await expectZendesk(page, {logoutUserCalls: 1, signedInAs: null, token: null});
		expect(await authState(page)).toEqual({state: 'signed-out', jwt: null, externalId: null});
		expect((await events(page)).filter((event) => event.type === 'logout')).toEqual([{type: 'logout', reason: 'expired'}]);
	});

	it(`a refresh blip (one 500) is retried within the attempt (ky retries ${REFRESH_RETRIES}×): no error event, the session carries on`, async () => {
		const page = await signedInPage({clock: true});
		suite.backend.answerNextRefresh({kind: 'status', status: 500, message: 'Try again'});
		await suite.advance(page, PAST_REFRESH_TIME_MS);
		const refreshed = await waitForEvent(page, {type: 'refresh'}, WAIT_MS);
		expect(refreshed.jwt).toBe(suite.backend.minted[1]);
		// The failed try and ky's retry (the start-up restore, without a cookie, does not count).
		expect(refreshesWithSession()).toHaveLength(2);
		expect(await errorCodes(page)).toEqual([]);
		expect(await authState(page)).toMatchObject({state: 'signed-in', jwt: refreshed.jwt});
		await expectZendesk(page, {loginUserCalls: 1, logoutUserCalls: 0});
	});

	it('a longer outage (every try of one attempt answers 500) is an error event, retried by the session after a backoff; the session carries on', async () => {
		const page = await signedInPage({clock: true});
		const failedTries = REFRESH_RETRIES + 1;
		suite.backend.answerNextRefresh(...Array.from({length: failedTries}, () => ({kind: 'status' as const, status: 500, message: 'Try again'})));
		await suite.advance(page, PAST_REFRESH_TIME_MS);
		await waitForEvent(page, {type: 'error', code: 'ERR_TOKEN_ENDPOINT'});
		expect(refreshesWithSession()).toHaveLength(failedTries);
		// The session's retry comes after a backoff of a second or so, on the (running) page clock.
		const refreshed = await waitForEvent(page, {type: 'refresh'}, WAIT_MS);
		expect(refreshed.jwt).toBe(suite.backend.minted[1]);
		expect(refreshesWithSession()).toHaveLength(failedTries + 1);
		expect(await authState(page)).toMatchObject({state: 'signed-in', jwt: refreshed.jwt});
		expect((await events(page)).some((event) => event.type === 'logout')).toBe(false);
		await expectZendesk(page, {loginUserCalls: 1, logoutUserCalls: 0});
	});

	it('a refresh answered with an already-expired JWT is refused and retried; the widget never receives it', async () => {
		const page = await signedInPage({clock: true});
		suite.backend.answerNextRefresh({kind: 'expired-jwt'});
		await suite.advance(page, PAST_REFRESH_TIME_MS);
		await waitForEvent(page, {type: 'error', code: 'ERR_INVALID_TOKEN'});
		const refreshed = await waitForEvent(page, {type: 'refresh'}, WAIT_MS);
		expect(claimsOf(refreshed.jwt!)!.exp! * 1000).toBeGreaterThan(suite.backend.now());
		await suite.advance(page, 60_000);
		const record = await expectZendesk(page, {reasks: 1, received: [{ok: true}, {ok: true, why: 'reask'}]});
		expect(record.received[1]!.jwt).toBe(refreshed.jwt);
		expect(record.expiredReceived).toBe(0);
	});

	it.each([
		{visitor: 'ten minutes fast', skewMs: 600_000},
		{visitor: 'ten minutes slow', skewMs: -600_000},
	])('a visitor whose clock is $visitor signs in and refreshes on the server\'s schedule', async ({skewMs}) => {
		const page = await signedInPage({clock: {skewMs}});
		await page.waitForTimeout(ABSENCE_WINDOW_MS);
		expect(refreshesWithSession(), 'no refresh before it is due on the server clock').toEqual([]);
		await suite.advance(page, PAST_REFRESH_TIME_MS - 10_000);
		await page.waitForTimeout(ABSENCE_WINDOW_MS);
		expect(refreshesWithSession(), 'no refresh 10 s before it is due').toEqual([]);
		await suite.advance(page, 10_000);
		const refreshed = await waitForEvent(page, {type: 'refresh'});
		expect(refreshed.jwt).toBe(suite.backend.minted[1]);
		expect((await events(page)).filter((event) => event.type === 'error')).toEqual([]);
		await expectZendesk(page, {loginUserCalls: 1, expiredReceived: 0, misuse: []});
	});

	it('without a refreshEndpoint the visitor is signed out at expiry with reason "expired" and logoutUser', async () => {
		const page = await signedInPage({clock: true, sdk: {refreshEndpoint: null}});
		await suite.advance(page, LIFETIME_MS - 5000);
		expect(await authState(page)).toMatchObject({state: 'signed-in'});
		await suite.advance(page, 6000);
		await waitForEvent(page, {type: 'logout', reason: 'expired'});
		await expectZendesk(page, {logoutUserCalls: 1, signedInAs: null, expiredReceived: 0});
		expect(suite.backend.count(ENDPOINTS.refresh)).toBe(0);
	});

	it('a failing logout endpoint still signs the visitor and the widget out, and reports the error', async () => {
		const page = await signedInPage();
		suite.backend.answerNextLogout({kind: 'status', status: 500});
		await page.evaluate(() => window.__app.logout());
		await waitForEvent(page, {type: 'logout', reason: 'user'});
		await waitForEvent(page, {type: 'error', code: 'ERR_TOKEN_ENDPOINT'});
		await expectZendesk(page, {logoutUserCalls: 1, signedInAs: null});
		expect(await authState(page)).toEqual({state: 'signed-out', jwt: null, externalId: null});
	});

	it('a reload restores the session through the refresh endpoint and the site cookie, with one widget login', async () => {
		const page = await signedInPage();
		await page.reload();
		await waitForEvent(page, {type: 'login', externalId: ADA.externalId});
		expect(await authState(page)).toMatchObject({state: 'signed-in', jwt: suite.backend.minted[1]});
		await expectWidgetSignedIn(page);
		expect(suite.backend.count(ENDPOINTS.token)).toBe(1);
		const restores = suite.backend.requests.filter((request) => request.path === ENDPOINTS.refresh);
		// Only the reloaded page's (with the cookie): the first page, a first-time visitor's, asked nothing.
		expect(restores.map((request) => request.hadSessionCookie)).toEqual([true]);
		expect(restores.every((request) => request.body === '')).toBe(true);
	});

	it('signing out calls the logout endpoint and logoutUser, and a reload stays signed out', async () => {
		const page = await signedInPage();
		await page.evaluate(() => window.__app.logout());
		await waitForEvent(page, {type: 'logout', reason: 'user'});
		await expectZendesk(page, {logoutUserCalls: 1, signedInAs: null});
		expect(suite.backend.count(ENDPOINTS.logout)).toBe(1);
		expect(await authState(page)).toEqual({state: 'signed-out', jwt: null, externalId: null});

		await page.reload();
		await waitForStartupRestore(page);
		await page.waitForTimeout(ABSENCE_WINDOW_MS);
		expect(await authState(page)).toEqual({state: 'signed-out', jwt: null, externalId: null});
		// Signed out since: the reloaded page asks nothing (PRODUCT.md, "A quiet start").
		expect(suite.backend.count(ENDPOINTS.refresh)).toBe(0);
		await expectZendesk(page, {loginUserCalls: 0});
	});
});
