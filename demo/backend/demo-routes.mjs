/*
The demo-only endpoints, under /demo/ and apart from the product's /api/zendesk/: the QA page's controls, and the
check the offline messenger stand-in asks for in place of Zendesk's servers. POST with JSON, same origin only.
*/
import {BodyTooLargeError, isCrossSite, parseJsonObject, readBody, sendJson} from './http.mjs';
import {verifyMessagingJwt} from './verify-jwt.mjs';

const MAX_BODY_BYTES = 16 * 1024;

export function createDemoRoutes({config, controls, limits}) {
	/** Wraps a route body: POST, same origin, a JSON object in, a JSON answer out. */
	const jsonRoute = (handle) => async (request, response) => {
		if (request.method !== 'POST') return sendJson(response, 405, {message: 'Use POST for this endpoint.'}, {allow: 'POST'});
		if (isCrossSite(request)) return sendJson(response, 403, {message: 'Cross-site requests are not allowed.'});
		let body;
		try {
			body = parseJsonObject(await readBody(request, MAX_BODY_BYTES));
		} catch (error) {
			if (error instanceof BodyTooLargeError) return sendJson(response, 400, {message: error.message});
			throw error;
		}

		if (body === undefined) return sendJson(response, 400, {message: 'Send a JSON object.'});
		const [status, answer] = handle(body);
		sendJson(response, status, answer);
	};

	/** Body: any of {lifetimeSeconds, failNextRefresh, slowMs}, or {reset: true} (also clears the rate limits). An empty object reads the state. */
	const controlsRoute = jsonRoute((patch) => {
		if (patch.reset === true) {
			controls.reset();
			limits.reset();
			return [200, {controls: controls.snapshot()}];
		}

		const problem = controls.apply(patch);
		return problem ? [400, {message: problem}] : [200, {controls: controls.snapshot()}];
	});

	/** Body: {jwt}. Answers {ok: true, claims, expiresInMs} or {ok: false, reason, message}: never the key id or secret. */
	const verifyRoute = jsonRoute(({jwt}) => [200, verifyMessagingJwt(jwt, config)]);

	return new Map([
		['/demo/controls', controlsRoute],
		['/demo/verify', verifyRoute],
	]);
}
