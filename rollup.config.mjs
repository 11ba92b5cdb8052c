import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';

// The ES module and the server subpath: dependencies stay external, declarations are emitted beside them.
const modules = {
	input: {index: 'src/index.ts', server: 'src/server.ts'},
	output: {dir: 'dist', format: 'es', sourcemap: true, entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js'},
	external: ['ky', 'jose', /^node:/],
	plugins: [typescript({tsconfig: './tsconfig.build.json'})],
};

// The script-tag bundle: everything inlined, one global.
const scriptTag = {
	input: 'src/script-tag.ts',
	output: {
		file: 'dist/zendesk-messaging-auth.iife.min.js',
		format: 'iife',
		name: 'ZendeskMessagingAuth',
		sourcemap: true,
		plugins: [terser({format: {comments: false}, compress: {passes: 2}})],
	},
	plugins: [
		nodeResolve({browser: true}),
		typescript({tsconfig: './tsconfig.build.json', declaration: false, declarationDir: undefined, outDir: 'dist', sourceMap: true}),
	],
};

export default [modules, scriptTag];
