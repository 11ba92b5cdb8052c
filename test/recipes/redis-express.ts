// Express on several processes: login limits and sign-outs shared through one Redis.
import express from 'express';
import {createClient} from 'redis'; // or: import {Redis} from 'ioredis'; const redis = new Redis(process.env.REDIS_URL!);
import {createLogoutHandler, createRefreshHandler, createTokenHandler, redisStore, toNodeHandler} from 'zendesk-messaging-auth/server';
import {verifyPassword} from './users.js';

export const redis = await createClient({url: process.env.REDIS_URL!}).connect();
// Every process: the same Redis, the same ZENDESK_SECRET and SESSION_SECRET.
const signingKey = {keyId: process.env.ZENDESK_KEY_ID!, secret: process.env.ZENDESK_SECRET!};
const session = {sessionSecret: process.env.SESSION_SECRET!, cookiePath: '/api/zendesk', store: redisStore(redis)};

export const app = express();
app.set('trust proxy', 1); // behind one reverse proxy: the login limits count the visitor's address, not the proxy's
app.post('/api/zendesk/token', toNodeHandler(createTokenHandler({
	...signingKey,
	session,
	async authenticate({email, password}) {
		const user = await verifyPassword(String(email), String(password)); // your own check
		return user ? {externalId: user.id, name: user.name, email: user.email} : null;
	},
})));
app.post('/api/zendesk/refresh', toNodeHandler(createRefreshHandler({...signingKey, session})));
app.post('/api/zendesk/logout', toNodeHandler(createLogoutHandler({session})));
// and app.listen(PORT) in each process
