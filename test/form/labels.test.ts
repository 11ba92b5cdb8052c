import {describe, expect, it} from 'vitest';
import {MessagingAuthError} from '../../src/errors/messaging-auth-error.js';
import {DEFAULT_LABELS, errorText, fill, resolveLabels} from '../../src/form/labels.js';

describe('resolveLabels', () => {
	it('keeps the defaults for what is not given, one error code at a time', () => {
		const labels = resolveLabels({submit: 'Go', errors: {ERR_NETWORK: 'Offline.'}});
		expect(labels.submit).toBe('Go');
		expect(labels.title).toBe('Sign in');
		expect(labels.errors.ERR_NETWORK).toBe('Offline.');
		expect(labels.errors.ERR_TIMEOUT).toBe(DEFAULT_LABELS.errors.ERR_TIMEOUT);
	});
});

describe('fill', () => {
	it('inserts the value literally, even with $-patterns String.replace would expand', () => {
		expect(fill('Signed in as {name}', 'name', "$& $' $1")).toBe("Signed in as $& $' $1");
	});
});

describe('errorText', () => {
	it('falls back to the "not available" text for something that is not a MessagingAuthError', () => {
		expect(errorText(new TypeError('boom'), DEFAULT_LABELS)).toBe(DEFAULT_LABELS.errors.ERR_TOKEN_ENDPOINT);
		expect(errorText(undefined, DEFAULT_LABELS)).toBe(DEFAULT_LABELS.errors.ERR_TOKEN_ENDPOINT);
	});

	it('uses the plain rate-limit text when the server gave no wait', () => {
		expect(errorText(new MessagingAuthError('ERR_RATE_LIMITED', 'x', {status: 429}), DEFAULT_LABELS)).toBe(
			'Too many attempts. Please try again later.',
		);
	});

	it('does not repeat a server message equal to the friendly text', () => {
		const error = new MessagingAuthError('ERR_INVALID_CREDENTIALS', 'x', {serverMessage: 'Incorrect email or password.'});
		expect(errorText(error, DEFAULT_LABELS)).toBe('Incorrect email or password.');
	});
});
