import {vi} from 'vitest';
import {MessagingAuthError, type MessagingAuthErrorCode, type MessagingAuthErrorDetails} from '../../src/errors/messaging-auth-error.js';
import type {JwtClaims, LogoutReason, MessagingAuth, MessagingAuthEventName, MessagingAuthEvents, Session, SessionState} from '../../src/types/session.js';

interface PendingLogin {
	credentials: Record<string, string>;
	resolve(session: Session): void;
	reject(error: MessagingAuthError): void;
}

export const sessionOf = (claims: Partial<JwtClaims>): Session => ({
	jwt: 'header.payload.signature',
	claims: {external_id: 'user-ada', scope: 'user', ...claims},
	expiresAt: Date.now() + 600_000,
});

/**
A MessagingAuth whose every step the test drives: login() stays pending until `succeed()` or `fail()`, and
events come in the order the real instance emits them (statechange first, then login / logout / error).
*/
export function createFakeAuth(initial: {state?: SessionState; session?: Session | null} = {}) {
	const listeners = new Map<MessagingAuthEventName, Set<(payload: never) => void>>();
	let state: SessionState = initial.state ?? 'signed-out';
	let session: Session | null = initial.session ?? null;
	const logins: PendingLogin[] = [];

	const emit = <Name extends MessagingAuthEventName>(event: Name, payload: MessagingAuthEvents[Name]) => {
		for (const listener of [...(listeners.get(event) ?? [])]) (listener as (payload: MessagingAuthEvents[Name]) => void)(payload);
	};

	const setState = (next: SessionState) => {
		const previous = state;
		state = next;
		if (previous !== next) emit('statechange', {state: next, previous});
	};

	const signIn = (claims: Partial<JwtClaims> = {name: 'Ada Lovelace'}) => {
		session = sessionOf(claims);
		setState('signed-in');
		emit('login', {session});
		return session;
	};

	const signOut = (reason: LogoutReason) => {
		session = null;
		setState('signed-out');
		emit('logout', {reason});
	};

	const auth: MessagingAuth = {
		get state() {
			return state;
		},
		get session() {
			return session;
		},
		on(event, listener) {
			let set = listeners.get(event);
			if (!set) listeners.set(event, (set = new Set()));
			set.add(listener as (payload: never) => void);
			return () => {
				set.delete(listener as (payload: never) => void);
			};
		},
		login: vi.fn(async (credentials: Record<string, string>) => {
			setState('signing-in');
			return new Promise<Session>((resolve, reject) => logins.push({credentials: {...credentials}, resolve, reject}));
		}),
		logout: vi.fn(async () => {
			signOut('user');
		}),
		restore: vi.fn(async () => session),
		getToken: vi.fn(async () => session?.jwt ?? ''),
		// The form never reads diagnostics.
		getDiagnostics: vi.fn(() => ({}) as ReturnType<MessagingAuth['getDiagnostics']>),
		destroy: vi.fn(),
	};

	return {
		auth,
		logins,
		emit,
		setState,
		signIn,
		signOut,
		/** Answers the oldest pending login() with a session. */
		succeed(claims?: Partial<JwtClaims>) {
			const login = logins.shift()!;
			login.resolve(signIn(claims));
		},
		/** Answers the oldest pending login() with an error, as the real instance does: back to signed-out, `error`, reject. */
		fail(code: MessagingAuthErrorCode, details: MessagingAuthErrorDetails = {}) {
			const login = logins.shift()!;
			const error = new MessagingAuthError(code, `test: ${code}`, details);
			setState(session ? 'signed-in' : 'signed-out');
			emit('error', error);
			login.reject(error);
			return error;
		},
		listenerCount: () => [...listeners.values()].reduce((count, set) => count + set.size, 0),
	};
}

export type FakeAuth = ReturnType<typeof createFakeAuth>;
