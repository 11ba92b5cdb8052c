import ky from 'ky';
import type {LazyLoginFormLocale, LoginFormLocale} from '../form/labels.js';

/**
The languages shipped besides English, one `locales/<tag>.json` each beside the bundle, and the tags that read one of
them (`zh` Simplified Chinese, `zh-HK` and `zh-MO` Traditional, `no` Norwegian Bokmål: rollup.config.mjs's
LOCALE_ALIASES). test/locales/shipped.test.ts holds this list to src/locales/ and dist/locales/.
*/
export const SHIPPED_LOCALES = 'ar cs da de es fi fr he hu id it ja ko nb nl pl pt pt-BR ro ru sv th tr uk vi zh-CN zh-TW zh zh-HK zh-MO no'.split(' ');

/**
The script tag's languages: each fetched, when the page's language asks for it, from `locales/<tag>.json` next to the
script itself (`base`: its src). JSON through fetch rather than a script: the strict CSP's `default-src 'self'` allows
it, and Trusted Types has no say over it.
*/
export const localeFiles = (base: string): LazyLoginFormLocale[] =>
	// The response's own json(): the script-tag bundle leaves out ky's promise shortcuts (rollup.config.mjs, KY_CUTS).
	SHIPPED_LOCALES.map((tag) => ({tag, load: async () => (await ky(new URL(`locales/${tag}.json`, base))).json() as Promise<LoginFormLocale>}));
