/*
Every bad answer of the token endpoint, in each engine against the script-tag bundle: the right MessagingAuthError
code, the visitor stays signed out, and the widget is never asked to sign anyone in.
*/
import {describe, expect, it} from 'vitest';
import {ADA, ENDPOINTS, type ScriptedAnswer} from './harness/backend.js';
import {skipBrowserSuite, useBrowserSuite, type Page} from './harness/browser.js';
import {authState, expectNoWidgetLogin, headlessLogin, waitForEvent, type LoginOutcome} from './harness/probes.js';

describe.skipIf(skipBrowserSuite)('a login whose token answer is unusable', () => {
	const suite = useBrowserSuite();

	async function expectRefused(page: Page, outcome: LoginOutcome, code: string): Promise<void> {
		expect(outcome).toMatchObject({ok: false, code, name: 'MessagingAuthError', isMessagingAuthError: true});
		await waitForEvent(page, {type: 'error', code});
		expect(await authState(page)).toEqual({state: 'signed-out', jwt: null, externalId: null});
		await expectNoWidgetLogin(page);
	}

	const scripted: Array<{answer: string; scripted: ScriptedAnswer; code: string}> = [
		{answer: 'an HTML page with status 200', scripted: {kind: 'html'}, code: 'ERR_INVALID_TOKEN'},
		{answer: 'JSON without a jwt', scripted: {kind: 'no-jwt'}, code: 'ERR_INVALID_TOKEN'},
		{answer: 'a malformed JWT', scripted: {kind: 'malformed-jwt'}, code: 'ERR_INVALID_TOKEN'},
		{answer: 'a JWT that had already expired', scripted: {kind: 'expired-jwt'}, code: 'ERR_INVALID_TOKEN'},
		{answer: 'status 500', scripted: {kind: 'status', status: 500, message: 'Database down'}, code: 'ERR_TOKEN_ENDPOINT'},
		{answer: 'status 429', scripted: {kind: 'status', status: 429, headers: {'retry-after': '30'}}, code: 'ERR_RATE_LIMITED'},
		{answer: 'an answer that breaks off mid-body', scripted: {kind: 'truncated'}, code: 'ERR_NETWORK'},
	];

	it.each(scripted)('$answer is refused with $code and no widget login', async ({scripted: answer, code}) => {
		const page = await suite.openHeadless();
		suite.backend.answerNextToken(answer);
		await expectRefused(page, await headlessLogin(page), code);
		expect(suite.backend.count(ENDPOINTS.token)).toBe(1);
	});

	it('wrong credentials (401) are refused with ERR_INVALID_CREDENTIALS and no widget login', async () => {
		const page = await suite.openHeadless();
		await expectRefused(page, await headlessLogin(page, {email: ADA.email, password: 'wrong'}), 'ERR_INVALID_CREDENTIALS');
	});

	it('an endpoint slower than timeoutMs is abandoned with ERR_TIMEOUT and no widget login', async () => {
		const page = await suite.openHeadless({options: {timeoutMs: 300}});
		suite.backend.answerNextToken({kind: 'delay', delayMs: 3000});
		const started = Date.now();
		const outcome = await headlessLogin(page);
		expect(Date.now() - started).toBeLessThan(2500);
		await expectRefused(page, outcome, 'ERR_TIMEOUT');
	});

	it('an endpoint on a closed port fails with ERR_NETWORK and no widget login', async () => {
		const tokenEndpoint = await suite.server.closedPortUrl('/api/token');
		const page = await suite.openHeadless({options: {tokenEndpoint}});
		await expectRefused(page, await headlessLogin(page), 'ERR_NETWORK');
	});
});
