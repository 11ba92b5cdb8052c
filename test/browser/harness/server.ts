/*
The loopback server of the browser suite: the built dist/ files, ky for the ES module's import map, the widget
stand-in and page scripts, the pages each test registers, and the test backend. 127.0.0.1 on a free port.
*/
import {existsSync} from 'node:fs';
import {readFile} from 'node:fs/promises';
import {createServer, type IncomingMessage, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';
import {dirname, extname, join, normalize, resolve, sep} from 'node:path';
import {fileURLToPath} from 'node:url';
import {TestBackend} from './backend.js';

const HERE = resolve(fileURLToPath(new URL('.', import.meta.url)));
const ROOT = resolve(HERE, '../../..');

/** URL prefix → directory it serves. */
const STATIC_ROOTS: ReadonlyArray<[prefix: string, directory: string]> = [
	['/dist/', join(ROOT, 'dist')],
	// Bare imports of the ES build (ky) resolve here through the pages' import map.
	['/node_modules/', join(ROOT, 'node_modules')],
	['/harness/', HERE],
	['/pages/', resolve(HERE, '../pages')],
];

const SERVABLE = new Set(['.js', '.map', '.css', '.html', '.json']);

const CONTENT_TYPES: Record<string, string> = {
	'.js': 'text/javascript; charset=utf-8',
	'.map': 'application/json; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.html': 'text/html; charset=utf-8',
	'.json': 'application/json; charset=utf-8',
};

export const IIFE_BUNDLE = '/dist/zendesk-messaging-auth.iife.min.js';
export const ES_MODULE = '/dist/index.js';

export interface RegisteredPage {
	html: string;
	/** Sent as the page's Content-Security-Policy header. */
	csp?: string;
	/**
	Served with `Cache-Control: no-cache` rather than `no-store`, as most sites serve their pages: Chromium keeps no
	page served with no-store in its back/forward cache.
	*/
	cacheable?: boolean;
}

/** Where pages/recorder.js reports each uncaught error (WebKit's driver cannot see them; one path for every engine). */
export const PAGE_ERROR_PATH = '/__page-error';
export const FAKE_CLOCK_PATH = '/harness/fake-clock.js';

export interface TestServer {
	readonly origin: string;
	/** The import map a page needs to load the ES build unbundled (its bare imports → /node_modules/). */
	readonly importMap: {imports: Record<string, string>};
	readonly backend: TestBackend;
	/** Every URL requested from this server, in order (the request log, from the server rather than the driver). */
	readonly requestedUrls: string[];
	/** Uncaught errors the pages reported (pages/recorder.js), in order. */
	readonly pageErrors: string[];
	/**
	While set, every page served starts with harness/fake-clock.js at this wall-clock offset (ms ahead of the
	machine): a reload or a new tab keeps the profile's time. The suite sets it; undefined serves pages untouched.
	*/
	fakeClockOffsetMs: number | undefined;
	/** Serves the page at a new path and returns its absolute URL. */
	addPage(page: RegisteredPage): string;
	/** Serves a classic script at a new path and returns that path (for code a page must run before any other). */
	addScript(source: string): string;
	/** Forgets the request log and page errors, and removes the fake clock (between tests). */
	reset(): void;
	/** A URL on this host that refuses connections (its port was just freed). */
	closedPortUrl(path: string): Promise<string>;
	close(): Promise<void>;
}

export function assertBuilt(): void {
	for (const file of [IIFE_BUNDLE, ES_MODULE]) {
		if (!existsSync(join(ROOT, file))) {
			throw new Error(`${file} is missing: the browser suite tests the built files. Run \`npm run build\` (or \`npm run test:browser\`, which builds first).`);
		}
	}
}

export async function startTestServer(): Promise<TestServer> {
	assertBuilt();
	const importMap = {imports: await bareImportsOf(join(ROOT, ES_MODULE))};
	const backend = new TestBackend();
	const pages = new Map<string, RegisteredPage>();
	const scripts = new Map<string, string>();
	const requestedUrls: string[] = [];
	const pageErrors: string[] = [];
	let nextPage = 0;
	let fakeClockOffsetMs: number | undefined;

	const server = createServer((request, response) => {
		readBody(request)
			.then(async (body) => {
				const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
				requestedUrls.push(request.url ?? '/');
				if (path === PAGE_ERROR_PATH && request.method === 'POST') {
					pageErrors.push(body);
					response.writeHead(204).end();
					return;
				}

				if (await backend.handle(request, response, path, body)) return;
				// The icon a browser asks every site for: there (empty), as on a real site, so its 404 is no console error.
				if (path === '/favicon.ico') {
					response.writeHead(204, {'cache-control': 'max-age=3600'}).end();
					return;
				}

				const page = pages.get(path);
				if (page) {
					response.writeHead(200, {
						'content-type': 'text/html; charset=utf-8',
						'cache-control': page.cacheable ? 'no-cache' : 'no-store',
						...(page.csp === undefined ? {} : {'content-security-policy': page.csp}),
					});
					response.end(fakeClockOffsetMs === undefined ? page.html : withFakeClock(page.html, fakeClockOffsetMs));
					return;
				}

				const script = scripts.get(path);
				if (script !== undefined) {
					response.writeHead(200, {'content-type': CONTENT_TYPES['.js']!, 'cache-control': 'no-store'});
					response.end(script);
					return;
				}

				await serveStatic(path, response);
			})
			.catch((error: unknown) => {
				if (!response.headersSent) response.writeHead(500, {'content-type': 'text/plain'});
				response.end(String(error));
			});
	});

	await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
	const {port} = server.address() as AddressInfo;
	const origin = `http://127.0.0.1:${port}`;

	return {
		origin,
		importMap,
		backend,
		requestedUrls,
		pageErrors,
		get fakeClockOffsetMs() {
			return fakeClockOffsetMs;
		},
		set fakeClockOffsetMs(offset) {
			fakeClockOffsetMs = offset;
		},
		addPage(page) {
			const path = `/p/${++nextPage}`;
			pages.set(path, page);
			return `${origin}${path}`;
		},
		addScript(source) {
			const path = `/s/${++nextPage}.js`;
			scripts.set(path, source);
			return path;
		},
		reset() {
			requestedUrls.length = 0;
			pageErrors.length = 0;
			fakeClockOffsetMs = undefined;
		},
		async closedPortUrl(path) {
			const probe = createServer();
			await new Promise<void>((resolveListen) => probe.listen(0, '127.0.0.1', resolveListen));
			const {port: freePort} = probe.address() as AddressInfo;
			await new Promise<void>((resolveClose) => probe.close(() => resolveClose()));
			return `http://127.0.0.1:${freePort}${path}`;
		},
		async close() {
			server.closeAllConnections();
			await new Promise<void>((resolveClose) => server.close(() => resolveClose()));
		},
	};
}

/** The page with the fake clock as its very first script (before <html>, the parser puts it in <head>). */
function withFakeClock(html: string, offsetMs: number): string {
	const tag = `<script src="${FAKE_CLOCK_PATH}?wallOffsetMs=${Math.round(offsetMs)}"></script>`;
	const doctype = /^\s*<!doctype html>/i.exec(html);
	return doctype ? `${doctype[0]}${tag}${html.slice(doctype[0].length)}` : `${tag}${html}`;
}

const PACKAGE_NAME = /^(?:@[\w.-]+\/)?[\w.-]+$/;

/** Each package the ES module (and the files it imports) imports by bare name, mapped to that package's browser entry. */
async function bareImportsOf(entry: string): Promise<Record<string, string>> {
	const imports: Record<string, string> = {};
	const seen = new Set<string>();
	const visit = async (file: string): Promise<void> => {
		if (seen.has(file)) return;
		seen.add(file);
		const source = await readFile(file, 'utf8');
		// A specifier has no white space; anything else that looks like one is text (a doc comment, a string).
		for (const [, specifier] of source.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*['"]([^'"\s]+)['"]/g)) {
			if (specifier === undefined || !(specifier.startsWith('.') || PACKAGE_NAME.test(specifier))) continue;
			if (specifier.startsWith('.')) await visit(resolve(dirname(file), specifier));
			else imports[specifier] ??= `/node_modules/${specifier}/${await packageEntry(specifier)}`;
		}
	};

	await visit(entry);
	return imports;
}

async function packageEntry(name: string): Promise<string> {
	const manifest = JSON.parse(await readFile(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as {
		exports?: string | Record<string, unknown>;
		module?: string;
		main?: string;
	};
	const root = typeof manifest.exports === 'object' ? (manifest.exports['.'] ?? manifest.exports) : manifest.exports;
	const conditions = typeof root === 'object' && root !== null ? (root as Record<string, unknown>) : {};
	const entry = [typeof root === 'string' ? root : undefined, conditions['browser'], conditions['import'], conditions['default'], manifest.module, manifest.main].find(
		(candidate): candidate is string => typeof candidate === 'string',
	);
	return (entry ?? 'index.js').replace(/^\.\//, '');
}

async function serveStatic(path: string, response: ServerResponse): Promise<void> {
	for (const [prefix, directory] of STATIC_ROOTS) {
		if (!path.startsWith(prefix)) continue;
		const file = normalize(join(directory, decodeURIComponent(path.slice(prefix.length))));
		if (!file.startsWith(directory + sep) || !SERVABLE.has(extname(file))) break;
		try {
			const content = await readFile(file);
			response.writeHead(200, {'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store'});
			response.end(content);
			return;
		} catch {
			break;
		}
	}

	response.writeHead(404, {'content-type': 'text/plain'});
	response.end('Not found');
}

function readBody(request: IncomingMessage): Promise<string> {
	return new Promise((resolveBody, reject) => {
		let body = '';
		request.setEncoding('utf8');
		request.on('data', (chunk: string) => (body += chunk));
		request.on('end', () => resolveBody(body));
		request.on('error', reject);
	});
}
