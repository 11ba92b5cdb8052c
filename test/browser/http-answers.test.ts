/*
The HTTP answers real backends send (docs/wire-protocol.md), in each engine against the
script-tag bundle: the bare compact JWS as text/plain, application/jwt or a JSON string, on login and on refresh; a
429 with a long Retry-After on refresh; an endpoint that never answers; a body that stalls after its headers; an
HTML page where a token should be.
*/
import {describe, expect, it} from 'vitest';
import {DEFAULT_LABELS} from '../../src/form/labels.js';
import {ADA, ENDPOINTS, type ScriptedAnswer, type TokenAnswerFormat} from './harness/backend.js';
import {ENGINE, skipBrowserSuite, useBrowserSuite, type Page} from './harness/browser.js';
import {alert, loginForm, signedInText, signInButton, signInWithForm, visible} from './harness/form.js';
import {
	ABSENCE_WINDOW_MS,
	authState,
	errorCodes,
	events,
	expectNoWidgetLogin,
	expectWidgetSignedIn,
	expectZendesk,
	headlessLogin,
	waitForEvent,
	WAIT_MS,
	type LoginOutcome,
} from './harness/probes.js';

/** The backend's default token lifetime, and the SDK's default leeway: a refresh is due 60 s before expiry. */
const LIFETIME_MS = 600_000;
const PAST_REFRESH_TIME_MS = LIFETIME_MS - 60_000 + 1000;
/** Small enough to keep the tests quick, large enough for a loopback answer in every engine. */
const SHORT_TIMEOUT_MS = 500;
/** Far longer than SHORT_TIMEOUT_MS plus the SDK's own work: a request still pending then is hanging. */
const HANG_LIMIT_MS = 5000;

describe.skipIf(skipBrowserSuite)(`HTTP answers of real backends in ${ENGINE}`, () => {
	const suite = useBrowserSuite();

	const refreshesWithSession = () => suite.backend.requests.filter((request) => request.path === ENDPOINTS.refresh && request.hadSessionCookie);

	/** Logs in headless, or says 'hung' when the SDK has not settled the login within HANG_LIMIT_MS. */
	async function loginWithin(page: Page, limitMs = HANG_LIMIT_MS): Promise<{outcome: LoginOutcome | 'hung'; elapsedMs: number}> {
		const started = Date.now();
		let limit: ReturnType<typeof setTimeout> | undefined;
		const outcome = await Promise.race([
			headlessLogin(page),
			new Promise<'hung'>((resolve) => {
				limit = setTimeout(() => resolve('hung'), limitMs);
			}),
		]);
		clearTimeout(limit);
		return {outcome, elapsedMs: Date.now() - started};
	}

	describe('the bare compact JWS as the answer', () => {
		const formats: Array<{format: TokenAnswerFormat; as: string}> = [
			{format: 'text/plain', as: 'text/plain (Express res.type("text/plain").send(jwt))'},
			{format: 'application/jwt', as: 'application/jwt'},
			{format: 'json-string', as: 'a JSON string (res.json(jwt))'},
		];

		it.each(formats)('as $as signs in, hands the widget that token, and refreshes with it', async ({format}) => {
			suite.backend.tokenAnswerFormat = format;
			const page = await suite.openHeadless({}, {clock: true});
			expect(await headlessLogin(page)).toEqual({ok: true, externalId: ADA.externalId});
			const record = await expectWidgetSignedIn(page);
			expect(record.token).toBe(suite.backend.minted[0]);
			expect(await authState(page)).toEqual({state: 'signed-in', jwt: suite.backend.minted[0], externalId: ADA.externalId});

			// The refresh endpoint answers the same way.
			await suite.advance(page, PAST_REFRESH_TIME_MS);
			const refreshed = await waitForEvent(page, {type: 'refresh'});
			expect(refreshed.jwt).toBe(suite.backend.minted[1]);
			expect(refreshesWithSession()).toHaveLength(1);
			expect(await authState(page)).toMatchObject({state: 'signed-in', jwt: suite.backend.minted[1]});
			// Past the first token's exp the widget re-asks and gets the refreshed bare token.
			await suite.advance(page, 60_000);
			const reasked = await expectZendesk(page, {reasks: 1, received: [{ok: true}, {ok: true, why: 'reask'}]});
			expect(reasked.received[1]!.jwt).toBe(suite.backend.minted[1]);
			expect(reasked.expiredReceived).toBe(0);
			expect(await errorCodes(page)).toEqual([]);
		});
	});

	describe('a refresh answered 429 with Retry-After: 20', () => {
		const RETRY_AFTER_S = 20;
		const cases: Array<{when: string; answers: ScriptedAnswer[]}> = [
			{when: 'at once (longer than ky may wait: no quick retry)', answers: [{kind: 'status', status: 429, headers: {'retry-after': String(RETRY_AFTER_S)}}]},
			{
				when: 'after ky\'s one quick retry (Retry-After: 1) is also answered 429',
				answers: [
					{kind: 'status', status: 429, headers: {'retry-after': '1'}},
					{kind: 'status', status: 429, headers: {'retry-after': String(RETRY_AFTER_S)}},
				],
			},
		];

		it.each(cases)('$when: stays signed in, reports ERR_RATE_LIMITED, and asks again no sooner than 20 s later', async ({answers}) => {
			const page = await suite.openHeadless({}, {clock: true});
			expect(await headlessLogin(page)).toEqual({ok: true, externalId: ADA.externalId});
			await expectWidgetSignedIn(page);
			suite.backend.answerNextRefresh(...answers);

			await suite.advance(page, PAST_REFRESH_TIME_MS);
			const rateLimited = await waitForEvent(page, {type: 'error', code: 'ERR_RATE_LIMITED'});
			expect(rateLimited).toMatchObject({status: 429, name: 'MessagingAuthError'});
			expect(rateLimited.message).toContain(`retry after ${RETRY_AFTER_S} s`);
			// Every scripted 429 was asked for: ky retried the short Retry-After itself, never the long one.
			expect(refreshesWithSession()).toHaveLength(answers.length);
			expect(await authState(page)).toEqual({state: 'signed-in', jwt: suite.backend.minted[0], externalId: ADA.externalId});

			// 18 s on: the session's own backoff (a few seconds) is long over, Retry-After is not.
			await suite.advance(page, 18_000);
			await page.waitForTimeout(ABSENCE_WINDOW_MS);
			expect(refreshesWithSession(), 'no refresh within Retry-After').toHaveLength(answers.length);
			expect(await authState(page)).toMatchObject({state: 'signed-in', jwt: suite.backend.minted[0]});

			await suite.advance(page, 5000);
			const refreshed = await waitForEvent(page, {type: 'refresh'});
			expect(refreshed.jwt).toBe(suite.backend.minted[1]);
			const [limited, next] = refreshesWithSession().slice(answers.length - 1);
			expect(next!.backendAtMs - limited!.backendAtMs).toBeGreaterThanOrEqual(RETRY_AFTER_S * 1000);
			expect(await errorCodes(page)).toEqual(['ERR_RATE_LIMITED']);
			expect((await events(page)).some((event) => event.type === 'logout')).toBe(false);
			await expectZendesk(page, {loginUserCalls: 1, logoutUserCalls: 0, signedInAs: ADA.externalId, expiredReceived: 0});
		});
	});

	it('a login endpoint that never answers ends in ERR_TIMEOUT, shown by the form as text, and the form works again', async () => {
		const page = await suite.openScriptTag({data: {'data-timeout-ms': String(SHORT_TIMEOUT_MS)}});
		suite.backend.answerNextToken({kind: 'hang'});
		const started = Date.now();
		await signInWithForm(page, ADA);
		await waitForEvent(page, {type: 'error', code: 'ERR_TIMEOUT'});
		expect(Date.now() - started).toBeLessThan(HANG_LIMIT_MS);
		await visible(alert(page));
		await expect.poll(() => alert(page).textContent(), {timeout: WAIT_MS}).toBe(DEFAULT_LABELS.errors.ERR_TIMEOUT);
		expect(await alert(page).evaluate((element) => element.children.length)).toBe(0);
		expect(await signInButton(page).isEnabled()).toBe(true);
		expect(await loginForm(page).getAttribute('aria-busy')).not.toBe('true');
		await expectNoWidgetLogin(page);

		// The backend answers now: the same form signs the visitor in.
		await signInWithForm(page, ADA);
		await visible(signedInText(page, ADA.name!));
		await expectWidgetSignedIn(page);
		expect(suite.backend.count(ENDPOINTS.token)).toBe(2);
	});

	it.each([
		{body: 'never ends', stall: {kind: 'stalled-body'} as const},
		{body: 'keeps trickling in, a byte every 50 ms', stall: {kind: 'stalled-body', trickleEveryMs: 50} as const},
	])('a 200 whose body $body after the headers ends in ERR_TIMEOUT within timeoutMs, not a hang', async ({stall}) => {
		const page = await suite.openHeadless({options: {timeoutMs: SHORT_TIMEOUT_MS}});
		suite.backend.answerNextToken(stall);
		const {outcome, elapsedMs} = await loginWithin(page);
		expect(outcome).toMatchObject({ok: false, code: 'ERR_TIMEOUT', name: 'MessagingAuthError'});
		// The headers came at once: the body's own deadline, not ky's, ended it, at about timeoutMs.
		expect(elapsedMs).toBeGreaterThanOrEqual(SHORT_TIMEOUT_MS - 50);
		await waitForEvent(page, {type: 'error', code: 'ERR_TIMEOUT'});
		expect(await authState(page)).toEqual({state: 'signed-out', jwt: null, externalId: null});
		await expectNoWidgetLogin(page);
	});

	it('an HTML page answered with 200 is ERR_INVALID_TOKEN, and the form shows text only: none of that HTML enters the page', async () => {
		const probe = 'html-answer-probe';
		const html = `<!doctype html><html><body><h1 id="${probe}">Please sign in</h1><img src="x" id="${probe}-img" onerror="window.__pwned = (window.__pwned || 0) + 1"></body></html>`;
		const page = await suite.openScriptTag();
		suite.backend.answerNextToken({kind: 'html', html});
		await signInWithForm(page, ADA);
		const refused = await waitForEvent(page, {type: 'error', code: 'ERR_INVALID_TOKEN'});
		expect(refused.message).toContain('HTML');
		await expect.poll(() => alert(page).textContent(), {timeout: WAIT_MS}).toBe(DEFAULT_LABELS.errors.ERR_INVALID_TOKEN);
		await page.waitForTimeout(ABSENCE_WINDOW_MS);
		expect(await alert(page).evaluate((element) => element.children.length)).toBe(0);
		expect(
			await page.evaluate((id) => ({
				pwned: window.__pwned ?? 0,
				injected: document.querySelectorAll(`#${id}, #${id}-img, img`).length,
				text: document.body.textContent?.includes('Please sign in') ?? false,
			}), probe),
		).toEqual({pwned: 0, injected: 0, text: false});
		expect(await signInButton(page).isEnabled()).toBe(true);
		expect(await authState(page)).toEqual({state: 'signed-out', jwt: null, externalId: null});
		await expectNoWidgetLogin(page);
	});
});
