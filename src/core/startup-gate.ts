/*
Whether the start-up restore asks refreshEndpoint at all (PRODUCT.md, "A quiet start"): most visitors of a marketing
site never sign in, and their page loads must cost the site no request and leave no console error. Pure: the session
reads the facts (session-hints.ts) and acts on the answer. A restore() called by the page always asks; this rule is
only for the one the SDK makes by itself at creation.
*/
import type {ResolvedOptions} from './options.js';

/** `'auto'`: ask only when a site session can exist; `'always'`: ask at every page load. */
export type RestoreOnLoad = 'auto' | 'always';

/**
True when the start-up restore should ask the server; false when no site session can exist. `options` says whether
sessions start in our form (`tokenEndpoint`), `restoreOnLoad` and the `sessionHintCookie`; `hintCookiePresent` whether
that cookie is on the page; `signedInFlag` whether this browser signed in through the SDK and has not signed out since.
*/
export function startupMayFindSession(
	{restoreOnLoad, tokenEndpoint, sessionHintCookie}: Pick<ResolvedOptions, 'restoreOnLoad' | 'tokenEndpoint' | 'sessionHintCookie'>,
	hintCookiePresent: boolean,
	signedInFlag: boolean,
): boolean {
	if (restoreOnLoad === 'always' || hintCookiePresent) return true;
	// Our form's sessions leave the sign-in flag.
	if (tokenEndpoint !== undefined) return signedInFlag;
	// The site's own login tells of its session by the hint cookie; without one, nothing on the page says, so ask.
	return sessionHintCookie === undefined;
}
