import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import {readdirSync} from 'node:fs';
import {readFile} from 'node:fs/promises';
import {dirname, resolve as resolvePath} from 'node:path';
import {fileURLToPath} from 'node:url';
import ts from 'typescript';

// dist/style.css: the very text the form adopts at runtime (src/form/styles.ts), for sites that opt out of ours and link it.
const styleCss = {
	name: 'style-css',
	async generateBundle() {
		const {LOGIN_FORM_CSS} = await evaluate('src/form/styles.ts');
		this.emitFile({type: 'asset', fileName: 'style.css', source: LOGIN_FORM_CSS});
	},
};

/** src/locales/<tag>.ts: the texts of each language, one file each (docs/languages.md). */
const LOCALES = readdirSync('src/locales').map((file) => file.replace(/\.ts$/, ''));

/** A module of src/ without imports (type-only ones aside), evaluated here: its exports. */
async function evaluate(file) {
	const {outputText} = ts.transpileModule(await readFile(file, 'utf8'), {compilerOptions: {module: ts.ModuleKind.ESNext}});
	return import(`data:text/javascript,${encodeURIComponent(outputText)}`);
}

/** Tags a page may carry that name no shipped language but read one (src/script-tag/locale-files.ts lists them too). */
const LOCALE_ALIASES = {zh: 'zh-CN', 'zh-HK': 'zh-TW', 'zh-MO': 'zh-TW', no: 'nb'};

/*
dist/locales/<tag>.json beside the script-tag bundle: what the script tag fetches for a page in that language (the
same object zendesk-messaging-auth/locales/<tag> exports). English is in the bundle itself.
*/
const localeJson = {
	name: 'locale-json',
	async generateBundle() {
		for (const tag of LOCALES.filter((name) => name !== 'en')) {
			const {default: locale} = await evaluate(`src/locales/${tag}.ts`);
			this.emitFile({type: 'asset', fileName: `locales/${tag}.json`, source: JSON.stringify(locale)});
		}

		for (const [alias, tag] of Object.entries(LOCALE_ALIASES)) {
			const {default: locale} = await evaluate(`src/locales/${tag}.ts`);
			this.emitFile({type: 'asset', fileName: `locales/${alias}.json`, source: JSON.stringify({...locale, tag: alias})});
		}
	},
};

// The ES module and the server subpath: dependencies stay external, declarations are emitted beside them.
const modules = {
	// Each language its own entry (zendesk-messaging-auth/locales/<tag>): an app imports only the ones it uses.
	input: {index: 'src/index.ts', server: 'src/server.ts', ...Object.fromEntries(LOCALES.map((tag) => [`locales/${tag}`, `src/locales/${tag}.ts`]))},
	output: {dir: 'dist', format: 'es', sourcemap: true, entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js'},
	external: ['jose', 'ky', /^rate-limiter-flexible($|\/)/, /^node:/],
	plugins: [typescript({tsconfig: './tsconfig.build.json'}), styleCss],
};

/*
Parts of ky the SDK never uses, left out of the script-tag bundle, where every KiB counts (about 0.75 KiB gzipped):
upload and download progress (streaming code for onUploadProgress/onDownloadProgress), the search for fetch options
of other runtimes (Node's dispatcher, Deno's client), which finds none in a browser, and the details of two error
classes the SDK never meets. The ES module keeps ky whole; the browser suite runs this bundle in three engines.
*/
const KY_TRIMMED = {
	'../utils/body.js': 'const unused = () => { throw new Error("zendesk-messaging-auth: ky progress streams are left out of this bundle"); };\nexport const streamRequest = unused, streamResponse = unused;',
	'../utils/options.js': `export const findUnknownOptions = () => ({});\nexport {hasSearchParameters} from ${JSON.stringify(fileURLToPath(new URL('node_modules/ky/distribution/utils/options.js', import.meta.url)))};`,
	// Forced retries come only from afterResponse hooks returning ky.retry(), and the SDK has none; ky wraps a thrown
	// non-Error value for its retry check, which the SDK's shouldRetry does not read.
	'../errors/ForceRetryError.js': 'export class ForceRetryError extends Error {}',
	'../errors/NonError.js': 'export class NonError extends Error {}',
};
/*
After every request ky cancels the request's body streams, "for memory safety" in runtimes that keep an unread body
alive (ky's own comment names Deno and Bun). In a browser the request's body was handed to fetch and its clone is
collected with the request; but asking a Request for `.body` makes the browser build a ReadableStream first, which
on a fresh page cost 0.6–1 ms of main thread between the token's arrival and the widget's provide() (a CPU profile of
the cold sign-in: BENCH_PROFILE=1 npm run bench). Left out of the script-tag bundle; the build fails if ky changes.
*/
/*
Three more parts of ky the script-tag bundle leaves out, each cut from ky's own files as it is loaded (the build
fails if ky changes where they are; newlines stay in their place so the source map stays right):
- the body cancellation after each request, "for memory safety" in runtimes that keep an unread body alive (ky's
  comment names Deno and Bun). In a browser the request's body went to fetch and its clone is collected with the
  request; but asking a Request for `.body` makes the browser build a ReadableStream first, which on a fresh page
  cost 0.6–1 ms of main thread between the token's arrival and the widget's provide() (a CPU profile of the cold
  sign-in: BENCH_PROFILE=1 npm run bench);
- the shortcuts `.json()`, `.text()`, … that ky puts on every request's promise (six closures per request; the SDK
  reads the response itself, token-client.ts);
- the load-time probe for request streams (it builds a Request around a ReadableStream at every page load, then sets
  `duplex: 'half'` on every request) and the form-boundary size for upload progress: the SDK sends JSON text.
*/
const KY_CUTS = {
	Ky: [
		[/\n\s*ky\.#cancelBody\(originalRequest\?\.body \?\? undefined\);\n\s*ky\.#cancelBody\(ky\.request\.body \?\? undefined\);/, ''],
		[/\n {8}for \(const \[type, mimeType\] of Object\.entries\(responseTypes\)\) \{[\s\S]*?\n {8}\}(?=\n {8}return result;)/, ''],
		// Options the SDK never gives ky (token-client.ts, locale-files.ts), and their code: afterResponse hooks (and the
		// forced retries only they can ask for), prefixUrl, searchParams, a FormData or URLSearchParams body; and ky's
		// check of a timeout above 2147483647 ms, which options.ts refuses before ky sees it (MAX_TIMER_MS).
		[/\n {12}if \(typeof ky\.#options\.timeout === 'number' && ky\.#options\.timeout > maxSafeTimeout\) \{\n[^\n]*\n {12}\}/, ''],
		[/\n {12}for \(const hook of ky\.#options\.hooks\.afterResponse\) \{[\s\S]*?\n {12}\}(?=\n {12}ky\.#decorateResponse\(response\);)/, ''],
		[/\n {4}\/\/ eslint-disable-next-line unicorn\/prevent-abbreviations\n {4}static #normalizeSearchParams\([\s\S]*?\n {4}\}/, ''],
		[/\n {8}if \(this\.#options\.prefixUrl && typeof this\.#input === 'string'\) \{[\s\S]*?\n {8}\}/, ''],
		[/\n {8}\/\/ To provide correct form boundary[\s\S]*?\n {8}\}(?=\n {8}this\.request = new globalThis\.Request\(this\.#input, this\.#options\);)/, ''],
		[/\n {8}if \(hasSearchParameters\(this\.#options\.searchParams\)\) \{[\s\S]*?\n {8}\}(?=\n {8}\/\/ If `onUploadProgress` is passed)/, ''],
		// Upload and download progress: the SDK passes neither onUploadProgress nor onDownloadProgress (their checks and
		// messages were left in the bundle after the streams themselves were, KY_TRIMMED).
		[/\n {12}\/\/ If `onDownloadProgress` is passed[\s\S]*?\n {12}\}(?=\n {12}return response;)/, ''],
		[/\n {8}\/\/ If `onUploadProgress` is passed[\s\S]*?\n {8}\}(?=\n {4}\}\n {4}#calculateDelay)/, ''],
		[/if \(!this\.#options\.onUploadProgress \|\| !request\.body\) \{\n\s*return request;\n\s*\}\n\s*return streamRequest\([^;]*;/, 'return request;'],
		// Hooks the SDK never gives (it has only beforeRequest) and a parseJson it never sets, with the forced retries'
		// custom request that only afterResponse hooks could ask for.
		[/\n {16}for \(const hook of ky\.#options\.hooks\.beforeError\) \{[\s\S]*?\n {16}\}(?=\n {16}throw error;)/, ''],
		[/\n {12}\/\/ Apply custom request from forced retry[\s\S]*?\n {12}for \(const hook of this\.#options\.hooks\.beforeRetry\) \{[\s\S]*?\n {12}\}(?=\n {12}return this\.#retry\(function_\);)/, ''],
		[/\n {8}if \(this\.#options\.parseJson\) \{\n[^\n]*\n {8}\}(?=\n {8}return response;)/, ''],
	],
	// ky's instance: the SDK calls ky() and ky.create(), never the method shortcuts (ky.get, ky.post, …) or ky.extend.
	index: [
		[/\n {4}for \(const method of requestMethods\) \{[\s\S]*?\n {4}\}(?=\n {4}ky\.create = )/, ''],
		[/\n {4}ky\.extend = \(newDefaults\) => \{[\s\S]*?\n {4}\};/, ''],
	],
	// ky's merging of options: the SDK gives no context and no searchParams (see the Ky cuts).
	merge: [
		[/\n {16}\/\/ Special handling for context - shallow merge only\n[\s\S]*?\n {16}\}(?=\n {16}\/\/ Special handling for searchParams)/, ''],
		[/\n {16}\/\/ Special handling for searchParams\n[\s\S]*?\n {16}\}(?=\n {16}if \(isObject\(value\) && key in returnValue\))/, ''],
		[/\n {4}if \(searchParameters !== undefined\) \{\n[^\n]*\n {4}\}/, ''],
		[/\nconst appendSearchParameters = [\s\S]*?\n\};/, ''],
	],
	constants: [
		[/export const supportsRequestStreams = \(\(\) => \{[\s\S]*?\n\}\)\(\);/, 'export const supportsRequestStreams = false;'],
		[/export const usualFormBoundarySize = new TextEncoder\(\)[^;]*;/, 'export const usualFormBoundarySize = 0;'],
	],
};
const kyTrimmed = {
	name: 'ky-trimmed',
	resolveId: (id, importer) => (id in KY_TRIMMED && /[\\/]ky[\\/]distribution[\\/]core[\\/]Ky\.js$/.test(importer ?? '') ? `\0ky-trimmed:${id}` : null),
	load: (id) => (id.startsWith('\0ky-trimmed:') ? KY_TRIMMED[id.slice('\0ky-trimmed:'.length)] : null),
	transform(code, id) {
		const file = /[\\/]ky[\\/]distribution[\\/](?:(?:core|utils)[\\/])?(Ky|constants|merge|index)\.js$/.exec(id)?.[1];
		if (!file) return null;
		for (const [pattern, replacement] of KY_CUTS[file]) {
			if (!pattern.test(code)) this.error(`ky changed: ${file}.js no longer holds what rollup.config.mjs cuts from it (${pattern.source.slice(0, 50)}…).`);
			code = code.replace(pattern, (removed) => replacement + removed.replace(/[^\n]/g, ''));
		}

		return {code, map: null};
	},
};

// The script-tag bundle: everything inlined, one global.
const scriptTag = {
	input: 'src/script-tag.ts',
	output: {
		file: 'dist/zendesk-messaging-auth.iife.min.js',
		format: 'iife',
		name: 'ZendeskMessagingAuth',
		sourcemap: true,
		plugins: [
			terser({
				format: {comments: false},
				compress: {passes: 3},
				// Property names that never leave the bundle (the session's refresh bookkeeping, the refresh plan's input and
				// output): shortened like variables. Nothing public, nothing sent to another tab, nothing ky reads. `builtins`: the
				// list names `history` (the refresh history), which terser otherwise keeps as a DOM name; only these names are mangled.
				mangle: {properties: {regex: /^(lastAttemptAtMs|unproductive|retryAfterMs|expiresAtMs|refreshAtMs|canRefresh|nowMs|untilMs|problem|history|attach|disconnect|diagnostics|askForSession|withRefreshLock|announceSession|announceLogout|setSignedIn|onSession|onLogout|serverNow|abortAll|current|emit|offsetMs|toLocal|action)$/, builtins: true}},
			}),
		],
	},
	plugins: [
		localeJson,
		kyTrimmed,
		nodeResolve({browser: true}),
		typescript({tsconfig: './tsconfig.build.json', declaration: false, declarationDir: undefined, outDir: 'dist', sourceMap: true}),
	],
};

// The React subpath: React and the main entry stay external (an app keeps one core, shared with its own imports of
// it), and the file starts with 'use client' for the Next.js App Router (README, "React").
const coreEntry = fileURLToPath(new URL('src/index.ts', import.meta.url));
const reactEntry = {
	input: {react: 'src/react.ts'},
	output: {dir: 'dist', format: 'es', sourcemap: true, entryFileNames: '[name].js', banner: "'use client';", paths: {[coreEntry]: './index.js'}},
	external: (id, importer, isResolved) => /^react($|\/)/.test(id) || (isResolved ? id : resolvePath(dirname(importer ?? ''), id).replace(/\.js$/, '.ts')) === coreEntry,
	plugins: [typescript({tsconfig: './tsconfig.build.json'})],
};

export default [modules, scriptTag, reactEntry];
