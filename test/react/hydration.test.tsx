/*
Hydration of the server's markup: no mismatch, no warning, and the instance starts only after it (the start-up
restore is the first request; the state moves on from signed-out).
*/
import {act, waitFor} from '@testing-library/react';
import {hydrateRoot, type Root} from 'react-dom/client';
import {renderToString} from 'react-dom/server';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {LoginForm, MessagingAuthProvider, useMessagingAuth} from '../../src/react.js';
import {stubFetch} from '../helpers/fetch-stub.js';
import {mintJwt} from '../helpers/jwt.js';
import {installZendeskStandIn} from '../helpers/zendesk-stand-in.js';

// 'always': this page restores a site session after hydration (a first-time visitor's quiet start is test/core/quiet-start.test.ts).
const OPTIONS = {tokenEndpoint: '/api/token', refreshEndpoint: '/api/refresh', logoutEndpoint: '/api/logout', restoreOnLoad: 'always' as const};

function Status() {
	const {state, session} = useMessagingAuth();
	return <p id="status">{session ? `${state}: ${session.claims.name}` : state}</p>;
}

const App = () => (
	<MessagingAuthProvider options={OPTIONS}>
		<main>
			<Status />
			<LoginForm className="support-login" />
		</main>
	</MessagingAuthProvider>
);

let root: Root | undefined;
afterEach(() => {
	act(() => root?.unmount());
	root = undefined;
	document.body.replaceChildren();
});

describe('hydrating the server-rendered markup', () => {
	it('gives no mismatch warning, then restores the site session and mounts our form', async () => {
		const widget = installZendeskStandIn();
		try {
			const backend = stubFetch({'/api/refresh': () => ({body: {jwt: mintJwt()}})});
			const container = document.createElement('div');
			container.innerHTML = renderToString(<App />);
			document.body.append(container);
			expect(container.querySelector('#status')?.textContent).toBe('signed-out');

			const consoleErrors = vi.spyOn(console, 'error');
			const recoverable: unknown[] = [];
			await act(async () => {
				root = hydrateRoot(container, <App />, {onRecoverableError: (error) => recoverable.push(error)});
			});
			await waitFor(() => expect(container.querySelector('#status')?.textContent).toBe('signed-in: Ada Lovelace'));

			expect(recoverable).toEqual([]);
			expect(consoleErrors).not.toHaveBeenCalled();
			expect(backend.count('/api/refresh')).toBe(1);
			expect(container.querySelector('.support-login')?.textContent).toContain('Signed in as Ada Lovelace');
			expect(widget.record.loginUserCalls).toBe(1);
		} finally {
			widget.uninstall();
		}
	});
});
