import {DEFAULT_JWT_LIFETIME_SECONDS} from './defaults.js';
import {importHmacKey} from './hmac-key.js';
import {mintMessagingJwt} from './sign-jwt.js';
import type {User} from './types.js';
import {checkAllowedOrigins, checkFunction, checkKeyId, checkSecret, checkSeconds} from './validation.js';

/** What every handler needs, validated and with defaults applied. */
export interface ResolvedHandlerOptions {
	allowedOrigins: ReadonlySet<string>;
	/** Reports the error behind a 500; never throws. */
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
			try {
				onError(error, request);
			} catch {
				// A failing logger must not turn a clean 500 into an unhandled rejection.
			}
		},
	};
}

/** Validates `keyId`, `secret` and `expiresInSeconds` once, and returns the function that signs a checked user with them. */
export function createSigner(given: Record<string, unknown>): (user: User) => Promise<string> {
	const keyId = checkKeyId(given['keyId']);
	const secret = checkSecret('secret', given['secret']);
	const lifetimeSeconds = checkSeconds('expiresInSeconds', given['expiresInSeconds'], DEFAULT_JWT_LIFETIME_SECONDS);
	let key: Promise<CryptoKey> | undefined;
	return async (user) => {
		key ??= importHmacKey(secret);
		return mintMessagingJwt(await key, keyId, user, lifetimeSeconds);
	};
}
