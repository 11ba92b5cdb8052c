/*
What a page can know, without asking the server, about whether a site session may exist (startup-gate.ts):
- the sign-in flag: localStorage `zendesk-messaging-auth:signed-in` = `1`, set when a sign-in through the SDK lands and
  removed when the session ends, whoever ended it (this tab, another tab, a 204/401/403 answer). No token, no identity.
- the site's own hint cookie (`sessionHintCookie`), which its login sets and its sign-out removes.
Storage that throws (disabled, Safari private mode of old) means "unknown": the start-up then asks, as it always did.
*/
export const SIGNED_IN_FLAG_KEY = 'zendesk-messaging-auth:signed-in';

/** The sign-in flag, or undefined when storage cannot be read. */
export function readSignedInFlag(): boolean | undefined {
	try {
		return localStorage.getItem(SIGNED_IN_FLAG_KEY) === '1';
	} catch {
		return undefined;
	}
}

export function writeSignedInFlag(signedIn: boolean): void {
	try {
		if (signedIn) localStorage.setItem(SIGNED_IN_FLAG_KEY, '1');
		else localStorage.removeItem(SIGNED_IN_FLAG_KEY);
	} catch {
		// Full or disabled storage: the next page start asks the server, as it would without the flag.
	}
}

/** Whether the page has a cookie `name` with a value (an emptied cookie is a session that ended). */
export function hasCookie(name: string): boolean {
	return document.cookie.split(/; */).some((cookie) => cookie.startsWith(`${name}=`) && cookie.length > name.length + 1);
}
