/*
The three pages, rendered from their templates in demo/public/ with what only the server knows: which widget to
load (the offline stand-in early, late or not at all, or Zendesk's), the policy they are served under, and (Site
login page) who the site's own session says is signed in.
*/
import {readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {contentSecurityPolicy} from './csp.mjs';
import {BASE_HEADERS} from './http.mjs';
import {IMPORT_MAP_TAG} from './import-map.mjs';
import {PUBLIC_DIR} from './static-files.mjs';

export const PAGES = {'/': 'qa.html', '/qa.html': 'qa.html', '/spa.html': 'spa.html', '/react.html': 'react.html', '/site-login.html': 'site-login.html'};

const escapeAttribute = (value) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Loaded as a classic script in <head>, as the Zendesk snippet would be: zE exists before the SDK starts. */
const STAND_IN_TAG = '<script src="/messenger-stand-in.js"></script>';

/**
The page's widget, from `?widget=`: offline, `early` (default), `late` (after ~3 s, by qa.js) or `none`; with a
real widget key, `zendesk` (default) or `none`.
*/
export function widgetMode(searchParams, realWidget) {
	const asked = searchParams.get('widget');
	if (realWidget) return asked === 'none' ? 'none' : 'zendesk';
	return asked === 'late' || asked === 'none' ? asked : 'early';
}

/**
The page's language, from `?lang=` (the language picker sets it): a BCP 47-shaped tag, else the page's own "en". The
form follows <html lang> from the first paint, as on a site in that language.
*/
export function pageLanguage(searchParams) {
	const asked = searchParams.get('lang') ?? '';
	return /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(asked) ? asked : 'en';
}

/** `siteUserOf(request)`: the user of the site's own session (Site login page), or null. */
export function createPages(config, {siteUserOf = () => null} = {}) {
	const realWidget = config.widgetKey !== undefined;
	const csp = contentSecurityPolicy({realWidget});

	return {
		/** Sends the page at `url`; false when there is none. */
		async serve(url, response, request) {
			const template = PAGES[url.pathname];
			if (template === undefined) return false;
			const mode = widgetMode(url.searchParams, realWidget);
			const html = (await readFile(join(PUBLIC_DIR, template), 'utf8'))
				.replace('<html lang="en">', `<html lang="${pageLanguage(url.searchParams)}">`)
				.replace('<!-- demo:widget -->', mode === 'early' ? STAND_IN_TAG : '')
				.replace('<!-- demo:import-map -->', IMPORT_MAP_TAG)
				.replace('data-widget-mode="early"', `data-widget-mode="${mode}"`)
				// The QA page's "debug log" toggle: ?debug=1 renders its script tag with data-debug.
				.replace('data-debug="false"', url.searchParams.get('debug') === '1' ? 'data-debug' : 'data-debug="false"')
				// The key was checked at start-up to be letters, digits and dashes: safe in an attribute.
				.replaceAll('data-widget-key=""', `data-widget-key="${mode === 'zendesk' ? config.widgetKey : ''}"`)
				// A name is the visitor's own text: escaped, and the page script shows it with textContent only.
				.replace('data-site-user=""', () => {
					const user = request ? siteUserOf(request) : null;
					return `data-site-user="${user ? escapeAttribute(user.name || user.email || user.externalId) : ''}"`;
				});
			response.writeHead(200, {
				...BASE_HEADERS,
				'content-type': 'text/html; charset=utf-8',
				'cache-control': 'no-store',
				'content-security-policy': csp,
			});
			response.end(html);
			return true;
		},
	};
}
