import {createElement, useEffect, useRef, type ReactNode} from 'react';
import {type LoginForm as MountedLoginForm, mountLoginForm, type LoginFormOptions} from '../index.js';
import {useMessagingAuth} from './use-messaging-auth.js';

/** Props of `<LoginForm>`: the options of `mountLoginForm`, and a class for the element it is mounted in. */
export interface LoginFormProps extends LoginFormOptions {
	/** Class of the `<div>` the form is mounted in. */
	className?: string;
}

/**
Our login form (`mountLoginForm`) for the provider's instance: mounted into a `<div>` once the instance exists, one
form per component, unmounted with it. The server renders the empty `<div>`. The options are compared by value, so
inline `labels` or `fields` objects do not remount the form (and lose what the visitor typed) at each render. A new
`locale` switches the mounted form's language (`setLocale`), keeping what the visitor typed.

@example
```tsx
import fr from 'zendesk-messaging-auth/locales/fr';
<LoginForm locale={language} locales={[fr]} labels={{title: 'Chat with support'}} />
```
*/
export function LoginForm({className, locale, ...options}: LoginFormProps): ReactNode {
	const {auth} = useMessagingAuth();
	const host = useRef<HTMLDivElement>(null);
	const form = useRef<{mounted: MountedLoginForm; locale: string | undefined}>(undefined);
	// Functions (a lazy locale's load) do not survive JSON: the latest options object is what gets mounted.
	const latest = useRef({options, locale});
	latest.current = {options, locale};
	const optionsKey = JSON.stringify(options);

	useEffect(() => {
		if (!auth || !host.current) return;
		const {options: current, locale: language} = latest.current;
		const mounted = mountLoginForm(auth, host.current, language === undefined ? current : {...current, locale: language});
		form.current = {mounted, locale: language};
		return () => {
			mounted.unmount();
			form.current = undefined;
		};
	}, [auth, optionsKey]);

	useEffect(() => {
		if (!form.current || form.current.locale === locale) return;
		form.current.locale = locale;
		form.current.mounted.setLocale(locale);
	}, [locale]);

	return createElement('div', {ref: host, className});
}
