/*
The import map a page needs to load dist/index.js unbundled: the ES module keeps its dependencies (ky) external
(README, "Size and speed"; rollup.config.mjs), so each bare import must point at the package's file under
/node_modules/. Found by reading the built files, so a dependency added later needs no change here.
*/
import {readFile} from 'node:fs/promises';
import {dirname, join, resolve} from 'node:path';

const IMPORT_SPECIFIER = /(?:\bfrom|\bimport)\s*\(?\s*['"]([^'"]+)['"]/g;

/**
@param {string} entry path of the built ES module, e.g. dist/index.js
@param {string} root the package root (where node_modules is)
@returns {Promise<Record<string, string>>} bare specifier → URL path under /node_modules/
*/
export async function importMapFor(entry, root) {
	const imports = {};
	const seen = new Set();
	const visit = async (file) => {
		if (seen.has(file)) return;
		seen.add(file);
		for (const [, specifier] of (await readFile(file, 'utf8')).matchAll(IMPORT_SPECIFIER)) {
			if (specifier.startsWith('.') || specifier.startsWith('/')) await visit(resolve(dirname(file), specifier));
			else if (!(specifier in imports)) imports[specifier] = `/node_modules/${specifier}/${await browserEntryOf(specifier, root)}`;
		}
	};

	await visit(resolve(root, entry));
	return imports;
}

async function browserEntryOf(name, root) {
	const manifest = JSON.parse(await readFile(join(root, 'node_modules', name, 'package.json'), 'utf8'));
	const exported = typeof manifest.exports === 'object' && manifest.exports !== null ? (manifest.exports['.'] ?? manifest.exports) : manifest.exports;
	const conditions = typeof exported === 'object' && exported !== null ? exported : {};
	const entry = [typeof exported === 'string' ? exported : undefined, conditions.browser, conditions.import, conditions.default, manifest.module, manifest.main].find(
		(candidate) => typeof candidate === 'string',
	);
	return (entry ?? 'index.js').replace(/^\.\//, '');
}
