/*
WebKit (Safari's engine): WebKitGTK's MiniBrowser driven by webdriverio over classic WebDriver, through a
WebKitWebDriver this file starts on a free port, on the display of an Xvfb it starts (MiniBrowser has no headless
mode; shared/BROWSERS.md). One driver per test file; one WebDriver session per profile (a session is one ephemeral
profile); a second page of a profile is a second window of its session (`createWindow('window')`: shared storage,
BroadcastChannel and Web Locks; a 'tab' would stay hidden in the background).
A session drives one window at a time, so its commands are queued and each first switches to its page's window.
Both processes are stopped when the file is done, and on process exit whatever happens (a test that throws, a
worker that is torn down).
*/
import {spawn, type ChildProcess} from 'node:child_process';
import {existsSync} from 'node:fs';
import {createServer} from 'node:net';
import type {Readable} from 'node:stream';
import {remote} from 'webdriverio';
import {COMMAND_TIMEOUT_MS, type EngineDriver, type PageDriver, type ProfileDriver} from './types.js';

export const WEBKIT_DRIVER_PATH = process.env.WEBKIT_DRIVER_PATH ?? '/usr/bin/WebKitWebDriver';
export const MINIBROWSER_PATH = process.env.MINIBROWSER_PATH ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
export const XVFB_PATH = process.env.XVFB_PATH ?? '/usr/bin/Xvfb';

const START_TIMEOUT_MS = 20_000;

type WebdriverBrowser = Awaited<ReturnType<typeof remote>>;

/** Processes this worker started: killed on exit even when nothing else got to stop them. */
const started = new Set<ChildProcess>();
process.on('exit', () => {
	for (const child of started) child.kill('SIGKILL');
});

function track(child: ChildProcess): ChildProcess {
	started.add(child);
	child.once('exit', () => started.delete(child));
	return child;
}

async function stop(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	child.kill('SIGTERM');
	const killed = setTimeout(() => child.kill('SIGKILL'), 3000);
	await exited;
	clearTimeout(killed);
}

const freePort = () =>
	new Promise<number>((resolve, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port'))));
		});
	});

/** Starts Xvfb on a display it picks itself (`-displayfd`), and returns that display (":N"). */
async function startXvfb(): Promise<{display: string; process: ChildProcess}> {
	const xvfb = track(spawn(XVFB_PATH, ['-displayfd', '3', '-screen', '0', '1280x800x24', '-nolisten', 'tcp'], {stdio: ['ignore', 'ignore', 'pipe', 'pipe']}));
	let stderr = '';
	xvfb.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	const display = await new Promise<string>((resolve, reject) => {
		let written = '';
		const timer = setTimeout(() => reject(new Error(`Xvfb wrote no display number within ${START_TIMEOUT_MS} ms. Its output:\n${stderr}`)), START_TIMEOUT_MS);
		(xvfb.stdio[3] as Readable).on('data', (chunk: Buffer) => {
			written += chunk.toString();
			if (written.includes('\n')) {
				clearTimeout(timer);
				resolve(`:${written.trim()}`);
			}
		});
		xvfb.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`Xvfb (${XVFB_PATH}) exited with ${code} before it was ready. Its output:\n${stderr}`));
		});
	});
	return {display, process: xvfb};
}

async function startDriver(display: string): Promise<{port: number; process: ChildProcess}> {
	const port = await freePort();
	const driver = track(spawn(WEBKIT_DRIVER_PATH, [`--port=${port}`, '--host=127.0.0.1'], {env: {...process.env, DISPLAY: display}, stdio: ['ignore', 'pipe', 'pipe']}));
	let output = '';
	driver.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
	driver.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
	const deadline = Date.now() + START_TIMEOUT_MS;
	for (;;) {
		if (driver.exitCode !== null) throw new Error(`WebKitWebDriver exited with ${driver.exitCode} before it was ready. Its output:\n${output}`);
		try {
			const status = (await (await fetch(`http://127.0.0.1:${port}/status`)).json()) as {value?: {ready?: boolean}};
			if (status.value?.ready) return {port, process: driver};
		} catch {
			// Not listening yet.
		}

		if (Date.now() > deadline) throw new Error(`WebKitWebDriver on port ${port} was not ready within ${START_TIMEOUT_MS} ms. Its output:\n${output}`);
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

export function webkitMissing(): string | undefined {
	const missing = [WEBKIT_DRIVER_PATH, MINIBROWSER_PATH, XVFB_PATH].filter((path) => !existsSync(path));
	return missing.length > 0 ? missing.join(', ') : undefined;
}

export async function launchWebKit(): Promise<EngineDriver> {
	const xvfb = await startXvfb();
	let driver: {port: number; process: ChildProcess};
	try {
		driver = await startDriver(xvfb.display);
	} catch (error) {
		await stop(xvfb.process);
		throw error;
	}

	const open = () =>
		remote({
			logLevel: 'warn',
			hostname: '127.0.0.1',
			port: driver.port,
			path: '/',
			connectionRetryCount: 0,
			// WebKitGTK's own capability ('webkitgtk:browserOptions') is not in webdriverio's types.
			capabilities: {
				browserName: 'MiniBrowser',
				'wdio:enforceWebDriverClassic': true,
				'webkitgtk:browserOptions': {binary: MINIBROWSER_PATH, args: ['--automation']},
				timeouts: {script: COMMAND_TIMEOUT_MS, pageLoad: 30_000, implicit: 0},
			} as WebdriverIO.Capabilities,
		});

	// The version of MiniBrowser's engine, from a first session (which is then the first profile's, not wasted).
	let spare: WebdriverBrowser | undefined = await open();
	const version = `WebKitGTK ${String(spare.capabilities.browserVersion ?? 'unknown')}`;
	const sessions = new Set<WebdriverBrowser>();

	return {
		name: 'webkit',
		version,
		async newProfile() {
			const session = spare ?? (await open());
			spare = undefined;
			sessions.add(session);
			return webkitProfile(session, () => sessions.delete(session));
		},
		async close() {
			const all = [...sessions, ...(spare ? [spare] : [])];
			await Promise.allSettled(all.map((session) => session.deleteSession()));
			await stop(driver.process);
			await stop(xvfb.process);
		},
	};
}

function webkitProfile(session: WebdriverBrowser, forget: () => void): ProfileDriver {
	let queue: Promise<unknown> = Promise.resolve();
	let currentWindow: string | undefined;
	let initialWindowFree = true;
	let ended = false;
	const openWindows = new Set<string>();

	/** Runs `command` once the session's earlier commands are done, in `window`. */
	const inWindow = <T>(window: string | undefined, command: () => Promise<T>): Promise<T> => {
		const run = queue.then(async () => {
			if (ended) throw new Error('This WebKit profile was closed: the page belongs to a test that has ended.');
			if (window !== undefined && window !== currentWindow) {
				await session.switchToWindow(window);
				currentWindow = window;
			}

			return command();
		});
		queue = run.catch(() => undefined);
		return run;
	};

	const page = (window: string): PageDriver => {
		const inThis = <T>(command: () => Promise<T>) => inWindow(window, command);
		return {
			goto: (url) => inThis(() => session.url(url)).then(() => undefined),
			reload: () => inThis(() => session.refresh()),
			url: () => inThis(() => session.getUrl()),
			evaluate: (expression) => inThis(() => session.execute(`return (${expression});`)),
			fill: (selector, value) =>
				inThis(async () => {
					const element = await session.$(selector);
					await element.setValue(value);
				}),
			click: (selector) =>
				inThis(async () => {
					await (await session.$(selector)).click();
				}),
			close: () =>
				inThis(async () => {
					openWindows.delete(window);
					// Closing the last window would end the session (and with it the profile): keep it, blank.
					if (openWindows.size === 0) {
						await session.url('about:blank');
						initialWindowFree = true;
						openWindows.add(window);
						return;
					}

					await session.closeWindow();
					currentWindow = undefined;
				}),
		};
	};

	return {
		newPage: () =>
			inWindow(undefined, async () => {
				let window: string;
				if (initialWindowFree) {
					initialWindowFree = false;
					window = await session.getWindowHandle();
				} else {
					window = (await session.createWindow('window')).handle;
				}

				openWindows.add(window);
				return page(window);
			}),
		cookies: () =>
			inWindow(currentWindow, async () => (await session.getAllCookies()).map(({name, value, httpOnly}) => ({name, value, httpOnly: httpOnly === true}))),
		async close() {
			await queue;
			ended = true;
			forget();
			await session.deleteSession();
		},
	};
}
