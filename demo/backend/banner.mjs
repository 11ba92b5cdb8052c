/* What `npm run demo` prints once it listens: where to go, who to sign in as, and which widget and key are in use. */
import {DEMO_ACCOUNTS} from './accounts.mjs';
import {LOGIN_FAILURES_PER_MINUTE} from './app.mjs';

export function startupBanner(config, origin) {
	const width = (key) => Math.max(...DEMO_ACCOUNTS.map((account) => account[key].length));
	return [
		'',
		`zendesk-messaging-auth demo: ${origin}/`,
		'',
		`  QA page (script-tag bundle):  ${origin}/`,
		`  SPA page (ES module, headless): ${origin}/spa.html`,
		`  React page (zendesk-messaging-auth/react, StrictMode): ${origin}/react.html`,
		`  Site login (the site's own session, refresh-only script tag): ${origin}/site-login.html`,
		'',
		'  Demo accounts (email / password):',
		...DEMO_ACCOUNTS.map(({email, password, name}) => `    ${email.padEnd(width('email'))} / ${password.padEnd(width('password'))}  ${name}`),
		'',
		config.widgetKey
			? '  Widget: the real Zendesk messaging widget (ZENDESK_WIDGET_KEY), tokens signed with ZENDESK_KEY_ID / ZENDESK_SECRET.'
			: '  Widget: the offline messenger stand-in. Set ZENDESK_WIDGET_KEY, ZENDESK_KEY_ID and ZENDESK_SECRET for the real one.',
		config.signingKeyFromEnv
			? '  Signing key: from ZENDESK_KEY_ID / ZENDESK_SECRET (never sent to the browser).'
			: '  Signing key: a random demo key made at start-up (never sent to the browser); restarting signs everybody out.',
		`  Sign-in attempts: ${LOGIN_FAILURES_PER_MINUTE} failures a minute per account and per address, then 429.`,
		'',
		'  Ctrl+C stops the demo.',
		'',
	].join('\n');
}
