// The settings, from the environment. Without them the example still runs, with the messenger stand-in and secrets
// made up at start (so sessions end when the server stops): fine for trying it, never for production.
import {randomBytes} from 'node:crypto';

function secret(name) {
	const value = process.env[name];
	if (value) return value;
	console.warn(`${name} is not set: using a random one until this server stops.`);
	return randomBytes(32).toString('base64url');
}

export const PORT = Number(process.env.PORT ?? 3000);
/** The Zendesk widget key; without it the pages load public/messenger-stand-in.js in its place. */
export const WIDGET_KEY = process.env.ZENDESK_WIDGET_KEY ?? '';
/** The signing key's id and shared secret from Zendesk Admin Center (Messaging end-user authentication). */
export const ZENDESK_KEY_ID = process.env.ZENDESK_KEY_ID ?? 'app_development_stand_in';
export const ZENDESK_SECRET = secret('ZENDESK_SECRET');
/** Signs the site's own session cookie (express-session): ≥ 32 random characters, not the Zendesk secret. */
export const SESSION_SECRET = secret('SESSION_SECRET');

if (WIDGET_KEY && !(process.env.ZENDESK_KEY_ID && process.env.ZENDESK_SECRET)) {
	throw new Error('ZENDESK_WIDGET_KEY is set: set ZENDESK_KEY_ID and ZENDESK_SECRET too (Admin Center > Messaging > End user authentication).');
}
