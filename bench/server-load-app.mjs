// One contender of bench/server-load.mjs, alone in its own process (so its heap is its own): an Express 5 app
// serving POST /api/zendesk/token on 127.0.0.1, started with `--expose-gc`.
//   ours:         the Express mounting of docs/server.md ("The three endpoints" + "Mounting it"): createTokenHandler with the
//                 session cookie, through toNodeHandler, no body parser; login limits on (the default), in the
//                 process's memory store.
//   ours-redis:   the same with `session.store: redisStore(client)`, a node-redis client of the Redis at argv[3]
//                 (bench/server-load.mjs starts one on loopback).
//   hand-written: express.json() + jsonwebtoken.sign, the route a backend developer would write without us.
// It tells the parent its port over IPC, and answers {heap: bytes} (after a full GC) whenever asked.
import {createServer} from 'node:http';
import express from 'express';
import jsonwebtoken from 'jsonwebtoken';
import {createClient} from 'redis';
import {createLogoutHandler, createRefreshHandler, createTokenHandler, redisStore, toNodeHandler} from '../dist/server.js';

export const KEY_ID = 'app_64f0c1d2e3a4b5c6d7e8f901';
export const SECRET = 'zendesk-shared-secret-0123456789-abcdefghijklmnopqrstuvwxyz';
const SESSION_SECRET = 'site-session-secret-0123456789-ABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const CREDENTIALS = {email: 'ada@example.com', password: 'analytical-engine'};
// Under load each login is for another visitor, as on a real site: the login limits count per account, and one
// account signing in 50 times at once is not what they are built for.
export const LOAD_CREDENTIALS = (visitor) => ({email: `visitor-${visitor}@example.com`, password: CREDENTIALS.password});

// The same user directory for all: an in-memory check, so the figures are the endpoint's, not a password hash's.
const users = {
	async verifyPassword(email, password) {
		if (password !== CREDENTIALS.password || !email.endsWith('@example.com')) return null;
		const name = email.slice(0, -'@example.com'.length);
		return {externalId: `user-${name}`, name: name === 'ada' ? 'Ada Lovelace' : name, email, emailVerified: true};
	},
};

/** How many store calls missed their deadline (each reported to onError, the sign-in going on without limits). */
let storeDeadlineMisses = 0;

async function oursApp(redisUrl) {
	const signingKey = {keyId: KEY_ID, secret: SECRET, onError: (error) => (error?.code === 'ERR_STORE_UNAVAILABLE' ? storeDeadlineMisses++ : console.error(error))};
	const store = redisUrl === undefined ? undefined : redisStore(await createClient({url: redisUrl}).connect());
	const session = {sessionSecret: SESSION_SECRET, cookiePath: '/api/zendesk', ...(store === undefined ? {} : {store})};
	const handleToken = createTokenHandler({
		...signingKey,
		session,
		async authenticate({email, password}) {
			const user = await users.verifyPassword(String(email), String(password));
			return user ? {externalId: user.externalId, name: user.name, email: user.email, emailVerified: user.emailVerified} : null;
		},
	});
	const handleRefresh = createRefreshHandler({...signingKey, session});
	const handleLogout = createLogoutHandler({session});

	const app = express();
	app.set('trust proxy', 1);
	app.post('/api/zendesk/token', toNodeHandler(handleToken));
	app.post('/api/zendesk/refresh', toNodeHandler(handleRefresh));
	app.post('/api/zendesk/logout', toNodeHandler(handleLogout));
	return app;
}

function handWrittenApp() {
	const app = express();
	app.post('/api/zendesk/token', express.json(), async (req, res) => {
		const {email, password} = req.body ?? {};
		const user = await users.verifyPassword(String(email), String(password));
		if (user === null) return void res.status(401).json({message: 'Those sign-in details are not correct.'});
		const jwt = jsonwebtoken.sign(
			{external_id: user.externalId, scope: 'user', name: user.name, email: user.email, email_verified: user.emailVerified},
			SECRET,
			{algorithm: 'HS256', keyid: KEY_ID, expiresIn: 600},
		);
		res.set('cache-control', 'no-store').json({jwt});
	});
	return app;
}

const contender = process.argv[2];
if (process.send !== undefined) {
	if (typeof globalThis.gc !== 'function') throw new Error('start this process with --expose-gc');
	const app = contender === 'ours' ? await oursApp() : contender === 'ours-redis' ? await oursApp(process.argv[3]) : contender === 'hand-written' ? handWrittenApp() : undefined;
	if (app === undefined) throw new Error(`unknown contender ${JSON.stringify(contender)}: "ours", "ours-redis" or "hand-written"`);
	const server = createServer(app);
	server.listen(0, '127.0.0.1', () => process.send({port: server.address().port}));
	process.on('message', (message) => {
		if (message === 'heap') {
			globalThis.gc();
			process.send({heap: process.memoryUsage().heapUsed, storeDeadlineMisses});
		}
	});
	// The parent's end is ours: never outlive it.
	process.on('disconnect', () => process.exit(0));
}
