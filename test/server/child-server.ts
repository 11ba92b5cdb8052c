import {spawn, type ChildProcess} from 'node:child_process';
import {fileURLToPath} from 'node:url';

/*
A server of the test in a child Node process, for the cases where the defect was a crash: an unhandled rejection
or an exception thrown out of a request listener ends the whole process, which a test must see from outside.
The child runs the TypeScript source through jiti (Node 20 cannot strip types) with Node's default handling of
unhandled rejections, prints `PORT <n>` once it listens, and is killed by its pid when the test file ends.
*/

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface ChildServer {
	readonly base: string;
	/** Whether the process still runs (it has not exited, on a crash or otherwise). */
	alive(): boolean;
	/** What the child wrote to stderr so far: the crash's stack, when there was one. */
	stderr(): string;
	stop(): Promise<void>;
}

/** Starts `test/server/children/<name>.ts` and waits until it listens. */
export function startChildServer(name: string): Promise<ChildServer> {
	const child: ChildProcess = spawn(process.execPath, ['--import', 'jiti/register', `test/server/children/${name}.ts`], {
		cwd: ROOT,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let stdout = '';
	let stderr = '';
	child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
	const server = (port: number): ChildServer => ({
		base: `http://127.0.0.1:${port}`,
		alive: () => child.exitCode === null && child.signalCode === null,
		stderr: () => stderr,
		stop: () =>
			new Promise((resolve) => {
				if (child.exitCode !== null || child.signalCode !== null) return resolve();
				child.once('exit', () => resolve());
				child.kill();
			}),
	});
	return new Promise((resolve, reject) => {
		child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
			stdout += chunk;
			const port = /^PORT (\d+)$/m.exec(stdout)?.[1];
			if (port !== undefined) resolve(server(Number(port)));
		});
		child.once('exit', (code) => reject(new Error(`the child server ${name} exited (${code}) before listening: ${stderr}`)));
	});
}

/** `current` when it still answers `/health`, else (the previous case ended it) a new child: each case proves itself. */
export async function answeringChildServer(current: ChildServer | undefined, name: string): Promise<ChildServer> {
	const answers = current?.alive() === true && (await fetch(`${current.base}/health`).then((response) => response.ok, () => false));
	if (answers) return current!;
	await current?.stop();
	return startChildServer(name);
}
