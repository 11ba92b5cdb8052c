/*
The docs hold together: every relative link in the README, docs/ and the examples' READMEs points at a file (and a
heading) that exists, and the reference tables name exactly what the public types hold: an option, attribute, event
or error code missing on either side fails here.
*/
import {existsSync, readdirSync, readFileSync} from 'node:fs';
import {dirname, join, relative, resolve} from 'node:path';
import ts from 'typescript';
import {describe, expect, it} from 'vitest';
import {TAG_OPTIONS, attributeOf} from '../../src/script-tag/read-attributes.js';

const root = resolve(import.meta.dirname, '../..');

const markdownFiles = (): string[] => {
	const files = ['README.md', 'CHANGELOG.md'];
	for (const name of readdirSync(join(root, 'docs'))) if (name.endsWith('.md')) files.push(join('docs', name));
	if (existsSync(join(root, 'examples'))) {
		for (const example of readdirSync(join(root, 'examples'))) {
			if (existsSync(join(root, 'examples', example, 'README.md'))) files.push(join('examples', example, 'README.md'));
		}
	}
	return files;
};

/** The text outside fenced code blocks, where a `](…)` is not a link. */
const prose = (markdown: string) => markdown.replace(/^(```|~~~)[\s\S]*?^\1/gm, '');

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchorsOf(markdown: string): Set<string> {
	const anchors = new Set<string>();
	const seen = new Map<string, number>();
	for (const [, heading] of prose(markdown).matchAll(/^#{1,6}\s+(.+?)\s*#*$/gm)) {
		const slug = heading!
			.toLowerCase()
			.replace(/<[^>]+>/g, '')
			.replace(/[^\p{L}\p{N}\s_-]/gu, '')
			.replace(/\s/g, '-');
		const count = seen.get(slug) ?? 0;
		seen.set(slug, count + 1);
		anchors.add(count === 0 ? slug : `${slug}-${count}`);
	}
	return anchors;
}

describe('links in the README and docs/', () => {
	for (const file of markdownFiles()) {
		it(`${file}: every relative link points at a file and heading that exist`, () => {
			const text = readFileSync(join(root, file), 'utf8');
			const broken: string[] = [];
			for (const [, target] of prose(text).matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
				if (/^[a-z][a-z+.-]*:/i.test(target!)) continue; // https:, mailto:
				const [path, fragment] = target!.split('#') as [string, string | undefined];
				const destination = path ? resolve(dirname(join(root, file)), decodeURI(path)) : join(root, file);
				if (!existsSync(destination)) {
					broken.push(`${target} (no ${relative(root, destination)})`);
					continue;
				}
				if (fragment && destination.endsWith('.md') && !anchorsOf(readFileSync(destination, 'utf8')).has(fragment)) {
					broken.push(`${target} (no heading #${fragment} in ${relative(root, destination)})`);
				}
			}
			expect(broken).toEqual([]);
		});
	}
});

describe('recipes in docs/ are the tested files they name', () => {
	for (const file of markdownFiles()) {
		const text = readFileSync(join(root, file), 'utf8');
		for (const [, path, code] of text.matchAll(/<!-- recipe: (\S+) -->\n```\w*\n([\s\S]*?)```/g)) {
			it(`${file}: the block marked ${path} is that file, word for word`, () => {
				expect(code).toBe(readFileSync(join(root, path!), 'utf8'));
			});
		}
	}
});

describe('excerpts in docs/ appear word for word in the example they name', () => {
	for (const file of markdownFiles()) {
		const text = readFileSync(join(root, file), 'utf8');
		for (const [, path, code] of text.matchAll(/<!-- excerpt: (\S+) -->\n```\w*\n([\s\S]*?)```/g)) {
			it(`${file}: the block marked ${path} is a part of that file`, () => {
				expect(code!.trim().length).toBeGreaterThan(0);
				expect(readFileSync(join(root, path!), 'utf8')).toContain(code);
			});
		}
	}

	it('every marked block is followed by its code block', () => {
		const unmatched = markdownFiles().flatMap((file) =>
			[...readFileSync(join(root, file), 'utf8').matchAll(/<!-- (recipe|excerpt): (\S+) -->\n(?!```)/g)].map((match) => `${file}: ${match[2]}`),
		);
		expect(unmatched).toEqual([]);
	});
});

/** Every name in backticks in the first cell of the rows of the first table under `heading` in `file`. */
function documentedNames(file: string, heading: string): string[] {
	const text = prose(readFileSync(join(root, file), 'utf8'));
	const start = text.search(new RegExp(`^#{2,4} ${heading.replace(/[.*+?^${}()|[\]\\`]/g, '\\$&')}\\s*$`, 'm'));
	if (start === -1) throw new Error(`${file} has no heading "${heading}"`);
	const section = text.slice(start).split('\n').slice(1);
	const rows: string[] = [];
	let inTable = false;
	for (const line of section) {
		if (/^#{1,4} /.test(line)) break;
		if (line.startsWith('|')) {
			inTable = true;
			rows.push(line);
		} else if (inTable) break;
	}
	return rows.slice(2).flatMap((row) => [...(row.split('|')[1] ?? '').matchAll(/`([^`]+)`/g)].map((match) => match[1]!));
}

const program = ts.createProgram([join(root, 'src/index.ts'), join(root, 'src/server.ts')], {strict: true, noEmit: true});
const checker = program.getTypeChecker();

function exportedType(entry: string, name: string): ts.Type {
	const source = program.getSourceFile(join(root, entry));
	const moduleSymbol = source && checker.getSymbolAtLocation(source);
	const symbol = moduleSymbol && checker.getExportsOfModule(moduleSymbol).find((candidate) => candidate.name === name);
	if (!symbol) throw new Error(`${entry} exports no ${name}`);
	const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
	return checker.getDeclaredTypeOfSymbol(target);
}

const propertiesOf = (entry: string, name: string) =>
	checker.getPropertiesOfType(exportedType(entry, name)).map((property) => property.name);

const membersOf = (entry: string, name: string) => {
	const type = exportedType(entry, name);
	return (type.isUnion() ? type.types : [type]).map((member) => String((member as ts.StringLiteralType).value));
};

const sorted = (names: Iterable<string>) => [...new Set(names)].sort();

describe('the reference names exactly what the public types hold', () => {
	it('docs/api.md "Options" lists every MessagingAuthOptions property, and nothing else', () => {
		expect(sorted(documentedNames('docs/api.md', 'Options'))).toEqual(sorted(propertiesOf('src/index.ts', 'MessagingAuthOptions')));
	});

	it('docs/api.md "Events" lists every event, and nothing else', () => {
		expect(sorted(documentedNames('docs/api.md', 'Events'))).toEqual(sorted(propertiesOf('src/index.ts', 'MessagingAuthEvents')));
	});

	it('docs/api.md "Errors" lists every MessagingAuthErrorCode, and nothing else', () => {
		expect(sorted(documentedNames('docs/api.md', 'Errors'))).toEqual(sorted(membersOf('src/index.ts', 'MessagingAuthErrorCode')));
	});

	it('docs/api.md "API" lists every member of MessagingAuth, and nothing else', () => {
		const documented = documentedNames('docs/api.md', 'API').map((name) => name.replace(/\(.*$/, ''));
		expect(sorted(documented)).toEqual(sorted(propertiesOf('src/index.ts', 'MessagingAuth')));
	});

	it('docs/login-form.md "Form options" lists every LoginFormOptions property, and nothing else', () => {
		expect(sorted(documentedNames('docs/login-form.md', 'Form options'))).toEqual(sorted(propertiesOf('src/index.ts', 'LoginFormOptions')));
	});

	it('docs/script-tag.md lists every data-* attribute the script tag reads, and nothing else', () => {
		const source = readdirSync(join(root, 'src/script-tag'))
			.map((name) => readFileSync(join(root, 'src/script-tag', name), 'utf8'))
			.join('\n');
		// Options map to attributes by name; the form's own attributes are read through the dataset by camel-cased name.
		const formAttributes = [...source.matchAll(/data\[['"]([a-zA-Z]+)['"]\]/g)].map((match) => attributeOf(match[1]!));
		const read = sorted([...TAG_OPTIONS.map(attributeOf), ...formAttributes]);
		expect(sorted(documentedNames('docs/script-tag.md', 'Attributes'))).toEqual(read);
	});

	it('docs/server.md names every option of the server subpath and every MessagingServerErrorCode', () => {
		const pages = ['docs/server.md', 'docs/site-login.md'].map((file) => readFileSync(join(root, file), 'utf8')).join('\n');
		const options = [
			'SignMessagingJwtInput',
			'TokenHandlerOptions',
			'RefreshHandlerOptions',
			'LogoutHandlerOptions',
			'JwtHandlerOptions',
			'SessionCookieOptions',
		].flatMap((name) => propertiesOf('src/server.ts', name));
		const undocumented = sorted(options).filter((option) => !pages.includes(`\`${option}\``) && !new RegExp(`\`${option}[?(:]`).test(pages));
		expect(undocumented).toEqual([]);
		expect(sorted(documentedNames('docs/server.md', 'Errors'))).toEqual(sorted(membersOf('src/server.ts', 'MessagingServerErrorCode')));
	});
});
