import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		projects: [
			{
				extends: true,
				test: {name: 'unit', include: ['test/**/*.test.ts'], exclude: ['test/server/**', 'test/browser/**'], environment: 'jsdom'},
			},
			{
				extends: true,
				test: {name: 'server', include: ['test/server/**/*.test.ts'], environment: 'node'},
			},
		],
		restoreMocks: true,
		unstubGlobals: true,
	},
});
