/*
The demo's configuration, from the environment. Everything has a default so that `npm run demo` works on a fresh
clone; the Zendesk variables switch the page from the offline stand-in to the real widget.
*/
import {randomBytes} from 'node:crypto';

export const DEFAULT_PORT = 8080;

/** Why start-up stopped: printed as it is, without a stack, since it is the user's environment that needs fixing. */
export class DemoConfigError extends Error {}

const fail = (message) => {
	throw new DemoConfigError(message);
};

function readPort(value) {
	if (value === undefined || value === '') return DEFAULT_PORT;
	const port = Number(value);
	if (!Number.isInteger(port) || port < 0 || port > 65_535) fail(`PORT must be a port number such as ${DEFAULT_PORT}; got "${value}".`);
	return port;
}

// Random per start-up: the demo key signs tokens that only the offline stand-in accepts, and restarting the demo
// signs everybody out, which is what a QA session wants.
const randomSecret = () => randomBytes(48).toString('base64url');

/**
@param {NodeJS.ProcessEnv} env
@returns {{port: number, keyId: string, secret: string, sessionSecret: string, widgetKey: string | undefined, signingKeyFromEnv: boolean}}
*/
export function readConfig(env) {
	const keyId = env.ZENDESK_KEY_ID || undefined;
	const secret = env.ZENDESK_SECRET || undefined;
	const widgetKey = env.ZENDESK_WIDGET_KEY || undefined;
	if ((keyId === undefined) !== (secret === undefined)) {
		fail('Set both ZENDESK_KEY_ID and ZENDESK_SECRET (the id and the shared secret of one messaging signing key), or neither for a random demo key.');
	}

	if (widgetKey !== undefined) {
		// A token signed with a random demo key would only be refused by Zendesk, with an opaque error in the widget.
		if (keyId === undefined) fail('ZENDESK_WIDGET_KEY needs ZENDESK_KEY_ID and ZENDESK_SECRET too: Zendesk only accepts tokens signed with a signing key of your account.');
		// It lands in an HTML attribute and a URL: Zendesk's keys are UUIDs, nothing that needs escaping.
		if (!/^[\w-]{8,100}$/.test(widgetKey)) fail('ZENDESK_WIDGET_KEY must be the key from your widget snippet (letters, digits and dashes, as in snippet.js?key=…).');
	}

	return {
		port: readPort(env.PORT),
		keyId: keyId ?? `app_demo_${randomBytes(12).toString('hex')}`,
		secret: secret ?? randomSecret(),
		sessionSecret: env.SESSION_SECRET || randomSecret(),
		widgetKey,
		signingKeyFromEnv: keyId !== undefined,
	};
}
