/*
The demo's login limits: the product's own for the token endpoint (createTokenHandler's loginLimits, kept in a
memory store of zendesk-messaging-auth/server), and for the Site login page's own form (the site's code, not the
SDK's) the library the product builds on, rate-limiter-flexible. Both count failures per account and per address
in a fixed window. QA's reset forgets them by starting afresh.
*/
import RateLimiterFlexible from 'rate-limiter-flexible';
import {memoryStore} from '../../dist/server.js';
import {normalizeEmail} from './accounts.mjs';

const {RateLimiterMemory} = RateLimiterFlexible;

export function createLoginLimits({failures, windowSeconds}) {
	let store;
	let siteForm;
	let generation = 0;
	const start = () => {
		store = memoryStore();
		siteForm = new RateLimiterMemory({points: failures, duration: windowSeconds});
		generation++;
	};

	start();
	const keysOf = (request, email) => {
		const keys = [`address:${request.socket.remoteAddress}`];
		if (typeof email === 'string' && email.trim() !== '') keys.push(`account:${normalizeEmail(email)}`);
		return keys;
	};

	return {
		/** The token handler's `loginLimits` and the store to keep them in; a new store after each reset (see `generation`). */
		tokenHandler: () => ({loginLimits: {failuresPerAccount: failures, failuresPerAddress: failures, windowSeconds}, store}),
		get generation() {
			return generation;
		},
		siteForm: {
			async isLimited(request, email) {
				const counts = await Promise.all(keysOf(request, email).map((key) => siteForm.get(key)));
				return counts.some((count) => count !== null && count.consumedPoints >= failures);
			},
			async recordFailure(request, email) {
				await Promise.all(keysOf(request, email).map((key) => siteForm.penalty(key)));
			},
		},
		reset: start,
	};
}
