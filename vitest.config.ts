import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
					exclude: ['test/server/**', 'test/browser/**', 'test/package/**', 'test/react/**/*.node.test.tsx'],
					environment: 'jsdom',
					setupFiles: ['test/helpers/setup-unit.ts'],
				},
			},
			{
				extends: true,
				// The server subpath, and the built package as Node sees it (npm test builds first).
				test: {name: 'server', include: ['test/server/**/*.test.ts', 'test/package/**/*.test.ts', 'test/react/**/*.node.test.tsx'], environment: 'node'},
			},
			{
				// Real Chromium against the built dist/ files (npm test builds first).
				extends: true,
				test: {
					name: 'browser',
					include: ['test/browser/**/*.test.ts'],
					environment: 'node',
					testTimeout: 30_000,
					hookTimeout: 60_000,
					fileParallelism: false,
					// After the unit and server projects: the demo test rebuilds dist/, which unit tests read.
					sequence: {groupOrder: 1},
				},
			},
		],
		restoreMocks: true,
		unstubGlobals: true,
	},
});
