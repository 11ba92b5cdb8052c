/*
A page of the browser suite, the same in every engine: evaluate, bounded waits, native fill and click through
locators found by role, label and text (as assistive technology finds them), the fake clock (harness/fake-clock.js)
and the page's own records. Built on the few commands each engine driver has (engines/types.ts); the rest runs in
the page as plain JavaScript, so a scenario is written once.
*/
import type {EngineName, PageDriver} from './engines/types.js';

/** The longest a test waits for something that should happen promptly. */
export const WAIT_MS = 5000;
/** How often a wait looks again. */
const POLL_MS = 20;

const literal = (value: unknown) => (value === undefined ? 'undefined' : JSON.stringify(value));

/** A call of `fn(arg)` as source text: `fn` must be self-contained (the drivers send its text, not its closure). */
const call = (fn: (...args: never[]) => unknown, ...args: unknown[]) => `(${fn.toString()})(${args.map(literal).join(', ')})`;

export class TimeoutError extends Error {
	override name = 'TimeoutError';
}

export interface WaitOptions {
	timeout?: number;
	polling?: number;
}

/** A step of a locator, resolved in the page by `resolveInPage`. */
type Step =
	| {kind: 'css'; selector: string}
	| {kind: 'role'; role: string; name?: string; exact: boolean}
	| {kind: 'label'; text: string; exact: boolean}
	| {kind: 'text'; text: string; exact: boolean}
	| {kind: 'has-text'; text: string; regex?: {source: string; flags: string}}
	| {kind: 'first'};

/**
Runs in the page: the elements the steps find, in document order. Implicit roles and accessible names are those of
the markup this suite renders (forms with a name, buttons, inputs, labels, role attributes), not all of ARIA.
*/
function resolveInPage(steps: Step[]): Element[] {
	const normalise = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();
	const matches = (actual: string, wanted: string, exact: boolean) =>
		exact ? normalise(actual) === wanted : normalise(actual).toLowerCase().includes(wanted.toLowerCase());
	const byIds = (ids: string | null) =>
		(ids ?? '')
			.split(/\s+/)
			.filter(Boolean)
			.map((id) => normalise(document.getElementById(id)?.textContent))
			.join(' ');
	const labelsOf = (element: Element): string[] => {
		const labels: string[] = [];
		const labelledBy = byIds(element.getAttribute('aria-labelledby'));
		if (labelledBy) labels.push(labelledBy);
		const ariaLabel = element.getAttribute('aria-label');
		if (ariaLabel) labels.push(ariaLabel);
		if ('labels' in element && (element as HTMLInputElement).labels) {
			for (const label of (element as HTMLInputElement).labels!) labels.push(normalise(label.textContent));
		}

		return labels;
	};
	const roleOf = (element: Element): string | undefined => {
		const explicit = element.getAttribute('role');
		if (explicit) return explicit.split(/\s+/)[0];
		const tag = element.tagName.toLowerCase();
		if (tag === 'button') return 'button';
		if (tag === 'input') {
			const type = (element as HTMLInputElement).type;
			if (['submit', 'button', 'reset', 'image'].includes(type)) return 'button';
			if (type === 'checkbox') return 'checkbox';
			if (['text', 'email', 'tel', 'url', 'search', ''].includes(type)) return 'textbox';
			return undefined;
		}

		if (tag === 'form') return labelsOf(element).length > 0 ? 'form' : undefined;
		if (tag === 'a' && element.hasAttribute('href')) return 'link';
		if (/^h[1-6]$/.test(tag)) return 'heading';
		if (tag === 'textarea') return 'textbox';
		if (tag === 'output') return 'status';
		return undefined;
	};
	const nameOf = (element: Element): string => {
		const labels = labelsOf(element);
		if (labels.length > 0) return labels[0]!;
		if (element instanceof HTMLInputElement && ['submit', 'button', 'reset'].includes(element.type)) return element.value;
		return normalise(element.textContent);
	};
	const descendants = (root: Document | Element) => [...root.querySelectorAll('*')];

	let scope: Array<Document | Element> = [document];
	for (const step of steps) {
		if (step.kind === 'first') {
			scope = scope.slice(0, 1);
			continue;
		}

		const found = new Set<Element>();
		for (const root of scope) {
			if (step.kind === 'has-text') {
				if (!(root instanceof Element)) continue;
				const text = normalise(root.textContent);
				const hit = step.regex ? new RegExp(step.regex.source, step.regex.flags).test(text) : text.toLowerCase().includes(step.text.toLowerCase());
				if (hit) found.add(root);
				continue;
			}

			const candidates = step.kind === 'css' ? [...root.querySelectorAll(step.selector)] : descendants(root);
			for (const element of candidates) {
				if (step.kind === 'css') found.add(element);
				else if (step.kind === 'role') {
					if (roleOf(element) === step.role && (step.name === undefined || matches(nameOf(element), step.name, step.exact))) found.add(element);
				} else if (step.kind === 'label') {
					if (labelsOf(element).some((label) => matches(label, step.text, step.exact))) found.add(element);
				} else if (!['SCRIPT', 'STYLE', 'HEAD', 'HTML', 'BODY'].includes(element.tagName) && matches(element.textContent ?? '', step.text, step.exact)) {
					// The innermost element holding the text, as a reader sees it.
					const inner = [...element.children].some((child) => matches(child.textContent ?? '', step.text, step.exact));
					if (!inner) found.add(element);
				}
			}
		}

		scope = [...found].sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
	}

	return scope.filter((node): node is Element => node instanceof Element);
}

/** The in-page reader: resolves the steps and answers `read` about the single element (or counts them). */
const READ_IN_PAGE = `(function (input) {
	var elements = (${resolveInPage.toString()})(input.steps);
	if (input.read === 'count') return {count: elements.length};
	if (elements.length !== 1) return {count: elements.length};
	var element = elements[0];
	var style = getComputedStyle(element);
	var visible = element.isConnected && element.getClientRects().length > 0 && style.visibility !== 'hidden';
	var enabled = !element.disabled && !element.closest('fieldset[disabled]');
	if (input.read === 'state') return {count: 1, visible: visible, enabled: enabled};
	if (input.read === 'text') return {count: 1, value: element.textContent};
	if (input.read === 'value') return {count: 1, value: element.value};
	if (input.read === 'attribute') return {count: 1, value: element.getAttribute(input.attribute)};
	if (input.read === 'tag') {
		if (!visible || !enabled) return {count: 1, visible: visible, enabled: enabled};
		element.setAttribute('data-harness-target', String(input.tagId));
		return {count: 1, visible: true, enabled: true};
	}
	return {count: elements.length};
})`;

interface ReadResult {
	count: number;
	visible?: boolean;
	enabled?: boolean;
	value?: string | null;
}

let nextTagId = 0;

export type ElementState = 'visible' | 'hidden' | 'attached' | 'detached';

/** Elements found by role, label, text or CSS, resolved anew on every use (as Playwright's locators are). */
export class Locator {
	constructor(
		private readonly page: Page,
		private readonly steps: readonly Step[],
		private readonly description: string,
	) {}

	locator(selector: string): Locator {
		return this.#then({kind: 'css', selector}, `locator(${literal(selector)})`);
	}

	getByRole(role: string, {name, exact = false}: {name?: string; exact?: boolean} = {}): Locator {
		return this.#then({kind: 'role', role, ...(name === undefined ? {} : {name}), exact}, `getByRole(${literal(role)}${name === undefined ? '' : `, ${literal(name)}`})`);
	}

	getByLabel(text: string, {exact = false}: {exact?: boolean} = {}): Locator {
		return this.#then({kind: 'label', text, exact}, `getByLabel(${literal(text)})`);
	}

	getByText(text: string, {exact = false}: {exact?: boolean} = {}): Locator {
		return this.#then({kind: 'text', text, exact}, `getByText(${literal(text)})`);
	}

	filter({hasText}: {hasText: string | RegExp}): Locator {
		const step: Step =
			typeof hasText === 'string' ? {kind: 'has-text', text: hasText} : {kind: 'has-text', text: hasText.source, regex: {source: hasText.source, flags: hasText.flags}};
		return this.#then(step, `filter({hasText: ${String(hasText)}})`);
	}

	first(): Locator {
		return this.#then({kind: 'first'}, 'first()');
	}

	async count(): Promise<number> {
		return (await this.#read('count')).count;
	}

	/** Waits until the (single) element is in `state`; a timeout fails with the locator's description. */
	async waitFor({state = 'visible', timeout = WAIT_MS}: {state?: ElementState; timeout?: number} = {}): Promise<void> {
		await this.page.poll(
			async () => {
				const result = await this.#read('state');
				switch (state) {
					case 'attached':
						return result.count >= 1;
					case 'detached':
						return result.count === 0;
					case 'visible':
						return result.count === 1 && result.visible === true;
					case 'hidden':
						return result.count === 0 || (result.count === 1 && result.visible === false);
				}
			},
			{timeout},
			() => `${this.description} to be ${state}`,
		);
	}

	async textContent(): Promise<string | null> {
		return (await this.#single('text')).value ?? null;
	}

	async inputValue(): Promise<string> {
		return (await this.#single('value')).value ?? '';
	}

	async getAttribute(name: string): Promise<string | null> {
		return (await this.#single('attribute', name)).value ?? null;
	}

	async isEnabled(): Promise<boolean> {
		return (await this.#single('state')).enabled === true;
	}

	async isDisabled(): Promise<boolean> {
		return !(await this.isEnabled());
	}

	async isVisible(): Promise<boolean> {
		const result = await this.#read('state');
		return result.count === 1 && result.visible === true;
	}

	/** `fn(element, arg)` in the page, on the single element. */
	async evaluate<Result, Arg = undefined>(fn: (element: Element, arg: Arg) => Result, arg?: Arg): Promise<Awaited<Result>> {
		const tagId = await this.#tag(false);
		try {
			return (await this.page.evaluateSource(
				`(${fn.toString()})(document.querySelector('[data-harness-target="${tagId}"]'), ${literal(arg)})`,
			)) as Awaited<Result>;
		} finally {
			await this.#untag(tagId);
		}
	}

	/** Types `value` into the element once it is visible and enabled, replacing what it held. */
	async fill(value: string): Promise<void> {
		const tagId = await this.#tag(true);
		try {
			await this.page.driver.fill(`[data-harness-target="${tagId}"]`, value);
		} finally {
			await this.#untag(tagId);
		}
	}

	async click(): Promise<void> {
		const tagId = await this.#tag(true);
		try {
			await this.page.driver.click(`[data-harness-target="${tagId}"]`);
		} finally {
			await this.#untag(tagId);
		}
	}

	toString(): string {
		return this.description;
	}

	#then(step: Step, description: string): Locator {
		return new Locator(this.page, [...this.steps, step], `${this.description}.${description}`);
	}

	#read(read: 'count' | 'state' | 'text' | 'value' | 'attribute' | 'tag', attribute?: string, tagId?: number): Promise<ReadResult> {
		return this.page.evaluateSource(`${READ_IN_PAGE}(${literal({steps: this.steps, read, attribute, tagId})})`) as Promise<ReadResult>;
	}

	async #single(read: 'text' | 'value' | 'attribute' | 'state', attribute?: string): Promise<ReadResult> {
		const result = await this.#read(read, attribute);
		if (result.count !== 1) throw new Error(`${this.description} matches ${result.count} elements; one was expected.`);
		return result;
	}

	/** Marks the single element (waiting, when `actionable`, until it is visible and enabled) so the driver can find it by CSS. */
	async #tag(actionable: boolean): Promise<number> {
		const tagId = ++nextTagId;
		let last: ReadResult = {count: 0};
		await this.page.poll(
			async () => {
				last = await this.#read('tag', undefined, tagId);
				return last.count === 1 && (!actionable || (last.visible === true && last.enabled === true));
			},
			{timeout: WAIT_MS},
			() => `${this.description} to be ${actionable ? 'visible and enabled' : 'there'} (found ${last.count}${last.count === 1 ? `, visible=${last.visible}, enabled=${last.enabled}` : ''})`,
		);
		return tagId;
	}

	async #untag(tagId: number): Promise<void> {
		await this.page
			.evaluateSource(`(function () { var element = document.querySelector('[data-harness-target="${tagId}"]'); if (element) element.removeAttribute('data-harness-target'); })()`)
			// The action may have navigated the page away.
			.catch(() => undefined);
	}
}

/** The fake clock of the page (harness/fake-clock.js), where the profile installed one. */
export interface PageClock {
	/** Jumps forward: Date and timers move on, due timers fire once (a laptop lid closed for `ms`). */
	fastForward(ms: number): Promise<void>;
	/** Moves only Date (the wall clock) forward by `ms`: no timer runs. */
	jumpWallClock(ms: number): Promise<void>;
}

export class Page {
	readonly clock: PageClock;

	constructor(
		readonly engine: EngineName,
		readonly driver: PageDriver,
	) {
		this.clock = {
			fastForward: async (ms) => {
				await this.evaluateSource(`window.__fakeClock.fastForward(${ms})`);
			},
			jumpWallClock: async (ms) => {
				await this.evaluateSource(`window.__fakeClock.jumpWallClock(${ms})`);
			},
		};
	}

	/** Runs `fn(arg)` in the page and returns its (awaited, JSON-able) result. `fn` must be self-contained. */
	evaluate<Result>(fn: () => Result): Promise<Awaited<Result>>;
	evaluate<Result, Arg>(fn: (arg: Arg) => Result, arg: Arg): Promise<Awaited<Result>>;
	evaluate<Result, Arg>(fn: (arg: Arg) => Result, arg?: Arg): Promise<Awaited<Result>> {
		return this.evaluateSource(call(fn as (...args: never[]) => unknown, arg)) as Promise<Awaited<Result>>;
	}

	evaluateSource(expression: string): Promise<unknown> {
		return this.driver.evaluate(expression);
	}

	/** Polls `fn(arg)` in the page until it returns something truthy, and returns that; fails after `timeout`. */
	async waitForFunction<Result, Arg>(fn: (arg: Arg) => Result, arg?: Arg, {timeout = WAIT_MS, polling = POLL_MS}: WaitOptions = {}): Promise<Awaited<Result>> {
		let value: Awaited<Result> | undefined;
		await this.poll(
			async () => {
				value = await this.evaluate(fn, arg as Arg);
				return Boolean(value);
			},
			{timeout, polling},
			() => `${fn.toString().slice(0, 200)} to be truthy`,
		);
		return value!;
	}

	/** Polls `check` (in Node) until it is true; fails after `timeout` saying what it waited for. */
	async poll(check: () => Promise<boolean>, {timeout = WAIT_MS, polling = POLL_MS}: WaitOptions, what: () => string): Promise<void> {
		const deadline = Date.now() + timeout;
		for (;;) {
			if (await check()) return;
			if (Date.now() >= deadline) throw new TimeoutError(`${this.engine}: waited ${timeout} ms for ${what()}`);
			await new Promise((resolve) => setTimeout(resolve, polling));
		}
	}

	waitForTimeout(ms: number): Promise<void> {
		return new Promise((resolve) => setTimeout(resolve, ms));
	}

	goto(url: string): Promise<void> {
		return this.driver.goto(url);
	}

	/**
	Goes back in the tab's history (as the Back button does: a script's history.back(), the same in every driver) and
	waits until the previous page shows, complete, at `url`: either restored from the back/forward cache (no load event
	then) or loaded anew.
	*/
	async goBack(url: string): Promise<void> {
		// A task later, so the script has returned before the navigation starts: a driver that waits for the navigation a
		// script began would wait for a load event, and a page back from the cache fires none.
		await this.evaluateSource('void setTimeout(function () { history.back(); }, 0)');
		await this.poll(
			async () => {
				try {
					// The document's own URL: puppeteer's page.url() misses a return from Firefox's cache (no navigation event).
					return (await this.evaluateSource("location.href + ' ' + document.readyState")) === `${url} complete`;
				} catch {
					// Mid-navigation: the old document is gone, the new one not there yet.
					return false;
				}
			},
			{timeout: WAIT_MS},
			() => `the tab to show ${url} again after history.back()`,
		);
	}

	/** What the browser printed as errors in this page's console (undefined where the driver cannot read it: WebKit). */
	browserConsoleErrors(): string[] | undefined {
		return this.driver.browserConsoleErrors?.();
	}

	/** Reloads and waits for the load event. */
	reload(): Promise<void> {
		return this.driver.reload();
	}

	url(): Promise<string> {
		return this.driver.url();
	}

	close(): Promise<void> {
		return this.driver.close();
	}

	/** Adds a classic script by URL and waits for it to run. */
	async addScriptTag({url}: {url: string}): Promise<void> {
		await this.evaluate(
			(src) =>
				new Promise<true>((resolve, reject) => {
					const script = document.createElement('script');
					script.src = src;
					script.addEventListener('load', () => resolve(true));
					script.addEventListener('error', () => reject(new Error(`${src} did not load`)));
					document.head.append(script);
				}),
			url,
		);
	}

	locator(selector: string): Locator {
		return new Locator(this, [{kind: 'css', selector}], `locator(${literal(selector)})`);
	}

	getByRole(role: string, options?: {name?: string; exact?: boolean}): Locator {
		return new Locator(this, [], 'page').getByRole(role, options);
	}

	getByLabel(text: string, options?: {exact?: boolean}): Locator {
		return new Locator(this, [], 'page').getByLabel(text, options);
	}

	getByText(text: string, options?: {exact?: boolean}): Locator {
		return new Locator(this, [], 'page').getByText(text, options);
	}
}
