import {fireEvent, screen, waitFor, within} from '@testing-library/dom';
import userEvent from '@testing-library/user-event';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import type {MessagingAuthErrorCode} from '../../src/errors/messaging-auth-error.js';
import {MessagingAuthError} from '../../src/errors/messaging-auth-error.js';
import {DEFAULT_LABELS} from '../../src/form/labels.js';
import {type LoginForm, mountLoginForm} from '../../src/form/login-form.js';

/** The form re-renders a microtask after a state change (the widget hears of a sign-in first): let it. */
const rendered = async () => {
	for (let turn = 0; turn < 3; turn++) await Promise.resolve();
};
import {createFakeAuth, type FakeAuth, sessionOf} from './fake-auth.js';

let host: HTMLElement;
let fake: FakeAuth;
let form: LoginForm | undefined;

beforeEach(() => {
	host = document.createElement('div');
	host.id = 'support-login';
	document.body.append(host);
	fake = createFakeAuth();
});

afterEach(() => {
	form?.unmount();
	form = undefined;
	document.body.replaceChildren();
});

const mount = (options?: Parameters<typeof mountLoginForm>[2]) => (form = mountLoginForm(fake.auth, host, options));
const signInForm = () => screen.getByRole('form', {name: 'Sign in'});
const emailField = () => screen.getByLabelText<HTMLInputElement>('Email');
const passwordField = () => screen.getByLabelText<HTMLInputElement>('Password');
const submitButton = () => within(signInForm()).getByRole('button', {name: 'Sign in'});

async function fillAndSubmit(email = 'ada@example.com', password = 'analytical-engine') {
	const user = userEvent.setup();
	await user.type(emailField(), email);
	await user.type(passwordField(), password);
	await user.click(submitButton());
	return user;
}

describe('mountLoginForm: the signed-out form', () => {
	it('renders a form named "Sign in" with Email, Password and a Sign in button, in the light DOM', () => {
		mount();
		expect(signInForm().tagName).toBe('FORM');
		expect(screen.getByRole('heading', {name: 'Sign in'})).toBeTruthy();
		expect(host.shadowRoot).toBeNull();
		expect(host.querySelector('.zma')).not.toBeNull();

		const email = emailField();
		expect([email.type, email.name, email.getAttribute('autocomplete'), email.required]).toEqual(['email', 'email', 'username', true]);
		const password = passwordField();
		expect([password.type, password.name, password.getAttribute('autocomplete'), password.required]).toEqual([
			'password',
			'password',
			'current-password',
			true,
		]);
		expect(submitButton().getAttribute('type') ?? 'submit').toBe('submit');
		expect(signInForm().hasAttribute('aria-busy')).toBe(false);
		expect(screen.queryByRole('alert')).toBeNull();
	});

	it('mounts into the element a CSS selector names', () => {
		form = mountLoginForm(fake.auth, '#support-login');
		expect(host.contains(signInForm())).toBe(true);
	});

	it('throws ERR_CONFIG naming the selector when nothing matches it (or it is not a selector)', () => {
		for (const selector of ['#nowhere', '#a[']) {
			let thrown: unknown;
			try {
				mountLoginForm(fake.auth, selector);
			} catch (error) {
				thrown = error;
			}

			expect(thrown).toBeInstanceOf(MessagingAuthError);
			expect((thrown as MessagingAuthError).code).toBe('ERR_CONFIG');
			expect((thrown as MessagingAuthError).message).toContain(selector);
		}

		expect(fake.listenerCount()).toBe(0);
	});

	it('leaves the host element\'s own content in place', () => {
		const own = document.createElement('p');
		host.append(own);
		mount();
		expect(host.firstChild).toBe(own);
	});
});

describe('mountLoginForm: signing in', () => {
	it('POSTs exactly {email, password}, and is busy until the answer: button disabled, aria-busy="true"', async () => {
		mount();
		await fillAndSubmit();
		expect(fake.auth.login).toHaveBeenCalledTimes(1);
		expect(fake.auth.login).toHaveBeenCalledWith({email: 'ada@example.com', password: 'analytical-engine'});
		expect(Object.keys(fake.logins[0]!.credentials)).toEqual(['email', 'password']);
		expect(submitButton()).toHaveProperty('disabled', true);
		expect(signInForm().getAttribute('aria-busy')).toBe('true');

		fake.fail('ERR_NETWORK');
		await waitFor(() => expect(screen.getByRole('alert')).toBeTruthy());
		expect(submitButton()).toHaveProperty('disabled', false);
		expect(signInForm().hasAttribute('aria-busy')).toBe(false);
	});

	it('replaces the form with "Signed in as NAME" and a Sign out button, and clears the password', async () => {
		mount();
		await fillAndSubmit();
		const password = passwordField();
		fake.succeed({name: 'Ada Lovelace'});
		await waitFor(() => expect(screen.getByText('Signed in as Ada Lovelace')).toBeTruthy());
		expect(screen.queryByRole('form')).toBeNull();
		expect(host.querySelector('form')).toBeNull();
		expect(password.value).toBe('');
		const signOut = screen.getByRole('button', {name: 'Sign out'});
		expect(document.activeElement).toBe(signOut);
	});

	it.each([
		['the name claim', {name: 'Ada Lovelace', email: 'ada@example.com'}, 'Signed in as Ada Lovelace'],
		['the email when there is no name', {email: 'ada@example.com'}, 'Signed in as ada@example.com'],
		['the external_id when there is neither', {external_id: 'user-42'}, 'Signed in as user-42'],
	])('shows %s', async (_what, claims, text) => {
		mount();
		await fillAndSubmit();
		fake.succeed(claims);
		await waitFor(() => expect(screen.getByText(text)).toBeTruthy());
	});

	it('renders markup in the name claim as text, creating no element', async () => {
		mount();
		await fillAndSubmit();
		fake.succeed({name: '<img src=x onerror=alert(1)> $& Co'});
		await waitFor(() => expect(screen.getByText('Signed in as <img src=x onerror=alert(1)> $& Co')).toBeTruthy());
		expect(host.querySelector('img')).toBeNull();
	});

	it('sends one request for a double submit (button clicks, Enter, and requestSubmit while busy)', async () => {
		mount();
		const user = await fillAndSubmit();
		await user.click(submitButton());
		fireEvent.submit(signInForm());
		(signInForm() as HTMLFormElement).requestSubmit();
		await user.type(emailField(), '{Enter}');
		expect(fake.auth.login).toHaveBeenCalledTimes(1);
	});

	it('does not submit while a session restore is running (state "signing-in" at mount)', async () => {
		fake.setState('signing-in');
		await rendered();
		mount();
		expect(submitButton()).toHaveProperty('disabled', true);
		expect(signInForm().getAttribute('aria-busy')).toBe('true');
		await userEvent.type(emailField(), 'ada@example.com');
		await userEvent.type(passwordField(), 'analytical-engine');
		fireEvent.submit(signInForm());
		expect(fake.auth.login).not.toHaveBeenCalled();
	});

	it('shows the signed-in view when mounted on an instance that is already signed in', () => {
		fake = createFakeAuth({state: 'signed-in', session: sessionOf({name: 'Ada Lovelace'})});
		mount();
		expect(screen.getByText('Signed in as Ada Lovelace')).toBeTruthy();
		expect(screen.getByRole('button', {name: 'Sign out'})).toBeTruthy();
		expect(screen.queryByRole('form')).toBeNull();
	});

	it('keeps the signed-in view while the token refreshes', async () => {
		fake = createFakeAuth({state: 'signed-in', session: sessionOf({name: 'Ada Lovelace'})});
		mount();
		fake.setState('refreshing');
		await rendered();
		expect(screen.getByText('Signed in as Ada Lovelace')).toBeTruthy();
		fake.setState('signed-in');
		await rendered();
		expect(screen.getByRole('button', {name: 'Sign out'})).toBeTruthy();
	});

	it('sends the values of extra fields in the credentials body', async () => {
		mount({fields: [{name: 'otp', label: 'One-time code', autocomplete: 'one-time-code'}]});
		const code = screen.getByLabelText<HTMLInputElement>('One-time code');
		expect([code.type, code.getAttribute('autocomplete'), code.required]).toEqual(['text', 'one-time-code', true]);
		await userEvent.type(code, '123456');
		await fillAndSubmit();
		expect(fake.auth.login).toHaveBeenCalledWith({email: 'ada@example.com', password: 'analytical-engine', otp: '123456'});
	});

	it('lets an optional extra field stay empty', async () => {
		mount({fields: [{name: 'company', label: 'Company', required: false}]});
		await fillAndSubmit();
		expect(fake.auth.login).toHaveBeenCalledWith({email: 'ada@example.com', password: 'analytical-engine', company: ''});
	});
});

describe('mountLoginForm: errors', () => {
	const codes: Array<[MessagingAuthErrorCode, string]> = [
		['ERR_CONFIG', 'Sign-in is not available right now. Please try again later.'],
		['ERR_INVALID_CREDENTIALS', 'Incorrect email or password.'],
		['ERR_RATE_LIMITED', 'Too many attempts. Please try again later.'],
		['ERR_TOKEN_ENDPOINT', 'Sign-in is not available right now. Please try again later.'],
		['ERR_NETWORK', 'We could not reach the server. Please check your connection and try again.'],
		['ERR_TIMEOUT', 'We could not reach the server. Please check your connection and try again.'],
		['ERR_INVALID_TOKEN', 'Sign-in is not available right now. Please try again later.'],
		['ERR_SESSION_EXPIRED', 'Your session has expired. Please sign in again.'],
		['ERR_WIDGET_UNAVAILABLE', 'Chat is not available right now.'],
		['ERR_WIDGET_LOGIN_FAILED', 'Chat is not available right now.'],
	];

	it('has a default message for every error code', () => {
		expect(Object.keys(DEFAULT_LABELS.errors).sort()).toEqual(codes.map(([code]) => code).sort());
	});

	it.each(codes)('shows %s as "%s" in role=alert, and clears the password', async (code, text) => {
		mount();
		await fillAndSubmit();
		fake.fail(code);
		const alert = await screen.findByRole('alert');
		expect(alert.textContent).toBe(text);
		expect(passwordField().value).toBe('');
		expect(emailField().value).toBe('ada@example.com');
	});

	it('moves focus to the email, marked invalid, after wrong credentials', async () => {
		mount();
		await fillAndSubmit();
		fake.fail('ERR_INVALID_CREDENTIALS');
		await screen.findByRole('alert');
		expect(document.activeElement).toBe(emailField());
		expect(emailField().getAttribute('aria-invalid')).toBe('true');
	});

	it('moves focus to the cleared password after a network failure, marking nothing invalid', async () => {
		mount();
		await fillAndSubmit();
		fake.fail('ERR_NETWORK');
		await screen.findByRole('alert');
		expect(document.activeElement).toBe(passwordField());
		expect(host.querySelector('[aria-invalid]')).toBeNull();
	});

	it('says how long to wait when a 429 came with Retry-After', async () => {
		mount();
		await fillAndSubmit();
		fake.fail('ERR_RATE_LIMITED', {status: 429, retryAfterSeconds: 30});
		expect((await screen.findByRole('alert')).textContent).toBe('Too many attempts. Please try again in 30 seconds.');
	});

	it('shows the server\'s message after the friendly text', async () => {
		mount();
		await fillAndSubmit();
		fake.fail('ERR_INVALID_CREDENTIALS', {status: 401, serverMessage: 'This account is locked.'});
		expect((await screen.findByRole('alert')).textContent).toBe('Incorrect email or password. This account is locked.');
	});

	it('renders markup in the server\'s message as text, creating no element', async () => {
		mount();
		await fillAndSubmit();
		fake.fail('ERR_TOKEN_ENDPOINT', {status: 500, serverMessage: '<img src=x onerror=alert(1)>'});
		const alert = await screen.findByRole('alert');
		expect(alert.textContent).toContain('<img src=x onerror=alert(1)>');
		expect(alert.children).toHaveLength(0);
		expect(host.querySelector('img')).toBeNull();
	});

	it('refuses an empty form with an alert and focus on the Email field, sending nothing', async () => {
		mount();
		await userEvent.click(submitButton());
		expect(screen.getByRole('alert').textContent).toBe('Email is missing or invalid.');
		expect(document.activeElement).toBe(emailField());
		expect(emailField().getAttribute('aria-invalid')).toBe('true');
		expect(fake.auth.login).not.toHaveBeenCalled();
	});

	it('points at the first field to fix: an invalid email, then a missing password', async () => {
		mount();
		const user = userEvent.setup();
		await user.type(emailField(), 'not-an-email');
		await user.click(submitButton());
		expect(screen.getByRole('alert').textContent).toBe('Email is missing or invalid.');

		await user.clear(emailField());
		await user.type(emailField(), 'ada@example.com');
		await user.click(submitButton());
		expect(screen.getByRole('alert').textContent).toBe('Password is missing or invalid.');
		expect(document.activeElement).toBe(passwordField());
		expect(emailField().hasAttribute('aria-invalid')).toBe(false);
		expect(passwordField().getAttribute('aria-invalid')).toBe('true');
		expect(fake.auth.login).not.toHaveBeenCalled();
	});

	it('clears the alert when the visitor tries again', async () => {
		mount();
		const user = await fillAndSubmit();
		fake.fail('ERR_INVALID_CREDENTIALS');
		await screen.findByRole('alert');
		await user.type(passwordField(), 'analytical-engine');
		await user.click(submitButton());
		expect(screen.queryByRole('alert')).toBeNull();
		expect(fake.auth.login).toHaveBeenCalledTimes(2);
	});
});

describe('mountLoginForm: signing out', () => {
	async function signedIn() {
		mount();
		await fillAndSubmit();
		fake.succeed({name: 'Ada Lovelace'});
		await screen.findByText('Signed in as Ada Lovelace');
	}

	const expectEmptyForm = () => {
		expect(signInForm()).toBeTruthy();
		expect(emailField().value).toBe('');
		expect(passwordField().value).toBe('');
		expect(screen.queryByText(/Signed in as/)).toBeNull();
		expect(screen.queryByRole('alert')).toBeNull();
	};

	it('calls logout() from the Sign out button, then shows the empty form with focus on Email', async () => {
		await signedIn();
		await userEvent.click(screen.getByRole('button', {name: 'Sign out'}));
		expect(fake.auth.logout).toHaveBeenCalledTimes(1);
		expectEmptyForm();
		expect(document.activeElement).toBe(emailField());
		expect(screen.queryByRole('status')).toBeNull();
	});

	it('shows the empty form and an "expired" notice when the session expires', async () => {
		await signedIn();
		fake.signOut('expired');
		await rendered();
		expectEmptyForm();
		expect(screen.getByRole('status').textContent).toBe('Your session has expired. Please sign in again.');
	});

	it('shows the empty form, without notice, after a sign-out in another tab', async () => {
		await signedIn();
		(document.activeElement as HTMLElement | null)?.blur();
		fake.signOut('remote');
		await rendered();
		expectEmptyForm();
		expect(screen.queryByRole('status')).toBeNull();
		// Focus stays where the visitor left it: a background tab does not grab it.
		expect(document.activeElement).toBe(document.body);
	});

	it('drops the expiry notice on the next attempt', async () => {
		await signedIn();
		fake.signOut('expired');
		await rendered();
		await fillAndSubmit();
		expect(screen.queryByRole('status')).toBeNull();
	});

	it('notes, as text and without blocking, that chat is unavailable when the widget fails while signed in', async () => {
		await signedIn();
		fake.emit('error', new MessagingAuthError('ERR_WIDGET_LOGIN_FAILED', 'refused'));
		expect(screen.getByRole('status').textContent).toBe('Chat is not available right now.');
		expect(screen.getByRole('button', {name: 'Sign out'})).toHaveProperty('disabled', false);
	});

	it('ignores widget errors while signed out, and other errors while signed in', async () => {
		mount();
		fake.emit('error', new MessagingAuthError('ERR_WIDGET_UNAVAILABLE', 'no zE'));
		expect(screen.queryByRole('status')).toBeNull();
		fake.signIn();
		await rendered();
		fake.emit('error', new MessagingAuthError('ERR_NETWORK', 'refresh failed, will retry'));
		expect(screen.queryByRole('status')).toBeNull();
	});
});

describe('mountLoginForm: labels', () => {
	it('uses every text given in labels, keeping the defaults for the rest', async () => {
		mount({
			labels: {
				title: 'Connexion',
				email: 'E-mail',
				password: 'Mot de passe',
				submit: 'Se connecter',
				signedInAs: 'Connecté : {name}',
				signOut: 'Se déconnecter',
				errors: {ERR_INVALID_CREDENTIALS: 'E-mail ou mot de passe incorrect.'},
			},
		});
		expect(screen.getByRole('form', {name: 'Connexion'})).toBeTruthy();
		const user = userEvent.setup();
		await user.type(screen.getByLabelText('E-mail'), 'ada@example.com');
		await user.type(screen.getByLabelText('Mot de passe'), 'wrong');
		await user.click(screen.getByRole('button', {name: 'Se connecter'}));
		fake.fail('ERR_INVALID_CREDENTIALS');
		expect((await screen.findByRole('alert')).textContent).toBe('E-mail ou mot de passe incorrect.');

		await user.type(screen.getByLabelText('Mot de passe'), 'analytical-engine');
		await user.click(screen.getByRole('button', {name: 'Se connecter'}));
		fake.succeed({name: 'Ada'});
		expect(await screen.findByText('Connecté : Ada')).toBeTruthy();
		expect(screen.getByRole('button', {name: 'Se déconnecter'})).toBeTruthy();
		fake.signOut('expired');
		await rendered();
		expect(screen.getByRole('status').textContent).toBe('Your session has expired. Please sign in again.');
	});

	it('uses the invalidField and retryAfter texts with their placeholders', async () => {
		mount({labels: {invalidField: 'Champ à corriger : {field}', retryAfter: 'Réessayez dans {seconds} s.'}});
		await userEvent.click(submitButton());
		expect(screen.getByRole('alert').textContent).toBe('Champ à corriger : Email');
		await fillAndSubmit();
		fake.fail('ERR_RATE_LIMITED', {retryAfterSeconds: 12});
		expect((await screen.findByRole('alert')).textContent).toBe('Réessayez dans 12 s.');
	});
});

describe('mountLoginForm: unmount', () => {
	it('removes what it added and every listener on the instance', async () => {
		const own = document.createElement('p');
		host.append(own);
		const before = fake.listenerCount();
		const mounted = mountLoginForm(fake.auth, host);
		expect(fake.listenerCount()).toBeGreaterThan(before);
		mounted.unmount();
		expect([...host.childNodes]).toEqual([own]);
		expect(fake.listenerCount()).toBe(before);
		mounted.unmount();
		fake.signIn();
		await rendered();
		expect([...host.childNodes]).toEqual([own]);
	});

	it('detaches its DOM listeners: a kept reference to the form submits nothing', async () => {
		const mounted = mount();
		const user = userEvent.setup();
		await user.type(emailField(), 'ada@example.com');
		await user.type(passwordField(), 'analytical-engine');
		const detached = signInForm() as HTMLFormElement;
		mounted.unmount();
		document.body.append(detached);
		detached.requestSubmit();
		expect(fake.auth.login).not.toHaveBeenCalled();
	});
});

describe('mountLoginForm: CSP', () => {
	it('sets no style attribute in any state', async () => {
		mount();
		const seen: string[] = [];
		const check = () => seen.push(...[...host.querySelectorAll('[style]')].map((element) => element.outerHTML));
		check();
		await fillAndSubmit();
		check();
		fake.fail('ERR_INVALID_CREDENTIALS', {serverMessage: '<b style="color:red">x</b>'});
		await screen.findByRole('alert');
		check();
		await userEvent.type(passwordField(), 'analytical-engine{Enter}');
		fake.succeed({name: '<span style="x">Ada</span>'});
		await screen.findByRole('button', {name: 'Sign out'});
		check();
		fake.signOut('expired');
		await rendered();
		check();
		expect(seen).toEqual([]);
	});
});
