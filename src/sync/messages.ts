/*
What tabs say to each other, and the checks a message passes before anything in it is used: another tab may run
an older or newer SDK, or a page script may post on the channel. A message that fails a check is ignored.
*/

/** A token one tab hands to the others, with the sender's estimate of the server's time (tabs share the wall clock). */
export interface SharedToken {
	jwt: string;
	serverTimeMs: number;
}

export type TabMessage =
	| {type: 'session'; from: string; to?: string; token: SharedToken}
	| {type: 'logout'; from: string}
	| {type: 'hello'; from: string; newerThanExp: number};

// A compact JWS with Zendesk's claims is well under 2 KiB; a message many times that is not one of ours.
const MAX_JWT_LENGTH = 16_384;
const MAX_ID_LENGTH = 64;
/**
A sender's server-time estimate must be this close to the receiver's wall clock. Tabs share the wall clock, but a
visitor's clock may be hours off the server's (a wrong time zone): a day is generous, and still refuses 0, NaN or
a time that would make an expired token look fresh for years.
*/
const MAX_SERVER_TIME_DISTANCE_MS = 24 * 60 * 60 * 1000;
// exp is seconds since the epoch; anything past year 10000 is not a time.
const MAX_EXP_SECONDS = 253_402_300_800;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isId = (value: unknown): value is string => typeof value === 'string' && value !== '' && value.length <= MAX_ID_LENGTH;
const isNumberIn = (value: unknown, min: number, max: number): value is number => typeof value === 'number' && value >= min && value <= max;

/** The message, checked and copied field by field (nothing else of the sender's object is kept), or undefined. */
export function readTabMessage(data: unknown, wallNowMs: number): TabMessage | undefined {
	if (!isRecord(data) || !isId(data['from'])) return undefined;
	const {type, from, newerThanExp, token, to} = data;
	if (type === 'logout') return {type, from};
	// NaN fails every comparison, so these also refuse NaN and Infinity.
	if (type === 'hello') return isNumberIn(newerThanExp, 0, MAX_EXP_SECONDS) ? {type, from, newerThanExp} : undefined;
	if (type !== 'session' || !isRecord(token) || (to !== undefined && !isId(to))) return undefined;
	const {jwt, serverTimeMs} = token;
	if (typeof jwt !== 'string' || !jwt || jwt.length > MAX_JWT_LENGTH) return undefined;
	if (!isNumberIn(serverTimeMs, wallNowMs - MAX_SERVER_TIME_DISTANCE_MS, wallNowMs + MAX_SERVER_TIME_DISTANCE_MS)) return undefined;
	return {type, from, ...(to === undefined ? {} : {to}), token: {jwt, serverTimeMs}};
}

/**
The one "is this token newer" rule: a token is newer than another when it expires later. A token without `exp`
never expires, so it counts as the newest. Compared in `exp` seconds, as the claims carry them.
*/
export const expOf = (claims: {exp?: number} | undefined): number => claims?.exp ?? Number.POSITIVE_INFINITY;
export const isNewer = (candidate: {exp?: number}, than: {exp?: number} | undefined): boolean =>
	than === undefined || expOf(candidate) > expOf(than);

/**
Whether a tab takes a token another tab shared: always when it has none, or when the token is someone else's (a
sign-in in that tab); for the same visitor only when it is newer, so a late or repeated message never goes back.
*/
export const shouldAdopt = (candidate: {external_id: string; exp?: number}, current: {external_id: string; exp?: number} | undefined): boolean =>
	current === undefined || candidate.external_id !== current.external_id || isNewer(candidate, current);
