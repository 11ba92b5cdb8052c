// A Cloudflare Worker: secrets arrive in `env`, so the three handlers are made on the first request.
import {createLogoutHandler, createRefreshHandler, createTokenHandler, type FetchHandler} from 'zendesk-messaging-auth/server';
import {verifyPassword} from './users.js';

interface Env {
	ZENDESK_KEY_ID: string;
	ZENDESK_SECRET: string;
	SESSION_SECRET: string;
}

function makeRoutes(env: Env): Record<string, FetchHandler> {
	const signingKey = {keyId: env.ZENDESK_KEY_ID, secret: env.ZENDESK_SECRET};
	const session = {sessionSecret: env.SESSION_SECRET, cookiePath: '/api/zendesk'};
	return {
		'/api/zendesk/token': createTokenHandler({
			...signingKey,
			session,
			async authenticate({email, password}) {
				const user = await verifyPassword(String(email), String(password)); // your own check
				return user ? {externalId: user.id, name: user.name, email: user.email} : null;
			},
		}),
		'/api/zendesk/refresh': createRefreshHandler({...signingKey, session}),
		'/api/zendesk/logout': createLogoutHandler({session}),
	};
}

let routes: Record<string, FetchHandler> | undefined;

export default {
	async fetch(request: Request, env: Env): Promise<Response> {
		routes ??= makeRoutes(env);
		const handler = routes[new URL(request.url).pathname];
		return handler ? handler(request) : new Response('Not found', {status: 404});
	},
};
