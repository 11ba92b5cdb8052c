/*
Which engine this vitest pass drives (ENGINE=chromium|firefox|webkit; vitest.config.ts runs one browser project per
engine), whether it is installed, and how to start it. Outside CI a missing engine skips its pass, loudly; under
CI=true the pass fails instead, so a CI run can never pass without having run every engine.
*/
import {existsSync} from 'node:fs';
import {CHROMIUM_PATH, launchChromium} from './engines/chromium.js';
import {FIREFOX_PATH, launchFirefox} from './engines/firefox.js';
import {ENGINE_NAMES, type EngineDriver, type EngineName} from './engines/types.js';
import {launchWebKit, webkitMissing} from './engines/webkit.js';

export type {EngineName} from './engines/types.js';

function selectedEngine(): EngineName {
	const value = process.env.ENGINE ?? 'chromium';
	if (!(ENGINE_NAMES as readonly string[]).includes(value)) {
		throw new Error(`ENGINE=${value} is not an engine of the browser suite: use one of ${ENGINE_NAMES.join(', ')} (or run \`npx vitest run --project browser-firefox\`).`);
	}

	return value as EngineName;
}

export const ENGINE: EngineName = selectedEngine();

const INSTALL_HINTS: Record<EngineName, string> = {
	chromium: 'Install it with `apt-get install -y --no-install-recommends chromium` (Debian), or set CHROMIUM_PATH to a Chromium binary.',
	firefox: 'Install it with `apt-get install -y --no-install-recommends firefox-esr` (Debian), or set FIREFOX_PATH to a Firefox binary.',
	webkit: 'Install it with `apt-get install -y --no-install-recommends webkit2gtk-driver xvfb xauth` (Debian).',
};

/** What is missing for `engine` on this machine, or undefined when it can run. */
export function engineMissing(engine: EngineName = ENGINE): string | undefined {
	switch (engine) {
		case 'chromium':
			return existsSync(CHROMIUM_PATH) ? undefined : CHROMIUM_PATH;
		case 'firefox':
			return existsSync(FIREFOX_PATH) ? undefined : FIREFOX_PATH;
		case 'webkit':
			return webkitMissing();
	}
}

const missing = engineMissing();

/** Outside CI a machine without this pass's engine skips the browser suite, loudly; in CI (CI=true) that is a failure. */
export const skipBrowserSuite = missing !== undefined && process.env.CI !== 'true';

if (skipBrowserSuite) {
	console.warn(
		[
			'',
			'#'.repeat(78),
			`# BROWSER TESTS SKIPPED IN ${ENGINE.toUpperCase()}: no ${missing}.`,
			`# ${INSTALL_HINTS[ENGINE]}`,
			'# (With CI=true a missing engine fails the run instead.)',
			'#'.repeat(78),
			'',
		].join('\n'),
	);
}

/** Starts this pass's engine; throws with the install hint when it is missing (only reached under CI=true). */
export async function launchEngine(engine: EngineName = ENGINE): Promise<EngineDriver> {
	const absent = engineMissing(engine);
	if (absent !== undefined) throw new Error(`No ${absent} for the ${engine} pass, and CI=true requires every engine to run. ${INSTALL_HINTS[engine]}`);
	switch (engine) {
		case 'chromium':
			return launchChromium();
		case 'firefox':
			return launchFirefox();
		case 'webkit':
			return launchWebKit();
	}
}
