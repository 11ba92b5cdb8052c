/*
What the browser suite needs from a browser engine, and nothing more: a profile (fresh cookies and storage), pages
in it, script evaluation and native input. Each engine file (chromium.ts, firefox.ts, webkit.ts) implements this
with its own driver; everything else in the harness is written once on top of it (page.ts).
*/

export type EngineName = 'chromium' | 'firefox' | 'webkit';
export const ENGINE_NAMES: readonly EngineName[] = ['chromium', 'firefox', 'webkit'];

export interface BrowserCookie {
	name: string;
	value: string;
	httpOnly: boolean;
}

/** One tab or window. `expression` is JavaScript source whose value (awaited if a promise) must be JSON-able. */
export interface PageDriver {
	goto(url: string): Promise<void>;
	reload(): Promise<void>;
	url(): Promise<string>;
	evaluate(expression: string): Promise<unknown>;
	/** Replaces the value of the one element matching `selector` by typing, as a visitor would. */
	fill(selector: string, value: string): Promise<void>;
	click(selector: string): Promise<void>;
	close(): Promise<void>;
	/**
	What the browser itself printed as errors in this page's console since it was opened, where the driver can read
	that (Chromium's CDP, Firefox's WebDriver BiDi): "Failed to load resource: … 401" is the browser's line, not a
	console.error of the page, so pages/recorder.js cannot see it. WebKit's driver reads no console.
	*/
	browserConsoleErrors?(): string[];
	/** The JS heap in use after forced garbage collections, where the driver can force them (Chromium's CDP). */
	usedHeapAfterGc?(): Promise<number>;
}

/** An isolated profile: pages of one profile share cookies, storage, BroadcastChannel and Web Locks. */
export interface ProfileDriver {
	newPage(): Promise<PageDriver>;
	cookies(): Promise<BrowserCookie[]>;
	close(): Promise<void>;
}

export interface EngineDriver {
	readonly name: EngineName;
	/** Such as "Chromium 156.0.8078.114". */
	readonly version: string;
	newProfile(): Promise<ProfileDriver>;
	close(): Promise<void>;
}

/** How long a driver command may take before the test fails with the command's name rather than hanging. */
export const COMMAND_TIMEOUT_MS = 120_000;
