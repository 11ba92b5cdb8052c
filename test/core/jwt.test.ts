import {describe, expect, it} from 'vitest';
import {decodeJwt} from '../../src/core/jwt.js';

describe('decodeJwt', () => {
	it('smoke', () => {
		expect(() => decodeJwt('a.b')).toThrow();
	});
});
