/**
Every failure the server subpath throws. Switch on `code`, not on `message`: messages are for people and may change.

| code | when |
|---|---|
| `ERR_SERVER_CONFIG` | a key id, secret, lifetime or handler option is missing or invalid (thrown at once, by `signMessagingJwt` or when a handler is created) |
| `ERR_INVALID_USER` | the user to sign in is not one Zendesk accepts, such as a numeric or empty `externalId` (thrown by `signMessagingJwt`; a handler answers 500 and passes it to `onError`) |
| `ERR_STORE_UNAVAILABLE` | the session store (Redis) failed or missed its deadline; never thrown, only passed to `onError` (a sign-in then goes on without limits, a refresh or sign-out is answered 503); `cause` keeps the client's error |

Messages never contain a secret, a password or any other credential.
*/
export type MessagingServerErrorCode = 'ERR_SERVER_CONFIG' | 'ERR_INVALID_USER' | 'ERR_STORE_UNAVAILABLE';

export class MessagingServerError extends Error {
	override readonly name = 'MessagingServerError';
	readonly code: MessagingServerErrorCode;

	constructor(code: MessagingServerErrorCode, message: string, options?: {cause?: unknown}) {
		super(message, options);
		this.code = code;
	}
}

export const isMessagingServerError = (value: unknown): value is MessagingServerError =>
	value instanceof MessagingServerError;
