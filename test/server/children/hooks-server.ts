import {createServer} from 'node:http';
import {createJwtHandler, createLogoutHandler, createRefreshHandler, createTokenHandler, toNodeHandler, type FetchHandler} from '../../../src/server.js';
import {authenticateAda, KEY_ID, SECRET, SESSION_SECRET} from '../fixtures.js';

/*
Hooks that fail in every way TypeScript lets them, each behind an onError that fails too: an async onError (a
rejected promise nobody awaits) and one that returns a rejected promise. Node's default for an unhandled rejection
ends this process; the test sees that from outside.
*/

const asyncOnError = async () => {
	throw new Error('the logging service is down');
};
const rejectingOnError = () => Promise.reject(new Error('the logging service is down'));
const fail = (hook: string) => {
	throw new Error(`${hook} failed`);
};

const signing = {keyId: KEY_ID, secret: SECRET};
const session = {sessionSecret: SESSION_SECRET};

const routes: Record<string, FetchHandler> = {
	'/login': createTokenHandler({...signing, session, authenticate: authenticateAda}),
	'/token-authenticate-throws': createTokenHandler({...signing, authenticate: async () => fail('authenticate'), onError: asyncOnError}),
	'/jwt-getUser-throws': createJwtHandler({...signing, getUser: () => fail('getUser'), onError: asyncOnError}),
	'/jwt-getUser-rejects': createJwtHandler({...signing, getUser: async () => fail('getUser'), onError: rejectingOnError}),
	'/refresh-isRevoked-rejects': createRefreshHandler({...signing, session, isRevoked: async () => fail('isRevoked'), onError: asyncOnError}),
	'/refresh-loadUser-throws': createRefreshHandler({...signing, session, loadUser: () => fail('loadUser'), onError: rejectingOnError}),
	'/logout-onLogout-rejects': createLogoutHandler({session, onLogout: async () => fail('onLogout'), onError: asyncOnError}),
};

const adapters = new Map(Object.entries(routes).map(([path, handler]) => [path, toNodeHandler(handler)]));

const server = createServer((request, response) => {
	const adapter = adapters.get(request.url ?? '');
	if (adapter !== undefined) return void adapter(request, response);
	response.end('ok');
});
server.listen(0, '127.0.0.1', () => {
	const address = server.address();
	process.stdout.write(`PORT ${typeof address === 'object' && address !== null ? address.port : 0}\n`);
});
