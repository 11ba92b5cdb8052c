/** The id Zendesk's own snippet carries: one tag per page, whoever adds it. */
export const SNIPPET_ID = 'ze-snippet';

export const snippetUrl = (widgetKey: string) =>
	`https://static.zdassets.com/ekr/snippet.js?key=${encodeURIComponent(widgetKey)}`;

/**
Adds Zendesk's standard snippet unless the page already has one: loading the widget twice conflicts, and
removing a tag does not unload it (zendesk-widget.md, pitfall 7). Returns the tag, ours or the page's.
*/
export function injectSnippet(widgetKey: string, nonce: string | undefined): HTMLScriptElement {
	const existing = document.getElementById(SNIPPET_ID);
	if (existing instanceof HTMLScriptElement) return existing;
	const script = document.createElement('script');
	script.id = SNIPPET_ID;
	script.src = snippetUrl(widgetKey);
	if (nonce) script.nonce = nonce;
	(document.head ?? document.documentElement).append(script);
	return script;
}
