/*
The script-tag bundle's entry: the same names as the ES module, on window.ZendeskMessagingAuth, plus `instance`
when the tag carries data-token-endpoint (our form) or only data-refresh-endpoint (the site's own login, no form).
*/
import {autoInit} from './script-tag/auto-init.js';

export {createMessagingAuth, isMessagingAuthError, MessagingAuthError, mountLoginForm} from './index.js';

/**
The instance the tag created from its `data-*` attributes: with `data-token-endpoint` it also mounted the form; with only
`data-refresh-endpoint` it follows the site's own login and mounts none. `undefined` with neither.
*/
export const instance =
	typeof document === 'undefined'
		? undefined
		: // currentScript is only set while this script is first evaluated: read it now, not later.
			autoInit(document.currentScript ?? document.querySelector<HTMLScriptElement>('script[data-token-endpoint], script[data-refresh-endpoint]'));
