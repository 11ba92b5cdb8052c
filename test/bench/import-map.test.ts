// bench/import-map.mjs: the import map that lets the bench page load dist/index.js with ky kept external.
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {importMapFor, importSpecifiersOf} from '../../bench/import-map.mjs';
import {BenchmarkError} from '../../bench/latency-sample.mjs';

const ROOT = join(import.meta.dirname, '../..');
let scratch: string | undefined;
afterEach(async () => {
	if (scratch) await rm(scratch, {recursive: true, force: true});
	scratch = undefined;
});

describe('importSpecifiersOf', () => {
	it('finds static imports, re-exports and literal dynamic imports', () => {
		expect(importSpecifiersOf("import ky, {HTTPError} from 'ky'; export * from './a.js'; export {b} from './b.js'; import('./c.js');")).toEqual(['ky', './a.js', './b.js', './c.js']);
	});

	it('takes no text for an import that only looks like one (the built SDK holds `data[\'from\']`)', () => {
		expect(importSpecifiersOf("const from = data['from']; const text = \"import 'x'\"; Array.from('ab');")).toEqual([]);
	});
});

describe('importMapFor', () => {
	it('maps each bare import, also of the files the entry imports, to the package’s browser entry', async () => {
		scratch = await mkdtemp(join(tmpdir(), 'bench-import-map-'));
		await writeFile(join(scratch, 'index.js'), "import './chunk.js';\nexport const a = 1;\n");
		await writeFile(join(scratch, 'chunk.js'), "import ky from 'ky';\nexport default ky;\n");
		expect(await importMapFor(join(scratch, 'index.js'), ROOT)).toEqual({ky: '/node_modules/ky/distribution/index.js'});
	});

	it('says to run npm install when a bare import has no package', async () => {
		scratch = await mkdtemp(join(tmpdir(), 'bench-import-map-'));
		await writeFile(join(scratch, 'index.js'), "import 'no-such-package-here';\n");
		const failure = await importMapFor(join(scratch, 'index.js'), ROOT).catch((error: unknown) => error);
		expect(failure).toBeInstanceOf(BenchmarkError);
		expect((failure as BenchmarkError).message).toMatch(/"no-such-package-here".*npm install/);
	});
});
