import {createServer} from 'node:http';
import {toNodeHandler, type FetchHandler} from '../../../src/server.js';

/*
Fetch handlers whose answers node:http cannot write as given, each mounted with toNodeHandler on a plain
node:http server, which does not catch what its request listener throws or rejects with.
*/

const routes: Record<string, FetchHandler> = {
	// Fetch's Headers allow a control character such as \x01 in a value; Node's setHeader refuses it (ERR_INVALID_CHAR).
	'/header-node-refuses': async () => new Response('ok', {headers: {'x-trace': 'a\x01b', 'x-kept': 'yes'}}),
	// A body stream that fails after its first chunk.
	'/body-stream-fails': async () =>
		new Response(
			new ReadableStream({
				pull(controller) {
					controller.enqueue(new TextEncoder().encode('first chunk'));
					controller.error(new Error('the upstream went away'));
				},
			}),
		),
	// Another Fetch handler that throws an Error which throws again when printed (its `stack` getter): the log line must not crash.
	'/throws-unprintable': async () => {
		const error = new Error('unprintable');
		Object.defineProperty(error, 'stack', {
			get() {
				throw error;
			},
		});
		throw error;
	},
	// Answers after a timeout middleware in front has already sent its own 503.
	'/answered-by-middleware': async () => {
		await new Promise((resolve) => setTimeout(resolve, 20));
		return new Response('too late', {status: 200, headers: {'x-late': 'yes'}});
	},
};

const adapters = new Map(Object.entries(routes).map(([path, handler]) => [path, toNodeHandler(handler)]));

// Whether the adapter behind the middleware's 503 has finished, so the test knows the late write was tried.
let lateAnswerSettled = false;

const server = createServer((request, response) => {
	if (request.url === '/late-answer-settled') return void response.end(String(lateAnswerSettled));
	const adapter = adapters.get(request.url ?? '');
	if (adapter === undefined) return void response.end('ok');
	if (request.url !== '/answered-by-middleware') return void adapter(request, response);
	// What a timeout middleware does: answer at once, and let the route go on.
	response.statusCode = 503;
	response.end('Service Unavailable');
	void adapter(request, response).then(() => {
		lateAnswerSettled = true;
	});
});
server.listen(0, '127.0.0.1', () => {
	const address = server.address();
	process.stdout.write(`PORT ${typeof address === 'object' && address !== null ? address.port : 0}\n`);
});
