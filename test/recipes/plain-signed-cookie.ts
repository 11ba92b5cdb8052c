import {createHmac, timingSafeEqual} from 'node:crypto';
import {createJwtHandler} from 'zendesk-messaging-auth/server';

const SITE_SESSION_SECRET = process.env.SITE_SESSION_SECRET!;

function cookie(request: Request, name: string): string | undefined {
	for (const part of (request.headers.get('cookie') ?? '').split(';')) {
		const separator = part.indexOf('=');
		if (separator !== -1 && part.slice(0, separator).trim() === name) return part.slice(separator + 1).trim();
	}
	return undefined;
}

/** The session the cookie holds, or null if it is missing, forged or expired. */
function siteSession(value: string | undefined): {sub: string; name?: string; email?: string} | null {
	const [payload, signature, ...rest] = (value ?? '').split('.');
	if (!payload || !signature || rest.length > 0) return null;
	const expected = createHmac('sha256', SITE_SESSION_SECRET).update(payload).digest();
	const given = Buffer.from(signature, 'base64url');
	// Constant time, and only once the lengths match (timingSafeEqual throws otherwise).
	if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
	const session = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
	return typeof session.sub === 'string' && typeof session.exp === 'number' && session.exp * 1000 > Date.now() ? session : null;
}

export const handleZendeskJwt = createJwtHandler({
	keyId: process.env.ZENDESK_KEY_ID!,
	secret: process.env.ZENDESK_SECRET!,
	async getUser(request) {
		const session = siteSession(cookie(request, 'site_session'));
		return session ? {externalId: session.sub, name: session.name, email: session.email} : null;
	},
});
