/*
The QA page: watches the instance the script-tag bundle created (window.ZendeskMessagingAuth.instance) and shows
what it does. A module, so it runs after the deferred bundle. Everything from the SDK, the backend or the widget is
rendered as text (textContent), never as markup.
*/
import {wireControls} from './qa/controls.js';
import {showDebugLog} from './qa/debug-log.js';
import {createEventLog} from './qa/event-log.js';
import {describeToken} from './qa/format.js';
import {logSdkEvents} from './qa/sdk-events.js';
import {createSessionPanel} from './qa/session-panel.js';
import {describeWidgetMode, loadStandInLate} from './qa/widget-mode.js';

const mode = document.body.dataset.widgetMode;
const log = createEventLog(document.getElementById('event-log'));
document.getElementById('clear-log').addEventListener('click', () => log.clear());
describeWidgetMode(mode);
showDebugLog({
	list: document.getElementById('debug-log'),
	toggle: document.getElementById('debug-toggle'),
	status: document.getElementById('debug-status'),
	clear: document.getElementById('clear-debug-log'),
});

// The messenger stand-in reports what it would show or tell the site: logged beside the SDK's events.
addEventListener('messenger-stand-in', (event) => log.add('widget', event.detail.text, event.detail.failed ? 'error' : 'info'));

const auth = globalThis.ZendeskMessagingAuth?.instance;
if (auth) {
	// The instance was created (and its restore started) before this script could subscribe: say where it stands.
	const restored = auth.session ? `, session of ${describeToken(auth.session.claims)}` : '';
	log.add('page', `loaded; SDK state ${auth.state}${restored}; widget: ${mode}`);
	logSdkEvents(auth, log);
	createSessionPanel(auth);
} else {
	log.add('page', 'The script-tag bundle created no instance (is it built? see the console).', 'error');
}

wireControls({auth, log});
if (mode === 'late') loadStandInLate(log);
