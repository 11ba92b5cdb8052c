/* How times read on the QA page. */

/** 7400 → "7.4 s", 599000 → "9 min 59 s", null → "—". */
export function formatDuration(ms) {
	if (ms === null || ms === undefined) return '—';
	if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
	const seconds = Math.floor(ms / 1000);
	return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/** Seconds since the epoch → local time of day. */
export const formatEpochSeconds = (seconds) => new Date(seconds * 1000).toLocaleTimeString('en-GB', {hour12: false});

/** What a token's claims say about it in one line: who, and for how long. */
export function describeToken(claims) {
	const who = claims.name || claims.email || claims.external_id;
	const lifetime = typeof claims.exp === 'number' && typeof claims.iat === 'number' ? `, valid ${claims.exp - claims.iat} s` : '';
	return `${who} (external_id ${claims.external_id}${lifetime})`;
}
