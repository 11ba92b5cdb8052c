/*
The script-tag bundle's entry: the same names as the ES module, on window.ZendeskMessagingAuth, plus `instance`
when the tag carries data-token-endpoint.
*/
import {autoInit} from './script-tag/auto-init.js';

export {createMessagingAuth, isMessagingAuthError, MessagingAuthError, mountLoginForm} from './index.js';

/** The instance the tag created from its `data-*` attributes; `undefined` without `data-token-endpoint`. */
export const instance =
	typeof document === 'undefined'
		? undefined
		: // currentScript is only set while this script is first evaluated: read it now, not later.
			autoInit(document.currentScript ?? document.querySelector<HTMLScriptElement>('script[data-token-endpoint]'));
