import {useContext, useMemo, useSyncExternalStore} from 'react';
import {MessagingAuthError, type MessagingAuth, type Session, type SessionState} from '../index.js';
import {SIGNED_OUT, type AuthSnapshot} from './auth-store.js';
import {MessagingAuthContext} from './context.js';

/** What `useMessagingAuth()` returns. */
export interface MessagingAuthValue {
	/** The session state; `'signed-out'` on the server and until the provider's instance exists. */
	state: SessionState;
	/** The current session (JWT and decoded claims), or `null`. */
	session: Session | null;
	/**
	The last `error` event of the instance, or `null`. Cleared when a sign-in starts, when a sign-in or refresh
	succeeds, and when the visitor signs out. Never `ERR_ABORTED` (an operation the SDK abandoned itself).
	*/
	error: MessagingAuthError | null;
	/** `auth.login(credentials)`. */
	login(credentials: Record<string, string>): Promise<Session>;
	/** `auth.logout()`. */
	logout(): Promise<void>;
	/** `auth.restore()`: call it after the site's own in-page login. */
	restore(): Promise<Session | null>;
	/** The instance itself, or `null` on the server and before the provider's effect created it. */
	auth: MessagingAuth | null;
}

const noSubscription = () => () => {};
const signedOut = () => SIGNED_OUT;

const notReady = () =>
	Promise.reject(
		new MessagingAuthError(
			'ERR_CONFIG',
			'The MessagingAuthProvider has no instance yet: it creates one in the browser after mounting. Call this from an event handler or an effect, not during server rendering.',
		),
	);

/**
The session of the nearest `MessagingAuthProvider`, re-rendering on each change.
Throws `MessagingAuthError` `ERR_CONFIG` outside a provider.

@example
```tsx
function ChatStatus() {
	const {state, session, logout} = useMessagingAuth();
	if (state !== 'signed-in') return null;
	return <button onClick={() => logout()}>Sign out {session?.claims.name}</button>;
}
```
*/
export function useMessagingAuth(): MessagingAuthValue {
	const store = useContext(MessagingAuthContext);
	if (store === undefined) {
		throw new MessagingAuthError(
			'ERR_CONFIG',
			'useMessagingAuth() was called outside a <MessagingAuthProvider>: wrap the component tree that uses it in <MessagingAuthProvider options={…}> from "zendesk-messaging-auth/react".',
		);
	}

	const snapshot: AuthSnapshot = useSyncExternalStore(store?.subscribe ?? noSubscription, store?.getSnapshot ?? signedOut, signedOut);
	const auth = store?.auth ?? null;
	const actions = useMemo(
		() =>
			auth
				? {login: (credentials: Record<string, string>) => auth.login(credentials), logout: () => auth.logout(), restore: () => auth.restore()}
				: {login: notReady, logout: notReady, restore: notReady},
		[auth],
	);
	return {...snapshot, ...actions, auth};
}
