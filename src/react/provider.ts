import {createElement, useEffect, useMemo, useState, type ReactNode} from 'react';
import {createMessagingAuth, MessagingAuthError, type MessagingAuth, type MessagingAuthOptions} from '../index.js';
import {AuthStore} from './auth-store.js';
import {MessagingAuthContext} from './context.js';

/** Props of `MessagingAuthProvider`: either `options` (the provider owns the instance) or `auth` (you do). */
export type MessagingAuthProviderProps = {children?: ReactNode} & (
	| {
			/**
			Options of `createMessagingAuth`. The provider creates the instance in the browser once it has mounted, and
			destroys it when it unmounts. Read when the provider mounts: to apply new options, give the provider a new `key`.

			@example {tokenEndpoint: '/api/zendesk/token', refreshEndpoint: '/api/zendesk/refresh'}
			*/
			options: MessagingAuthOptions;
			auth?: undefined;
	  }
	| {
			/** An instance you created (in the browser) and destroy yourself: the provider uses it and never destroys it. */
			auth: MessagingAuth;
			options?: undefined;
	  }
);

/**
Makes one MessagingAuth instance available to `useMessagingAuth()` and `<LoginForm>` below it.
With `options`, the instance is created in an effect, so in the browser only: the server, and hydration, render the
signed-out state. Under StrictMode's mount → unmount → mount the first instance is destroyed before it sends anything.

@example
```tsx
<MessagingAuthProvider options={{tokenEndpoint: '/api/zendesk/token', refreshEndpoint: '/api/zendesk/refresh'}}>
	<App />
</MessagingAuthProvider>
```
*/
export function MessagingAuthProvider(props: MessagingAuthProviderProps): ReactNode {
	const {options, auth: given, children} = props;
	if ((options === undefined) === (given === undefined)) {
		throw new MessagingAuthError(
			'ERR_CONFIG',
			options === undefined
				? 'MessagingAuthProvider needs `options` (such as {tokenEndpoint: "/api/zendesk/token"}) or an `auth` instance from createMessagingAuth().'
				: 'MessagingAuthProvider takes `options` or `auth`, not both: pass `auth` alone to use your own instance.',
		);
	}

	const [created, setCreated] = useState<AuthStore | null>(null);
	// Options are read at mount (see the prop's doc), so an inline object literal does not recreate the instance at each render.
	const [initialOptions] = useState(options);
	const givenStore = useMemo(() => (given ? new AuthStore(given) : null), [given]);

	useEffect(() => {
		if (givenStore || !initialOptions) return;
		const store = new AuthStore(createMessagingAuth(initialOptions));
		const detach = store.attach();
		setCreated(store);
		return () => {
			detach();
			store.auth.destroy();
			setCreated((current) => (current === store ? null : current));
		};
	}, [givenStore, initialOptions]);

	useEffect(() => givenStore?.attach(), [givenStore]);

	return createElement(MessagingAuthContext.Provider, {value: givenStore ?? created}, children);
}
