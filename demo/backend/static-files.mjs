/*
The files the demo serves, as an allow-list made at start-up: every file of demo/public/ but the page templates,
the built files the pages load (and the languages' files), and ky's ES files for the SPA page's import map (import-map.mjs). Nothing else
of the project (dist/server.js, src/, node_modules, .env…) is reachable.
*/
import {readdir, readFile} from 'node:fs/promises';
import {extname, join, relative, sep} from 'node:path';
import {fileURLToPath} from 'node:url';
import {BASE_HEADERS} from './http.mjs';
import {KY_DIR, KY_URL_PREFIX} from './import-map.mjs';

export const PUBLIC_DIR = fileURLToPath(new URL('../public/', import.meta.url));
export const DIST_DIR = fileURLToPath(new URL('../../dist/', import.meta.url));

/** URL path → file in dist/: the script-tag bundle at the root (as a marketing site would host it), the ES module under /dist/. */
export const DIST_FILES = {
	'/zendesk-messaging-auth.iife.min.js': 'zendesk-messaging-auth.iife.min.js',
	'/zendesk-messaging-auth.iife.min.js.map': 'zendesk-messaging-auth.iife.min.js.map',
	'/dist/index.js': 'index.js',
	'/dist/index.js.map': 'index.js.map',
};

const CONTENT_TYPES = {
	'.js': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.map': 'application/json; charset=utf-8',
	'.png': 'image/png',
	'.svg': 'image/svg+xml',
	'.json': 'application/json; charset=utf-8',
};

async function listFiles(directory) {
	const entries = await readdir(directory, {withFileTypes: true, recursive: true});
	return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath ?? entry.path, entry.name));
}

/** URL path → absolute file, for every file served as it is on disk. */
export async function listServedFiles() {
	const served = new Map();
	for (const file of await listFiles(PUBLIC_DIR)) {
		const type = extname(file);
		// Pages are rendered (pages.mjs), never sent raw; unknown types are not sent at all.
		if (type === '.html' || !(type in CONTENT_TYPES)) continue;
		served.set(`/${relative(PUBLIC_DIR, file).split(sep).join('/')}`, file);
	}

	for (const [path, name] of Object.entries(DIST_FILES)) served.set(path, join(DIST_DIR, name));
	// The form's languages: the JSON beside the script-tag bundle, as a site would host them (docs/languages.md), and
	// the ES modules beside dist/index.js, which imports English from ./locales/en.js.
	// Chunks dist/index.js shares with another entry (rollup.config.mjs: chunks/[name]-[hash].js).
	for (const file of await listFiles(join(DIST_DIR, 'chunks')).catch(() => [])) {
		if (extname(file) in CONTENT_TYPES) served.set(`/dist/chunks/${relative(join(DIST_DIR, 'chunks'), file)}`, file);
	}

	for (const file of await listFiles(join(DIST_DIR, 'locales'))) {
		const name = relative(join(DIST_DIR, 'locales'), file);
		if (extname(file) === '.json') served.set(`/locales/${name}`, file);
		else if (extname(file) in CONTENT_TYPES) served.set(`/dist/locales/${name}`, file);
	}
	// ky's .js and their maps; its .d.ts files are of no use to a browser (and '.ts' is not a served type).
	for (const file of await listFiles(KY_DIR)) {
		if (extname(file) in CONTENT_TYPES) served.set(`${KY_URL_PREFIX}${relative(KY_DIR, file).split(sep).join('/')}`, file);
	}

	return served;
}

export async function createStaticFiles() {
	const served = await listServedFiles();
	return {
		/** Sends the file at `pathname`; false when there is none. */
		async serve(pathname, response) {
			const file = served.get(pathname);
			if (file === undefined) return false;
			let content;
			try {
				// Read at each request, so a rebuild or an edit shows on reload without restarting the demo.
				content = await readFile(file);
			} catch {
				return false;
			}

			response.writeHead(200, {...BASE_HEADERS, 'content-type': CONTENT_TYPES[extname(file)], 'cache-control': 'no-cache'});
			response.end(content);
			return true;
		},
	};
}
