/*
The demo's user directory: a few accounts whose passwords are kept only as scrypt hashes, as a real site keeps them.
The plain passwords below are public on purpose (they are printed at start-up); they are hashed once, at start-up.
*/
import {randomBytes, scrypt, timingSafeEqual} from 'node:crypto';
import {promisify} from 'node:util';

const scryptAsync = promisify(scrypt);
const KEY_LENGTH = 32;
// scrypt's N=2^14, r=8, p=1 (Node's default, ~16 MiB and a few ms): slow for an attacker, fine for a demo.
const SCRYPT_OPTIONS = {N: 16_384, r: 8, p: 1};

export const DEMO_ACCOUNTS = [
	{email: 'ada@example.com', password: 'analytical-engine', name: 'Ada Lovelace', externalId: 'user-ada-1815'},
	{email: 'grace@example.com', password: 'compiling-cobol', name: 'Grace Hopper', externalId: 'user-grace-1906'},
	{email: 'alan@example.com', password: 'enigma-bombe', name: 'Alan Turing', externalId: 'user-alan-1912'},
];

const hash = (password, salt) => scryptAsync(password.normalize('NFC'), salt, KEY_LENGTH, SCRYPT_OPTIONS);

export const normalizeEmail = (email) => email.trim().toLowerCase();

/** Hashes the demo passwords and returns the lookup the token endpoint's `authenticate` uses. */
export async function createAccountStore(accounts = DEMO_ACCOUNTS) {
	const byEmail = new Map();
	for (const {email, password, name, externalId} of accounts) {
		const salt = randomBytes(16);
		byEmail.set(normalizeEmail(email), {user: {externalId, name, email, emailVerified: true}, salt, hash: await hash(password, salt)});
	}

	// Unknown emails are checked against this, so that their answer takes as long as a wrong password's.
	const decoy = {salt: randomBytes(16), hash: randomBytes(KEY_LENGTH)};

	return {
		/** The user for a correct email and password, else null. */
		async verify(email, password) {
			if (typeof email !== 'string' || typeof password !== 'string' || password === '') return null;
			const account = byEmail.get(normalizeEmail(email));
			const candidate = await hash(password, (account ?? decoy).salt);
			const matches = timingSafeEqual(candidate, (account ?? decoy).hash);
			return matches && account ? account.user : null;
		},
	};
}
