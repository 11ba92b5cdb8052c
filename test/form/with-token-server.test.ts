import {screen, waitFor} from '@testing-library/dom';
import userEvent from '@testing-library/user-event';
import {afterAll, afterEach, beforeAll, beforeEach, describe, expect, it} from 'vitest';
import {createMessagingAuth} from '../../src/create-messaging-auth.js';
import {type LoginForm, mountLoginForm} from '../../src/form/login-form.js';
import type {MessagingAuth} from '../../src/types/session.js';
import {ADA, startTokenServer, type TokenServer} from '../helpers/token-server.js';
import {installZendeskStandIn, type ZendeskStandIn} from '../helpers/zendesk-stand-in.js';

let server: TokenServer;
let widget: ZendeskStandIn;
let auth: MessagingAuth;
let form: LoginForm;

beforeAll(async () => {
	server = await startTokenServer();
});
afterAll(() => server.close());

beforeEach(() => {
	widget = installZendeskStandIn();
	auth = createMessagingAuth({tokenEndpoint: server.url('/token'), logoutEndpoint: server.url('/logout'), syncTabs: false});
	const host = document.createElement('div');
	host.id = 'support-login';
	document.body.append(host);
	form = mountLoginForm(auth, '#support-login');
});

afterEach(() => {
	form.unmount();
	auth.destroy();
	widget.uninstall();
	document.body.replaceChildren();
});

async function signIn(password: string) {
	const user = userEvent.setup();
	await user.type(screen.getByLabelText('Email'), ADA.email);
	await user.type(screen.getByLabelText('Password'), password);
	await user.click(screen.getByRole('button', {name: 'Sign in'}));
	return user;
}

describe('the form against a real instance and the loopback backend', () => {
	it('signs Ada in, and the widget receives a JWT it accepts', async () => {
		await signIn(ADA.password);
		expect(await screen.findByText('Signed in as Ada Lovelace')).toBeTruthy();
		await waitFor(() => expect(widget.record.signedInAs).toBe('user-ada'));
		const login = server.requests.find((request) => request.path === '/token')!;
		expect(JSON.parse(login.body)).toEqual({email: ADA.email, password: ADA.password});
	});

	it('shows the friendly text and the server\'s message for a wrong password, with focus on Email', async () => {
		await signIn('wrong');
		const alert = await screen.findByRole('alert');
		expect(alert.textContent).toBe('Incorrect email or password. Invalid email or password.');
		expect(document.activeElement).toBe(screen.getByLabelText('Email'));
		expect(screen.getByLabelText<HTMLInputElement>('Password').value).toBe('');
		expect(widget.record.loginUserCalls).toBe(0);
	});

	it('shows the wait of a 429', async () => {
		server.next('/token', {status: 429, headers: {'retry-after': '17'}});
		await signIn(ADA.password);
		expect((await screen.findByRole('alert')).textContent).toBe('Too many attempts. Please try again in 17 seconds.');
	});

	it('signs out from the Sign out button: logout endpoint, logoutUser, and the empty form back', async () => {
		await signIn(ADA.password);
		await waitFor(() => expect(widget.record.signedInAs).toBe('user-ada'));
		await userEvent.click(screen.getByRole('button', {name: 'Sign out'}));
		expect(screen.getByRole('form', {name: 'Sign in'})).toBeTruthy();
		expect(screen.getByLabelText<HTMLInputElement>('Email').value).toBe('');
		expect(widget.record.logoutUserCalls).toBe(1);
		await waitFor(() => expect(server.count('/logout')).toBe(1));
	});
});

describe('the form in one tab, a sign-out in another', () => {
	it('comes back empty when the other tab signs out', async () => {
		form.unmount();
		auth.destroy();
		const tabs = [0, 1].map(() => createMessagingAuth({tokenEndpoint: server.url('/token'), logoutEndpoint: server.url('/logout')}));
		auth = tabs[0]!;
		form = mountLoginForm(auth, '#support-login');
		try {
			await signIn(ADA.password);
			await screen.findByText('Signed in as Ada Lovelace');
			await waitFor(() => expect(tabs[1]!.state).toBe('signed-in'));
			const reasons: string[] = [];
			auth.on('logout', ({reason}) => reasons.push(reason));
			await tabs[1]!.logout();
			await waitFor(() => expect(reasons).toEqual(['remote']));
			expect(screen.getByRole('form', {name: 'Sign in'})).toBeTruthy();
			expect(screen.getByLabelText<HTMLInputElement>('Email').value).toBe('');
			expect(screen.queryByRole('status')).toBeNull();
		} finally {
			tabs[1]!.destroy();
		}
	});
});
