/*
Bundles app.js as an app's bundler would: React from node_modules (CommonJS, so @rollup/plugin-commonjs), NODE_ENV
replaced, and `zendesk-messaging-auth` / `zendesk-messaging-auth/react` resolved through the package's own exports
map to the built dist/ files, never to src/.
*/
import commonjs from '@rollup/plugin-commonjs';
import nodeResolve from '@rollup/plugin-node-resolve';
import replace from '@rollup/plugin-replace';
import {readFileSync} from 'node:fs';
import {resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {rollup, type Plugin} from 'rollup';

const ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const APP = fileURLToPath(new URL('app.js', import.meta.url));

interface Manifest {
	name: string;
	exports: Record<string, string | {types?: string; default: string}>;
}

/** The package imported by its name, as an installed dependency would be: through `exports`. */
function builtPackage(): Plugin {
	const manifest = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as Manifest;
	return {
		name: 'built-package',
		resolveId(source) {
			if (source !== manifest.name && !source.startsWith(`${manifest.name}/`)) return null;
			const subpath = `.${source.slice(manifest.name.length)}`;
			const entry = manifest.exports[subpath];
			if (entry === undefined) throw new Error(`package.json has no exports["${subpath}"] for "${source}".`);
			return resolve(ROOT, typeof entry === 'string' ? entry : entry.default);
		},
	};
}

/** The app as one classic script (an IIFE); `mode` picks React's build, development by default (StrictMode checks). */
export async function bundleReactApp(mode: 'development' | 'production' = 'development'): Promise<string> {
	const bundle = await rollup({
		input: APP,
		plugins: [
			builtPackage(),
			replace({preventAssignment: true, values: {'process.env.NODE_ENV': JSON.stringify(mode)}}),
			nodeResolve({browser: true}),
			commonjs(),
		],
		onwarn(warning, warn) {
			// dist/react.js starts with 'use client', which a bundle has no use for.
			if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
		},
	});
	try {
		const {output} = await bundle.generate({format: 'iife'});
		return output[0].code;
	} finally {
		await bundle.close();
	}
}
