/*
The recipes the docs show, run as a user would copy them: each file here is the very code of a block in docs/
marked `<!-- recipe: test/recipes/… -->` (test/docs/docs.node.test.ts keeps the two identical), importing the built
package by its own name.
*/
import {createHmac} from 'node:crypto';
import type {Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import express from 'express';
import {describe, expect, it} from 'vitest';
import {verifyZendeskJwt} from '../server/zendesk-verifier.js';

const ORIGIN = 'https://portal.example';
const env = {
	SITE_SESSION_SECRET: 'kR2vXq9LwT4mZ8cP1sN6yB3hJ7dF0gUeQ5aV-site',
	ZENDESK_KEY_ID: 'app_64f0c1d2e3a4b5c6d7e8f901',
	ZENDESK_SECRET: 'Zq7Lr2Wm9Xv4Tn8Kp3Hs6Jd1Fb5Gc0Ny-Ae_Ui2Ow',
};

const claimsOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8'));

describe('docs/site-login.md, "A plain signed cookie"', () => {
	const siteCookie = (session: object, secret = env.SITE_SESSION_SECRET) => {
		const payload = Buffer.from(JSON.stringify(session)).toString('base64url');
		return `${payload}.${createHmac('sha256', secret).update(payload).digest('base64url')}`;
	};
	const jwtRequest = (cookie?: string) =>
		new Request(`${ORIGIN}/api/zendesk/jwt`, {
			method: 'POST',
			headers: {origin: ORIGIN, ...(cookie === undefined ? {} : {cookie: `theme=dark; site_session=${cookie}`})},
		});

	async function recipe() {
		Object.assign(process.env, env);
		return import('./plain-signed-cookie.js');
	}

	it('mints a JWT for the user the signed cookie names', async () => {
		const {handleZendeskJwt} = await recipe();
		const exp = Math.floor(Date.now() / 1000) + 3600;
		const response = await handleZendeskJwt(jwtRequest(siteCookie({sub: 'user-42', name: 'Ada Lovelace', email: 'ada@example.com', exp})));
		expect(response.status).toBe(200);
		const {jwt} = (await response.json()) as {jwt: string};
		expect(claimsOf(jwt)).toMatchObject({external_id: 'user-42', name: 'Ada Lovelace', email: 'ada@example.com', scope: 'user'});
	});

	it('answers "no session" for no cookie, a forged one and an expired one', async () => {
		const {handleZendeskJwt} = await recipe();
		const exp = Math.floor(Date.now() / 1000) + 3600;
		const forged = siteCookie({sub: 'user-42', exp}, 'not-the-site-secret-at-all-0123456789');
		const expired = siteCookie({sub: 'user-42', exp: Math.floor(Date.now() / 1000) - 1});
		for (const cookie of [undefined, forged, expired, 'garbage']) {
			const response = await handleZendeskJwt(jwtRequest(cookie));
			expect(response.status).toBe(204);
		}
	});
});

describe('docs/wire-protocol.md, the bare-token refresh route in Express', () => {
	async function serve(): Promise<{base: string; close(): Promise<void>}> {
		Object.assign(process.env, env);
		const {refreshWithBareToken} = await import('./bare-token-refresh.js');
		const app = express();
		// The site's own auth middleware, as the recipe expects it: here a header names the signed-in user.
		app.use((req, res, next) => {
			const id = req.get('x-test-user');
			if (id !== undefined) res.locals['user'] = {id: Number(id), name: 'Ada Lovelace'};
			next();
		});
		app.post('/api/zendesk/refresh', refreshWithBareToken);
		const server = await new Promise<Server>((resolve) => {
			const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
		});
		return {
			base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
			close: () => new Promise<void>((resolve) => server.close(() => resolve())),
		};
	}

	it('answers a signed-in visitor with the bare JWT as text/plain, one Zendesk accepts', async () => {
		const {base, close} = await serve();
		try {
			const response = await fetch(`${base}/api/zendesk/refresh`, {method: 'POST', headers: {'x-test-user': '42'}});
			expect(response.status).toBe(200);
			expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
			const jwt = await response.text();
			const {header, claims} = verifyZendeskJwt(jwt, env.ZENDESK_SECRET);
			expect(header).toMatchObject({alg: 'HS256', kid: env.ZENDESK_KEY_ID});
			expect(claims).toMatchObject({external_id: '42', name: 'Ada Lovelace', scope: 'user'});
		} finally {
			await close();
		}
	});

	it('answers "no session" with 204 and no body when nobody is signed in', async () => {
		const {base, close} = await serve();
		try {
			const response = await fetch(`${base}/api/zendesk/refresh`, {method: 'POST'});
			expect(response.status).toBe(204);
			expect(await response.text()).toBe('');
		} finally {
			await close();
		}
	});
});

describe('docs/server.md, the Cloudflare Worker', () => {
	const workerEnv = {ZENDESK_KEY_ID: env.ZENDESK_KEY_ID, ZENDESK_SECRET: env.ZENDESK_SECRET, SESSION_SECRET: 'Hq3nW8vZ1pL6tR0yK5mX9cB2jF7dS4gA-worker'};
	const WORKER = 'https://shop.example';
	const post = (path: string, init: {body?: unknown; cookie?: string} = {}) =>
		new Request(`${WORKER}${path}`, {
			method: 'POST',
			headers: {
				origin: WORKER,
				...(init.body === undefined ? {} : {'content-type': 'application/json'}),
				...(init.cookie === undefined ? {} : {cookie: init.cookie}),
			},
			...(init.body === undefined ? {} : {body: JSON.stringify(init.body)}),
		});

	it('signs in, refreshes with the cookie, signs out, and answers 404 elsewhere', async () => {
		const {default: worker} = await import('./cloudflare-worker.js');
		const wrong = await worker.fetch(post('/api/zendesk/token', {body: {email: 'ada@example.com', password: 'wrong'}}), workerEnv);
		expect(wrong.status).toBe(401);

		const login = await worker.fetch(post('/api/zendesk/token', {body: {email: 'ada@example.com', password: 'analytical-engine'}}), workerEnv);
		expect(login.status).toBe(200);
		const {jwt} = (await login.json()) as {jwt: string};
		expect(verifyZendeskJwt(jwt, env.ZENDESK_SECRET).claims).toMatchObject({external_id: 'user-ada', name: 'Ada Lovelace'});
		const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;

		const refresh = await worker.fetch(post('/api/zendesk/refresh', {cookie}), workerEnv);
		expect(refresh.status).toBe(200);
		expect(verifyZendeskJwt(((await refresh.json()) as {jwt: string}).jwt, env.ZENDESK_SECRET).claims).toMatchObject({external_id: 'user-ada'});

		const logout = await worker.fetch(post('/api/zendesk/logout', {cookie}), workerEnv);
		expect(logout.status).toBe(204);

		expect((await worker.fetch(post('/elsewhere'), workerEnv)).status).toBe(404);
	});
});
