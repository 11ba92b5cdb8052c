/*
`npm run demo` (after the build): the reference backend on http://localhost:PORT (default 8080), serving the QA page,
the SPA page and the product endpoints. Plain node:http rather than Express: the server subpath's handlers are
Fetch handlers and toNodeHandler mounts them directly, so the demo needs no framework, body parser or middleware
order to get right — and shows that a site needs none either.
*/
import {createServer} from 'node:http';
import {isMessagingServerError} from '../dist/server.js';
import {createAccountStore} from './backend/accounts.mjs';
import {createDemoApp} from './backend/app.mjs';
import {startupBanner} from './backend/banner.mjs';
import {DemoConfigError, readConfig} from './backend/config.mjs';

const stop = (message) => {
	console.error(`\nThe demo did not start: ${message}\n`);
	process.exit(1);
};

let app;
let config;
try {
	config = readConfig(process.env);
	app = await createDemoApp({config, accounts: await createAccountStore()});
} catch (error) {
	// Both say what to fix in the environment; a stack trace would only bury that.
	if (error instanceof DemoConfigError || isMessagingServerError(error)) stop(error.message);
	throw error;
}

const server = createServer(app);
server.on('error', (error) => {
	stop(error.code === 'EADDRINUSE' ? `port ${config.port} is in use: set PORT to another one, such as PORT=8081 npm run demo.` : error.message);
});

// Loopback only: demo accounts with printed passwords have no business on the local network.
server.listen(config.port, '127.0.0.1', () => {
	console.log(startupBanner(config, `http://localhost:${server.address().port}`));
});

for (const signal of ['SIGINT', 'SIGTERM']) {
	process.on(signal, () => {
		server.close();
		server.closeAllConnections();
		process.exit(0);
	});
}
