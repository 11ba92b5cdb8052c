/*
The React app's page: the recorder and the widget stand-in first (as on every test page), the createMessagingAuth
options as a data block, and the bundle as a data: URL script, so that it needs no route of its own on the test server.
*/
import {ENDPOINTS} from '../harness/backend.js';
import {standInPath} from '../harness/pages.js';
import type {TestServer} from '../harness/server.js';

export function reactAppPage(server: TestServer, bundle: string): string {
	const options = {tokenEndpoint: ENDPOINTS.token, refreshEndpoint: ENDPOINTS.refresh, logoutEndpoint: ENDPOINTS.logout};
	const html = [
		'<!doctype html>',
		'<html lang="en">',
		'<head>',
		'<meta charset="utf-8">',
		'<title>React app</title>',
		'<script src="/pages/recorder.js"></script>',
		`<script src="${standInPath()}"></script>`,
		`<script type="application/json" id="app-config">${JSON.stringify({options}).replace(/</g, '\\u003c')}</script>`,
		'</head>',
		'<body>',
		'<main><h1>App</h1><div id="app"></div></main>',
		`<script src="data:text/javascript;base64,${Buffer.from(bundle).toString('base64')}"></script>`,
		'</body>',
		'</html>',
	].join('\n');
	return server.addPage({html});
}
