import {MessagingAuthError, type MessagingAuth, type Session, type SessionState} from '../index.js';

/** What `useMessagingAuth()` reads through `useSyncExternalStore`: one immutable object per change, so React never tears. */
export interface AuthSnapshot {
	readonly state: SessionState;
	readonly session: Session | null;
	readonly error: MessagingAuthError | null;
}

/** The start of every page: the server renders it, hydration starts from it, and so does the client before its instance exists. */
export const SIGNED_OUT: AuthSnapshot = Object.freeze({state: 'signed-out', session: null, error: null});

/** Operations the SDK abandoned itself (a superseded login, a logout or destroy meanwhile): never a failure to show (see MessagingAuthErrorCode). */
const isAbandoned = (error: MessagingAuthError) => (error.code as string) === 'ERR_ABORTED';

/**
The React view of one MessagingAuth instance: a snapshot kept in step with its events, and the subscribe/getSnapshot
pair of `useSyncExternalStore`. Creating it subscribes to nothing; `attach()` (run by the provider's effect) adds the
one set of listeners on the instance and returns the function that removes them.
*/
export class AuthStore {
	readonly auth: MessagingAuth;
	#snapshot: AuthSnapshot;
	readonly #subscribers = new Set<() => void>();

	constructor(auth: MessagingAuth) {
		this.auth = auth;
		this.#snapshot = {state: auth.state, session: auth.session, error: null};
	}

	readonly getSnapshot = (): AuthSnapshot => this.#snapshot;

	readonly subscribe = (onChange: () => void): (() => void) => {
		this.#subscribers.add(onChange);
		return () => this.#subscribers.delete(onChange);
	};

	/** Listens to the instance; returns the function that stops. */
	attach(): () => void {
		const {auth} = this;
		const sync = (error = this.#snapshot.error) => this.#publish({state: auth.state, session: auth.session, error});
		const off = [
			// A new attempt starts clean: the error of the last one no longer describes what is happening.
			auth.on('statechange', ({state}) => sync(state === 'signing-in' ? null : undefined)),
			auth.on('login', () => sync(null)),
			auth.on('refresh', () => sync(null)),
			auth.on('logout', ({reason}) => sync(reason === 'user' ? null : undefined)),
			auth.on('error', (error) => {
				if (!isAbandoned(error)) sync(error);
			}),
		];
		// The instance may have moved on between the render that made this store and the effect that attaches it.
		sync();
		return () => {
			for (const unsubscribe of off) unsubscribe();
		};
	}

	#publish(next: AuthSnapshot): void {
		const current = this.#snapshot;
		if (next.state === current.state && next.session === current.session && next.error === current.error) return;
		this.#snapshot = next;
		for (const onChange of this.#subscribers) onChange();
	}
}
