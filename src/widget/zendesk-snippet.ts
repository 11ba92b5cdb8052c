import {MessagingAuthError} from '../errors/messaging-auth-error.js';

/** The id Zendesk's own snippet carries: one tag per page, whoever adds it. */
export const SNIPPET_ID = 'ze-snippet';

/** The Trusted Types policy the SDK sets the snippet's URL through (docs/login-form.md, "Content-Security-Policy and your own CSS"). */
export const TRUSTED_TYPES_POLICY = 'zendesk-messaging-auth';

const SNIPPET_BASE = 'https://static.zdassets.com/ekr/snippet.js?key=';

export const snippetUrl = (widgetKey: string) => `${SNIPPET_BASE}${encodeURIComponent(widgetKey)}`;

/** What a policy gives back: a TrustedScriptURL where the browser has Trusted Types. */
type ScriptUrl = string | {toString(): string};

interface ScriptUrlPolicy {
	createScriptURL(input: string): ScriptUrl;
}

/** The part of `window.trustedTypes` the SDK uses; `getPolicy` is not standard and exists only in some browsers. */
interface TrustedTypesApi {
	createPolicy(name: string, rules: {createScriptURL(input: string): string}): ScriptUrlPolicy;
	getPolicy?(name: string): ScriptUrlPolicy | null;
}

/** Our policy once created (or the page's of that name), or why there can be none: created once per page. */
let policy: ScriptUrlPolicy | MessagingAuthError | undefined;

/**
The snippet URL as a script's `src` may take it: the plain string without Trusted Types; else through our policy,
which hands out the snippet's URL and nothing else (no other code can use it to load a script). A page that made a
policy of this name itself, allowing no duplicates, has its own reused where the browser can find it.
*/
function scriptUrl(url: string): ScriptUrl {
	const trustedTypes = (globalThis as {trustedTypes?: TrustedTypesApi}).trustedTypes;
	if (typeof trustedTypes?.createPolicy !== 'function') return url;
	try {
		policy ??= trustedTypes.createPolicy(TRUSTED_TYPES_POLICY, {
			createScriptURL(input) {
				if (input.startsWith(SNIPPET_BASE)) return input;
				throw new TypeError(`The ${TRUSTED_TYPES_POLICY} Trusted Types policy only allows Zendesk's snippet URL, not ${input}.`);
			},
		});
	} catch (error) {
		policy =
			trustedTypes.getPolicy?.(TRUSTED_TYPES_POLICY) ??
			new MessagingAuthError(
				'ERR_WIDGET_UNAVAILABLE',
				`Trusted Types refused the policy "${TRUSTED_TYPES_POLICY}" for the Zendesk snippet: allow it in the trusted-types directive of your CSP ('allow-duplicates' if the page makes one too). ${(error as Error)?.message}`,
				{cause: error},
			);
	}

	if (policy instanceof MessagingAuthError) throw policy;
	return policy.createScriptURL(url);
}

/**
Adds Zendesk's standard snippet unless the page already has one: loading the widget twice conflicts, and
removing a tag does not unload it (zendesk-widget.md, pitfall 7). Returns the tag, ours or the page's.
Under Trusted Types its URL goes through the `zendesk-messaging-auth` policy; throws ERR_WIDGET_UNAVAILABLE
(adding no tag) when the page's policy allows none.
*/
export function injectSnippet(widgetKey: string, nonce: string | undefined): HTMLScriptElement {
	const existing = document.getElementById(SNIPPET_ID);
	if (existing instanceof HTMLScriptElement) return existing;
	const src = scriptUrl(snippetUrl(widgetKey));
	const script = document.createElement('script');
	script.id = SNIPPET_ID;
	// A TrustedScriptURL is what the src setter takes under Trusted Types; TypeScript's DOM types know only strings.
	(script as {src: ScriptUrl}).src = src;
	if (nonce) script.nonce = nonce;
	(document.head ?? document.documentElement).append(script);
	return script;
}

