import {createMessagingAuth} from '../create-messaging-auth.js';
import {mountLoginForm} from '../form/login-form.js';
import type {MessagingAuth} from '../types/session.js';
import {localeFiles} from './locale-files.js';
import {attributeOf, readScriptAttributes, TAG_OPTIONS} from './read-attributes.js';

const report = (message: string) => console.error(`zendesk-messaging-auth: ${message}`);

/**
What a script tag with `data-token-endpoint` does on its own: create the instance now, mount the form into `data-mount`
(at DOMContentLoaded while the page is still loading). With only `data-refresh-endpoint` (the site's own login): create
the instance, which restores the site's session at once, and mount no form. A bad attribute is a console error naming
it, never an exception that would break the page.
*/
export function autoInit(script: HTMLOrSVGScriptElement | null): MessagingAuth | undefined {
	const config = script ? readScriptAttributes(script) : undefined;
	if (!config) return undefined;
	for (const problem of config.problems) report(problem);

	let auth: MessagingAuth;
	try {
		auth = createMessagingAuth(config.auth);
	} catch (error) {
		// Option errors start with the option's name: say which attribute it came from.
		report(String((error as Error)?.message).replace(/^\w+/, (word) => ((TAG_OPTIONS as readonly string[]).includes(word) ? attributeOf(word) : word)));
		return undefined;
	}

	const selector = config.mount;
	if (selector === undefined) return auth;
	const mount = () => {
		try {
			mountLoginForm(auth, selector, {...config.form, locales: localeFiles((script as HTMLScriptElement).src || location.href)});
		} catch (error) {
			// A label's fault is data-labels' (its message starts "labels"); any other is the mount element's.
			const message = (error as Error).message;
			report(message.startsWith('labels') ? `data-${message}` : `data-mount="${selector}": ${message}`);
		}
	};

	// A plain tag in <head> runs before the mount element exists: then wait for the page. A tag after it mounts at once.
	let present: Element | null = null;
	try {
		present = document.querySelector(selector);
	} catch {
		// An invalid selector: mount() reports it.
	}

	if (document.readyState === 'loading' && !present) document.addEventListener('DOMContentLoaded', mount, {once: true});
	else mount();
	return auth;
}
