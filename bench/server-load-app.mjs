// One contender of bench/server-load.mjs, alone in its own process (so its heap is its own): an Express 5 app
// serving POST /api/zendesk/token on 127.0.0.1, started with `--expose-gc`.
//   ours:         the README's Express recipe ("The three endpoints" + "Mounting it"): createTokenHandler with the
//                 session cookie, through toNodeHandler, no body parser.
//   hand-written: express.json() + jsonwebtoken.sign, the route a backend developer would write without us.
// It tells the parent its port over IPC, and answers {heap: bytes} (after a full GC) whenever asked.
import {createServer} from 'node:http';
import express from 'express';
import jsonwebtoken from 'jsonwebtoken';
import {createLogoutHandler, createRefreshHandler, createTokenHandler, toNodeHandler} from '../dist/server.js';

export const KEY_ID = 'app_64f0c1d2e3a4b5c6d7e8f901';
export const SECRET = 'zendesk-shared-secret-0123456789-abcdefghijklmnopqrstuvwxyz';
const SESSION_SECRET = 'site-session-secret-0123456789-ABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const CREDENTIALS = {email: 'ada@example.com', password: 'analytical-engine'};
const ADA = {externalId: 'user-ada', name: 'Ada Lovelace', email: 'ada@example.com', emailVerified: true};

// The same user directory for both: an in-memory lookup, so the figures are the endpoint's, not a password hash's.
const users = {
	async verifyPassword(email, password) {
		return email === CREDENTIALS.email && password === CREDENTIALS.password ? ADA : null;
	},
};

function oursApp() {
	const signingKey = {keyId: KEY_ID, secret: SECRET};
	const session = {sessionSecret: SESSION_SECRET, cookiePath: '/api/zendesk'};
	const revoked = new Set();
	const handleToken = createTokenHandler({
		...signingKey,
		session,
		async authenticate({email, password}) {
			const user = await users.verifyPassword(String(email), String(password));
			return user ? {externalId: user.externalId, name: user.name, email: user.email, emailVerified: user.emailVerified} : null;
		},
	});
	const handleRefresh = createRefreshHandler({...signingKey, session, isRevoked: ({sessionId}) => revoked.has(sessionId)});
	const handleLogout = createLogoutHandler({session, onLogout: ({sessionId}) => void revoked.add(sessionId)});

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
	const app = contender === 'ours' ? oursApp() : contender === 'hand-written' ? handWrittenApp() : undefined;
	if (app === undefined) throw new Error(`unknown contender ${JSON.stringify(contender)}: "ours" or "hand-written"`);
	const server = createServer(app);
	server.listen(0, '127.0.0.1', () => process.send({port: server.address().port}));
	process.on('message', (message) => {
		if (message === 'heap') {
			globalThis.gc();
			process.send({heap: process.memoryUsage().heapUsed});
		}
	});
	// The parent's end is ours: never outlive it.
	process.on('disconnect', () => process.exit(0));
}
