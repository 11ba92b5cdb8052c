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
	/**
	Keep the signed-in user across page loads in `localStorage`, as the real widget keeps its own (zendesk-widget.md,
	pitfall 6): on install it comes up signed in as the user stored there. Default true; false plays a widget that
	forgets at every page load.
	*/
	persistsUser?: boolean;
}

/** Where the stand-in keeps its signed-in user: its own key, apart from anything the SDK stores. */
export const STAND_IN_STORAGE_KEY = 'zendesk-stand-in:signed-in-user';

/** What is kept across page loads: who the widget is signed in as, never the JWT. */
export interface StoredWidgetUser {
	externalId: string;
	name?: string;
}

// Storage that throws (Safari private mode, storage disabled) is a widget that keeps nothing: never a test failure.
function readStoredUser(): StoredWidgetUser | undefined {
	try {
		const text = globalThis.localStorage?.getItem(STAND_IN_STORAGE_KEY);
		const value: unknown = text ? JSON.parse(text) : undefined;
		return typeof value === 'object' && value !== null && typeof (value as StoredWidgetUser).externalId === 'string' ? (value as StoredWidgetUser) : undefined;
	} catch {
		return undefined;
	}
}

function writeStoredUser(user: StoredWidgetUser | undefined): void {
	try {
		if (user) globalThis.localStorage?.setItem(STAND_IN_STORAGE_KEY, JSON.stringify(user));
		else globalThis.localStorage?.removeItem(STAND_IN_STORAGE_KEY);
	} catch {
		// See readStoredUser.
	}
}

type Provide = (jwt: unknown) => void;
type JwtCallback = (provide: Provide) => void;
type LoginCallback = (error: LoginFailedError | null) => void;

/**
A stand-in for the messaging Web Widget's `zE` that behaves as zendesk-widget.md says: loginUser takes a
jwtCallback it calls with `provide`, checks the token as Zendesk would (signature, kid, claims, exp), reports
through loginCallback, and re-asks through jwtCallback once the token it holds has expired. Like the real widget it
keeps its signed-in user across page loads (`persistsUser`): installing it is a page load, `uninstall({keepStoredUser:
true})` navigating away.
*/
export function installZendeskStandIn({secret = TEST_SECRET, callsLoginCallback = true, reasksAfterExpiry = true, persistsUser = true}: StandInOptions = {}) {
	const restored = persistsUser ? readStoredUser() : undefined;
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
		/** Who the widget is signed in as: restored from an earlier page load until logoutUser or a new loginUser. */
		signedInAs: restored?.externalId,
		/** The user it came up signed in as at install (an earlier page's sign-in), if any. */
		restoredAs: restored?.externalId,
	};
	const signIn = (user: StoredWidgetUser | undefined) => {
		record.signedInAs = user?.externalId;
		if (persistsUser) writeStoredUser(user);
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
			const claims = refusal ? undefined : claimsOf(jwt as string);
			signIn(claims && {externalId: claims['external_id'] as string, ...(typeof claims['name'] === 'string' ? {name: claims['name']} : {})});
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
			signIn(undefined);
			clearTimeout(reaskTimer);
		}
	};

	(globalThis as {zE?: unknown}).zE = zE;
	return {
		record,
		zE,
		/** The widget needs a token again (page load, reconnect). */
		reask: ask,
		/**
		Removes `zE`. By default also forgets the stored user, so the next test starts with a fresh widget (jsdom keeps
		localStorage for a whole file); `{keepStoredUser: true}` is navigating away: the next install comes up signed in.
		*/
		uninstall({keepStoredUser = false}: {keepStoredUser?: boolean} = {}) {
			clearTimeout(reaskTimer);
			delete (globalThis as {zE?: unknown}).zE;
			if (!keepStoredUser && persistsUser) writeStoredUser(undefined);
		},
	};
}

export type ZendeskStandIn = ReturnType<typeof installZendeskStandIn>;
