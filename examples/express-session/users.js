// Your user store goes here. This example keeps one account in memory, its password as an scrypt hash (never store
// the password itself).
import {randomBytes, scrypt, timingSafeEqual} from 'node:crypto';
import {promisify} from 'node:util';

const hash = promisify(scrypt);

function account(id, name, email, password) {
	const salt = randomBytes(16);
	return {id, name, email, salt, passwordHash: hash(password, salt, 32)};
}

const ACCOUNTS = [account('user-ada', 'Ada Lovelace', 'ada@example.com', 'analytical-engine')];

/** The account these credentials open, or null. */
export async function verifyPassword(email, password) {
	if (typeof email !== 'string' || typeof password !== 'string') return null;
	const found = ACCOUNTS.find((candidate) => candidate.email === email.trim().toLowerCase());
	if (!found) return null;
	const given = await hash(password, found.salt, 32);
	return timingSafeEqual(given, await found.passwordHash) ? found : null;
}
