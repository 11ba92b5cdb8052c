/*
Test pages, generated: the script-tag integration (plain/defer/async), and a headless app on either build.
No inline script or style anywhere, so any page can be served under a strict Content-Security-Policy.
*/
import {ENDPOINTS} from './backend.js';
import {IIFE_BUNDLE, type TestServer} from './server.js';

export const STRICT_CSP = "default-src 'self'; script-src 'self'; style-src 'self'";
export const MOUNT_ID = 'support-login';

export interface StandInOptions {
	/** Re-ask through jwtCallback once the held token expired (default true). */
	reask?: boolean;
	/** An old widget build that never calls loginCallback (default: it calls it). */
	loginCallback?: boolean;
	/** The signing key id the widget expects: another one than the backend's makes it refuse every token. */
	kid?: string;
	/** Keep the signed-in user across page loads in localStorage, as the real widget does (default true). */
	persist?: boolean;
}

/** `early`: the widget's script comes before the SDK. `absent`: never (a test may add it late with addWidget()). */
export type WidgetLoading = 'early' | 'absent';

export function standInPath({reask = true, loginCallback = true, kid, persist = true}: StandInOptions = {}): string {
	const query = new URLSearchParams();
	if (!persist) query.set('persist', '0');
	if (!reask) query.set('reask', '0');
	if (!loginCallback) query.set('callback', '0');
	if (kid !== undefined) query.set('kid', kid);
	const search = query.toString();
	return `/harness/zendesk-stand-in.js${search ? `?${search}` : ''}`;
}

const escapeHtml = (value: string) =>
	value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const attributes = (values: Record<string, string | true>) =>
	Object.entries(values)
		.map(([name, value]) => (value === true ? ` ${name}` : ` ${name}="${escapeHtml(value)}"`))
		.join('');

const script = (src: string, extra: Record<string, string | true> = {}) => `<script${attributes({src, ...extra})}></script>`;

interface Document {
	title: string;
	head: string[];
	body: string[];
	/** The page's `<html lang>` (default "en"). */
	lang?: string | undefined;
	/** false: the recorder records no SDK event, so the page has no `error` listener (as a plain marketing page). */
	recordEvents?: boolean;
}

const render = ({title, head, body, lang = 'en', recordEvents = true}: Document) =>
	[
		'<!doctype html>',
		`<html lang="${escapeHtml(lang)}">`,
		'<head>',
		'<meta charset="utf-8">',
		`<title>${escapeHtml(title)}</title>`,
		// Listens for CSP violations and errors before anything else runs.
		script('/pages/recorder.js', recordEvents ? {} : {'data-record-events': 'false'}),
		...head,
		'</head>',
		'<body>',
		...body,
		'</body>',
		'</html>',
	].join('\n');

export type ScriptTagMode = 'plain' | 'defer' | 'async';

export interface ScriptTagPageOptions {
	mode?: ScriptTagMode;
	/** data-* attributes added to (or, with the same name, replacing) the standard ones; null leaves one out. */
	data?: Record<string, string | null>;
	widget?: WidgetLoading;
	standIn?: StandInOptions;
	csp?: string;
	/** The page's `<html lang>` (default "en"). */
	lang?: string;
	/** Paths of classic scripts run before the SDK's tag (after the recorder), such as server.addScript()'s. */
	before?: string[];
	/** false: no recorded events, hence no `error` listener on the page (see render). */
	recordEvents?: boolean;
	/** Served as most sites serve pages (`no-cache`), so the back/forward cache may keep it (server.ts). */
	cacheable?: boolean;
}

/** The marketing-site integration of PRODUCT.md: one script tag in <head> with data-* attributes, a mount element in the body. */
export function scriptTagPage(
	server: TestServer,
	{mode = 'defer', data = {}, widget = 'early', standIn, csp, lang, before = [], recordEvents = true, cacheable}: ScriptTagPageOptions = {},
): string {
	const dataAttributes = Object.fromEntries(
		Object.entries({
			'data-token-endpoint': ENDPOINTS.token,
			'data-refresh-endpoint': ENDPOINTS.refresh,
			'data-logout-endpoint': ENDPOINTS.logout,
			'data-mount': `#${MOUNT_ID}`,
			...data,
		}).filter((entry): entry is [string, string] => entry[1] !== null),
	);
	const html = render({
		title: `Script tag (${mode})`,
		lang,
		head: [
			...before.map((src) => script(src)),
			...(widget === 'early' ? [script(standInPath(standIn))] : []),
			script(IIFE_BUNDLE, {...(mode === 'plain' ? {} : {[mode]: true}), ...dataAttributes}),
		],
		body: ['<main>', '<h1>Support</h1>', `<div id="${MOUNT_ID}"></div>`, '</main>'],
		recordEvents,
	});
	return server.addPage({html, ...(csp === undefined ? {} : {csp}), ...(cacheable ? {cacheable} : {})});
}

export type Build = 'iife' | 'esm';

export interface HeadlessPageOptions {
	build?: Build;
	/** createMessagingAuth options (JSON-able), over the defaults: the three test endpoints; null removes one. */
	options?: Record<string, unknown>;
	widget?: WidgetLoading;
	standIn?: StandInOptions;
	csp?: string;
}

/** A single-page app's integration: createMessagingAuth with its own login UI (pages/app.js), on either build. */
export function headlessPage(server: TestServer, {build = 'iife', options = {}, widget = 'early', standIn, csp}: HeadlessPageOptions = {}): string {
	// A null option is left out (e.g. `refreshEndpoint: null` for an instance without refresh).
	const merged = {tokenEndpoint: ENDPOINTS.token, refreshEndpoint: ENDPOINTS.refresh, logoutEndpoint: ENDPOINTS.logout, ...options};
	const config = {options: Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== null))};
	// `<` escaped so that the data block cannot be closed by a value.
	const configBlock = `<script type="application/json" id="app-config">${JSON.stringify(config).replace(/</g, '\\u003c')}</script>`;
	const sdk =
		build === 'iife'
			? [script(IIFE_BUNDLE), script('/pages/app-iife.js', {defer: true})]
			: [
					// Served unbundled: an import map resolves any bare import of the ES build, as a bundler would.
					`<script type="importmap">${JSON.stringify(server.importMap)}</script>`,
					script('/pages/app-esm.js', {type: 'module'}),
				];
	const html = render({
		title: `Headless app (${build})`,
		head: [configBlock, ...(widget === 'early' ? [script(standInPath(standIn))] : []), script('/pages/app.js'), ...sdk],
		body: ['<main>', '<h1>App</h1>', '<div id="app"></div>', '</main>'],
	});
	return server.addPage({html, ...(csp === undefined ? {} : {csp})});
}
