import {spawn, spawnSync, type ChildProcess} from 'node:child_process';
import {createServer, connect} from 'node:net';

/*
A real redis-server (Debian's package) per test file: on a free loopback port, with nothing written to disk, and
stopped when the file ends, also when a test throws (afterAll) or the process exits without reaching it (an exit
handler). It can be killed and started again on the same port, for the outage tests.
*/

const REDIS_SERVER = process.env['REDIS_SERVER_PATH'] ?? 'redis-server';
const START_TIMEOUT_MS = 10_000;

/** Whether redis-server can run here; `.ci/run` installs it when missing. */
export const redisServerInstalled = (): boolean => spawnSync(REDIS_SERVER, ['--version']).status === 0;

async function freePort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as {port: number};
	await new Promise((resolve) => server.close(resolve));
	return port;
}

/** Resolves once something accepts TCP connections on the port, polling every 20 ms. */
async function acceptsConnections(port: number, until: number): Promise<void> {
	for (;;) {
		const open = await new Promise<boolean>((resolve) => {
			const socket = connect(port, '127.0.0.1');
			socket.once('connect', () => {
				socket.destroy();
				resolve(true);
			});
			socket.once('error', () => resolve(false));
		});
		if (open) return;
		if (Date.now() > until) throw new Error(`redis-server did not listen on 127.0.0.1:${port} within ${START_TIMEOUT_MS} ms`);
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}

export class RedisServer {
	readonly port: number;
	#child: ChildProcess | undefined;
	readonly #killAtExit = () => this.#child?.kill('SIGKILL');

	private constructor(port: number) {
		this.port = port;
		process.on('exit', this.#killAtExit);
	}

	static async start(): Promise<RedisServer> {
		const server = new RedisServer(await freePort());
		await server.restart();
		return server;
	}

	get url(): string {
		return `redis://127.0.0.1:${this.port}`;
	}

	/** Starts it (again) on the same port, empty. */
	async restart(): Promise<void> {
		if (this.#child !== undefined) throw new Error('redis-server is already running');
		const child = spawn(REDIS_SERVER, ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {stdio: 'ignore'});
		this.#child = child;
		child.once('exit', () => {
			if (this.#child === child) this.#child = undefined;
		});
		await acceptsConnections(this.port, Date.now() + START_TIMEOUT_MS);
	}

	/** Kills it, as a crash would: clients see their connection drop. */
	async kill(): Promise<void> {
		const child = this.#child;
		if (child === undefined) return;
		const exited = new Promise((resolve) => child.once('exit', resolve));
		child.kill('SIGKILL');
		await exited;
		this.#child = undefined;
	}

	/** Freezes it (SIGSTOP): connections stay open but nothing is answered, as with a Redis that hangs. */
	pause(): void {
		this.#child?.kill('SIGSTOP');
	}

	resume(): void {
		this.#child?.kill('SIGCONT');
	}

	async stop(): Promise<void> {
		this.resume();
		await this.kill();
		process.off('exit', this.#killAtExit);
	}
}
