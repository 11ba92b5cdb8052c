/*
What useMessagingAuth() reports, event by event, driven through a fake instance (test/form/fake-auth.ts) given to the
provider: when `error` is set and cleared, that ERR_ABORTED never shows, and that the first render already reads
the given instance.
*/
import {act, cleanup, render, screen} from '@testing-library/react';
import {useLayoutEffect} from 'react';
import {afterEach, describe, expect, it} from 'vitest';
import {MessagingAuthError, type MessagingAuthErrorCode} from '../../src/index.js';
import {LoginForm, MessagingAuthProvider, useMessagingAuth} from '../../src/react.js';
import {createFakeAuth, sessionOf, type FakeAuth} from '../form/fake-auth.js';

afterEach(cleanup);

let renders = 0;
function Status() {
	renders++;
	const {state, session, error} = useMessagingAuth();
	return (
		<p data-testid="status">
			{state}|{session?.claims.name ?? ''}|{error?.code ?? ''}
		</p>
	);
}

const status = () => screen.getByTestId('status').textContent;

function renderWith(fake: FakeAuth) {
	renders = 0;
	return render(
		<MessagingAuthProvider auth={fake.auth}>
			<Status />
		</MessagingAuthProvider>,
	);
}

const emitError = (fake: FakeAuth, code: MessagingAuthErrorCode | 'ERR_ABORTED') =>
	act(() => fake.emit('error', new MessagingAuthError(code as MessagingAuthErrorCode, `test: ${code}`)));

describe('useMessagingAuth() state', () => {
	it('reads a given instance on the first render, before any effect', () => {
		const fake = createFakeAuth({state: 'signed-in', session: sessionOf({name: 'Ada Lovelace'})});
		let first: string | undefined;
		function First() {
			first ??= useMessagingAuth().state;
			return null;
		}

		render(
			<MessagingAuthProvider auth={fake.auth}>
				<First />
			</MessagingAuthProvider>,
		);
		expect(first).toBe('signed-in');
	});

	it('catches up with a change made between its render and the provider subscribing', () => {
		const fake = createFakeAuth();
		// Layout effects run before the provider's passive effect subscribes.
		function SignsInEarly() {
			useLayoutEffect(() => void fake.signIn({name: 'Ada Lovelace'}), []);
			return null;
		}

		render(
			<MessagingAuthProvider auth={fake.auth}>
				<SignsInEarly />
				<Status />
			</MessagingAuthProvider>,
		);
		expect(status()).toBe('signed-in|Ada Lovelace|');
	});

	it('follows statechange, login and logout', () => {
		const fake = createFakeAuth();
		renderWith(fake);
		expect(status()).toBe('signed-out||');
		act(() => fake.setState('signing-in'));
		expect(status()).toBe('signing-in||');
		act(() => void fake.signIn({name: 'Ada Lovelace'}));
		expect(status()).toBe('signed-in|Ada Lovelace|');
		act(() => fake.signOut('expired'));
		expect(status()).toBe('signed-out||');
	});

	it('does not re-render for an event that changes nothing', () => {
		const fake = createFakeAuth({state: 'signed-in', session: sessionOf({name: 'Ada Lovelace'})});
		renderWith(fake);
		const before = renders;
		act(() => fake.emit('statechange', {state: 'signed-in', previous: 'signed-in'}));
		expect(renders).toBe(before);
	});
});

describe('useMessagingAuth() error', () => {
	it('is the last error event', async () => {
		const fake = createFakeAuth();
		renderWith(fake);
		await emitError(fake, 'ERR_NETWORK');
		expect(status()).toBe('signed-out||ERR_NETWORK');
		await emitError(fake, 'ERR_WIDGET_UNAVAILABLE');
		expect(status()).toBe('signed-out||ERR_WIDGET_UNAVAILABLE');
	});

	it('never shows ERR_ABORTED (an operation the SDK abandoned itself): the error before it stays', async () => {
		const fake = createFakeAuth();
		renderWith(fake);
		await emitError(fake, 'ERR_INVALID_CREDENTIALS');
		await emitError(fake, 'ERR_ABORTED');
		expect(status()).toBe('signed-out||ERR_INVALID_CREDENTIALS');
	});

	it('clears when a sign-in starts', async () => {
		const fake = createFakeAuth();
		renderWith(fake);
		await emitError(fake, 'ERR_INVALID_CREDENTIALS');
		act(() => fake.setState('signing-in'));
		expect(status()).toBe('signing-in||');
	});

	it('clears when a session arrives (login) or is refreshed', async () => {
		const fake = createFakeAuth();
		renderWith(fake);
		await emitError(fake, 'ERR_TIMEOUT');
		act(() => void fake.signIn({name: 'Ada Lovelace'}));
		expect(status()).toBe('signed-in|Ada Lovelace|');
		await emitError(fake, 'ERR_NETWORK');
		expect(status()).toBe('signed-in|Ada Lovelace|ERR_NETWORK');
		act(() => fake.emit('refresh', {session: fake.auth.session!}));
		expect(status()).toBe('signed-in|Ada Lovelace|');
	});

	it('clears when the visitor signs out, but stays through an expiry or another tab\'s sign-out', async () => {
		const fake = createFakeAuth({state: 'signed-in', session: sessionOf({name: 'Ada Lovelace'})});
		renderWith(fake);
		await emitError(fake, 'ERR_SESSION_EXPIRED');
		act(() => fake.signOut('expired'));
		expect(status()).toBe('signed-out||ERR_SESSION_EXPIRED');
		act(() => fake.signOut('remote'));
		expect(status()).toBe('signed-out||ERR_SESSION_EXPIRED');
		act(() => fake.signOut('user'));
		expect(status()).toBe('signed-out||');
	});
});

describe('<LoginForm> with a given instance', () => {
	it('mounts our form at once, one per component, and takes its listeners away when it unmounts', () => {
		const fake = createFakeAuth();
		const {unmount} = render(
			<MessagingAuthProvider auth={fake.auth}>
				<LoginForm className="support-login" labels={{title: 'Chat with support'}} />
				<LoginForm labels={{title: 'Second form'}} />
			</MessagingAuthProvider>,
		);
		expect(screen.getAllByRole('form', {name: 'Chat with support'})).toHaveLength(1);
		expect(screen.getAllByRole('form', {name: 'Second form'})).toHaveLength(1);
		expect(document.querySelector('.support-login > .zma')).not.toBeNull();
		expect(fake.listenerCount()).toBeGreaterThan(0);
		unmount();
		expect(fake.listenerCount()).toBe(0);
		expect(document.querySelector('.zma')).toBeNull();
		expect(fake.auth.destroy).not.toHaveBeenCalled();
	});

	it('remounts the form when its options really change', () => {
		const fake = createFakeAuth();
		const view = (title: string) => (
			<MessagingAuthProvider auth={fake.auth}>
				<LoginForm labels={{title}} />
			</MessagingAuthProvider>
		);
		const {rerender} = render(view('Sign in'));
		rerender(view('Connexion'));
		expect(screen.getAllByRole('form')).toHaveLength(1);
		expect(screen.getByRole('form', {name: 'Connexion'})).toBeTruthy();
	});
});
