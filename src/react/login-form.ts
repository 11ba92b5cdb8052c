import {createElement, useEffect, useRef, type ReactNode} from 'react';
import {mountLoginForm, type LoginFormOptions} from '../index.js';
import {useMessagingAuth} from './use-messaging-auth.js';

/** Props of `<LoginForm>`: the options of `mountLoginForm`, and a class for the element it is mounted in. */
export interface LoginFormProps extends LoginFormOptions {
	/** Class of the `<div>` the form is mounted in. */
	className?: string;
}

/**
Our login form (`mountLoginForm`) for the provider's instance: mounted into a `<div>` once the instance exists, one
form per component, unmounted with it. The server renders the empty `<div>`. The options are compared by value, so
inline `labels` or `fields` objects do not remount the form (and lose what the visitor typed) at each render.

@example
```tsx
<LoginForm labels={{title: 'Chat with support'}} fields={[{name: 'otp', label: 'One-time code'}]} />
```
*/
export function LoginForm({className, ...options}: LoginFormProps): ReactNode {
	const {auth} = useMessagingAuth();
	const host = useRef<HTMLDivElement>(null);
	const optionsKey = JSON.stringify(options);

	useEffect(() => {
		if (!auth || !host.current) return;
		const form = mountLoginForm(auth, host.current, JSON.parse(optionsKey) as LoginFormOptions);
		return () => form.unmount();
	}, [auth, optionsKey]);

	return createElement('div', {ref: host, className});
}
