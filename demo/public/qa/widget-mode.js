/* Which widget the server put on this page (?widget=), said in words, and the "late" stand-in's delayed loading. */
const STAND_IN_DELAY_MS = 3000;

const DESCRIPTIONS = {
	early: 'Widget: offline messenger stand-in, loaded with the page.',
	late: `Widget: offline messenger stand-in, loaded ${STAND_IN_DELAY_MS / 1000} s after the page.`,
	none: 'Widget: none (the SDK reports ERR_WIDGET_UNAVAILABLE after its widgetTimeoutMs; the site login still works).',
	zendesk: 'Widget: the real Zendesk messaging widget (ZENDESK_WIDGET_KEY).',
};

export function describeWidgetMode(mode) {
	document.getElementById('widget-mode').textContent = DESCRIPTIONS[mode] ?? `Widget: ${mode}`;
	for (const link of document.querySelectorAll('[data-widget-link]')) {
		if (link.dataset.widgetLink === mode) link.setAttribute('aria-current', 'true');
	}
}

/** A widget that turns up after the SDK started waiting for it (zendesk-widget.md, pitfall 1). */
export function loadStandInLate(log) {
	setTimeout(() => {
		const script = document.createElement('script');
		script.src = '/messenger-stand-in.js';
		script.addEventListener('load', () => log.add('page', `messenger stand-in loaded, ${STAND_IN_DELAY_MS / 1000} s late`));
		document.head.append(script);
	}, STAND_IN_DELAY_MS);
}
