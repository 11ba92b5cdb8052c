// `npm run dev` runs this before next dev: it writes .env.local with the values the app needs, if there is none yet, so the
// example runs at once with the messenger stand-in. Random secrets, made on this machine; for the real widget put
// your Zendesk key id and shared secret in their place (README.md).
import {randomBytes} from 'node:crypto';
import {existsSync, writeFileSync} from 'node:fs';

const FILE = new URL('.env.local', import.meta.url);
if (!existsSync(FILE)) {
	const random = () => randomBytes(32).toString('base64url');
	writeFileSync(
		FILE,
		[
			'# Written by create-dev-env.mjs for development with the messenger stand-in. Not for production.',
			'ZENDESK_KEY_ID=app_development_stand_in',
			`ZENDESK_SECRET=${random()}`,
			`SESSION_SECRET=${random()}`,
			'# The origin visitors use (route handlers see request.url on localhost under next start).',
			'SITE_ORIGIN=http://localhost:3000',
			'# NEXT_PUBLIC_ZENDESK_WIDGET_KEY=your-widget-key (then ZENDESK_KEY_ID and ZENDESK_SECRET from Admin Center)',
			'',
		].join('\n'),
		{mode: 0o600},
	);
	console.log('Wrote .env.local with development secrets (the messenger stand-in needs no Zendesk account).');
}
