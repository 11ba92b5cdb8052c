import {afterEach, beforeEach} from 'vitest';
import {installWebLocks} from './web-locks.js';

// Browsers the SDK targets have Web Locks; jsdom does not. Each test gets a fresh, empty lock manager.
let uninstall: () => void;
beforeEach(() => {
	uninstall = installWebLocks();
});
afterEach(() => uninstall());
