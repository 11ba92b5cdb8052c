/*
The recipes the docs show, run as a user would copy them: each file here is the very code of a block in docs/
marked `<!-- recipe: test/recipes/… -->` (test/docs/docs.node.test.ts keeps the two identical), importing the built
package by its own name.
*/
import {createHmac} from 'node:crypto';
import {describe, expect, it} from 'vitest';

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
