import {SignJWT, type JWTPayload} from 'jose';
import {claimsProblem} from '../claims/zendesk-claims.js';
import {MessagingServerError} from './errors.js';
import {importHmacKey} from './hmac-key.js';
import type {SignMessagingJwtInput, User} from './types.js';
import {checkKeyId, checkOptionsObject, checkJwtLifetime, checkSecret, checkUser} from './validation.js';

/** Signs a user that `checkUser` has accepted. The one place the JWT Zendesk accepts is spelled out (zendesk-widget.md). */
export async function mintMessagingJwt(key: CryptoKey, keyId: string, user: User, lifetimeSeconds: number): Promise<string> {
	const issuedAt = Math.floor(Date.now() / 1000);
	const claims: JWTPayload = {external_id: user.externalId, scope: 'user'};
	if (user.name !== undefined) claims['name'] = user.name;
	if (user.email !== undefined) claims['email'] = user.email;
	if (user.emailVerified !== undefined) claims['email_verified'] = user.emailVerified;
	// The very rule the browser refuses tokens by: a token we sign is never one it (or Zendesk) would refuse.
	const problem = claimsProblem(claims);
	if (problem) throw new MessagingServerError('ERR_INVALID_USER', `The JWT would not be one Zendesk accepts: ${problem}.`);
	return new SignJWT(claims)
		// Without `kid` Zendesk answers 401 invalid_auth.
		.setProtectedHeader({alg: 'HS256', typ: 'JWT', kid: keyId})
		.setIssuedAt(issuedAt)
		.setExpirationTime(issuedAt + lifetimeSeconds)
		.sign(key);
}

// Callers sign with one secret, again and again: keep its imported key rather than import it for every token.
let lastKey: {secret: string; key: Promise<CryptoKey>} | undefined;

function keyFor(secret: string): Promise<CryptoKey> {
	if (lastKey?.secret !== secret) lastKey = {secret, key: importHmacKey(secret)};
	return lastKey.key;
}

/**
Mints the JWT the Zendesk messaging Web Widget accepts for `zE('messenger', 'loginUser', …)`: HS256, header
`kid`, claims `external_id`, `scope: "user"`, `name`, `email` and `email_verified` when given, `iat` and `exp`.

Rejects with a `MessagingServerError` saying what to fix: `ERR_SERVER_CONFIG` for a missing key id, a missing or
too short or visibly weak secret, or a lifetime that is not a whole number of seconds from 1 to 30 days; `ERR_INVALID_USER` for an empty or non-string external id (Zendesk refuses a number).

@example
```ts
import {signMessagingJwt} from 'zendesk-messaging-auth/server';

const jwt = await signMessagingJwt({
	keyId: process.env.ZENDESK_KEY_ID!,
	secret: process.env.ZENDESK_SECRET!,
	externalId: String(user.id),
	name: user.name,
	email: user.email,
	emailVerified: true,
});
```
*/
export async function signMessagingJwt(input: SignMessagingJwtInput): Promise<string> {
	const given = checkOptionsObject('signMessagingJwt', input, '{keyId, secret, externalId: "user-1234"}');
	const keyId = checkKeyId(given['keyId']);
	const secret = checkSecret('secret', given['secret']);
	const lifetimeSeconds = checkJwtLifetime(given['expiresInSeconds']);
	const user = checkUser(given);
	return mintMessagingJwt(await keyFor(secret), keyId, user, lifetimeSeconds);
}
