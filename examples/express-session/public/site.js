// The site's own sign-in and sign-out, in the page (no reload), and the one line each that keeps the chat in step:
// auth.restore() after the sign-in (the SDK asks /api/zendesk/jwt, which now answers for this visitor), auth.logout()
// after the sign-out. The script tag's instance is window.ZendeskMessagingAuth.instance (this file loads after it).
const auth = window.ZendeskMessagingAuth.instance;
const form = document.getElementById('site-sign-in');
const account = document.getElementById('site-account');

function show(name) {
	document.getElementById('site-user').textContent = name ?? '';
	account.hidden = name === null;
	form.hidden = name !== null;
}

form.addEventListener('submit', async (event) => {
	event.preventDefault();
	const fields = new FormData(form);
	const response = await fetch('/login', {
		method: 'POST',
		headers: {'content-type': 'application/json'},
		body: JSON.stringify({email: fields.get('email'), password: fields.get('password')}),
	});
	const body = await response.json().catch(() => ({}));
	if (!response.ok) {
		document.getElementById('site-error').textContent = body.message ?? `Sign-in failed (HTTP ${response.status}).`;
		return;
	}
	form.reset();
	document.getElementById('site-error').textContent = '';
	show(body.name);
	// The chat follows the new site session. A failure here leaves the site signed in: the chat is a bonus.
	await auth.restore().catch((error) => console.warn('The chat could not sign in:', error));
});

document.getElementById('site-sign-out').addEventListener('click', async () => {
	await fetch('/logout', {method: 'POST'});
	show(null);
	await auth.logout();
});
