/*
What a page can know, without asking the server, about whether a site session may exist (startup-gate.ts):
- the sign-in flag: localStorage `zendesk-messaging-auth:signed-in` = `1`, set when a sign-in through the SDK lands and
  removed when the session ends, whoever ended it (this tab, another tab, a 204/401/403 answer). No token, no identity.
- the site's own hint cookie (`sessionHintCookie`), which its login sets and its sign-out removes.
Storage that throws (disabled, full) only means no flag: a browser that keeps no storage mostly keeps no site cookie
either, and restore() called by the page still asks.
*/
export const SIGNED_IN_FLAG_KEY = 'zendesk-messaging-auth:signed-in';

export function readSignedInFlag(): boolean {
	try {
		return localStorage.getItem(SIGNED_IN_FLAG_KEY) === '1';
	} catch {
		return false;
	}
}

export function writeSignedInFlag(signedIn: boolean): void {
	try {
		if (signedIn) localStorage.setItem(SIGNED_IN_FLAG_KEY, '1');
		else localStorage.removeItem(SIGNED_IN_FLAG_KEY);
	} catch {
		// Full or disabled storage: no flag.
	}
}

/** Whether the page has a cookie `name`; false without a name, and where cookies cannot be read (a sandboxed frame throws). */
export function hasCookie(name: string | undefined): boolean {
	try {
		return name !== undefined && `; ${document.cookie}`.includes(`; ${name}=`);
	} catch {
		return false;
	}
}
