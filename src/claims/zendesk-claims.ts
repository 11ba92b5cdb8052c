/*
What Zendesk accepts in a messaging JWT (zendesk-widget.md, "The JWT Zendesk accepts"), as one pure rule shared by the
browser (which refuses a token before the widget is called: src/core/jwt.ts) and the server subpath (which refuses to
mint one: src/server/validation.ts, src/server/sign-jwt.ts). No DOM, no Node API: both builds import it.
Each problem names the claim and the fix; a value is shown only when it is short or not a string.
*/

/** Zendesk refuses a longer `external_id`. */
export const MAX_EXTERNAL_ID_LENGTH = 255;

// Control characters, Unicode's Cc (C0, DEL and C1, such as U+0085 NEXT LINE): never part of a directory id, and a
// sign of a value read from the wrong place (C1 ones come from bytes decoded with the wrong charset).
const CONTROL_CHARACTERS = /\p{Cc}/u;

const shown = (value: unknown) =>
	typeof value === 'string' ? (value.length > 20 ? `${value.length} characters` : JSON.stringify(value)) : typeof value === 'object' && value ? 'an object' : String(value);

/** `is <value>: <fix>`, the shape of every problem below. */
const is = (value: unknown, fix: string) => `is ${shown(value)}: ${fix}`;

/** Why Zendesk would refuse this `external_id` (the server's `externalId`), or undefined. */
export function externalIdProblem(value: unknown): string | undefined {
	if (typeof value !== 'string' || value.trim() === '') return is(value, 'make it a non-empty string (String(id) for a number)');
	if (value.length > MAX_EXTERNAL_ID_LENGTH) return is(value, `Zendesk accepts at most ${MAX_EXTERNAL_ID_LENGTH}`);
	if (CONTROL_CHARACTERS.test(value)) return 'holds control characters: remove them';
	return undefined;
}

/** Why Zendesk would refuse a JWT with this header, or undefined. */
export function headerProblem(header: Record<string, unknown>): string | undefined {
	if (header['alg'] !== 'HS256') return `its header alg ${is(header['alg'], 'Zendesk accepts HS256 only')}`;
	if (typeof header['kid'] !== 'string' || header['kid'] === '') return 'its header has no kid: set it to the signing key id';
	return undefined;
}

/** Why Zendesk would refuse a JWT with these claims (the payload), or undefined. */
export function claimsProblem(claims: Record<string, unknown>): string | undefined {
	const problem = (name: string, ok: boolean, fix: string) => (ok ? undefined : `its ${name} claim ${is(claims[name], fix)}`);
	const externalId = externalIdProblem(claims['external_id']);
	const text = (name: string) => problem(name, claims[name] === undefined || typeof claims[name] === 'string', 'make it a string');
	const time = (name: string) => problem(name, claims[name] === undefined || Number.isInteger(claims[name]), 'make it an integer');
	return (
		(externalId && `its external_id claim ${externalId}`) ??
		problem('scope', claims['scope'] === 'user', 'set it to "user"') ??
		time('exp') ??
		time('iat') ??
		text('name') ??
		text('email') ??
		problem('email_verified', claims['email_verified'] === undefined || typeof claims['email_verified'] === 'boolean', 'make it a boolean')
	);
}
