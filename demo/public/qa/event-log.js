/* The live event log: newest first, text only, bounded so that a long QA session does not grow the page forever. */
const MAX_ENTRIES = 300;

const timeOfDay = (date) => `${date.toLocaleTimeString('en-GB', {hour12: false})}.${String(date.getMilliseconds()).padStart(3, '0')}`;

export function createEventLog(list) {
	return {
		/** `kind`: the event name (statechange, login, …) or a source (page, widget, demo); `tone`: info or error. */
		add(kind, text, tone = 'info') {
			const entry = document.createElement('li');
			entry.className = `log-entry log-${tone}`;
			entry.dataset.event = kind;
			const time = document.createElement('time');
			const now = new Date();
			time.dateTime = now.toISOString();
			time.textContent = timeOfDay(now);
			const name = document.createElement('strong');
			name.textContent = kind;
			const detail = document.createElement('span');
			detail.textContent = text;
			entry.append(time, ' ', name, ' ', detail);
			list.prepend(entry);
			while (list.childElementCount > MAX_ENTRIES) list.lastElementChild.remove();
		},
		clear() {
			list.replaceChildren();
		},
	};
}
