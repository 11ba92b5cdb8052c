/*
Each example app carries its own copy of the messenger stand-in (an app must work when copied out alone). The copies
are one file: a fix made in one reaches the others.
*/
import {readFile} from 'node:fs/promises';
import {expect, test} from 'vitest';
import {exampleDir} from './harness.js';

test('the three example apps ship the same messenger stand-in', async () => {
	const [first, ...others] = await Promise.all(
		['express-script-tag', 'express-session', 'nextjs'].map((name) => readFile(`${exampleDir(name)}public/messenger-stand-in.js`, 'utf8')),
	);
	for (const other of others) expect(other).toBe(first);
});
