import {MessagingAuthClient} from './core/messaging-auth.js';
import {resolveOptions} from './core/options.js';
import type {MessagingAuthOptions} from './types/options.js';
import type {MessagingAuth} from './types/session.js';
import {connectWidget} from './widget/widget-adapter.js';

/**
Creates the SDK instance. Validates the options (throws `MessagingAuthError` `ERR_CONFIG` saying what to fix),
connects the widget (first, so that it hears of a sign-in before any listener of the page), and restores the site
session when `refreshEndpoint` is set and a session can exist (`restoreOnLoad`). Where there is no `window` (server-side rendering) the instance is inert:
signed out, no request, no timer.

@example
```ts
const auth = createMessagingAuth({tokenEndpoint: '/api/zendesk/token', refreshEndpoint: '/api/zendesk/refresh'});
```
*/
export function createMessagingAuth(options: MessagingAuthOptions): MessagingAuth {
	const resolved = resolveOptions(options);
	const auth = new MessagingAuthClient(resolved);
	auth.attach((report, startup) => {
		const widget = connectWidget(auth, resolved, report, startup);
		return {diagnostics: () => ({widget: widget.diagnostics()}), disconnect: widget.disconnect};
	});
	return auth;
}
