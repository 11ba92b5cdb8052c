/*
The import map a page needs to load dist/index.js unbundled: the ES module keeps its dependencies (ky) external
(rollup.config.mjs), so each bare import must point at the package's file under
/node_modules/. Found by reading the built files, so a dependency added later needs no change here.
*/
import {readFile} from 'node:fs/promises';
import {dirname, join, resolve} from 'node:path';
import {parseAst} from 'rollup/parseAst';
import {BenchmarkError} from './latency-sample.mjs';

/**
The modules `source` imports: static imports, re-exports and dynamic `import('…')` with a literal specifier.
Read from rollup's parse tree, not with a pattern: the built code holds text such as `data['from']` that a pattern
takes for an import.

@param {string} source JavaScript module text
@returns {string[]}
*/
export function importSpecifiersOf(source) {
	const specifiers = [];
	const visit = (node) => {
		if (Array.isArray(node)) return node.forEach(visit);
		if (node === null || typeof node !== 'object') return;
		if (['ImportDeclaration', 'ExportNamedDeclaration', 'ExportAllDeclaration', 'ImportExpression'].includes(node.type) && typeof node.source?.value === 'string') {
			specifiers.push(node.source.value);
		}

		for (const [key, value] of Object.entries(node)) if (key !== 'source') visit(value);
	};

	visit(parseAst(source));
	return specifiers;
}

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
		for (const specifier of importSpecifiersOf(await readFile(file, 'utf8'))) {
			if (specifier.startsWith('.') || specifier.startsWith('/')) await visit(resolve(dirname(file), specifier));
			else if (!(specifier in imports)) imports[specifier] = `/node_modules/${specifier}/${await browserEntryOf(specifier, root)}`;
		}
	};

	await visit(resolve(root, entry));
	return imports;
}

async function browserEntryOf(name, root) {
	let manifest;
	try {
		manifest = JSON.parse(await readFile(join(root, 'node_modules', name, 'package.json'), 'utf8'));
	} catch (error) {
		const failure = new BenchmarkError('ERR_PAGE_NOT_READY', `dist/index.js imports "${name}", which node_modules/${name}/package.json does not describe (${error.message}): run \`npm install\`.`);
		failure.cause = error;
		throw failure;
	}


	const exported = typeof manifest.exports === 'object' && manifest.exports !== null ? (manifest.exports['.'] ?? manifest.exports) : manifest.exports;
	const conditions = typeof exported === 'object' && exported !== null ? exported : {};
	const entry = [typeof exported === 'string' ? exported : undefined, conditions.browser, conditions.import, conditions.default, manifest.module, manifest.main].find(
		(candidate) => typeof candidate === 'string',
	);
	return (entry ?? 'index.js').replace(/^\.\//, '');
}
