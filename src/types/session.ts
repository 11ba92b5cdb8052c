import type {MessagingAuthError} from '../errors/messaging-auth-error.js';

/** Claims of the JWT, decoded but not verified (the browser has no secret). */
export interface JwtClaims {
	/** The visitor's stable id in the site's own user directory. */
	external_id: string;
	scope: 'user';
	name?: string;
	email?: string;
	email_verified?: boolean;
	/** Issued at, seconds since the epoch (server clock). */
	iat?: number;
	/** Expiry, seconds since the epoch (server clock). */
	exp?: number;
	[claim: string]: unknown;
}

export interface Session {
	/** The compact JWS. Lives in memory only. */
	readonly jwt: string;
	readonly claims: Readonly<JwtClaims>;
	/** When the JWT expires, in milliseconds since the epoch on the visitor's clock (corrected for the server's clock), or `null` when it carries no `exp`. */
	readonly expiresAt: number | null;
}

export type SessionState = 'signed-out' | 'signing-in' | 'signed-in' | 'refreshing';

/**
Why the visitor was signed out:
- `user`: `logout()` was called (the Sign out button).
- `expired`: the JWT expired and could not be refreshed, or the refresh endpoint refused (401/403).
- `remote`: another tab of the same site signed out.
*/
export type LogoutReason = 'user' | 'expired' | 'remote';

export interface MessagingAuthEvents {
	statechange: {state: SessionState; previous: SessionState};
	login: {session: Session};
	refresh: {session: Session};
	logout: {reason: LogoutReason};
	error: MessagingAuthError;
}

export type MessagingAuthEventName = keyof MessagingAuthEvents;

export type Listener<Name extends MessagingAuthEventName> = (payload: MessagingAuthEvents[Name]) => void;

export interface MessagingAuthDiagnostics {
	state: SessionState;
	/** Milliseconds until the JWT expires (server clock), or null when signed out or the JWT has no `exp`. */
	expiresInMs: number | null;
	/** Milliseconds until the next refresh attempt, or null when none is planned. */
	nextRefreshInMs: number | null;
	/** Refresh attempts that failed for the current token. */
	failedRefreshes: number;
	lastError: MessagingAuthError | null;
	/** Server clock minus the visitor's clock, as estimated at the last token response. */
	clockOffsetMs: number;
	widget: {status: 'waiting' | 'ready' | 'unavailable'; login: 'signed-out' | 'pending' | 'signed-in' | 'failed'};
	/** How tabs keep in step: BroadcastChannel with Web Locks, BroadcastChannel alone, or not at all. */
	tabSync: 'channel+locks' | 'channel' | 'off';
	/** Whether this tab asked the backend for the current token (false: another tab did and shared it). */
	ledLastRefresh: boolean | null;
}

export interface MessagingAuth {
	/** POSTs the credentials to `tokenEndpoint`, then signs the widget in. Rejects with a `MessagingAuthError`. */
	login(credentials: Record<string, string>): Promise<Session>;
	/** Ends the session: `logoutEndpoint` (best effort), the widget's `logoutUser`, state `signed-out`. */
	logout(): Promise<void>;
	/**
	Asks `refreshEndpoint` for the site's current session (another tab's, if one holds it). 204/401/403 resolve `null`
	(signed out, no `error` event). Runs once at creation when `refreshEndpoint` is set and a site session can exist
	(`restoreOnLoad`); called by the page, it always asks.
	*/
	restore(): Promise<Session | null>;
	/** A JWT valid for at least 10 more seconds, refreshing (once) if needed. Concurrent calls share one request. */
	getToken(): Promise<string>;
	readonly session: Session | null;
	readonly state: SessionState;
	/** Subscribes to an event; returns the function that unsubscribes. */
	on<Name extends MessagingAuthEventName>(event: Name, listener: Listener<Name>): () => void;
	/** A snapshot for support and QA panels: what the session is doing and why. */
	getDiagnostics(): MessagingAuthDiagnostics;
	/** Clears timers, listeners, locks and channels, and abandons requests in flight (`ERR_ABORTED`). The instance is inert afterwards: state `signed-out`, `session` null. Does not sign the widget out. */
	destroy(): void;
}
