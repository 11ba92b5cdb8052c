import {callHookDetached} from './hooks.js';
import {importHmacKey} from './hmac-key.js';
import {mintMessagingJwt} from './sign-jwt.js';
import type {User} from './types.js';
import {checkAllowedOrigins, checkFunction, checkKeyId, checkJwtLifetime, checkSecret} from './validation.js';

/** What every handler needs, validated and with defaults applied. */
export interface ResolvedHandlerOptions {
	allowedOrigins: ReadonlySet<string>;
	/** Reports the error behind a 500; never throws, nor leaves a rejected promise behind. */
	reportError(error: unknown, request: Request): void;
}

const logError = (error: unknown) => {
	console.error('zendesk-messaging-auth/server:', error);
};

export function resolveHandlerOptions(given: Record<string, unknown>): ResolvedHandlerOptions {
	checkFunction('onError', given['onError'], false);
	const onError = (given['onError'] as ((error: unknown, request: Request) => void) | undefined) ?? logError;
	return {
		allowedOrigins: checkAllowedOrigins(given['allowedOrigins']),
		reportError(error, request) {
			// A failing logger must not turn a clean 500 into a crash: an async onError that rejects is contained too.
			callHookDetached(onError, given, error, request);
		},
	};
}

/** Validates `keyId`, `secret` and `expiresInSeconds` once, and returns the function that signs a checked user with them. */
export function createSigner(given: Record<string, unknown>): (user: User) => Promise<string> {
	const keyId = checkKeyId(given['keyId']);
	const secret = checkSecret('secret', given['secret']);
	const lifetimeSeconds = checkJwtLifetime(given['expiresInSeconds']);
	let key: Promise<CryptoKey> | undefined;
	return async (user) => {
		key ??= importHmacKey(secret);
		return mintMessagingJwt(await key, keyId, user, lifetimeSeconds);
	};
}
