import {createHmac} from 'node:crypto';

export const TEST_KEY_ID = 'app_test_key';
export const TEST_SECRET = 'test-secret-that-is-long-enough-for-zendesk-0123456789';

const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

export interface MintOptions {
	/** Claims merged over a valid default set (external_id, scope, name, email, iat, exp = iat + lifetimeSeconds). */
	claims?: Record<string, unknown>;
	header?: Record<string, unknown>;
	lifetimeSeconds?: number;
	/** Seconds since the epoch the token is issued at; defaults to Date.now(). */
	nowSeconds?: number;
	secret?: string;
}

/** Mints an HS256 JWT the way a site's backend would, with node:crypto (independent of the SDK and of jose). */
export function mintJwt({claims = {}, header = {}, lifetimeSeconds = 600, nowSeconds, secret = TEST_SECRET}: MintOptions = {}): string {
	const iat = nowSeconds ?? Math.floor(Date.now() / 1000);
	const fullHeader = {alg: 'HS256', typ: 'JWT', kid: TEST_KEY_ID, ...header};
	const fullClaims = {
		external_id: 'user-ada',
		scope: 'user',
		name: 'Ada Lovelace',
		email: 'ada@example.com',
		email_verified: true,
		iat,
		exp: iat + lifetimeSeconds,
		...claims,
	};
	const input = `${base64url(JSON.stringify(fullHeader))}.${base64url(JSON.stringify(fullClaims))}`;
	return `${input}.${base64url(createHmac('sha256', secret).update(input).digest())}`;
}

/** Why Zendesk would refuse this token, or undefined when it would accept it (zendesk-widget.md, "The JWT Zendesk accepts"). */
export function zendeskRefusal(jwt: unknown, secret = TEST_SECRET, nowMs = Date.now()): string | undefined {
	if (typeof jwt !== 'string') return `not a string (${jwt === null ? 'null' : typeof jwt})`;
	const [header, payload, signature] = jwt.split('.');
	if (!header || !payload || !signature) return 'malformed';
	const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
	if (expected !== signature) return 'bad signature';
	const head = JSON.parse(Buffer.from(header, 'base64url').toString()) as Record<string, unknown>;
	const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
	if (head['alg'] !== 'HS256') return 'alg';
	if (typeof head['kid'] !== 'string') return 'invalid_auth (no kid)';
	if (claims['scope'] !== 'user') return 'scope';
	if (typeof claims['external_id'] !== 'string') return 'external_id not a string';
	if (typeof claims['exp'] === 'number' && claims['exp'] * 1000 <= nowMs) return 'expired';
	return undefined;
}

export const claimsOf = (jwt: string): Record<string, unknown> =>
	JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
