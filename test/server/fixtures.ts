import type {User} from '../../src/server.js';

export const KEY_ID = 'app_64f0c1d2e3a4b5c6d7e8f901';
export const SECRET = 'zendesk-shared-secret-0123456789-abcdefghijklmnopqrstuvwxyz';
export const SESSION_SECRET = 'site-session-secret-0123456789-ABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const ORIGIN = 'https://shop.example';
export const PASSWORD = 'analytical-engine';

export const ADA: User = {externalId: 'user-ada', name: 'Ada Lovelace', email: 'ada@example.com', emailVerified: true};

/** The `authenticate` of a site with one account: ada@example.com / analytical-engine. */
export async function authenticateAda(credentials: Record<string, unknown>): Promise<User | null> {
	return credentials['email'] === ADA.email && credentials['password'] === PASSWORD ? ADA : null;
}

/** A same-origin POST as the browser SDK sends it. */
export function post(path: string, init: {body?: BodyInit; headers?: Record<string, string>; method?: string} = {}): Request {
	return new Request(new URL(path, ORIGIN), {
		method: init.method ?? 'POST',
		headers: {origin: ORIGIN, 'sec-fetch-site': 'same-origin', ...init.headers},
		...(init.body === undefined ? {} : {body: init.body}),
	});
}

export const loginRequest = (credentials: unknown, headers: Record<string, string> = {}) =>
	post('/api/zendesk/token', {body: JSON.stringify(credentials), headers: {'content-type': 'application/json', ...headers}});

/** The one Set-Cookie of a response, split into its `name=value` and attributes (lower-cased names). */
export function setCookieOf(response: Response): {pair: string; value: string; attributes: Map<string, string>} {
	const cookies = response.headers.getSetCookie();
	if (cookies.length !== 1) throw new Error(`expected one Set-Cookie, got ${cookies.length}`);
	const [pair, ...rest] = cookies[0]!.split('; ');
	const attributes = new Map(
		rest.map((attribute) => {
			const [name, value = ''] = attribute.split('=');
			return [name!.toLowerCase(), value] as const;
		}),
	);
	return {pair: pair!, value: pair!.slice(pair!.indexOf('=') + 1), attributes};
}
