/*
How the languages are packaged (docs/languages.md): an ES module app that imports one language gets that one and no
other; the script-tag bundle holds English only; each dist/locales/<tag>.json is the very object its module exports.
Run after `npm run build`.
*/
import {existsSync, readdirSync, readFileSync} from 'node:fs';
import {resolve} from 'node:path';
import nodeResolve from '@rollup/plugin-node-resolve';
import {rollup} from 'rollup';
import {describe, expect, it} from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const DIST = resolve(ROOT, 'dist');
const TAGS = readdirSync(resolve(ROOT, 'src/locales')).map((file) => file.replace(/\.ts$/, ''));
const packageJson = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as {exports: Record<string, string | {default: string}>};

const load = async (tag: string) => ((await import(resolve(DIST, `locales/${tag}.js`))) as {default: {tag: string; labels: Record<string, unknown>}}).default;

/** Texts that tell one language from every other: its own, not English, not shared with the one kept. */
async function textsOf(tag: string): Promise<string[]> {
	const texts: string[] = [];
	const walk = (value: unknown) => {
		if (typeof value === 'string') texts.push(value);
		else if (value && typeof value === 'object') Object.values(value).forEach(walk);
	};
	walk((await load(tag)).labels);
	return texts;
}

/** Resolves `zendesk-messaging-auth/<subpath>` through package.json's exports map, as an app's bundler does. */
function packageExports(specifier: string): string | undefined {
	const subpath = `.${specifier.slice('zendesk-messaging-auth'.length)}`;
	for (const [pattern, target] of Object.entries(packageJson.exports)) {
		const file = typeof target === 'string' ? target : target.default;
		const [prefix, suffix = ''] = pattern.split('*');
		if (pattern === subpath) return resolve(ROOT, file);
		if (pattern.includes('*') && subpath.startsWith(prefix!) && subpath.endsWith(suffix)) return resolve(ROOT, file.replace('*', subpath.slice(prefix!.length, subpath.length - suffix.length)));
	}

	return undefined;
}

async function bundle(code: string): Promise<string> {
	const entry = '\0entry';
	const build = await rollup({
		input: entry,
		plugins: [
			{name: 'entry', resolveId: (id) => (id === entry ? id : id.startsWith('zendesk-messaging-auth') ? packageExports(id) : null), load: (id) => (id === entry ? code : null)},
			nodeResolve({browser: true}),
		],
		onwarn: () => {},
	});
	const {output} = await build.generate({format: 'es'});
	await build.close();
	return output.map((chunk) => ('code' in chunk ? chunk.code : '')).join('\n');
}

describe.skipIf(!existsSync(resolve(DIST, 'locales/fr.js')))('the languages as packaged', () => {
	it('an app importing zendesk-messaging-auth/locales/fr with the form gets French and no other language', async () => {
		const code = await bundle(
			`import {mountLoginForm} from 'zendesk-messaging-auth'; import fr from 'zendesk-messaging-auth/locales/fr'; globalThis.app = [mountLoginForm, fr];`,
		);
		const french = await textsOf('fr');
		const english = await textsOf('en');
		expect(['Connexion', 'Mot de passe', 'Se déconnecter', 'Votre session a expiré. Veuillez vous reconnecter.'].every((text) => code.includes(text))).toBe(true);
		for (const tag of TAGS.filter((other) => other !== 'fr' && other !== 'en')) {
			const leaked = (await textsOf(tag)).filter((text) => !french.includes(text) && !english.includes(text) && code.includes(text));
			expect([tag, leaked]).toEqual([tag, []]);
		}
	});

	it('the script-tag bundle holds English and no other language\'s texts', async () => {
		const bundleCode = readFileSync(resolve(DIST, 'zendesk-messaging-auth.iife.min.js'), 'utf8');
		const english = await textsOf('en');
		expect(english.every((text) => bundleCode.includes(text))).toBe(true);
		for (const tag of TAGS.filter((other) => other !== 'en')) {
			const leaked = (await textsOf(tag)).filter((text) => !english.includes(text) && bundleCode.includes(text));
			expect([tag, leaked]).toEqual([tag, []]);
		}
	});

	it.each(TAGS.filter((tag) => tag !== 'en'))('dist/locales/%s.json is what its ES module exports', async (tag) => {
		expect(JSON.parse(readFileSync(resolve(DIST, `locales/${tag}.json`), 'utf8'))).toEqual(await load(tag));
	});
});
