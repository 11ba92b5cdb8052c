#!/usr/bin/env node
/*
Bundles the demo's React page (demo/react/app.js) from the built package, as an app's bundler would: React from
node_modules (CommonJS, so @rollup/plugin-commonjs, NODE_ENV replaced; the development build, so that StrictMode's
double effects really run), and `zendesk-messaging-auth/react` resolved through package.json's exports to dist/.
Writes demo/public/react-app.js (not committed; `npm run demo` makes it after the build).
*/
import commonjs from '@rollup/plugin-commonjs';
import nodeResolve from '@rollup/plugin-node-resolve';
import replace from '@rollup/plugin-replace';
import {existsSync, readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {rollup} from 'rollup';

const root = (path) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
const manifest = JSON.parse(readFileSync(root('package.json'), 'utf8'));

for (const subpath of ['.', './react']) {
	const file = root(manifest.exports[subpath].default);
	if (!existsSync(file)) {
		console.error(`${file} is missing: build the package first (npm run build; npm run demo does both).`);
		process.exit(1);
	}
}

/** `zendesk-messaging-auth` and its subpaths, through the exports map, as an installed dependency resolves. */
const builtPackage = {
	name: 'built-package',
	resolveId(source) {
		if (source !== manifest.name && !source.startsWith(`${manifest.name}/`)) return null;
		const entry = manifest.exports[`.${source.slice(manifest.name.length)}`];
		return entry === undefined ? null : root(typeof entry === 'string' ? entry : entry.default);
	},
};

const bundle = await rollup({
	input: root('demo/react/app.js'),
	plugins: [builtPackage, replace({preventAssignment: true, values: {'process.env.NODE_ENV': JSON.stringify('development')}}), nodeResolve({browser: true}), commonjs()],
	onwarn(warning, warn) {
		// dist/react.js starts with 'use client' (for the Next.js App Router); a bundle has no use for it.
		if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
	},
});
await bundle.write({file: root('demo/public/react-app.js'), format: 'iife', sourcemap: false});
await bundle.close();
console.log('demo/public/react-app.js: the React page, bundled from dist/.');
