import {createSigner, resolveHandlerOptions} from './handler-options.js';
import {callHook} from './hooks.js';
import {refuseRequest} from './request-checks.js';
import {jsonResponse, MESSAGES, noSessionResponse} from './responses.js';
import type {FetchHandler, JwtHandlerOptions} from './types.js';
import {checkFunction, checkKnownKeys, checkOptionsObject, checkUser} from './validation.js';

const KNOWN_OPTIONS: ReadonlyArray<keyof JwtHandlerOptions> = ['keyId', 'secret', 'expiresInSeconds', 'getUser', 'allowedOrigins', 'onError'];

/**
Creates the JWT endpoint of a site that signs its visitors in itself: point the browser SDK's `refreshEndpoint` at
it (no `tokenEndpoint`). At each POST it asks `getUser` who the site's own session says the visitor is, and
answers `200 {"jwt"}` minted for that user, or "no session" when `getUser` resolves `null`: `204` without a body
(a 401 would print a red line in the console of every visitor who is not signed in); the SDK signs the chat out. The session stays the site's: no cookie of ours is set or read. A throwing `getUser`, or
a user Zendesk would refuse, is answered `500` with a generic message (the error goes to `onError`); methods other
than POST get `405`, cross-site requests `403`.

@example
```ts
import {createJwtHandler} from 'zendesk-messaging-auth/server';
import {auth} from '@/auth';

export const POST = createJwtHandler({
	keyId: process.env.ZENDESK_KEY_ID!,
	secret: process.env.ZENDESK_SECRET!,
	async getUser() {
		const session = await auth();
		return session?.user?.id ? {externalId: session.user.id, name: session.user.name ?? undefined, email: session.user.email ?? undefined} : null;
	},
});
```
*/
export function createJwtHandler(options: JwtHandlerOptions): FetchHandler {
	const given = checkOptionsObject('createJwtHandler', options, '{keyId, secret, getUser}');
	checkKnownKeys('createJwtHandler', given, KNOWN_OPTIONS);
	checkFunction('getUser', given['getUser'], true, "reads your site's own session from the request and resolves to the signed-in user, or null");
	const sign = createSigner(given);
	const {allowedOrigins, reportError} = resolveHandlerOptions(given);

	return async (request) => {
		const refusal = refuseRequest(request, allowedOrigins);
		if (refusal !== undefined) return refusal;

		try {
			const found = await callHook(options.getUser, options, request);
			if (found === null) return noSessionResponse();
			const jwt = await sign(checkUser(found, 'getUser'));
			return jsonResponse(200, {jwt});
		} catch (error) {
			reportError(error, request);
			return jsonResponse(500, {message: MESSAGES.serverError});
		}
	};
}
