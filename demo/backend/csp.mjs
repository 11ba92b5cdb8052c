/*
The pages' Content-Security-Policy. Offline, the strictest one that a site can use: everything from our own origin,
no inline script or style at all, which proves the SDK and its form need no 'unsafe-inline'. The one inline script,
the SPA page's import map, is allowed by its hash (import-map.mjs).
With the real widget, the hosts Zendesk's CSP guide lists for the messenger
(developer.zendesk.com/documentation/zendesk-web-widget-sdks/sdks/web/csp, "Custom setup"), including the
style-src 'unsafe-inline' that the widget itself needs there; scripts stay without 'unsafe-inline'.
*/
import {IMPORT_MAP_HASH_SOURCE} from './import-map.mjs';

const COMMON = ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'"];

export const ZENDESK_HOSTS = [
	'https://static.zdassets.com',
	'https://*.zdassets.com',
	'https://ekr.zendesk.com',
	'https://*.zendesk.com',
	'https://api.smooch.io',
	'https://media.smooch.io',
	'https://*.smooch.io',
	'https://zendesk-eu.my.sentry.io',
	'https://*.twilio.com',
	'wss://*.zendesk.com',
	'wss://api.smooch.io',
	'wss://voice-js.roaming.twilio.com',
];

const ZENDESK_IMAGE_HOSTS = ['https://static.zdassets.com', 'https://accounts.zendesk.com', 'https://*.zendesk.com', 'https://media.smooch.io', 'https://*.zdusercontent.com', 'blob:', 'data:'];

export function contentSecurityPolicy({realWidget}) {
	const directives = realWidget
		? [
				`default-src 'self' ${ZENDESK_HOSTS.join(' ')}`,
				`script-src 'self' ${ZENDESK_HOSTS.join(' ')} ${IMPORT_MAP_HASH_SOURCE}`,
				"style-src 'self' 'unsafe-inline'",
				`img-src 'self' ${ZENDESK_IMAGE_HOSTS.join(' ')}`,
				"media-src 'self' https://static.zdassets.com",
			]
		: ["default-src 'self'", `script-src 'self' ${IMPORT_MAP_HASH_SOURCE}`];
	return [...directives, ...COMMON].join('; ');
}
