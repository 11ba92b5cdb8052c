/*
PRODUCT.md, "Debugging", in each engine against the script-tag bundle: `data-debug` tells the story of a sign-in, a
refresh, another tab's adoption and a sign-out with console.debug, never a JWT, password or form value; without it, a
marketing page with no JavaScript of its own gets one console.warn per integration fault, each the very line
docs/troubleshooting.md quotes (the doc's /api/zendesk/ paths are this backend's /api/).
*/
import {describe, expect, it} from 'vitest';
import {ADA, ENDPOINTS, type ScriptedAnswer} from './harness/backend.js';
import {skipBrowserSuite, useBrowserSuite, type Page} from './harness/browser.js';
import {signInWithForm, signedInText, visible} from './harness/form.js';
import {scriptTagPage, STRICT_CSP, type ScriptTagPageOptions} from './harness/pages.js';
import {authState, consoleLines, waitForStartupRestore, WAIT_MS} from './harness/probes.js';
import {quotedLinePattern, troubleshootingSections} from '../helpers/troubleshooting-doc.js';

const PREFIX = 'zendesk-messaging-auth: ';
/** Past the refresh time of the backend's 600 s tokens with the default 60 s leeway. */
const PAST_REFRESH_TIME_MS = 541_000;

const linesOf = async (page: Page, level?: string) => (await consoleLines(page)).filter((line) => level === undefined || line.level === level).map((line) => line.text);

/** The quoted line of docs/troubleshooting.md's section `title` that starts with `start`, with this backend's paths. */
function docLine(title: string, start: string): RegExp {
	const section = troubleshootingSections().find((candidate) => candidate.title === title);
	const line = section?.lines.find((candidate) => candidate.startsWith(start));
	if (!line) throw new Error(`docs/troubleshooting.md quotes no line starting "${start}" under "${title}"`);
	return quotedLinePattern(line.replaceAll('/api/zendesk/', '/api/'));
}

describe.skipIf(skipBrowserSuite)('the console tells why the chat is not signed in', () => {
	const suite = useBrowserSuite();

	it('data-debug logs sign-in, refresh, tab adoption and sign-out, and never a JWT, the password or a form value', async () => {
		const debug = {data: {'data-debug': ''}};
		const first = await suite.openScriptTag(debug, {clock: true});
		await signInWithForm(first);
		await visible(signedInText(first, ADA.name!));
		// Opened after the sign-in (a new tab comes to the front, and hides the first, in Firefox): it adopts the session.
		const second = await suite.open(scriptTagPage(suite.server, debug));
		await expect.poll(async () => (await authState(second))?.state, {timeout: WAIT_MS, interval: 20}).toBe('signed-in');
		await suite.advance(first, PAST_REFRESH_TIME_MS);
		await expect
			.poll(async () => (await Promise.all([authState(first), authState(second)])).every((state) => state?.jwt === suite.backend.minted[1]), {timeout: WAIT_MS, interval: 20})
			.toBe(true);
		// The first tab is in the background now: its Sign out button is pressed by script, as a driver cannot everywhere.
		await first.evaluate(() => (document.querySelector('#support-login button') as HTMLButtonElement).click());
		await expect.poll(async () => (await authState(second))?.state, {timeout: WAIT_MS, interval: 20}).toBe('signed-out');
		const logoutLine = /^POST \/api\/logout: \d+ \(\d+ ms\)$/;
		await expect.poll(async () => (await linesOf(first)).some((line) => logoutLine.test(line.slice(PREFIX.length))), {timeout: WAIT_MS, interval: 20}).toBe(true);

		const story = [await linesOf(first), await linesOf(second)];
		const secrets = [...suite.backend.minted, ...suite.backend.minted.map((jwt) => jwt.split('.')[2]!), ADA.password, ADA.email, ADA.name!];
		for (const line of story.flat()) for (const secret of secrets) expect(line).not.toContain(secret);
		for (const line of story.flat()) expect(line.startsWith(PREFIX), line).toBe(true);
		const [tab, otherTab] = story.map((lines) => lines.map((line) => line.slice(PREFIX.length)));
		expect(tab).toEqual(
			expect.arrayContaining([
				'state: signed-out -> signing-in',
				expect.stringMatching(/^POST \/api\/token: 200 \(\d+ ms\)$/),
				expect.stringMatching(/^token \(login\): external_id user-ada, exp \d+, \d+ s left, clock offset -?\d+ s$/),
				'zE loginUser',
				'jwtCallback',
				'loginCallback: ok',
				'state: signing-in -> signed-in',
				expect.stringMatching(/^plan: wait 5[34]\d s$/),
				'plan: refresh',
				'state: signed-in -> signed-out',
				'zE logoutUser',
				expect.stringMatching(logoutLine),
			]),
		);
		expect(otherTab).toEqual(expect.arrayContaining(['tab: token adopted', expect.stringMatching(/^token \(tab\): external_id user-ada/), 'tab: signed out', 'zE logoutUser']));
		expect(otherTab).not.toContainEqual(expect.stringMatching(/^POST \/api\/token/));
		// One of the two tabs made the refresh request (the other adopted its token).
		expect([...tab!, ...otherTab!]).toEqual(
			expect.arrayContaining([
				expect.stringMatching(/^POST \/api\/refresh: 200 \(\d+ ms\)$/),
				expect.stringMatching(/^token \(refresh\): external_id user-ada, exp \d+, \d+ s left, clock offset -?\d+ s$/),
			]),
		);
		// The sample in the report and in docs/troubleshooting.md comes from this run.
		if (process.env['PRINT_DEBUG_SAMPLE']) console.log(`${suite.engine}:\n${story[0]!.join('\n')}\n--- other tab:\n${story[1]!.join('\n')}`);
	});

	interface Fault {
		name: string;
		page?: ScriptTagPageOptions;
		token?: ScriptedAnswer;
		/** Sign-ins through the form (default 2: the second one shows that the same fault is not warned about again). */
		attempts?: number;
		doc: [section: string, start: string];
	}

	const faults: Fault[] = [
		{name: 'an HTML page from the token endpoint', token: {kind: 'html'}, doc: ['The token endpoint answers an HTML page or a 404', `${PREFIX}ERR_INVALID_TOKEN`]},
		{name: 'a 404 from a mistyped token endpoint', page: {data: {'data-token-endpoint': '/api/tokn'}}, doc: ['The token endpoint answers an HTML page or a 404', `${PREFIX}ERR_TOKEN_ENDPOINT`]},
		{name: 'JSON without a token', token: {kind: 'no-jwt'}, doc: ['The token endpoint answers JSON without a token', PREFIX]},
		{name: 'a token without kid', token: {kind: 'signed-with', keyId: ''}, doc: ['The token has no `kid`, or another claim Zendesk refuses', `${PREFIX}ERR_INVALID_TOKEN: POST /api/zendesk/token answered 200, but the JWT is not one Zendesk accepts: its header has no kid`]},
		{name: 'a token signed with the wrong secret', token: {kind: 'signed-with', secret: 'a-secret-of-another-signing-key-0123456789'}, attempts: 1, doc: ['The widget refuses the token: wrong secret, or the email belongs to another user', `${PREFIX}ERR_WIDGET_LOGIN_FAILED`]},
		{name: 'a widget that never loads', page: {widget: 'absent', data: {'data-widget-timeout-ms': '1000'}}, attempts: 0, doc: ['The widget never loads', PREFIX]},
		{name: "a CSP that blocks Zendesk's snippet", page: {csp: STRICT_CSP, widget: 'absent', data: {'data-widget-key': 'a1b2c3'}}, attempts: 0, doc: ['The CSP or Trusted Types block the widget', `${PREFIX}ERR_WIDGET_UNAVAILABLE: The Zendesk widget script failed to load`]},
		{name: 'a token that had expired when it arrived (the server clock)', token: {kind: 'expired-jwt'}, doc: ['The clock is far off', `${PREFIX}ERR_INVALID_TOKEN`]},
	];

	it.each(faults)('without debug, $name is warned about once with the line the troubleshooting page quotes', async ({page: options = {}, token, attempts = 2, doc}) => {
		const page = await suite.open(scriptTagPage(suite.server, {...options, recordEvents: false}));
		// The start-up settles first, as a visitor would wait for the form (a first-time visitor's asks nothing: a quiet start).
		await waitForStartupRestore(page);
		await expect.poll(async () => (await authState(page))?.state, {timeout: WAIT_MS, interval: 20}).toBe('signed-out');
		for (let attempt = 0; attempt < attempts; attempt++) {
			if (token) suite.backend.answerNextToken(token);
			await signInWithForm(page);
			const tokenPath = options.data?.['data-token-endpoint'] ?? ENDPOINTS.token;
			await expect.poll(() => suite.server.requestedUrls.filter((url) => url === tokenPath).length, {timeout: WAIT_MS, interval: 20}).toBe(attempt + 1);
			await expect.poll(async () => (await linesOf(page, 'warn')).length, {timeout: WAIT_MS, interval: 20}).toBeGreaterThan(0);
		}

		const expected = docLine(...doc);
		await expect.poll(async () => (await linesOf(page, 'warn')).filter((line) => expected.test(line)).length, {timeout: WAIT_MS, interval: 20}).toBe(1);
		// Once: a second attempt with the same fault wrote no second line; and nothing at debug level without data-debug.
		expect(await linesOf(page, 'warn')).toHaveLength(1);
		expect(await linesOf(page, 'debug')).toEqual([]);
	});
});
