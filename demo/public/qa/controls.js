/*
The Controls card. Each button carries its change as JSON (data-patch) for POST /demo/controls, a demo-only
endpoint; the answer is the backend's whole control state, shown in words and as pressed buttons.
*/
const ENDPOINT = '/demo/controls';

async function postControls(patch) {
	const response = await fetch(ENDPOINT, {method: 'POST', headers: {'content-type': 'application/json'}, body: JSON.stringify(patch)});
	const body = await response.json().catch(() => ({}));
	if (!response.ok) throw new Error(body.message ?? `HTTP ${response.status}`);
	return body.controls;
}

function describe({lifetimeSeconds, failNextRefresh, slowMs}) {
	return [
		`Tokens last ${lifetimeSeconds} s.`,
		failNextRefresh ? `The next refresh fails with ${failNextRefresh}.` : 'Refreshes succeed.',
		slowMs ? `Token and refresh endpoints answer ${slowMs / 1000} s late.` : 'Endpoints answer at once.',
	].join(' ');
}

function showState(controls, buttons) {
	document.getElementById('controls-state').textContent = describe(controls);
	for (const button of buttons) {
		const [[name, value]] = Object.entries(JSON.parse(button.dataset.patch));
		if (name in controls) button.setAttribute('aria-pressed', String(controls[name] === value));
	}
}

export function wireControls({auth, log}) {
	const buttons = [...document.querySelectorAll('button[data-patch]')];
	for (const button of buttons) {
		button.addEventListener('click', async () => {
			const patch = JSON.parse(button.dataset.patch);
			let controls;
			try {
				controls = await postControls(patch);
			} catch (error) {
				log.add('demo', `${button.textContent}: ${error.message}`, 'error');
				return;
			}

			log.add('demo', `${button.textContent}: ${describe(controls)}`);
			showState(controls, buttons);
			// The token in hand keeps its lifetime: reload, and the start-up restore fetches one with the new lifetime.
			if ('lifetimeSeconds' in patch && (auth?.state === 'signed-in' || auth?.state === 'refreshing')) location.reload();
		});
	}

	// An empty change reads the state.
	const sync = () =>
		postControls({}).then(
			(controls) => showState(controls, buttons),
			(error) => log.add('demo', `controls unavailable: ${error.message}`, 'error'),
		);
	sync();
	// A refresh (or the start-up restore) may have used up the armed fault: show what is armed now.
	auth?.on('statechange', ({previous}) => {
		if (previous === 'refreshing' || previous === 'signing-in') sync();
	});

	// The other tab opens this same page (same widget mode): tabs of one origin share one session.
	document.getElementById('other-tab').href = location.href;
}
