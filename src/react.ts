/*
The `zendesk-messaging-auth/react` subpath: a provider, a hook and our form for React (≥ 18) apps. Built on the
public API of the main entry only, which stays external, so an app shares one core with its own imports of it.
The built file starts with 'use client' (rollup.config.mjs) for the Next.js App Router.
*/
export {MessagingAuthProvider, type MessagingAuthProviderProps} from './react/provider.js';
export {useMessagingAuth, type MessagingAuthValue} from './react/use-messaging-auth.js';
export {LoginForm, type LoginFormProps} from './react/login-form.js';
