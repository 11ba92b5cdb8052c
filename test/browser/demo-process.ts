/*
The demo as a user runs it: a child process (`npm run demo`, or `node demo/server.mjs` once dist/ is built) on a
free port, ready once it prints its URL. Its own process group, so that stopping it also stops what npm started.
Every wait is bounded.
*/
import {spawn, type ChildProcess} from 'node:child_process';
import {createServer} from 'node:net';
import {fileURLToPath} from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** What start-up prints once the server listens. */
const READY_LINE = /zendesk-messaging-auth demo: (http:\/\/localhost:\d+)\//;
const STOP_WAIT_MS = 5000;

export interface RunningDemo {
	/** Such as http://localhost:43210 (no trailing slash). */
	readonly origin: string;
	/** Everything printed so far, stdout and stderr. */
	output(): string;
	stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('No port'))));
		});
	});
}

/** The environment of a fresh shell: no Zendesk variables unless a test sets them. */
function demoEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
	const env = {...process.env};
	for (const name of ['ZENDESK_WIDGET_KEY', 'ZENDESK_KEY_ID', 'ZENDESK_SECRET', 'SESSION_SECRET', 'PORT']) delete env[name];
	return {...env, ...extra};
}

function launch(command: 'npm run demo' | 'node demo/server.mjs', env: Record<string, string>): {child: ChildProcess; output: () => string} {
	const [file, ...args] = command.split(' ') as [string, ...string[]];
	const child = spawn(file, args, {cwd: ROOT, env: demoEnv(env), detached: true, stdio: ['ignore', 'pipe', 'pipe']});
	let text = '';
	child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
	child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
	return {child, output: () => text};
}

function stopGroup(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return Promise.resolve();
	const pid = child.pid;
	return new Promise((resolve) => {
		const killed = setTimeout(() => {
			try {
				process.kill(-pid, 'SIGKILL');
			} catch {
				// Already gone.
			}
		}, STOP_WAIT_MS);
		child.once('exit', () => {
			clearTimeout(killed);
			resolve();
		});
		try {
			process.kill(-pid, 'SIGTERM');
		} catch {
			clearTimeout(killed);
			resolve();
		}
	});
}

/** Starts the demo and resolves once it printed its URL; rejects (having stopped it) if it exits or takes longer than `timeoutMs`. */
export async function startDemo(options: {command: 'npm run demo' | 'node demo/server.mjs'; env: Record<string, string>; timeoutMs: number}): Promise<RunningDemo> {
	const {child, output} = launch(options.command, options.env);
	const origin = await new Promise<string>((resolve, reject) => {
		const check = () => {
			const match = READY_LINE.exec(output());
			if (match) done(() => resolve(match[1]!));
		};
		const timer = setTimeout(() => done(() => reject(new Error(`\`${options.command}\` printed no URL within ${options.timeoutMs} ms. Output:\n${output()}`))), options.timeoutMs);
		const exited = (code: number | null) => done(() => reject(new Error(`\`${options.command}\` exited (${code}) before printing its URL. Output:\n${output()}`)));
		const done = (settle: () => void) => {
			clearTimeout(timer);
			child.stdout?.off('data', check);
			child.off('exit', exited);
			settle();
		};
		child.stdout?.on('data', check);
		child.once('exit', exited);
	}).catch(async (error: unknown) => {
		await stopGroup(child);
		throw error;
	});

	return {origin, output, stop: () => stopGroup(child)};
}

/** Runs `node demo/server.mjs` expecting it to refuse to start: its exit code and output. */
export async function runUntilExit(env: Record<string, string>, timeoutMs: number): Promise<{code: number | null; output: string}> {
	const {child, output} = launch('node demo/server.mjs', env);
	const timer = setTimeout(() => void stopGroup(child), timeoutMs);
	const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
	clearTimeout(timer);
	return {code, output: output()};
}
