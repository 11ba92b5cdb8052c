/*
What a page can know, without asking the server, about whether a site session may exist (startup-gate.ts):
- the sign-in flag: localStorage `zendesk-messaging-auth:signed-in` = a random id of the sign-in, set when a sign-in through the SDK lands and
  removed when the session ends, whoever ended it (this tab, another tab, a 204/401/403 answer). No token, no identity.
- the site's own hint cookie (`sessionHintCookie`), which its login sets and its sign-out removes.
Storage that cannot be read (disabled, a sandboxed frame) reads as a flag that may be set: the flag only ever lets
the SDK skip asking, and a live session must not be skipped at start-up nor signed out when a page comes back from the
back/forward cache because the browser keeps no storage (cookies may still carry the site session).
*/
export const SIGNED_IN_FLAG_KEY = 'zendesk-messaging-auth:signed-in';

/**
The flag's value: which sign-in it stands for, a random id drawn when a sign-in begins (no identity), kept through
refreshes and other tabs; `null` when there is no flag, `undefined` where storage cannot be read.
*/
export function readSignInMark(): string | null | undefined {
	try {
		return localStorage.getItem(SIGNED_IN_FLAG_KEY);
	} catch {
		return undefined;
	}
}

export const readSignedInFlag = (): boolean => readSignInMark() !== null;

/** Sets the flag (a new id for a new sign-in, else the one there is) or removes it; answers what it holds now. */
export function writeSignedInFlag(signedIn: boolean, newSignIn = false): string | null | undefined {
	try {
		if (!signedIn) localStorage.removeItem(SIGNED_IN_FLAG_KEY);
		else if (newSignIn || !readSignedInFlag()) localStorage.setItem(SIGNED_IN_FLAG_KEY, Math.random().toString(36).slice(2));
	} catch {
		// Full or disabled storage: no flag.
	}
	return readSignInMark();
}

/** Whether the page has a cookie `name`; false without a name, and where cookies cannot be read (a sandboxed frame throws). */
export function hasCookie(name: string | undefined): boolean {
	try {
		return name !== undefined && `; ${document.cookie}`.includes(`; ${name}=`);
	} catch {
		return false;
	}
}
