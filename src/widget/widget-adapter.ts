import {MessagingAuthError} from '../errors/messaging-auth-error.js';
import {injectSnippet} from './zendesk-snippet.js';

/** `zE` as the messaging Web Widget defines it: `zE(namespace, method, ...args)`. */
type ZendeskApi = (namespace: string, method: string, ...args: unknown[]) => unknown;

/** What the widget's `loginCallback` receives on failure (string properties, per Zendesk's docs). */
interface LoginFailedError {
	message?: unknown;
	reason?: unknown;
	type?: unknown;
}

export type WidgetStatus = 'waiting' | 'ready' | 'unavailable';
export type WidgetLogin = 'signed-out' | 'pending' | 'signed-in' | 'failed';

export interface WidgetAdapterOptions {
	widgetKey: string | undefined;
	nonce: string | undefined;
	widgetTimeoutMs: number;
	/** Answers the widget's `jwtCallback`: always a fresh, valid token, never a stored string. */
	getToken(): Promise<string>;
	reportError(error: MessagingAuthError): void;
}

// Integrations poll for `typeof zE === 'function'`: the snippet defines it only once it has run.
const POLL_MS = 100;
// After the timeout was reported, a late widget is still welcome, at a gentler pace.
const SLOW_POLL_MS = 1000;

const currentZE = (): ZendeskApi | undefined => {
	const zE = (globalThis as {zE?: unknown}).zE;
	return typeof zE === 'function' ? (zE as ZendeskApi) : undefined;
};

/**
Talks to `zE('messenger', …)`: one `loginUser` per sign-in, `logoutUser` on every sign-out, and waits
for a widget that is not there yet (zendesk-widget.md, pitfall 1).
*/
export class WidgetAdapter {
	readonly #options: WidgetAdapterOptions;
	/** What the widget still has to be told once it is there. */
	#pending: 'login' | 'logout' | undefined;
	/** Whether we called `loginUser` and have not called `logoutUser` since. */
	#loggedIn = false;
	/** Tells apart the callbacks of one sign-in from those of the next. */
	#signIn = 0;
	#login: WidgetLogin = 'signed-out';
	#status: WidgetStatus = 'waiting';
	#pollTimer: ReturnType<typeof setTimeout> | undefined;
	#waitStartedAt = 0;
	#reportedThisWait = false;
	#destroyed = false;

	constructor(options: WidgetAdapterOptions) {
		this.#options = options;
	}

	get status(): WidgetStatus {
		return this.#status;
	}

	get login(): WidgetLogin {
		return this.#login;
	}

	/** Injects the snippet when a widget key is configured, and starts waiting for `zE`. Browser only. */
	start(): void {
		const {widgetKey, nonce} = this.#options;
		if (widgetKey) {
			const script = injectSnippet(widgetKey, nonce);
			script.addEventListener('load', () => this.#deliver());
			script.addEventListener('error', () => {
				if (!currentZE()) this.#unavailable(`The Zendesk widget script ${script.src} failed to load (blocked by the network or by Content-Security-Policy).`);
			});
		}

		this.#watch();
	}

	/** A sign-in happened: the widget gets one `loginUser` now, or as soon as it appears. */
	signIn(): void {
		this.#signIn++;
		this.#pending = 'login';
		this.#login = 'pending';
		this.#watch();
	}

	/** A sign-out happened: `logoutUser`, if the widget was signed in (pitfall 6, shared computers). */
	signOut(): void {
		this.#signIn++;
		this.#pending = this.#loggedIn ? 'logout' : undefined;
		this.#login = 'signed-out';
		this.#watch();
	}

	destroy(): void {
		this.#destroyed = true;
		clearTimeout(this.#pollTimer);
		this.#pending = undefined;
	}

	/** Delivers what is pending if `zE` is there, else polls until it is. */
	#watch(): void {
		if (this.#destroyed || this.#deliver() || this.#pollTimer !== undefined) return;
		this.#waitStartedAt = Date.now();
		this.#reportedThisWait = false;
		this.#schedulePoll();
	}

	#schedulePoll(): void {
		const remaining = this.#waitStartedAt + this.#options.widgetTimeoutMs - Date.now();
		const delay = this.#reportedThisWait ? SLOW_POLL_MS : Math.max(0, Math.min(POLL_MS, remaining));
		this.#pollTimer = setTimeout(() => {
			this.#pollTimer = undefined;
			if (this.#destroyed || this.#deliver()) return;
			if (!this.#reportedThisWait && Date.now() - this.#waitStartedAt >= this.#options.widgetTimeoutMs) {
				this.#unavailable(
					`window.zE did not appear within ${this.#options.widgetTimeoutMs} ms (widgetTimeoutMs): is the Zendesk snippet on the page, or widgetKey set? The site session works; the chat is not signed in.`,
				);
			}

			// Keep looking only while there is something to tell the widget.
			if (!this.#reportedThisWait || this.#pending) this.#schedulePoll();
		}, delay);
	}

	#unavailable(message: string): void {
		if (this.#reportedThisWait) return;
		this.#reportedThisWait = true;
		this.#status = 'unavailable';
		this.#options.reportError(new MessagingAuthError('ERR_WIDGET_UNAVAILABLE', message));
	}

	/** Returns whether `zE` is there; if so, tells it what is pending. */
	#deliver(): boolean {
		const zE = currentZE();
		if (!zE) return false;
		this.#status = 'ready';
		clearTimeout(this.#pollTimer);
		this.#pollTimer = undefined;
		const pending = this.#pending;
		this.#pending = undefined;
		try {
			if (pending === 'login') {
				this.#loggedIn = true;
				zE('messenger', 'loginUser', this.#jwtCallback, this.#loginCallback(this.#signIn));
			} else if (pending === 'logout') {
				this.#loggedIn = false;
				zE('messenger', 'logoutUser');
			}
		} catch (error) {
			this.#options.reportError(
				new MessagingAuthError('ERR_WIDGET_UNAVAILABLE', `zE('messenger', '${pending}User') threw: ${(error as Error)?.message ?? error}`, {cause: error}),
			);
		}

		return true;
	}

	/** Always answers through getToken(): the widget re-asks after `exp` and must get a new token (pitfall 3). */
	readonly #jwtCallback = (provide: unknown): void => {
		if (typeof provide !== 'function') return;
		const signIn = this.#signIn;
		this.#options.getToken().then(
			(jwt) => provide(jwt),
			// Never provide(null): the widget would take it for a token (pitfall 4). A sign-in that has
			// since ended has nothing to report: its sign-out already told the widget.
			(error: MessagingAuthError) => {
				if (signIn === this.#signIn) this.#options.reportError(error);
			},
		);
	};

	#loginCallback(signIn: number) {
		return (error: LoginFailedError | null | undefined): void => {
			if (signIn !== this.#signIn) return;
			if (!error) {
				this.#login = 'signed-in';
				return;
			}

			this.#login = 'failed';
			const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);
			const detail = [text(error.message), text(error.reason) && `reason: ${text(error.reason)}`].filter(Boolean).join('; ');
			this.#options.reportError(
				new MessagingAuthError('ERR_WIDGET_LOGIN_FAILED', `The Zendesk widget refused the JWT${detail ? ` (${detail})` : ''}. Check the signing key id (kid), the secret and the external_id.`, {
					cause: error,
				}),
			);
		};
	}
}
