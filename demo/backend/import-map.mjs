/*
The SPA page loads the ES module as it is built, without a bundler (demo/public/spa.js imports /dist/index.js), and
dist/index.js imports the bare specifier 'ky', which a browser resolves only through an import map. Browsers take no
external import map, so it is inline, and the pages' CSP allows exactly this text by its sha256 hash (csp.mjs): still
no 'unsafe-inline'. ky's own ES files are served from the installed package under /vendor/ky/ (static-files.mjs),
nothing else of node_modules.
*/
import {createHash} from 'node:crypto';
import {dirname} from 'node:path';
import {fileURLToPath} from 'node:url';

export const KY_URL_PREFIX = '/vendor/ky/';
/** The directory of ky's ES entry, wherever npm installed it. */
export const KY_DIR = dirname(fileURLToPath(import.meta.resolve('ky')));

const IMPORT_MAP = JSON.stringify({imports: {ky: `${KY_URL_PREFIX}index.js`}});

/** Put before the page's first module script (pages.mjs, at `<!-- demo:import-map -->`). */
export const IMPORT_MAP_TAG = `<script type="importmap">${IMPORT_MAP}</script>`;
/** The CSP source that allows IMPORT_MAP_TAG's text and no other inline script. */
export const IMPORT_MAP_HASH_SOURCE = `'sha256-${createHash('sha256').update(IMPORT_MAP).digest('base64')}'`;
