import {afterEach, beforeEach} from 'vitest';
import {installWebLocks} from './web-locks.js';

// Browsers the SDK targets have Web Locks; jsdom does not. Each test gets a fresh, empty lock manager,
// and empty storage: the widget's signed-in marker (and the stand-in's user) must not leak from one test to the next.
let uninstall: () => void;
beforeEach(() => {
	uninstall = installWebLocks();
	globalThis.localStorage?.clear();
});
afterEach(() => {
	uninstall();
	globalThis.localStorage?.clear();
});
