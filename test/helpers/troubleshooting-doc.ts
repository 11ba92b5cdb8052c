/*
Reads the console lines docs/troubleshooting.md quotes, for the tests that check each one is really written
(test/docs/troubleshooting.test.ts in jsdom, test/browser/debug-log.test.ts in three engines).
*/
import {readFileSync} from 'node:fs';

export interface DocSection {
	title: string;
	lines: string[];
}

/** The page's sections (the text before the first heading is "Introduction"), each with its quoted console lines. */
export function troubleshootingSections(text = readFileSync('docs/troubleshooting.md', 'utf8')): DocSection[] {
	return text.split(/^## /m).map((part, index) => ({
		title: index === 0 ? 'Introduction' : part.slice(0, part.indexOf('\n')).trim(),
		lines: [...part.matchAll(/^```console\n([\s\S]*?)^```/gm)].flatMap((block) => block[1]!.split('\n').filter(Boolean)),
	}));
}

/** The pattern a quoted line stands for. */
export function quotedLinePattern(line: string): RegExp {
	const prefix = line.endsWith('…');
	const escaped = (prefix ? line.slice(0, -1) : line)
		.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
		.replace(/https:\/\/api\\\.example\\\.com/g, 'https?://[^/\\s]+')
		.replace(/\d+/g, '-?\\d+');
	return new RegExp(`^${escaped}${prefix ? '' : '$'}`);
}
