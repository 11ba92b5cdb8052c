import {describe, expect, it, vi} from 'vitest';
import {createTokenHandler} from '../../src/server.js';
import {authenticateAda, KEY_ID, loginRequest, ADA, PASSWORD, SECRET} from './fixtures.js';

describe('a request whose body was already read gets 400, never a rejected promise (issue 20, case 8)', () => {
	const handler = () => createTokenHandler({keyId: KEY_ID, secret: SECRET, authenticate: authenticateAda, onError: vi.fn()});
	const malformed = {message: 'The request body must be a JSON object of the sign-in fields.'};

	it('a body a middleware read to its end', async () => {
		const request = loginRequest({email: ADA.email, password: PASSWORD});
		await request.text();

		const response = await handler()(request);

		expect(response.status).toBe(400);
		expect(await response.json()).toEqual(malformed);
	});

	it('a body a middleware is still reading (its stream locked to a reader)', async () => {
		const request = loginRequest({email: ADA.email, password: PASSWORD});
		request.body!.getReader();

		const response = await handler()(request);

		expect(response.status).toBe(400);
		expect(await response.json()).toEqual(malformed);
	});

	it('a body read but not locked (read through a reader that was released) is no sign-in either', async () => {
		const request = loginRequest({email: ADA.email, password: PASSWORD});
		const reader = request.body!.getReader();
		await reader.read();
		reader.releaseLock();

		expect((await handler()(request)).status).toBe(400);
	});
});
