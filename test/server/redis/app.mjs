// One server process of the two-process Redis tests (test/server/redis/two-processes.test.ts): the built
// zendesk-messaging-auth/server (dist/server.js, as a site runs it) in node:http, its three endpoints sharing a
// Redis through redisStore, with a client of the package named in argv[2] ("redis" or "ioredis") on the Redis at
// argv[3]. It tells the parent its port over IPC, and GET /stats answers how often `authenticate` ran and the codes
// of the errors `onError` received. It exits when the parent goes away.
import {createServer} from 'node:http';
import {Redis} from 'ioredis';
import {createClient} from 'redis';
import {createLogoutHandler, createRefreshHandler, createTokenHandler, redisStore, toNodeHandler} from '../../../dist/server.js';

const [packageName, redisUrl] = process.argv.slice(2);
const KEY_ID = 'app_64f0c1d2e3a4b5c6d7e8f901';
const SECRET = 'zendesk-shared-secret-0123456789-abcdefghijklmnopqrstuvwxyz';
const SESSION_SECRET = 'site-session-secret-0123456789-ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const PASSWORD = 'analytical-engine';

const stats = {authenticateCalls: 0, errors: []};
// Short reconnect delays, so recovery after a restart is quick to observe; the store's own deadline is the default.
const client =
	packageName === 'ioredis'
		? new Redis(redisUrl, {retryStrategy: () => 100})
		: await createClient({url: redisUrl, socket: {reconnectStrategy: () => 100}}).connect();
if (packageName === 'ioredis') await new Promise((resolve) => client.once('ready', resolve));

const session = {sessionSecret: SESSION_SECRET, cookiePath: '/api/zendesk', store: redisStore(client, {prefix: 'two-process-test:'})};
const onError = (error) => stats.errors.push(error?.code ?? String(error));
const signing = {keyId: KEY_ID, secret: SECRET, onError};
const routes = {
	'/api/zendesk/token': toNodeHandler(
		createTokenHandler({
			...signing,
			session,
			// Every test on loopback comes from one address: the per-address limit would mix the tests up.
			loginLimits: {addressOf: () => undefined},
			async authenticate({email, password}) {
				stats.authenticateCalls++;
				return password === PASSWORD ? {externalId: `user-${String(email)}`, email: String(email)} : null;
			},
		}),
	),
	'/api/zendesk/refresh': toNodeHandler(createRefreshHandler({...signing, session})),
	'/api/zendesk/logout': toNodeHandler(createLogoutHandler({session, onError})),
};

const server = createServer((request, response) => {
	if (request.url === '/stats') return void response.end(JSON.stringify(stats));
	const route = routes[request.url ?? ''];
	if (route === undefined) return void response.writeHead(404).end();
	void route(request, response);
});
server.listen(0, '127.0.0.1', () => process.send({port: server.address().port}));
process.on('disconnect', () => process.exit(0));
