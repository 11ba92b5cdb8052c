import {KNOWN_OPTIONS} from '../core/options.js';
import type {LoginFormOptions} from '../form/login-form.js';
import type {MessagingAuthOptions} from '../types/options.js';

/** Where the script tag mounts the form when it has no `data-mount`. */
export const DEFAULT_MOUNT = '#support-login';

/**
The `createMessagingAuth` options a tag can set, each from the `data-*` attribute the dataset maps it to
(`timeoutMs` ← `data-timeout-ms`): all but `headers`, which needs a function.
*/
export const TAG_OPTIONS = KNOWN_OPTIONS.filter((option) => option !== 'headers');

export interface ScriptTagConfig {
	/** Passed as typed where the text is not a number or boolean, so createMessagingAuth's own validation reports it. */
	auth: MessagingAuthOptions;
	/**
	The CSS selector of the element the form goes into; `undefined` for a tag without `data-token-endpoint` (the site's own
	login), which mounts no form.
	*/
	mount: string | undefined;
	form: LoginFormOptions;
	/** Attributes that could not be used, each message naming its attribute. */
	problems: string[];
}

/** "5000" → 5000, "false" → false; anything else stays as typed, for createMessagingAuth's validation to report. */
const parse = (value: string): unknown => {
	try {
		return JSON.parse(value);
	} catch {
		return value;
	}
};

export const attributeOf = (option: string) => `data-${option.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;

/**
Reads the configuration from the script tag's `data-*` attributes. `undefined` with neither `data-token-endpoint` nor
`data-refresh-endpoint`: the page then calls `createMessagingAuth` itself. Never throws.
*/
export function readScriptAttributes(script: HTMLOrSVGScriptElement): ScriptTagConfig | undefined {
	const data = script.dataset;
	const hasForm = data['tokenEndpoint'] !== undefined;
	// Only a refresh endpoint: the site signs its visitors in itself (docs/site-login.md).
	if (!hasForm && data['refreshEndpoint'] === undefined) return undefined;
	const auth: Record<string, unknown> = {};
	for (const option of TAG_OPTIONS) {
		const value = data[option];
		// An empty attribute is an unfilled template slot (data-widget-key=""), not a value.
		if (!value) continue;
		auth[option] = /Ms$|Seconds$|Tabs$/.test(option) ? parse(value) : value;
	}

	// A boolean attribute: `data-debug` alone turns the log on, as `data-debug="true"` does; "false" leaves it off, also
	// as a template prints a false flag ("False" from Python, "0"): a log left on in production names the visitors.
	if (data['debug'] !== undefined) auth['debug'] = !/^\s*(false|0)\s*$/i.test(data['debug']);
	// Browsers hide a parsed nonce attribute from getAttribute and dataset; the property keeps it.
	const nonce = (auth['nonce'] as string | undefined) ?? (script.nonce || undefined);
	if (nonce) auth['nonce'] = nonce;
	const problems: string[] = [];
	const form: LoginFormOptions = nonce ? {nonce} : {};
	const styles = data['styles'];
	if (styles === 'false') form.styles = false;
	else if (styles && styles !== 'true') problems.push(`data-styles must be "false" or "true"; got "${styles}".`);

	if (data['locale']) form.locale = data['locale'];
	if (data['labels']) {
		try {
			form.labels = JSON.parse(data['labels']) as LoginFormOptions['labels'] & {};
		} catch {
			problems.push('data-labels is not valid JSON: using the English texts.');
		}
	}

	// A form without a token endpoint could only fail: say so rather than leave an empty element puzzling the site.
	if (!hasForm && data['mount']) {
		problems.push(`data-mount="${data['mount']}" is ignored: without data-token-endpoint the tag mounts no form (the site's own login).`);
	}

	return {auth: auth as unknown as MessagingAuthOptions, mount: hasForm ? data['mount'] || DEFAULT_MOUNT : undefined, form, problems};
}
