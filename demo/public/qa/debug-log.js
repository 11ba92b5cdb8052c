/*
The "Debug log" card: what the SDK prints with `data-debug` (and, debug or not, its warnings), as qa/debug-capture.js
kept it. The toggle reloads the page with `?debug=1` (the server then renders the script tag with `data-debug`), or
without it, keeping the page's other parameters. Text only.
*/
import {createEventLog} from './event-log.js';

export function showDebugLog({list, toggle, status, clear}) {
	const on = document.querySelector('script[data-token-endpoint]')?.dataset.debug !== 'false';
	const url = new URL(location.href);
	if (on) url.searchParams.delete('debug');
	else url.searchParams.set('debug', '1');
	toggle.href = `${url.pathname}${url.search}`;
	toggle.textContent = on ? 'Turn the debug log off' : 'Turn the debug log on';
	toggle.setAttribute('aria-pressed', String(on));
	status.textContent = on
		? 'data-debug is on: each step the SDK takes, as console.debug prints it.'
		: 'data-debug is off: only warnings (an integration fault nobody listened for) appear here.';

	const log = createEventLog(list);
	const add = ({level, text}) => log.add(level, text.replace(/^zendesk-messaging-auth: /, ''), level === 'warn' ? 'error' : 'info');
	for (const line of globalThis.__qaDebugLines ?? []) add(line);
	addEventListener('qa-debug-line', (event) => add(event.detail));
	clear.addEventListener('click', () => log.clear());
}
