// jsdom ships no types and @types/jsdom is not a dependency: the little of its API the bundle test uses.
declare module 'jsdom' {
	export type DOMWindow = Window & typeof globalThis;

	export class VirtualConsole {
		on(event: 'error', listener: (...args: unknown[]) => void): this;
		on(event: 'jsdomError', listener: (error: Error) => void): this;
	}

	export type Interceptor = (...args: never[]) => unknown;

	export function requestInterceptor(handler: (request: Request, context: {element: Element | null}) => Response | Promise<Response> | undefined): Interceptor;

	export interface ConstructorOptions {
		url?: string;
		runScripts?: 'dangerously' | 'outside-only';
		virtualConsole?: VirtualConsole;
		resources?: 'usable' | {interceptors?: Interceptor[]};
		beforeParse?(window: DOMWindow): void;
	}

	export class JSDOM {
		constructor(html?: string, options?: ConstructorOptions);
		readonly window: DOMWindow;
	}
}
