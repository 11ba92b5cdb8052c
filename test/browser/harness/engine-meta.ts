/*
A setup file of the browser projects: tags every test of the file with this pass's engine (task.meta.engine), so
that vitest's JSON report can be counted per engine (.ci/run), skipped tests included.
*/
import {beforeAll} from 'vitest';
import {ENGINE, type EngineName} from './engine.js';

declare module 'vitest' {
	interface TaskMeta {
		engine?: EngineName;
	}
}

interface TaskTree {
	meta: {engine?: EngineName};
	tasks?: TaskTree[];
}

const tag = (task: TaskTree): void => {
	task.meta.engine = ENGINE;
	for (const child of task.tasks ?? []) tag(child);
};

beforeAll(({}, suite) => tag(suite as unknown as TaskTree));
