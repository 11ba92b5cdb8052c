/* Types of site-session.mjs, for the TypeScript tests that import it. */
export declare const SITE_SESSION_COOKIE: string;
export declare const SITE_SESSION_IDLE_MS: number;
export declare function readCookie(header: string | undefined, name: string): string | undefined;

export interface SiteUser {
	externalId: string;
	name?: string;
	email?: string;
	emailVerified?: boolean;
}

export interface SiteSessions {
	start(user: SiteUser): string;
	userOf(cookieHeader: string | undefined | null): SiteUser | null;
	end(cookieHeader: string | undefined | null): boolean;
	clearCookie(): string;
}

export declare function createSiteSessions(options?: {idleMs?: number; now?: () => number}): SiteSessions;
