import type {DebugLog} from '../core/debug-log.js';
import {MessagingAuthError} from '../errors/messaging-auth-error.js';
import type {MessagingAuth, MessagingAuthDiagnostics, Session} from '../types/session.js';
import {hasSignedInMarker, setSignedInMarker} from './signed-in-marker.js';
import {injectSnippet} from './zendesk-snippet.js';

/** `zE` as the messaging Web Widget defines it: `zE(namespace, method, ...args)`. */
type ZendeskApi = (namespace: string, method: string, ...args: unknown[]) => unknown;

/** What the widget's `loginCallback` receives on failure (string properties, per Zendesk's docs). */
interface LoginFailedError {
	message?: unknown;
	reason?: unknown;
	type?: unknown;
}

export type WidgetDiagnostics = MessagingAuthDiagnostics['widget'];

export interface WidgetOptions {
	widgetKey: string | undefined;
	log?: DebugLog;
	nonce: string | undefined;
	widgetTimeoutMs: number;
}

export interface WidgetConnection {
	diagnostics(): WidgetDiagnostics;
	disconnect(): void;
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
Keeps `zE('messenger', …)` in step with `auth`, from its public events: one `loginUser` per sign-in, `logoutUser` on
every sign-out of a widget we signed in (also one signed in by an earlier page whose site session is gone), and
waits for a widget that is not there yet (zendesk-widget.md, pitfall 1). Connected first, so on a sign-in the widget
is told before any listener of the page runs. `report` emits an `error` event on `auth`. `startup` is what the instance's
start-up found (a session, or null when there is none: answered 204/401/403, or not asked because none can exist).
Browser only.
*/
export function connectWidget(
	auth: MessagingAuth,
	options: WidgetOptions,
	report: (error: MessagingAuthError) => void,
	startup: Promise<Session | null>,
): WidgetConnection {
	/** What the widget still has to be told once it is there, in this order. */
	let pendingLogout = false;
	let pendingLogin = false;
	/** The visitor the widget is to be signed in as (this page's sign-in), until the sign-out. */
	let widgetUser: string | undefined;
	/** Whether we called `loginUser` and have not called `logoutUser` since. */
	let widgetSignedIn = false;
	/** Tells apart the callbacks of one sign-in from those of the next. */
	let signIn = 0;
	let login: WidgetDiagnostics['login'] = 'signed-out';
	let status: WidgetDiagnostics['status'] = 'waiting';
	let pollTimer: ReturnType<typeof setTimeout> | undefined;
	let waitStartedAt = 0;
	let reportedThisWait = false;
	let connected = true;
	const {log} = options;

	const unavailable = (message: string) => {
		if (reportedThisWait) return;
		reportedThisWait = true;
		status = 'unavailable';
		report(new MessagingAuthError('ERR_WIDGET_UNAVAILABLE', message));
	};

	/** Always answers through getToken(): the widget re-asks after `exp` and must get a new token (pitfall 3). */
	const jwtCallback = (provide: unknown): void => {
		if (typeof provide !== 'function') return;
		const asked = signIn;
		log?.('jwtCallback');
		auth.getToken().then(
			(jwt) => provide(jwt),
			// Never provide(null): the widget would take it for a token (pitfall 4). A sign-in that has since ended has
			// nothing to report (its sign-out already told the widget), nor has an operation the SDK abandoned itself.
			(error: MessagingAuthError) => {
				if (asked === signIn && error.code !== 'ERR_ABORTED') report(error);
			},
		);
	};

	const loginCallback = (asked: number) => (error: LoginFailedError | null | undefined) => {
		if (asked !== signIn) return;
		log?.(`loginCallback: ${error ? `failed, ${String(error.reason ?? error.message)}` : 'ok'}`);
		if (!error) {
			login = 'signed-in';
			return;
		}

		login = 'failed';
		const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);
		const detail = [text(error.message), text(error.reason) && `reason: ${text(error.reason)}`].filter(Boolean).join('; ');
		report(
			new MessagingAuthError('ERR_WIDGET_LOGIN_FAILED', `The Zendesk widget refused the JWT${detail ? ` (${detail})` : ''}. Check the signing key id (kid), the secret and the external_id.`, {
				cause: error,
			}),
		);
	};

	const call = (zE: ZendeskApi, method: 'loginUser' | 'logoutUser', ...args: unknown[]) => {
		log?.(`zE ${method}`);
		try {
			zE('messenger', method, ...args);
		} catch (error) {
			report(new MessagingAuthError('ERR_WIDGET_UNAVAILABLE', `zE('messenger', '${method}') threw: ${(error as Error)?.message ?? error}`, {cause: error}));
		}
	};

	/** Returns whether `zE` is there; if so, tells it what is pending. */
	const deliver = (): boolean => {
		const zE = currentZE();
		if (!zE) return false;
		status = 'ready';
		clearTimeout(pollTimer);
		pollTimer = undefined;
		if (pendingLogout) {
			pendingLogout = widgetSignedIn = false;
			setSignedInMarker(false);
			call(zE, 'logoutUser');
		}

		if (pendingLogin) {
			pendingLogin = false;
			widgetSignedIn = true;
			const asked = signIn;
			call(zE, 'loginUser', jwtCallback, loginCallback(asked));
			// After the call: a storage write is no reason to keep the widget waiting. Not when the widget was signed out
			// during it (a loginCallback failure or a throwing zE reported, and the page's error listener called logout()).
			if (asked === signIn) setSignedInMarker(true);
		}

		return true;
	};

	const schedulePoll = () => {
		const remaining = waitStartedAt + options.widgetTimeoutMs - Date.now();
		const delay = reportedThisWait ? SLOW_POLL_MS : Math.max(0, Math.min(POLL_MS, remaining));
		pollTimer = setTimeout(() => {
			pollTimer = undefined;
			if (!connected || deliver()) return;
			if (!reportedThisWait && Date.now() - waitStartedAt >= options.widgetTimeoutMs) {
				unavailable(
					`window.zE did not appear within ${options.widgetTimeoutMs} ms (widgetTimeoutMs): add Zendesk's snippet or set widgetKey. The chat is not signed in.`,
				);
			}

			// Keep looking only while there is something to tell the widget.
			if (!reportedThisWait || pendingLogin || pendingLogout) schedulePoll();
		}, delay);
	};

	/** Delivers what is pending if `zE` is there, else polls until it is. */
	const watch = () => {
		if (!connected || deliver() || pollTimer !== undefined) return;
		waitStartedAt = Date.now();
		reportedThisWait = false;
		schedulePoll();
	};

	const signOut = () => {
		signIn++;
		login = 'signed-out';
		pendingLogin = false;
		// Only a widget this SDK signed in is signed out: a visitor's anonymous conversation stays.
		pendingLogout ||= widgetSignedIn || hasSignedInMarker();
		widgetUser = undefined;
		watch();
	};

	const unsubscribe = [
		auth.on('login', ({session}) => {
			// One loginUser per sign-in (pitfall 2): the same visitor signing in again keeps the widget's login.
			if (session.claims.external_id === widgetUser) return;
			if (widgetUser !== undefined) signOut();
			signIn++;
			widgetUser = session.claims.external_id;
			login = 'pending';
			pendingLogin = true;
			watch();
		}),
		auth.on('logout', signOut),
	];

	if (options.widgetKey) {
		let script: HTMLScriptElement | undefined;
		try {
			script = injectSnippet(options.widgetKey, options.nonce);
		} catch (error) {
			// The page's Trusted Types refuse the snippet's policy (zendesk-snippet.ts): the message says what to allow.
			unavailable((error as Error).message);
		}

		script?.addEventListener('load', () => connected && deliver());
		script?.addEventListener('error', () => {
			if (!script) return;
			if (connected && !currentZE()) unavailable(`The Zendesk widget script failed to load (blocked by the network or the CSP): ${script.src}`);
		});
	}

	watch();

	// A chat signed in by an earlier page whose site session is gone (signed out on the server, expired while no tab
	// was open) is signed out once the start-up finds no session anywhere, also one that made no request because none
	// can exist. A start-up that failed tells nothing. (Not restore(): called by the page, that one always asks.)
	if (hasSignedInMarker()) {
		startup.then(
			(session) => {
				if (connected && !session && widgetUser === undefined) signOut();
			},
			() => {},
		);
	}

	return {
		diagnostics: () => ({status, login}),
		disconnect() {
			connected = false;
			clearTimeout(pollTimer);
			pendingLogin = pendingLogout = false;
			for (const off of unsubscribe) off();
		},
	};
}
