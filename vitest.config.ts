import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
					exclude: ['test/server/**', 'test/browser/**', 'test/examples/**', 'test/package/**', 'test/**/*.node.test.{ts,tsx}'],
					environment: 'jsdom',
					setupFiles: ['test/helpers/setup-unit.ts'],
				},
			},
			{
				extends: true,
				// The server subpath, and the built package as Node sees it (npm test builds first).
				test: {name: 'server', include: ['test/server/**/*.test.ts', 'test/package/**/*.test.ts', 'test/**/*.node.test.{ts,tsx}'], environment: 'node'},
			},
			// The browser suite once per engine, one after the other (2 cores): ENGINE tells the harness which to drive.
			...(['chromium', 'firefox', 'webkit'] as const).map((engine, index) => ({
				extends: true as const,
				test: {
					name: `browser-${engine}`,
					include: ['test/browser/**/*.test.ts'],
					environment: 'node',
					env: {ENGINE: engine},
					setupFiles: ['test/browser/harness/engine-meta.ts'],
					testTimeout: 30_000,
					hookTimeout: 60_000,
					fileParallelism: false,
					// After the unit and server projects (the demo test rebuilds dist/, which unit tests read), engine by engine.
					sequence: {groupOrder: 1 + index},
				},
			})),
			{
				extends: true,
				// The example apps (examples/*), each started as its README says and driven in Chromium (one engine is
				// enough for them), after the browser passes: nothing rebuilds dist/ while they read it.
				test: {
					name: 'examples',
					include: ['test/examples/**/*.test.ts'],
					environment: 'node',
					testTimeout: 60_000,
					// The Next.js example's beforeAll runs `next build`: minutes on a loaded 2-core machine.
					hookTimeout: 600_000,
					fileParallelism: false,
					sequence: {groupOrder: 4},
				},
			},
		],
		restoreMocks: true,
		unstubGlobals: true,
	},
});
