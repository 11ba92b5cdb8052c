/*
An in-memory Web Locks API (navigator.locks) for jsdom, which has none: enough of the spec for the SDK's use —
exclusive and shared modes, ifAvailable, signal, query(). Instances in one test file share it, as tabs of one
origin share the browser's.
*/
type Mode = 'exclusive' | 'shared';
interface Held {
	name: string;
	mode: Mode;
}
interface Waiter extends Held {
	grant: () => void;
}

export function createLockManager() {
	const held: Held[] = [];
	const waiting: Waiter[] = [];
	const free = (name: string, mode: Mode) =>
		held.every((lock) => lock.name !== name || (mode === 'shared' && lock.mode === 'shared')) &&
		waiting.every((waiter) => waiter.name !== name);
	const pump = () => {
		for (const waiter of [...waiting]) {
			const others = waiting.filter((other) => other !== waiter && other.name === waiter.name);
			const blocked = held.some((lock) => lock.name === waiter.name && (waiter.mode === 'exclusive' || lock.mode === 'exclusive'));
			if (!blocked && waiting.indexOf(waiter) <= Math.min(...others.map((other) => waiting.indexOf(other)), Number.POSITIVE_INFINITY)) {
				waiting.splice(waiting.indexOf(waiter), 1);
				waiter.grant();
			}
		}
	};

	async function request<T>(name: string, ...args: unknown[]): Promise<T> {
		const callback = args.at(-1) as (lock: Held | null) => T | Promise<T>;
		const options = (args.length > 1 ? args[0] : {}) as {mode?: Mode; ifAvailable?: boolean; signal?: AbortSignal};
		const mode = options.mode ?? 'exclusive';
		if (options.signal?.aborted) throw options.signal.reason;
		if (!free(name, mode)) {
			if (options.ifAvailable) return callback(null);
			await new Promise<void>((resolve, reject) => {
				const waiter: Waiter = {name, mode, grant: resolve};
				waiting.push(waiter);
				options.signal?.addEventListener('abort', () => {
					const index = waiting.indexOf(waiter);
					if (index === -1) return;
					waiting.splice(index, 1);
					reject(options.signal!.reason);
				});
			});
		}

		const lock = {name, mode};
		held.push(lock);
		try {
			return await callback(lock);
		} finally {
			held.splice(held.indexOf(lock), 1);
			pump();
		}
	}

	return {
		request,
		query: async () => ({held: held.map((lock) => ({...lock})), pending: waiting.map(({name, mode}) => ({name, mode}))}),
	};
}

/** Installs a fresh lock manager as navigator.locks; returns the function that removes it. */
export function installWebLocks() {
	const locks = createLockManager();
	Object.defineProperty(navigator, 'locks', {value: locks, configurable: true});
	return () => {
		delete (navigator as {locks?: unknown}).locks;
	};
}
