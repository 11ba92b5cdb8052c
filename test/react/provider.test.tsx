/*
MessagingAuthProvider + useMessagingAuth + <LoginForm> against the real core (src/index.ts), a scripted fetch and
the widget stand-in: state changes, errors, unmount cleanup, and what StrictMode's mount → unmount → mount costs.
*/
import {act, cleanup, render, screen, waitFor} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {StrictMode} from 'react';
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import type {MessagingAuthOptions} from '../../src/index.js';
import {LoginForm, MessagingAuthProvider, useMessagingAuth} from '../../src/react.js';
import {stubFetch} from '../helpers/fetch-stub.js';
import {mintJwt} from '../helpers/jwt.js';
import {installZendeskStandIn, type ZendeskStandIn} from '../helpers/zendesk-stand-in.js';
import {createdInstances} from './instances.js';

vi.mock('../../src/index.js', async (importOriginal) => {
	const original = await importOriginal<typeof import('../../src/index.js')>();
	// Imported here: the factory runs before the file's own imports.
	const {recordingCreate} = await import('./instances.js');
	return {...original, createMessagingAuth: recordingCreate(original.createMessagingAuth)};
});

// 'always': these tests restore a site session at mount (a first-time visitor's quiet start is test/core/quiet-start.test.ts).
const OPTIONS: MessagingAuthOptions = {tokenEndpoint: '/api/token', refreshEndpoint: '/api/refresh', logoutEndpoint: '/api/logout', restoreOnLoad: 'always'};
const ADA = {email: 'ada@example.com', password: 'analytical-engine'};

let widget: ZendeskStandIn;
let backend: ReturnType<typeof stubFetch>;

beforeEach(() => {
	createdInstances.length = 0;
	widget = installZendeskStandIn();
	backend = stubFetch({
		// No site session yet: the start-up restore finds none (the ordinary signed-out start).
		'/api/refresh': {status: 401, body: {message: 'No site session.'}},
		'/api/token': () => ({body: {jwt: mintJwt()}}),
		'/api/logout': {status: 204},
	});
});

afterEach(() => {
	cleanup();
	widget.uninstall();
});

/** What a component reads from the hook, as text the tests can find. */
function Status({onRender}: {onRender?: (value: ReturnType<typeof useMessagingAuth>) => void}) {
	const value = useMessagingAuth();
	onRender?.(value);
	const {state, session, error, logout} = value;
	return (
		<div>
			<p data-testid="state">{state}</p>
			<p data-testid="who">{session?.claims.name ?? ''}</p>
			<p data-testid="error">{error?.code ?? ''}</p>
			<button type="button" onClick={() => void logout()}>
				Log out of chat
			</button>
		</div>
	);
}

const App = ({options = OPTIONS}: {options?: MessagingAuthOptions}) => (
	<MessagingAuthProvider options={options}>
		<Status />
		<LoginForm />
	</MessagingAuthProvider>
);

const text = (id: string) => screen.getByTestId(id).textContent;
/** The start-up restore was sent and answered (no site session). How many were sent is for the StrictMode test to count. */
const restoreSettled = async () => {
	await waitFor(() => expect(backend.count('/api/refresh')).toBeGreaterThan(0));
	await waitFor(() => expect(text('state')).toBe('signed-out'));
};

async function signInThroughForm(password = ADA.password) {
	const user = userEvent.setup();
	await user.clear(screen.getByLabelText('Email'));
	await user.type(screen.getByLabelText('Email'), ADA.email);
	await user.type(screen.getByLabelText('Password'), password);
	await user.click(screen.getByRole('button', {name: 'Sign in'}));
}

describe('MessagingAuthProvider with options', () => {
	it('follows the instance: restore at start, sign-in through our form, sign-out through the hook', async () => {
		render(<App />);
		await restoreSettled();
		await signInThroughForm();
		await waitFor(() => expect(text('state')).toBe('signed-in'));
		expect(text('who')).toBe('Ada Lovelace');
		expect(screen.getByText('Signed in as Ada Lovelace')).toBeTruthy();
		expect(widget.record.loginUserCalls).toBe(1);
		expect(widget.record.signedInAs).toBe('user-ada');

		await userEvent.setup().click(screen.getByRole('button', {name: 'Log out of chat'}));
		await waitFor(() => expect(text('state')).toBe('signed-out'));
		expect(text('who')).toBe('');
		expect(backend.count('/api/logout')).toBe(1);
		expect(widget.record.logoutUserCalls).toBe(1);
		expect(screen.getByRole('form', {name: 'Sign in'})).toBeTruthy();
	});

	it('shows a failed sign-in as `error` (the MessagingAuthError of the error event) and clears it when the next sign-in starts', async () => {
		backend.next('/api/token', {status: 401, body: {message: 'Wrong email or password.'}});
		render(<App />);
		await restoreSettled();
		await signInThroughForm('wrong');
		await waitFor(() => expect(text('error')).toBe('ERR_INVALID_CREDENTIALS'));
		expect(text('state')).toBe('signed-out');
		expect(screen.getByRole('alert').textContent).toContain('Incorrect email or password.');

		backend.next('/api/token', {hang: true});
		await signInThroughForm();
		await waitFor(() => expect(text('state')).toBe('signing-in'));
		expect(text('error')).toBe('');
	});

	it('creates the instance in an effect with the given options, and destroys it, with every listener of ours removed, when it unmounts', async () => {
		const {unmount} = render(<App />);
		await restoreSettled();
		expect(createdInstances).toHaveLength(1);
		const [created] = createdInstances;
		expect(created!.options).toEqual(OPTIONS);
		expect(created!.liveListeners).toBeGreaterThan(0);

		unmount();
		expect(created!.destroyed).toBe(true);
		expect(created!.liveListeners).toBe(0);
		// Destroyed means inert: the instance refuses to work.
		await expect(created!.auth.restore()).rejects.toMatchObject({name: 'MessagingAuthError', code: 'ERR_CONFIG'});
		expect(document.querySelector('form')).toBeNull();
	});

	it('reads options at mount: a parent re-rendering with a new options object creates no new instance', async () => {
		const {rerender} = render(<App options={{...OPTIONS}} />);
		await restoreSettled();
		rerender(<App options={{...OPTIONS}} />);
		rerender(<App options={{...OPTIONS}} />);
		expect(createdInstances).toHaveLength(1);
		expect(backend.count('/api/refresh')).toBe(1);
	});
});

describe('StrictMode (mount → unmount → mount)', () => {
	it('costs nothing: one restore request, one loginUser, one token request, one form, one set of listeners', async () => {
		const seen = new Set<unknown>();
		render(
			<StrictMode>
				<MessagingAuthProvider options={OPTIONS}>
					<Status onRender={({auth}) => auth && seen.add(auth)} />
					<LoginForm />
				</MessagingAuthProvider>
			</StrictMode>,
		);
		await restoreSettled();
		await signInThroughForm();
		await waitFor(() => expect(text('state')).toBe('signed-in'));
		// Let anything late (a second restore, a second loginUser) show up before counting.
		await act(() => new Promise((resolve) => setTimeout(resolve, 100)));

		expect(backend.count('/api/refresh'), 'restore requests').toBe(1);
		expect(backend.count('/api/token'), 'token requests').toBe(1);
		expect(widget.record.loginUserCalls, 'loginUser calls').toBe(1);
		expect(document.querySelectorAll('form')).toHaveLength(0);
		expect(document.querySelectorAll('.zma'), 'mounted forms').toHaveLength(1);

		// StrictMode's first instance was destroyed before it sent anything, and none of our listeners stay on it.
		const live = createdInstances.filter((instance) => !instance.destroyed);
		expect(live, 'live instances').toHaveLength(1);
		for (const instance of createdInstances.filter(({destroyed}) => destroyed)) expect(instance.liveListeners).toBe(0);
		// Components only ever saw the instance that lives.
		expect([...seen]).toEqual([live[0]!.auth]);
		// One set: the provider's five (statechange, login, refresh, logout, error) and the form's own.
		const formListeners = live[0]!.liveListeners - 5;
		cleanup();
		expect(live[0]!.liveListeners).toBe(0);
		expect(formListeners).toBeGreaterThan(0);
		expect(formListeners).toBeLessThanOrEqual(5);
	});

	it('mounts one form per <LoginForm> even when the form is re-rendered with inline labels, keeping what the visitor typed', async () => {
		function Page() {
			const {state} = useMessagingAuth();
			return (
				<>
					<p data-testid="state">{state}</p>
					<LoginForm labels={{title: 'Chat with support'}} fields={[{name: 'otp', label: 'One-time code', required: false}]} />
				</>
			);
		}

		render(
			<StrictMode>
				<MessagingAuthProvider options={OPTIONS}>
					<Page />
				</MessagingAuthProvider>
			</StrictMode>,
		);
		await restoreSettled();
		await userEvent.setup().type(screen.getByLabelText('Email'), ADA.email);
		// A state change re-renders <Page> and so <LoginForm> with new labels and fields objects.
		backend.next('/api/refresh', {status: 401});
		await act(async () => {
			await createdInstances.find(({destroyed}) => !destroyed)!.auth.restore();
		});
		expect(screen.getAllByRole('form', {name: 'Chat with support'})).toHaveLength(1);
		expect(screen.getByLabelText('One-time code')).toBeTruthy();
		expect((screen.getByLabelText('Email') as HTMLInputElement).value).toBe(ADA.email);
	});
});

describe('<LoginForm locale>', () => {
	it('re-renders in the new language when locale changes, one form, keeping what the visitor typed', async () => {
		const {default: fr} = await import('../../src/locales/fr.js');
		const {default: de} = await import('../../src/locales/de.js');
		const page = (locale: string) => (
			<MessagingAuthProvider options={OPTIONS}>
				<Status />
				<LoginForm locale={locale} locales={[fr, de]} />
			</MessagingAuthProvider>
		);
		const {rerender} = render(<StrictMode>{page('fr')}</StrictMode>);
		await restoreSettled();
		expect(screen.getAllByRole('form', {name: 'Connexion'})).toHaveLength(1);
		await userEvent.setup().type(screen.getByLabelText('Adresse e-mail'), ADA.email);
		rerender(<StrictMode>{page('de')}</StrictMode>);
		expect(screen.getAllByRole('form', {name: 'Anmelden'})).toHaveLength(1);
		expect((screen.getByLabelText('E-Mail-Adresse') as HTMLInputElement).value).toBe(ADA.email);
		rerender(<StrictMode>{page('en')}</StrictMode>);
		expect(screen.getAllByRole('form', {name: 'Sign in'})).toHaveLength(1);
	});
});

describe('MessagingAuthProvider with auth', () => {
	it('uses the given instance and never destroys it; its own listeners go when it unmounts', async () => {
		const {createMessagingAuth} = await import('../../src/index.js');
		const auth = createMessagingAuth({tokenEndpoint: '/api/token', logoutEndpoint: '/api/logout'});
		try {
			const record = createdInstances.at(-1)!;
			const seen: unknown[] = [];
			const {unmount} = render(
				<StrictMode>
					<MessagingAuthProvider auth={auth}>
						<Status onRender={(value) => seen.push(value.auth)} />
					</MessagingAuthProvider>
				</StrictMode>,
			);
			expect(seen.every((value) => value === auth)).toBe(true);
			await act(() => auth.login(ADA));
			expect(text('state')).toBe('signed-in');
			expect(createdInstances).toHaveLength(1);
			unmount();
			expect(record.destroyed).toBe(false);
			expect(record.liveListeners).toBe(0);
			expect(auth.state).toBe('signed-in');
		} finally {
			auth.destroy();
		}
	});
});

describe('switching between options and auth', () => {
	it('never hands components an instance it destroyed: options → auth → options', async () => {
		const {createMessagingAuth} = await import('../../src/index.js');
		const given = createMessagingAuth({tokenEndpoint: '/api/token'});
		try {
			const seen: unknown[] = [];
			const tree = (props: {options: MessagingAuthOptions} | {auth: typeof given}) => (
				<MessagingAuthProvider {...props}>
					<Status onRender={(value) => seen.push(value.auth)} />
				</MessagingAuthProvider>
			);
			const {rerender} = render(tree({options: OPTIONS}));
			await restoreSettled();
			const first = createdInstances.find(({options}) => options === OPTIONS)!;
			rerender(tree({auth: given}));
			expect(first.destroyed).toBe(true);
			seen.length = 0;
			rerender(tree({options: OPTIONS}));
			await waitFor(() => expect(createdInstances.filter(({options}) => options === OPTIONS)).toHaveLength(2));
			expect(seen).not.toContain(first.auth);
		} finally {
			given.destroy();
		}
	});
});

describe('mistakes', () => {
	const quietly = () => vi.spyOn(console, 'error').mockImplementation(() => {});

	it('useMessagingAuth() outside a provider throws ERR_CONFIG saying to add a MessagingAuthProvider', () => {
		quietly();
		expect(() => render(<Status />)).toThrowError(expect.objectContaining({name: 'MessagingAuthError', code: 'ERR_CONFIG', message: expect.stringContaining('<MessagingAuthProvider')}));
	});

	it('a provider with neither options nor auth, or both, throws ERR_CONFIG naming the props', () => {
		quietly();
		const Provider = MessagingAuthProvider as (props: Record<string, unknown>) => ReturnType<typeof MessagingAuthProvider>;
		expect(() => render(<Provider />)).toThrowError(expect.objectContaining({code: 'ERR_CONFIG', message: expect.stringContaining('needs `options`')}));
		const auth = {} as never;
		expect(() => render(<Provider options={OPTIONS} auth={auth} />)).toThrowError(expect.objectContaining({code: 'ERR_CONFIG', message: expect.stringContaining('not both')}));
	});

	it('bad options reach the app as the ERR_CONFIG createMessagingAuth throws, from the effect', () => {
		quietly();
		expect(() => render(<App options={{tokenEndpoint: 'javascript:alert(1)'}} />)).toThrowError(expect.objectContaining({code: 'ERR_CONFIG'}));
	});

	it('before the instance exists, login() rejects with ERR_CONFIG instead of throwing a TypeError', async () => {
		let early: ReturnType<typeof useMessagingAuth> | undefined;
		function First() {
			const value = useMessagingAuth();
			early ??= value;
			return null;
		}

		render(
			<MessagingAuthProvider options={OPTIONS}>
				<First />
			</MessagingAuthProvider>,
		);
		expect(early?.auth).toBeNull();
		expect(early?.state).toBe('signed-out');
		await expect(early!.login(ADA)).rejects.toMatchObject({code: 'ERR_CONFIG', message: expect.stringContaining('after mounting')});
		await waitFor(() => expect(backend.count('/api/refresh')).toBeGreaterThan(0));
	});
});
