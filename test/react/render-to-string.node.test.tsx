/*
Server rendering in plain Node (no DOM; the server project of vitest.config.ts): renderToString of the provider, the hook and <LoginForm> renders the
signed-out state, creates no instance, sends nothing and touches neither window nor document.
*/
import {renderToString} from 'react-dom/server';
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {createMessagingAuth} from '../../src/index.js';
import {LoginForm, MessagingAuthProvider, useMessagingAuth} from '../../src/react.js';

const OPTIONS = {tokenEndpoint: '/api/token', refreshEndpoint: '/api/refresh', logoutEndpoint: '/api/logout'};

function Status() {
	const {state, session, error, auth} = useMessagingAuth();
	return <p data-testid="status">{`${state}|${session === null}|${error === null}|${auth === null}`}</p>;
}

const touched: string[] = [];

beforeEach(() => {
	touched.length = 0;
	for (const name of ['window', 'document', 'localStorage']) {
		Object.defineProperty(globalThis, name, {
			configurable: true,
			get() {
				touched.push(name);
				return undefined;
			},
		});
	}
	vi.stubGlobal('fetch', vi.fn(() => Promise.reject(new Error('no request may be sent while rendering on the server'))));
});

afterEach(() => {
	for (const name of ['window', 'document', 'localStorage']) delete (globalThis as Record<string, unknown>)[name];
});

describe('renderToString in Node', () => {
	it('renders the signed-out state and an empty form host, touching no window and sending nothing', () => {
		const html = renderToString(
			<MessagingAuthProvider options={OPTIONS}>
				<Status />
				<LoginForm className="support-login" />
			</MessagingAuthProvider>,
		);
		expect(html).toBe('<p data-testid="status">signed-out|true|true|true</p><div class="support-login"></div>');
		expect(touched).toEqual([]);
		expect(fetch).not.toHaveBeenCalled();
	});

	it('renders signed-out with a given instance too', () => {
		const auth = createMessagingAuth({tokenEndpoint: '/api/token'});
		touched.length = 0;
		const html = renderToString(
			<MessagingAuthProvider auth={auth}>
				<Status />
			</MessagingAuthProvider>,
		);
		expect(html).toBe('<p data-testid="status">signed-out|true|true|false</p>');
		expect(touched).toEqual([]);
		auth.destroy();
	});

	it('throws ERR_CONFIG for a hook outside a provider, on the server as in the browser', () => {
		expect(() => renderToString(<Status />)).toThrowError(expect.objectContaining({name: 'MessagingAuthError', code: 'ERR_CONFIG'}));
	});
});
