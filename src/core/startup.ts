import type {ResolvedOptions} from './options.js';

/**
Where a page's start-up looks for the session it begins with:
- `tabs`: no refreshEndpoint, so another tab's session is the only one there is (no request).
- `tabs, then server`: sessions start in our form (tokenEndpoint), so a signed-in tab holds this browser's session;
  the server is asked only when no tab answers.
- `server`: the site's own login. The site session is the truth, and it may have changed since another tab signed in
  (the site's sign-out or another visitor's sign-in, each a full page load): a tab's token is never taken without the
  server confirming the same visitor.
The one place that decides it (PRODUCT.md, "Rules that hold under hostile timing and input").
*/
export type StartupSource = 'tabs' | 'tabs, then server' | 'server';

export const startupSource = ({tokenEndpoint, refreshEndpoint}: Pick<ResolvedOptions, 'tokenEndpoint' | 'refreshEndpoint'>): StartupSource =>
	refreshEndpoint === undefined ? 'tabs' : tokenEndpoint === undefined ? 'server' : 'tabs, then server';
