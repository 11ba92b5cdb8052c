import {claimsOf, TEST_SECRET, zendeskRefusal} from './jwt.js';

/** What `loginCallback` receives on failure: string properties message, reason, type. */
export interface LoginFailedError {
	message: string;
	reason: string;
	type: string;
}

export interface StandInOptions {
	secret?: string;
	/** Old widget builds never call loginCallback (zendesk-widget.md). */
	callsLoginCallback?: boolean;
	/** Re-ask through jwtCallback once the token held has expired, as the widget does. */
	reasksAfterExpiry?: boolean;
}

type Provide = (jwt: unknown) => void;
type JwtCallback = (provide: Provide) => void;
type LoginCallback = (error: LoginFailedError | null) => void;

/**
A stand-in for the messaging Web Widget's `zE` that behaves as zendesk-widget.md says: loginUser takes a
jwtCallback it calls with `provide`, checks the token as Zendesk would (signature, kid, claims, exp), reports
through loginCallback, and re-asks through jwtCallback once the token it holds has expired.
*/
export function installZendeskStandIn({secret = TEST_SECRET, callsLoginCallback = true, reasksAfterExpiry = true}: StandInOptions = {}) {
	const record = {
		calls: [] as unknown[][],
		loginUserCalls: 0,
		logoutUserCalls: 0,
		/** Every value handed to provide(), in order. */
		received: [] as unknown[],
		/** Tokens that were already expired when handed over (must stay 0). */
		expiredReceived: 0,
		/** Misuse seen: wrong call shapes, provide(null), … (must stay empty). */
		misuse: [] as string[],
		loginResults: [] as Array<LoginFailedError | null>,
		signedInAs: undefined as string | undefined,
	};
	let jwtCallback: JwtCallback | undefined;
	let loginCallback: LoginCallback | undefined;
	let reaskTimer: ReturnType<typeof setTimeout> | undefined;

	const ask = () => {
		const callback = jwtCallback;
		if (!callback) return;
		callback((jwt) => {
			if (callback !== jwtCallback) return;
			record.received.push(jwt);
			const refusal = zendeskRefusal(jwt, secret);
			if (typeof jwt !== 'string') record.misuse.push(`provide(${String(jwt)})`);
			if (refusal === 'expired') record.expiredReceived++;
			const result: LoginFailedError | null = refusal
				? {message: `Authentication failed: ${refusal}`, reason: refusal === 'expired' ? 'token_expired' : 'invalid_auth', type: 'LoginFailedError'}
				: null;
			record.signedInAs = refusal ? undefined : (claimsOf(jwt as string)['external_id'] as string);
			record.loginResults.push(result);
			if (callsLoginCallback) loginCallback?.(result);
			clearTimeout(reaskTimer);
			const exp = refusal ? undefined : claimsOf(jwt as string)['exp'];
			if (reasksAfterExpiry && typeof exp === 'number') {
				reaskTimer = setTimeout(ask, Math.max(0, exp * 1000 - Date.now()) + 1);
			}
		});
	};

	const zE = (namespace: unknown, method: unknown, ...args: unknown[]) => {
		record.calls.push([namespace, method, ...args]);
		if (namespace !== 'messenger') {
			record.misuse.push(`zE(${String(namespace)}, ${String(method)})`);
			return;
		}

		if (method === 'loginUser') {
			record.loginUserCalls++;
			if (typeof args[0] !== 'function') {
				record.misuse.push(`loginUser with a ${typeof args[0]} instead of a function`);
				return;
			}

			jwtCallback = args[0] as JwtCallback;
			loginCallback = typeof args[1] === 'function' ? (args[1] as LoginCallback) : undefined;
			ask();
		} else if (method === 'logoutUser') {
			record.logoutUserCalls++;
			jwtCallback = undefined;
			loginCallback = undefined;
			record.signedInAs = undefined;
			clearTimeout(reaskTimer);
		}
	};

	(globalThis as {zE?: unknown}).zE = zE;
	return {
		record,
		zE,
		/** The widget needs a token again (page load, reconnect). */
		reask: ask,
		uninstall() {
			clearTimeout(reaskTimer);
			delete (globalThis as {zE?: unknown}).zE;
		},
	};
}

export type ZendeskStandIn = ReturnType<typeof installZendeskStandIn>;
