import {vi} from 'vitest';

export interface StubAnswer {
	status?: number;
	body?: string | Record<string, unknown>;
	headers?: Record<string, string>;
	/** Throw this instead of answering (a network failure). */
	error?: Error;
	/** Never answer (until aborted): for timeouts. */
	hang?: boolean;
	/** Answer only after this many ms (fake or real timers), unless aborted first: a late answer. */
	delayMs?: number;
	/** With delayMs: answer even if the request was aborted meanwhile (an answer already on its way), so only the SDK's own checks can drop it. */
	ignoresAbort?: boolean;
}

export interface StubCall {
	url: string;
	method: string;
	body: string | undefined;
	headers: Headers;
	credentials: RequestCredentials | undefined;
}

/**
Replaces fetch (which ky calls) with a scripted backend: answers are queued per path, and a path with an empty
queue gets its default answer. Every call is recorded.
*/
export function stubFetch(defaults: Record<string, StubAnswer | (() => StubAnswer)> = {}) {
	const queues = new Map<string, StubAnswer[]>();
	const calls: StubCall[] = [];
	const fetch = vi.fn(async (input: Request | string | URL, init?: RequestInit) => {
		const request = input instanceof Request ? input : new Request(input, init);
		const url = new URL(request.url);
		const body = request.method === 'POST' ? await request.text() : undefined;
		calls.push({url: request.url, method: request.method, body, headers: request.headers, credentials: request.credentials});
		const fallback = defaults[url.pathname];
		const answer = queues.get(url.pathname)?.shift() ?? (typeof fallback === 'function' ? fallback() : fallback) ?? {status: 404};
		// As fetch does: a request whose signal is already aborted rejects at once.
		if (request.signal.aborted && !answer.ignoresAbort) throw request.signal.reason;
		if (answer.delayMs !== undefined) {
			await new Promise<void>((resolve, reject) => {
				const timer = setTimeout(resolve, answer.delayMs);
				if (answer.ignoresAbort) return;
				request.signal.addEventListener('abort', () => {
					clearTimeout(timer);
					reject(request.signal.reason);
				});
			});
		}

		if (answer.error) throw answer.error;
		if (answer.hang) {
			return new Promise<Response>((_resolve, reject) => {
				request.signal.addEventListener('abort', () => reject(request.signal.reason));
			});
		}

		const text = typeof answer.body === 'string' ? answer.body : answer.body === undefined ? null : JSON.stringify(answer.body);
		const headers = {...(typeof answer.body === 'object' ? {'content-type': 'application/json'} : {}), ...answer.headers};
		return new Response(answer.status === 204 ? null : text, {status: answer.status ?? 200, headers});
	});
	vi.stubGlobal('fetch', fetch);
	return {
		calls,
		fetch,
		/** Queues one answer for `path`. */
		next(path: string, answer: StubAnswer) {
			queues.set(path, [...(queues.get(path) ?? []), answer]);
		},
		count: (path: string) => calls.filter((call) => new URL(call.url).pathname === path).length,
	};
}
