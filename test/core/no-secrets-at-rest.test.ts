import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest';
import {createMessagingAuth} from '../../src/index.js';
import {ADA, startTokenServer, type TokenServer} from '../helpers/token-server.js';
import {installZendeskStandIn} from '../helpers/zendesk-stand-in.js';

let server: TokenServer;
beforeAll(async () => {
	server = await startTokenServer();
});
afterAll(async () => server.close());

describe('JWTs and passwords stay in memory', () => {
	it('writes no JWT or password to storage, cookies, the URL or the console', async () => {
		const written: string[] = [];
		const record = (...values: unknown[]) => written.push(values.map((value) => String(value)).join(' '));
		vi.spyOn(Storage.prototype, 'setItem').mockImplementation(record);
		const cookie = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie')!;
		vi.spyOn(document, 'cookie', 'set').mockImplementation((value) => {
			record(value);
			cookie.set!.call(document, value);
		});
		vi.spyOn(history, 'pushState').mockImplementation(record);
		vi.spyOn(history, 'replaceState').mockImplementation(record);
		for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) vi.spyOn(console, method).mockImplementation(record);
		const widget = installZendeskStandIn();
		const url = location.href;

		const auth = createMessagingAuth({tokenEndpoint: server.url('/token'), refreshEndpoint: server.url('/refresh'), logoutEndpoint: server.url('/logout')});
		await auth.restore();
		await auth.login({email: ADA.email, password: 'wrong-password'}).catch(() => undefined);
		const session = await auth.login({email: ADA.email, password: ADA.password});
		const refreshed = await (async () => {
			server.state.signedIn = ADA.email;
			vi.setSystemTime(session.expiresAt! - 5000);
			const jwt = await auth.getToken();
			vi.useRealTimers();
			return jwt;
		})();
		expect(refreshed).not.toBe(session.jwt);
		await auth.logout();
		auth.destroy();
		widget.uninstall();

		const secrets = [session.jwt, refreshed, ADA.password, 'wrong-password', session.jwt.split('.')[2]!];
		for (const text of [...written, location.href, document.cookie, JSON.stringify({...localStorage}), JSON.stringify({...sessionStorage})]) {
			for (const secret of secrets) expect(text).not.toContain(secret);
		}

		expect(location.href).toBe(url);
		expect(localStorage).toHaveLength(0);
		expect(sessionStorage).toHaveLength(0);
	});
});
