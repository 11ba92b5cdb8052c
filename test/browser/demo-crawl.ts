/*
Every URL the demo serves to a browser: each file of demo/public/ (pages under their routes), the built files
the pages load, and, followed transitively, every same-origin resource a page, script or stylesheet refers to.
*/
import {readdir} from 'node:fs/promises';
import {join, relative, sep} from 'node:path';
import {ROOT} from './demo-process.js';

/** The built files the demo is meant to serve (the crawl also finds them through the pages). */
const DIST_URLS = ['/zendesk-messaging-auth.iife.min.js', '/zendesk-messaging-auth.iife.min.js.map', '/dist/index.js', '/dist/index.js.map', '/react-app.js'];
/** The page variants: the widget is chosen on the server. */
const PAGE_VARIANTS = ['/?widget=early', '/?widget=late', '/?widget=none'];

export interface ServedFile {
	path: string;
	status: number;
	headers: string;
	body: string;
}

/** URL paths of demo/public/: qa.html is the page at "/", other pages at their name, other files at their path. */
export async function publicFileUrls(): Promise<string[]> {
	const directory = join(ROOT, 'demo/public');
	const entries = await readdir(directory, {withFileTypes: true, recursive: true});
	return entries
		.filter((entry) => entry.isFile())
		.map((entry) => `/${relative(directory, join(entry.parentPath, entry.name)).split(sep).join('/')}`)
		.map((path) => (path === '/qa.html' ? '/' : path));
}

const SOURCE_MAP = /[#@] sourceMappingURL=(\S+)/g;
const STATIC_IMPORT = /\bfrom\s*["']([^"']+)["']/g;
const DYNAMIC_IMPORT = /\bimport\(\s*["']([^"']+)["']\s*\)/g;
/** `'ky'` in `from 'ky'` is no URL: only an import map resolves it, and the crawl follows the map's URLs in the page. */
const BARE_SPECIFIER = /^(?![./]|[a-z][a-z\d+.-]*:)/i;

/**
Same-origin references in a page, script or stylesheet, as URL paths with their query. In the built files only
their source map: the rest of their text is the SDK's, whose doc comments hold example paths, not requests.
*/
function referencesIn(path: string, text: string, base: URL): string[] {
	if (path.endsWith('.map')) return [];
	const patterns = DIST_URLS.includes(path)
		? [SOURCE_MAP]
		: [
		/\b(?:src|href)="([^"]+)"/g, // HTML attributes
		STATIC_IMPORT,
		DYNAMIC_IMPORT,
		/new URL\(\s*["']([^"']+)["']/g, // files a script resolves itself (the stand-in's stylesheet)
		/["'](\/[\w./-]+\.(?:js|css|map|svg|png|html))["']/g, // absolute paths in scripts
		/url\(\s*["']?([^"')]+)["']?\s*\)/g, // CSS
		SOURCE_MAP,
	];
	const found: string[] = [];
	for (const pattern of patterns) {
		for (const [, reference] of text.matchAll(pattern)) {
			if (!reference || reference.startsWith('data:') || reference.startsWith('#')) continue;
			if ((pattern === STATIC_IMPORT || pattern === DYNAMIC_IMPORT) && BARE_SPECIFIER.test(reference)) continue;
			const url = new URL(reference, base);
			if (url.origin === base.origin) found.push(`${url.pathname}${url.search}`);
		}
	}

	return found;
}

/** Fetches every URL the demo serves (see above), following references; each once. */
export async function crawlDemo(origin: string): Promise<ServedFile[]> {
	const queue = [...new Set([...(await publicFileUrls()), ...DIST_URLS, ...PAGE_VARIANTS])];
	const seen = new Set<string>(queue);
	const files: ServedFile[] = [];
	while (queue.length > 0) {
		const path = queue.shift()!;
		const response = await fetch(`${origin}${path}`);
		const body = await response.text();
		files.push({path, status: response.status, headers: JSON.stringify([...response.headers]), body});
		for (const reference of referencesIn(path, body, new URL(path, origin))) {
			if (!seen.has(reference)) {
				seen.add(reference);
				queue.push(reference);
			}
		}
	}

	return files;
}
