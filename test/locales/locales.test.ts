/*
Every shipped language is complete and written for its readers: each text and error message of English is there,
with the same placeholders, a form for every plural category the language has, and no text left in English where
the language has its own words. The list the script tag fetches from matches the files.
*/
import {readdirSync, readFileSync} from 'node:fs';
import {resolve} from 'node:path';
import {describe, expect, it} from 'vitest';
import type {LoginFormLocale} from '../../src/form/labels.js';
import en from '../../src/locales/en.js';
import {SHIPPED_LOCALES} from '../../src/script-tag/locale-files.js';

const LOCALES_DIR = resolve(import.meta.dirname, '../../src/locales');
const TAGS = readdirSync(LOCALES_DIR).map((file) => file.replace(/\.ts$/, '')).filter((tag) => tag !== 'en');
const locales = Object.fromEntries(
	await Promise.all(TAGS.map(async (tag) => [tag, ((await import(`../../src/locales/${tag}.ts`)) as {default: LoginFormLocale}).default] as const)),
);

/** PRODUCT.md, "Languages": the languages that must ship. */
const REQUIRED = 'ar cs da de en es fi fr he hu id it ja ko nb nl pl pt pt-BR ro ru sv th tr uk vi zh-CN zh-TW'.split(' ');
const RIGHT_TO_LEFT = new Set(['ar', 'he']);

/**
Texts that are the English word on purpose, because that is the word the language uses (checked by a native reading):
Italian says "Password".
*/
const SAME_AS_ENGLISH = new Set(['it:password']);

/** Every text of a locale, by a path such as `errors.ERR_NETWORK` or `retryAfter.other`. */
function texts(locale: LoginFormLocale): Map<string, string> {
	const found = new Map<string, string>();
	for (const [name, value] of Object.entries(locale.labels)) {
		if (typeof value === 'string') found.set(name, value);
		else for (const [key, text] of Object.entries(value)) found.set(`${name}.${key}`, text as string);
	}

	return found;
}

const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();
const english = texts(en);
const englishKeys = (paths: Iterable<string>) => [...paths].filter((path) => !path.startsWith('retryAfter.')).sort();

describe('shipped languages', () => {
	it('ships every language PRODUCT.md lists, each file named by its tag', () => {
		expect(['en', ...TAGS].sort()).toEqual([...REQUIRED].sort());
		for (const tag of TAGS) expect(locales[tag]!.tag).toBe(tag);
	});

	it('the script tag offers exactly the shipped languages (and the aliases rollup.config.mjs emits)', () => {
		const config = readFileSync(resolve(import.meta.dirname, '../../rollup.config.mjs'), 'utf8');
		const aliases = Object.keys(JSON.parse(/const LOCALE_ALIASES = (\{.*\});/.exec(config)![1]!.replace(/'/g, '"').replace(/([{,]\s*)([\w-]+):/g, '$1"$2":')) as object);
		expect([...SHIPPED_LOCALES].sort()).toEqual([...TAGS, ...aliases].sort());
	});

	it('marks Arabic and Hebrew right-to-left, and no other', () => {
		for (const tag of TAGS) expect([tag, locales[tag]!.dir]).toEqual([tag, RIGHT_TO_LEFT.has(tag) ? 'rtl' : undefined]);
	});

	describe.each(TAGS)('%s', (tag) => {
		const locale = locales[tag]!;
		const own = texts(locale);

		it('has every text and error message of English, and nothing else', () => {
			expect(englishKeys(own.keys())).toEqual(englishKeys(english.keys()));
			expect(Object.keys(locale.labels.errors).sort()).toEqual(Object.keys(en.labels.errors).sort());
		});

		it('keeps each placeholder of English, none dropped or renamed', () => {
			for (const [path, text] of own) {
				const source = english.get(path) ?? english.get('retryAfter.other')!;
				expect([path, placeholders(text)]).toEqual([path, placeholders(source)]);
			}
		});

		it('words "try again in {seconds} seconds" for every plural category the language has (Intl.PluralRules)', () => {
			const categories = new Intl.PluralRules(tag).resolvedOptions().pluralCategories;
			const retryAfter = locale.labels.retryAfter as Record<string, string>;
			for (const category of categories) expect([category, typeof retryAfter[category]]).toEqual([category, 'string']);
			expect(Object.keys(retryAfter).every((category) => ['zero', 'one', 'two', 'few', 'many', 'other'].includes(category))).toBe(true);
		});

		it('leaves no text in English', () => {
			for (const [path, text] of own) {
				const englishText = english.get(path) ?? english.get('retryAfter.other');
				if (!SAME_AS_ENGLISH.has(`${tag}:${path}`)) expect([path, text]).not.toEqual([path, englishText]);
				expect(text.trim()).not.toBe('');
			}
		});
	});
});
