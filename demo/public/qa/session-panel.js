/*
The Session card: getDiagnostics() four times a second (the countdowns), and the current token's decoded claims
whenever the session changes.
*/
import {formatDuration, formatEpochSeconds} from './format.js';

const REFRESH_MS = 250;

function renderClaims(list, claims) {
	const rows = claims ? Object.entries(claims) : [['—', 'No token']];
	list.replaceChildren(
		...rows.flatMap(([name, value]) => {
			const term = document.createElement('dt');
			term.textContent = name;
			const description = document.createElement('dd');
			const isTime = (name === 'exp' || name === 'iat') && typeof value === 'number';
			description.textContent = typeof value === 'string' ? value : `${JSON.stringify(value)}${isTime ? ` (${formatEpochSeconds(value)})` : ''}`;
			return [term, description];
		}),
	);
}

export function createSessionPanel(auth) {
	const facts = Object.fromEntries([...document.querySelectorAll('#diagnostics [data-fact]')].map((element) => [element.dataset.fact, element]));
	const claims = document.getElementById('claims');

	const renderDiagnostics = () => {
		const diagnostics = auth.getDiagnostics();
		const text = {
			state: diagnostics.state,
			nextRefresh: formatDuration(diagnostics.nextRefreshInMs),
			expires: formatDuration(diagnostics.expiresInMs),
			failedRefreshes: String(diagnostics.failedRefreshes),
			widget: `${diagnostics.widget.status}; chat login ${diagnostics.widget.login}`,
			tabSync: `${diagnostics.tabSync}${diagnostics.ledLastRefresh === null ? '' : diagnostics.ledLastRefresh ? ' (this tab fetched the token)' : ' (token shared by another tab)'}`,
			clockOffset: `${Math.round(diagnostics.clockOffsetMs)} ms`,
			lastError: diagnostics.lastError ? diagnostics.lastError.code : '—',
		};
		for (const [fact, value] of Object.entries(text)) {
			// Only on change: screen readers and text selection are not disturbed four times a second.
			if (facts[fact] && facts[fact].textContent !== value) facts[fact].textContent = value;
		}

		document.body.dataset.sdkState = diagnostics.state;
	};

	const renderSession = () => {
		renderClaims(claims, auth.session?.claims);
		renderDiagnostics();
	};

	for (const event of ['statechange', 'login', 'refresh', 'logout', 'error']) auth.on(event, renderSession);
	renderSession();
	setInterval(renderDiagnostics, REFRESH_MS);
}
