/*
What the example apps' tests share: start an example the way its README says (its own folder, its own command, a port
from PORT), a Chromium of Debian's with the browser suite's launch flags, and a record of what the SDK's endpoints
answered, JWTs included, so each test can verify those JWTs with the suite's own HS256 verifier (not the library
that signs).
*/
import {spawn, type ChildProcess} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {existsSync} from 'node:fs';
import {createServer} from 'node:net';
import {fileURLToPath} from 'node:url';
import {chromium, type Browser, type BrowserContext, type Page} from 'playwright-core';
import {CHROMIUM_LAUNCH_ARGS, CHROMIUM_PATH} from '../browser/harness/engines/chromium.js';
import {verifyJwt, type MessagingClaims} from '../browser/harness/jwt.js';

export const REPOSITORY_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const exampleDir = (name: string) => fileURLToPath(new URL(`../../examples/${name}/`, import.meta.url));

/** The account every example ships with (its users file). */
export const ADA = {email: 'ada@example.com', password: 'analytical-engine', name: 'Ada Lovelace', externalId: 'user-ada'} as const;

/** A signing key as an integrator's environment gives it: a key id and random secrets, made per test run. */
export function testEnvironment(): {ZENDESK_KEY_ID: string; ZENDESK_SECRET: string; SESSION_SECRET: string} {
	return {ZENDESK_KEY_ID: 'app_examples_test', ZENDESK_SECRET: randomBytes(32).toString('base64url'), SESSION_SECRET: randomBytes(32).toString('base64url')};
}

/** Chromium is the examples' one engine. Missing: skipped loudly, except under CI=true where it fails. */
export function chromiumMissing(): boolean {
	if (existsSync(CHROMIUM_PATH)) return false;
	const message = `Chromium is not installed at ${CHROMIUM_PATH}: the example apps' tests need it (apt-get install -y --no-install-recommends chromium, or set CHROMIUM_PATH).`;
	if (process.env['CI'] === 'true') throw new Error(message);
	console.warn(`WARNING: ${message} Skipping them.`);
	return true;
}

export const launchChromium = (): Promise<Browser> => chromium.launch({executablePath: CHROMIUM_PATH, args: CHROMIUM_LAUNCH_ARGS});

export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}

export interface RunningExample {
	readonly origin: string;
	/** What the process printed so far (stdout and stderr), for failure messages. */
	output(): string;
	stop(): Promise<void>;
}

/** The test runner's environment without its NODE_ENV=test: each app picks its own, as when a person starts it. */
function inheritedEnvironment(): NodeJS.ProcessEnv {
	const {NODE_ENV: _nodeEnv, ...inherited} = process.env;
	return inherited;
}

function collectOutput(child: ChildProcess): () => string {
	let output = '';
	child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
	return () => output;
}

/** Runs a command to its end (`next build`), failing with its output when it exits non-zero. */
export function run(args: string[], {cwd, env = {}, timeoutMs}: {cwd: string; env?: Record<string, string>; timeoutMs: number}): Promise<string> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, args, {cwd, env: {...inheritedEnvironment(), ...env}, stdio: ['ignore', 'pipe', 'pipe'], detached: true});
		const output = collectOutput(child);
		const timer = setTimeout(() => {
			if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
			reject(new Error(`${args.join(' ')} did not finish within ${timeoutMs} ms:\n${output()}`));
		}, timeoutMs);
		child.once('error', reject);
		child.once('exit', (code, signal) => {
			clearTimeout(timer);
			if (code === 0) resolve(output());
			else reject(new Error(`${args.join(' ')} in ${cwd} exited with ${code ?? signal}:\n${output()}`));
		});
	});
}

/**
 * Starts an example's server (`node server.js`, `next start`) in its own folder and process group, with PORT set, and
 * waits until `/` answers. stop() ends the whole group (next start runs a child server process).
 */
export async function startExample(
	args: string[],
	{cwd, env = {}, timeoutMs = 60_000}: {cwd: string; env?: Record<string, string> | ((origin: string) => Record<string, string>); timeoutMs?: number},
): Promise<RunningExample> {
	const port = await freePort();
	const origin = `http://127.0.0.1:${port}`;
	const environment = typeof env === 'function' ? env(origin) : env;
	const child = spawn(process.execPath, args, {cwd, env: {...inheritedEnvironment(), ...environment, PORT: String(port)}, stdio: ['ignore', 'pipe', 'pipe'], detached: true});
	const output = collectOutput(child);
	let exited = false;
	const exit = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));
	const stop = async () => {
		if (exited || child.pid === undefined) return;
		process.kill(-child.pid, 'SIGTERM');
		const killLater = setTimeout(() => child.pid !== undefined && !exited && process.kill(-child.pid, 'SIGKILL'), 5000);
		await exit;
		clearTimeout(killLater);
	};

	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (exited) throw new Error(`${args.join(' ')} in ${cwd} exited before it served ${origin}:\n${output()}`);
		try {
			if ((await fetch(`${origin}/`)).ok) break;
		} catch {
			// Not listening yet.
		}
		if (Date.now() > deadline) {
			await stop();
			throw new Error(`${args.join(' ')} did not serve ${origin} within ${timeoutMs} ms:\n${output()}`);
		}
		await new Promise((resolve) => setTimeout(resolve, 200));
	}

	return {origin, output, stop};
}

/**
 * The status of the next answer the page gets from a POST to `path`. Call it before the action that sends the request
 * (a click, a reload), await it after. (The SDK reads bodies through a stream it cancels at the end, after which
 * Chromium's DevTools protocol has no body to give: the JWTs are taken where the widget receives them, below.)
 */
export async function nextStatus(page: Page, path: string): Promise<number> {
	const response = await page.waitForResponse((candidate) => candidate.request().method() === 'POST' && new URL(candidate.url()).pathname === path, {timeout: 20_000});
	return response.status();
}

/**
 * Records, in every page of the context, each JWT that the SDK hands to the widget (what `jwtCallback` provides to
 * `zE('messenger', 'loginUser', …)`), by wrapping whatever `window.zE` the page defines. Test instrumentation only:
 * the example's stand-in is left as it is.
 */
export async function recordWidgetJwts(context: BrowserContext): Promise<void> {
	await context.addInitScript(() => {
		type Provide = (jwt: unknown) => void;
		type ZendeskApi = (namespace: string, method: string, ...args: unknown[]) => unknown;
		const received: unknown[] = [];
		Object.defineProperty(window, '__widgetJwts', {value: received});
		let zE: unknown;
		Object.defineProperty(window, 'zE', {
			configurable: true,
			get: () => zE,
			set(value: unknown) {
				if (typeof value !== 'function') {
					zE = value;
					return;
				}
				const api = value as ZendeskApi;
				zE = (namespace: string, method: string, ...args: unknown[]) => {
					const [jwtCallback] = args;
					if (namespace === 'messenger' && method === 'loginUser' && typeof jwtCallback === 'function') {
						args[0] = (provide: Provide) => (jwtCallback as (provide: Provide) => void)((jwt) => (received.push(jwt), provide(jwt)));
					}
					return api(namespace, method, ...args);
				};
			},
		});
	});
}

/** The `count`-th JWT the widget received in this page (1 = the first), once it has. */
export async function widgetJwt(page: Page, count = 1): Promise<string> {
	const handle = await page.waitForFunction((count) => {
		const received = (window as unknown as {__widgetJwts: unknown[]}).__widgetJwts;
		return received.length >= count ? received[count - 1] : undefined;
	}, count);
	const jwt = await handle.jsonValue();
	if (typeof jwt !== 'string') throw new Error(`The widget received ${JSON.stringify(jwt)}, not a JWT.`);
	return jwt;
}

/** The claims of a JWT that verifies under the environment's key id and secret (signature, kid, scope, exp). */
export function verifiedClaims(jwt: string | undefined, environment: {ZENDESK_KEY_ID: string; ZENDESK_SECRET: string}): MessagingClaims {
	const result = verifyJwt(jwt, Date.now(), {keyId: environment.ZENDESK_KEY_ID, secret: environment.ZENDESK_SECRET});
	if (!result.ok) throw new Error(`The JWT does not verify (${result.reason}): ${jwt}`);
	return result.claims;
}

/** What the messenger stand-in (each example's public/messenger-stand-in.js) shows. */
export const chatStatus = (page: Page, text: string) => page.getByRole('status').filter({hasText: text});

/**
 * What went wrong in the page: uncaught errors, and the SDK's own console warnings and errors (it warns once about an
 * integration fault nobody listened for, and reports a bad script-tag attribute with console.error).
 */
export function watchPage(page: Page): {pageErrors: string[]; sdkComplaints: string[]} {
	const pageErrors: string[] = [];
	const sdkComplaints: string[] = [];
	page.on('pageerror', (error) => pageErrors.push(error.message));
	page.on('console', (message) => {
		if ((message.type() === 'warning' || message.type() === 'error') && message.text().startsWith('zendesk-messaging-auth')) sdkComplaints.push(message.text());
	});
	return {pageErrors, sdkComplaints};
}
