/*
The running demo as the browser suite sees it: a loopback reverse proxy in front of `npm run demo` that passes every
request and answer through unchanged, except that each HTML page gets the suite's recorder (pages/recorder.js) and a
CSP-violation reporter as its first scripts. WebKit's driver has no console or error API, so this is how every
engine reports the demo pages' uncaught errors and Content-Security-Policy violations: the page beacons them here.
Both scripts come from the page's own origin (the proxy's), so the demo's `default-src 'self'` still applies to
everything the page loads, these two included. The Host header is passed on as the browser sent it, so the demo's
same-origin checks (demo/backend/http.mjs) judge the origin the browser is on.
*/
import {readFile} from 'node:fs/promises';
import {createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';
import {fileURLToPath} from 'node:url';

const RECORDER_PATH = '/__suite/recorder.js';
const VIOLATION_REPORTER_PATH = '/__suite/violations.js';
/** Where pages/recorder.js beacons each uncaught error (it posts to this path on its own origin). */
const PAGE_ERROR_PATH = '/__page-error';
const VIOLATION_PATH = '/__suite/violation';

/** Beacons every securitypolicyviolation of the page, so that one before a navigation is not lost with its window. */
const VIOLATION_REPORTER = `(function () {
	'use strict';
	document.addEventListener('securitypolicyviolation', function (event) {
		navigator.sendBeacon(${JSON.stringify(VIOLATION_PATH)}, 'CSP ' + event.violatedDirective + ' blocked ' + (event.blockedURI || '(inline)') + ' in ' + (event.sourceFile || location.pathname) + ':' + event.lineNumber);
	});
})();
`;

export interface DemoProxy {
	/** Such as http://127.0.0.1:43210: the origin the browser is sent to. */
	readonly origin: string;
	/** Uncaught errors and CSP violations the demo's pages reported, in order, since the last take. */
	takeProblems(): string[];
	close(): Promise<void>;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection', 'te', 'trailer']);

function forwardable(headers: IncomingHttpHeaders): IncomingHttpHeaders {
	return Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name.toLowerCase())));
}

/** The page with the two suite scripts right after `<head>`, before anything of the page's own runs. */
export function withSuiteScripts(html: string): string {
	const scripts = `<script src="${RECORDER_PATH}"></script><script src="${VIOLATION_REPORTER_PATH}"></script>`;
	const head = /<head(?:\s[^>]*)?>/i.exec(html);
	if (!head) throw new Error(`A demo page has no <head> to put the suite's recorder in: ${html.slice(0, 200)}`);
	return html.slice(0, head.index + head[0].length) + scripts + html.slice(head.index + head[0].length);
}

const readAll = (stream: IncomingMessage) =>
	new Promise<Buffer>((resolve, reject) => {
		const chunks: Buffer[] = [];
		stream.on('data', (chunk: Buffer) => chunks.push(chunk));
		stream.on('end', () => resolve(Buffer.concat(chunks)));
		stream.on('error', reject);
	});

export async function startDemoProxy(demoOrigin: string): Promise<DemoProxy> {
	const recorder = await readFile(fileURLToPath(new URL('pages/recorder.js', import.meta.url)), 'utf8');
	const target = new URL(demoOrigin);
	const problems: string[] = [];

	const serveScript = (response: ServerResponse, source: string) => {
		response.writeHead(200, {'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store'});
		response.end(source);
	};

	const server = createServer((request, response) => {
		const path = new URL(request.url ?? '/', 'http://proxy.invalid').pathname;
		if (path === RECORDER_PATH) return serveScript(response, recorder);
		if (path === VIOLATION_REPORTER_PATH) return serveScript(response, VIOLATION_REPORTER);
		if ((path === PAGE_ERROR_PATH || path === VIOLATION_PATH) && request.method === 'POST') {
			void readAll(request).then((body) => {
				problems.push(`${path === VIOLATION_PATH ? '' : 'page error: '}${body.toString('utf8')}`);
				response.writeHead(204).end();
			});
			return;
		}

		const upstream = httpRequest(
			{hostname: target.hostname, port: target.port, method: request.method, path: request.url, headers: forwardable(request.headers)},
			(answer) => {
				const headers = forwardable(answer.headers);
				if (!String(answer.headers['content-type'] ?? '').startsWith('text/html')) {
					response.writeHead(answer.statusCode ?? 502, headers);
					answer.pipe(response);
					return;
				}

				void readAll(answer).then((body) => {
					const page = Buffer.from(withSuiteScripts(body.toString('utf8')));
					delete headers['content-length'];
					delete headers['etag'];
					response.writeHead(answer.statusCode ?? 502, {...headers, 'content-length': String(page.length)});
					response.end(page);
				});
			},
		);
		upstream.on('error', (error) => {
			if (!response.headersSent) response.writeHead(502, {'content-type': 'text/plain'});
			response.end(`The demo at ${demoOrigin} did not answer ${request.method} ${request.url}: ${error.message}`);
		});
		request.pipe(upstream);
	});

	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as AddressInfo;
	return {
		origin: `http://127.0.0.1:${port}`,
		takeProblems: () => problems.splice(0),
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
