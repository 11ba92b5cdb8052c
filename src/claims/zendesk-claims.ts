/*
What Zendesk accepts in a messaging JWT (zendesk-widget.md, "The JWT Zendesk accepts"), as one pure rule shared by the
browser (which refuses a token before the widget is called: src/core/jwt.ts) and the server subpath (which refuses to
mint one: src/server/validation.ts, src/server/sign-jwt.ts). No DOM, no Node API: both builds import it.
Each problem names the claim and the fix, in words for the integrator; none repeats a value longer than a few characters.
*/

/** Zendesk refuses a longer `external_id`. */
export const MAX_EXTERNAL_ID_LENGTH = 255;

// C0 controls and DEL: never part of a directory id, and a sign of a value read from the wrong place.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

/** A value in a message: short primitives as JSON, anything else by its kind (a claim may hold anything). */
const shown = (value: unknown) =>
	typeof value === 'string' ? (value.length > 20 ? `a string of ${value.length} characters` : JSON.stringify(value)) : value === null || typeof value !== 'object' ? String(value) : 'an object';

/** Why Zendesk would refuse this `external_id` (the server's `externalId`), or undefined. */
export function externalIdProblem(value: unknown): string | undefined {
	if (typeof value !== 'string' || value.trim() === '') {
		return `is ${shown(value)}: make it a non-empty string, the user's stable id (String(id) for a number)`;
	}

	if (value.length > MAX_EXTERNAL_ID_LENGTH) return `is ${value.length} characters long: Zendesk accepts at most ${MAX_EXTERNAL_ID_LENGTH}`;
	if (CONTROL_CHARACTERS.test(value)) return 'holds control characters (a newline?): remove them';
	return undefined;
}

/** Why Zendesk would refuse a JWT with this header, or undefined. */
export function headerProblem(header: Record<string, unknown>): string | undefined {
	if (header['alg'] !== 'HS256') return `its header alg is ${shown(header['alg'])}: Zendesk accepts HS256 only (sign with the shared secret)`;
	if (typeof header['kid'] !== 'string' || header['kid'] === '') return 'its header has no kid: set it to the signing key id from Zendesk Admin Center';
	return undefined;
}

const isTime = (value: unknown) => value === undefined || Number.isInteger(value);
const isText = (value: unknown) => value === undefined || typeof value === 'string';

/** Why Zendesk would refuse a JWT with these claims (the payload), or undefined. */
export function claimsProblem(claims: Record<string, unknown>): string | undefined {
	const externalId = externalIdProblem(claims['external_id']);
	if (externalId) return `its external_id claim ${externalId}`;
	if (claims['scope'] !== 'user') return `its scope claim is ${shown(claims['scope'])}: set it to "user"`;
	for (const name of ['exp', 'iat']) {
		if (!isTime(claims[name])) return `its ${name} claim is ${shown(claims[name])}: make it an integer (whole seconds since 1970)`;
	}

	for (const name of ['name', 'email']) {
		if (!isText(claims[name])) return `its ${name} claim is ${shown(claims[name])}: make it a string`;
	}

	const verified = claims['email_verified'];
	if (verified !== undefined && typeof verified !== 'boolean') return `its email_verified claim is ${shown(verified)}: make it true or false (a boolean)`;
	return undefined;
}
