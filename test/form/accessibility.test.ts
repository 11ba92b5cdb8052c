import {screen} from '@testing-library/dom';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {MessagingAuthError} from '../../src/errors/messaging-auth-error.js';
import {type LoginForm, mountLoginForm} from '../../src/form/login-form.js';
import {createFakeAuth, type FakeAuth} from './fake-auth.js';

let host: HTMLElement;
let fake: FakeAuth;
let form: LoginForm;

beforeEach(() => {
	document.documentElement.lang = 'en';
	document.title = 'Support';
	host = document.createElement('main');
	document.body.append(host);
	fake = createFakeAuth();
	form = mountLoginForm(fake.auth, host);
});

afterEach(() => {
	form.unmount();
	document.body.replaceChildren();
});

async function violations() {
	// jsdom does no layout, so colour contrast cannot be computed here.
	const results = await axe.run(host, {rules: {'color-contrast': {enabled: false}}});
	return results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.html).join(' | ')}`);
}

async function submit() {
	const user = userEvent.setup();
	await user.type(screen.getByLabelText('Email'), 'ada@example.com');
	await user.type(screen.getByLabelText('Password'), 'analytical-engine');
	await user.click(screen.getByRole('button', {name: 'Sign in'}));
}

describe('axe-core finds no violations', () => {
	it('in the signed-out form', async () => {
		expect(await violations()).toEqual([]);
	});

	it('while a sign-in runs', async () => {
		await submit();
		expect(host.querySelector('[aria-busy="true"]')).not.toBeNull();
		expect(await violations()).toEqual([]);
	});

	it('with an error shown', async () => {
		await submit();
		fake.fail('ERR_INVALID_CREDENTIALS', {serverMessage: 'Invalid email or password.'});
		await screen.findByRole('alert');
		expect(host.querySelector('[aria-invalid="true"]')).not.toBeNull();
		expect(await violations()).toEqual([]);
	});

	it('when signed in, with the chat note', async () => {
		await submit();
		fake.succeed({name: 'Ada Lovelace'});
		await screen.findByText('Signed in as Ada Lovelace');
		fake.emit('error', new MessagingAuthError('ERR_WIDGET_UNAVAILABLE', 'no zE'));
		expect(await violations()).toEqual([]);
	});

	it('after the session expired, with the notice', async () => {
		fake.signIn();
		fake.signOut('expired');
		await screen.findByRole('status');
		expect(await violations()).toEqual([]);
	});
});
