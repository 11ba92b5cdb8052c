/*
The widget keeps its signed-in user in the browser across page loads; the JWT that signed it in lives in one
page's memory only. So while this SDK has the widget signed in it leaves a flag in localStorage — no token, no
name, no id, only "we signed the chat in" — and a page that starts without a site session and finds the flag
signs the chat out (docs/site-login.md). Storage that throws (Safari private mode, storage disabled)
simply means no flag: never an error.
*/
export const SIGNED_IN_MARKER_KEY = 'zendesk-messaging-auth:chat-signed-in';

function storage(): Storage | undefined {
	try {
		return globalThis.localStorage ?? undefined;
	} catch {
		return undefined;
	}
}

export function hasSignedInMarker(): boolean {
	try {
		return storage()?.getItem(SIGNED_IN_MARKER_KEY) === '1';
	} catch {
		return false;
	}
}

export function setSignedInMarker(signedIn: boolean): void {
	try {
		if (signedIn) storage()?.setItem(SIGNED_IN_MARKER_KEY, '1');
		else storage()?.removeItem(SIGNED_IN_MARKER_KEY);
	} catch {
		// Full or disabled storage: the chat is signed out on sign-out all the same, only not at a later page start.
	}
}
