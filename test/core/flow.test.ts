import {afterAll, afterEach, beforeAll, describe, expect, it, vi} from 'vitest';
import {createMessagingAuth, type MessagingAuth, type MessagingAuthError} from '../../src/index.js';
import {ADA, startTokenServer, type TokenServer} from '../helpers/token-server.js';
import {installZendeskStandIn, type ZendeskStandIn} from '../helpers/zendesk-stand-in.js';

let server: TokenServer;
let widget: ZendeskStandIn;
let auth: MessagingAuth | undefined;
beforeAll(async () => {
	server = await startTokenServer();
});
afterAll(async () => server.close());
afterEach(() => {
	auth?.destroy();
	widget?.uninstall();
});

const waitFor = (predicate: () => boolean, timeoutMs = 5000) =>
	vi.waitFor(() => {
		if (!predicate()) throw new Error('not yet');
	}, {timeout: timeoutMs, interval: 20});

describe('the whole flow against a real backend on loopback', () => {
	it('login → widget login → scheduled refresh → refresh refused (401) → logoutUser and signed-out', async () => {
		server.state.lifetimeSeconds = 2;
		widget = installZendeskStandIn();
		auth = createMessagingAuth({
			tokenEndpoint: server.url('/token'),
			refreshEndpoint: server.url('/refresh'),
			logoutEndpoint: server.url('/logout'),
		});
		const events: string[] = [];
		const errors: MessagingAuthError[] = [];
		auth.on('login', () => events.push('login'));
		auth.on('refresh', () => events.push('refresh'));
		auth.on('logout', ({reason}) => events.push(`logout:${reason}`));
		auth.on('error', (error) => errors.push(error));
		await waitFor(() => auth!.state === 'signed-out');
		// One refresh succeeds, then the site session is revoked, however the timers fall on a loaded machine.
		server.state.refreshesLeft = 1;

		const session = await auth.login({email: ADA.email, password: ADA.password});
		await waitFor(() => widget.record.signedInAs === ADA.externalId);
		expect(widget.record.loginUserCalls).toBe(1);

		// Half the 2 s lifetime: the first refresh succeeds with a new token.
		await waitFor(() => events.includes('refresh'));
		expect(auth.session!.jwt).not.toBe(session.jwt);

		await waitFor(() => auth!.state === 'signed-out');
		expect(events).toEqual(['login', 'refresh', 'logout:expired']);
		expect(errors.map((error) => error.code)).toEqual(['ERR_SESSION_EXPIRED']);
		expect(widget.record.logoutUserCalls).toBe(1);
		expect(widget.record.loginUserCalls).toBe(1);
		expect(widget.record.expiredReceived).toBe(0);
		expect(auth.session).toBeNull();
	});

	it('restores the site session at creation, and logs out through the backend', async () => {
		server.state.lifetimeSeconds = 600;
		server.state.refreshesLeft = undefined;
		server.state.signedIn = ADA.email;
		widget = installZendeskStandIn();
		auth = createMessagingAuth({tokenEndpoint: server.url('/token'), refreshEndpoint: server.url('/refresh'), logoutEndpoint: server.url('/logout')});
		expect(await auth.restore()).toMatchObject({claims: {external_id: ADA.externalId}});
		await waitFor(() => widget.record.signedInAs === ADA.externalId);
		await auth.logout();
		expect(server.state.signedIn).toBeUndefined();
		expect(widget.record.logoutUserCalls).toBe(1);
		expect(await auth.restore()).toBeNull();
	});
});
