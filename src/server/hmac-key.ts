const encoder = new TextEncoder();

/**
Imports a secret as a WebCrypto HMAC-SHA256 key. WebCrypto is in Node ≥ 20 and every Fetch-API runtime
(Workers, Deno, Bun, Vercel Edge), so nothing here needs `node:crypto`; and a key imported once signs
faster than a raw secret that jose would import again for every token.
*/
export const importHmacKey = (secret: string): Promise<CryptoKey> =>
	crypto.subtle.importKey('raw', encoder.encode(secret), {name: 'HMAC', hash: 'SHA-256'}, false, ['sign', 'verify']);
