import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {decodeJwt} from '../../src/core/jwt.js';
import {resolveOptions} from '../../src/core/options.js';
import {TokenClient} from '../../src/core/token-client.js';
import {MessagingAuthError} from '../../src/errors/messaging-auth-error.js';
import {createRecordedAuth} from '../helpers/auth.js';
import {stubFetch, type StubAnswer} from '../helpers/fetch-stub.js';
import {mintJwt} from '../helpers/jwt.js';
import {installZendeskStandIn, type ZendeskStandIn} from '../helpers/zendesk-stand-in.js';

/** A seeded PRNG (mulberry32): a failure names its seed and replays exactly. */
function random(seed: number) {
	let state = seed >>> 0;
	const next = () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
	const int = (max: number) => Math.floor(next() * max);
	const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
	return {next, int, pick};
}

type Random = ReturnType<typeof random>;

const ALPHABET = 'abcXYZ019-_.=+/{}[]":,<>\\ \u0000é🙂';
const junk = (r: Random, length = r.int(40)) => Array.from({length}, () => r.pick([...ALPHABET])).join('');
const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** A JWT that is valid, or one of many ways of not being one. */
function fuzzJwt(r: Random): unknown {
	const valid = mintJwt({claims: {n: r.int(1000)}});
	const [header, payload, signature] = valid.split('.') as [string, string, string];
	switch (r.int(12)) {
		case 0: return valid;
		case 1: return junk(r);
		case 2: return valid.slice(0, r.int(valid.length));
		case 3: { const i = r.int(valid.length); return valid.slice(0, i) + r.pick([...ALPHABET]) + valid.slice(i + 1); }
		case 4: return `${b64(junk(r))}.${payload}.${signature}`;
		case 5: return `${header}.${b64(junk(r))}.${signature}`;
		case 6: return `${header}.${b64({external_id: r.pick([1, null, '', 'x', {}, []]), scope: r.pick(['user', 'admin', 1]), exp: r.pick([1, '2', null, 9e15, Number.NaN])})}.${signature}`;
		case 7: return `${b64({alg: r.pick(['HS256', 'none', 'RS256', 1]), kid: r.pick(['k', '', 1, null])})}.${payload}.${signature}`;
		case 8: return r.pick([null, 1, true, {}, [], valid.split('.')]);
		case 9: return `${header}.${payload}.${signature}.${junk(r, 3)}`;
		case 10: return mintJwt({nowSeconds: Math.floor(Date.now() / 1000) - r.int(100_000) - 601});
		default: return valid.replace(/\./g, () => r.pick(['.', '..', '', '%2E']));
	}
}

/** A token-endpoint answer: any status, any body, any headers. */
function fuzzAnswer(r: Random): StubAnswer {
	const jwt = fuzzJwt(r);
	const bodies = [
		{jwt},
		{token: jwt},
		{jwt, message: junk(r)},
		{message: `<img src=x onerror=alert(1)>${junk(r)}`},
		JSON.stringify({jwt}).slice(0, r.int(30)),
		`<!doctype html><p>${junk(r)}`,
		junk(r),
		'',
		'null',
		`[${JSON.stringify(jwt)}]`,
		{jwt: {jwt}},
	];
	const answer: StubAnswer = {
		status: r.pick([200, 200, 200, 201, 204, 301, 400, 401, 403, 404, 418, 429, 500, 502, 503]),
		body: r.pick(bodies) as string | Record<string, unknown>,
		headers: r.pick([{}, {date: junk(r)}, {date: new Date(Date.now() + (r.next() - 0.5) * 7_200_000).toUTCString()}, {'retry-after': r.pick(['5', '-1', junk(r), 'Wed, 21 Oct 2099 07:28:00 GMT'])}, {'content-type': 'text/html'}]),
	};
	if (r.int(50) === 0) answer.error = new TypeError('Failed to fetch');
	return answer;
}

const CASES = 10_000;
let widget: ZendeskStandIn;
beforeEach(() => {
	widget = installZendeskStandIn();
});
afterEach(() => widget.uninstall());

// Thousands of cases: generous time on a loaded 2-core CI machine. This is a correctness test, not a speed test.
describe('fuzz: random and mutated token-endpoint answers and JWTs', {timeout: 60_000}, () => {
	it(`decodeJwt returns claims or throws ERR_INVALID_TOKEN, for ${CASES} inputs`, () => {
		const r = random(20_261_124);
		let decoded = 0;
		for (let i = 0; i < CASES; i++) {
			const input = fuzzJwt(r);
			try {
				const claims = decodeJwt(input);
				expect(typeof claims.external_id).toBe('string');
				decoded++;
			} catch (error) {
				if (!(error instanceof MessagingAuthError) || error.code !== 'ERR_INVALID_TOKEN') throw new Error(`case ${i}: ${String(error)} for ${String(input)}`);
			}
		}

		// The generator reaches both outcomes, so the test could fail either way.
		expect(decoded).toBeGreaterThan(CASES / 20);
		expect(decoded).toBeLessThan(CASES / 2);
	});

	it(`the token client ends every one of ${CASES} answers in a grant or a typed error`, async () => {
		const r = random(4242);
		const backend = stubFetch();
		const client = new TokenClient(resolveOptions({tokenEndpoint: '/api/token'}));
		const outcomes = new Map<string, number>();
		for (let i = 0; i < CASES; i++) {
			backend.next('/api/token', fuzzAnswer(r));
			const outcome = await client.login({email: 'a', password: 'b'}).then(
				(grant) => {
					decodeJwt(grant.jwt);
					return 'grant';
				},
				(error: unknown) => {
					if (!(error instanceof MessagingAuthError)) throw new Error(`case ${i}: untyped ${String(error)}`);
					if (error.serverMessage !== undefined) expect(error.serverMessage.length).toBeLessThanOrEqual(300);
					return error.code;
				},
			);
			outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
		}

		expect([...outcomes.keys()].sort()).toEqual(
			['ERR_INVALID_CREDENTIALS', 'ERR_INVALID_TOKEN', 'ERR_NETWORK', 'ERR_RATE_LIMITED', 'ERR_TOKEN_ENDPOINT', 'grant'].sort(),
		);
	});

	it('a failed login never signs the widget in, over 1000 full logins', async () => {
		const r = random(7);
		const backend = stubFetch();
		const {auth} = createRecordedAuth({syncTabs: false, widgetTimeoutMs: 0});
		let logins = 0;
		for (let i = 0; i < 1000; i++) {
			backend.next('/api/token', fuzzAnswer(r));
			const before = widget.record.loginUserCalls;
			const ok = await auth.login({email: 'a', password: 'b'}).then(() => true, (error: unknown) => {
				if (!(error instanceof MessagingAuthError)) throw new Error(`case ${i}: untyped ${String(error)}`);
				return false;
			});
			await Promise.resolve();
			if (ok) {
				logins++;
				await auth.logout();
			} else {
				expect(widget.record.loginUserCalls).toBe(before);
				expect(auth.state).toBe('signed-out');
			}
		}

		expect(logins).toBeGreaterThan(10);
		expect(widget.record.loginUserCalls).toBe(logins);
		expect(widget.record.misuse).toEqual([]);
	});
});
