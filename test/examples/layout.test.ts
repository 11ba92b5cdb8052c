/*
What makes an example an app a user can copy: it depends on the package as a user's app does (its package.json, a
file: link here), imports the package by its name and nothing outside its own folder, and carries its own copy of the
messenger stand-in (the copies are one file: a fix made in one reaches the others).
*/
import {readdir, readFile} from 'node:fs/promises';
import {join, relative} from 'node:path';
import {describe, expect, test} from 'vitest';
import {exampleDir} from './harness.js';

const EXAMPLES = ['express-script-tag', 'express-session', 'nextjs'] as const;
const SKIPPED = new Set(['node_modules', '.next']);

async function sourceFiles(directory: string): Promise<string[]> {
	const files: string[] = [];
	for (const entry of await readdir(directory, {withFileTypes: true})) {
		if (SKIPPED.has(entry.name)) continue;
		const path = join(directory, entry.name);
		if (entry.isDirectory()) files.push(...(await sourceFiles(path)));
		else if (/\.(?:[cm]?js|tsx?)$/.test(entry.name)) files.push(path);
	}
	return files;
}

/** Every module specifier of a file: static imports and re-exports, dynamic import(), require(). */
const specifiers = (source: string) => [...source.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"]([^'"]+)['"]/g)].map((match) => match[1]!);

describe.each(EXAMPLES)('examples/%s', (name) => {
	const directory = exampleDir(name);

	test('depends on the package through its package.json, the way a user does', async () => {
		const manifest = JSON.parse(await readFile(join(directory, 'package.json'), 'utf8')) as {dependencies?: Record<string, string>};
		expect(manifest.dependencies?.['zendesk-messaging-auth']).toBe('file:../..');
	});

	test('imports the package by its name, and no file outside its own folder', async () => {
		const files = await sourceFiles(directory);
		expect(files.length).toBeGreaterThan(0);
		const imports = (await Promise.all(files.map(async (file) => specifiers(await readFile(file, 'utf8')).map((specifier) => ({file: relative(directory, file), specifier}))))).flat();
		expect(imports.filter(({specifier}) => specifier.startsWith('zendesk-messaging-auth')).length).toBeGreaterThan(0);
		// Relative imports stay inside the folder; the package's own source is never reached.
		expect(imports.filter(({file, specifier}) => specifier.startsWith('.') && relative(directory, join(directory, file, '..', specifier)).startsWith('..'))).toEqual([]);
		expect(imports.filter(({specifier}) => /(?:^|\/)src(?:\/|$)/.test(specifier))).toEqual([]);
	});
});

test('the three example apps ship the same messenger stand-in', async () => {
	const [first, ...others] = await Promise.all(EXAMPLES.map((name) => readFile(join(exampleDir(name), 'public/messenger-stand-in.js'), 'utf8')));
	for (const other of others) expect(other).toBe(first);
});
