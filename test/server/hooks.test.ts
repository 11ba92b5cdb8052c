import {afterAll, beforeEach, describe, expect, it} from 'vitest';
import {answeringChildServer, type ChildServer} from './child-server.js';
import {ADA, PASSWORD} from './fixtures.js';

// Issue 20, case 2: a hook that throws or rejects, reported to an onError that throws or rejects too, must not end
// the process. Each case runs against a real node:http server in a child process (test/server/children/hooks-server.ts).

let child: ChildServer | undefined;
beforeEach(async () => {
	child = await answeringChildServer(child, 'hooks-server');
}, 60_000);
afterAll(() => child?.stop());

const post = (path: string, init: {body?: string; cookie?: string} = {}) =>
	fetch(`${child!.base}${path}`, {
		method: 'POST',
		headers: {origin: child!.base, 'content-type': 'application/json', ...(init.cookie === undefined ? {} : {cookie: init.cookie})},
		...(init.body === undefined ? {} : {body: init.body}),
	});

async function sessionCookie(): Promise<string> {
	const response = await post('/login', {body: JSON.stringify({email: ADA.email, password: PASSWORD})});
	expect(response.status).toBe(200);
	return response.headers.getSetCookie()[0]!.split(';')[0]!;
}

describe('a failing hook, reported to a failing onError, is contained (issue 20, case 2)', () => {
	it.each([
		['authenticate throws, async onError throws', '/token-authenticate-throws', false],
		['getUser throws synchronously, async onError throws', '/jwt-getUser-throws', false],
		['getUser rejects, onError returns a rejected promise', '/jwt-getUser-rejects', false],
		['isRevoked rejects, async onError throws', '/refresh-isRevoked-rejects', true],
		['loadUser throws synchronously, onError returns a rejected promise', '/refresh-loadUser-throws', true],
		['onLogout rejects, async onError throws', '/logout-onLogout-rejects', true],
	])('%s: the request gets its 500, the process lives, the next request is served', async (_, path, needsSession) => {
		const cookie = needsSession ? await sessionCookie() : undefined;

		const response = await post(path, {body: JSON.stringify({email: ADA.email, password: PASSWORD}), ...(cookie === undefined ? {} : {cookie})});

		expect(response.status).toBe(500);
		expect(await response.json()).toEqual({message: 'Something went wrong on our side. Please try again later.'});
		const next = await fetch(`${child!.base}/health`);
		expect(await next.text()).toBe('ok');
		expect(child!.alive(), child!.stderr()).toBe(true);
	});
});
