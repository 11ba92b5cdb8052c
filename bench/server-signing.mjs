// Tokens minted per second on one core: signMessagingJwt next to raw node:crypto HMAC-SHA256 of the same
// header.payload bytes, plus WebCrypto's HMAC alone to show where the difference goes.
// Run after `npm run build` (it imports dist/server.js): `npm run bench:server`. Takes about 25 s.
import {createHmac} from 'node:crypto';
import {signMessagingJwt} from '../dist/server.js';

const WARM_UP_MS = 500;
const RUNS = 5;
const RUN_MS = 1500;

const input = {
	keyId: 'app_64f0c1d2e3a4b5c6d7e8f901',
	secret: 'zendesk-shared-secret-0123456789-abcdefghijklmnopqrstuvwxyz',
	externalId: 'user-1234',
	name: 'Ada Lovelace',
	email: 'ada@example.com',
	emailVerified: true,
};

// The raw contenders sign exactly the bytes signMessagingJwt signed, and must reach the same signature.
const sample = await signMessagingJwt(input);
const signingInput = sample.slice(0, sample.lastIndexOf('.'));
const signingBytes = new TextEncoder().encode(signingInput);
const rawSign = () => `${signingInput}.${createHmac('sha256', input.secret).update(signingInput).digest('base64url')}`;
if (rawSign() !== sample) throw new Error('node:crypto does not reproduce the signature of signMessagingJwt: the comparison would be unfair');
const webCryptoKey = await crypto.subtle.importKey('raw', new TextEncoder().encode(input.secret), {name: 'HMAC', hash: 'SHA-256'}, false, ['sign']);
const webCryptoSign = async () => `${signingInput}.${Buffer.from(await crypto.subtle.sign('HMAC', webCryptoKey, signingBytes)).toString('base64url')}`;
if ((await webCryptoSign()) !== sample) throw new Error('WebCrypto does not reproduce the signature of signMessagingJwt');

/** Operations per second of `once` run back to back for `ms`, each awaited before the next: one at a time, one core. */
async function rate(once, ms) {
	let count = 0;
	let elapsed = 0;
	const start = performance.now();
	do {
		for (let i = 0; i < 100; i++) await once();
		count += 100;
		elapsed = performance.now() - start;
	} while (elapsed < ms);
	return (count * 1000) / elapsed;
}

// The synchronous contender gets a loop without `await`, which would otherwise dominate its cost.
function rateSync(once, ms) {
	let count = 0;
	let elapsed = 0;
	const start = performance.now();
	do {
		for (let i = 0; i < 1000; i++) once();
		count += 1000;
		elapsed = performance.now() - start;
	} while (elapsed < ms);
	return (count * 1000) / elapsed;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const format = (value) => Math.round(value).toLocaleString('en-US');

const contenders = [
	{name: 'signMessagingJwt (jose + WebCrypto)', measure: (ms) => rate(() => signMessagingJwt(input), ms), rates: []},
	{name: 'WebCrypto HMAC alone (crypto.subtle.sign)', measure: (ms) => rate(webCryptoSign, ms), rates: []},
	{name: 'node:crypto createHmac + base64url (raw)', measure: async (ms) => rateSync(rawSign, ms), rates: []},
];

console.log(`Node ${process.version}, ${process.platform}/${process.arch}: ${RUNS} interleaved runs of ${RUN_MS / 1000} s per contender, after warm-up.\n`);
for (const contender of contenders) await contender.measure(WARM_UP_MS);
for (let run = 0; run < RUNS; run++) {
	for (const contender of contenders) contender.rates.push(await contender.measure(RUN_MS));
}

const raw = median(contenders.at(-1).rates);
const rows = [
	['', 'median tokens/s', 'min – max', 'vs raw'],
	...contenders.map(({name, rates}) => [name, format(median(rates)), `${format(Math.min(...rates))} – ${format(Math.max(...rates))}`, `${(median(rates) / raw).toFixed(3)}×`]),
];
const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
for (const row of rows) console.log(row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('   '));

const minted = median(contenders[0].rates);
console.log(`\nsignMessagingJwt: ${format(minted)} tokens/s on one core; raw node:crypto HMAC is ${(raw / minted).toFixed(1)}× faster (ratio ${(minted / raw).toFixed(3)}).`);
