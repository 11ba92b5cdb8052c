/*
Whether the start-up restore asks refreshEndpoint at all (PRODUCT.md, "A quiet start"): most visitors of a marketing
site never sign in, and their page loads must cost the site no request and leave no console error. Pure: the session
reads the facts (session-hints.ts) and acts on the answer. A restore() called by the page always asks; this rule is
for the one the SDK makes by itself at creation.
*/

/** `'auto'`: ask only when a site session can exist; `'always'`: ask at every page load. */
export type RestoreOnLoad = 'auto' | 'always';

export interface StartupFacts {
	restoreOnLoad: RestoreOnLoad;
	/** Sessions start in our form (`tokenEndpoint` is set). */
	hasTokenEndpoint: boolean;
	/** The `sessionHintCookie` option: the readable cookie the site's own login sets while its session lives. */
	sessionHintCookie: string | undefined;
	/** Whether that cookie is on the page now. */
	hintCookiePresent: boolean;
	/**
	The sign-in flag: this browser signed in through the SDK and has not signed out since. `undefined` where storage
	cannot be read: then nobody knows, and the SDK asks as it always did.
	*/
	signedInFlag: boolean | undefined;
}

/** True when the start-up restore should ask the server; false when no site session can exist. */
export function startupMayFindSession({restoreOnLoad, hasTokenEndpoint, sessionHintCookie, hintCookiePresent, signedInFlag}: StartupFacts): boolean {
	if (restoreOnLoad === 'always') return true;
	// The site's own login tells of its session by the hint cookie; our form's sessions leave the sign-in flag.
	if (sessionHintCookie !== undefined && hintCookiePresent) return true;
	if (hasTokenEndpoint) return signedInFlag !== false;
	// The site's own login without a hint cookie: nothing on the page says whether a session exists, so ask.
	return sessionHintCookie === undefined;
}
