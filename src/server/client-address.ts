import {nodeRequestOf} from './node-adapter.js';

interface SocketLike {
	remoteAddress?: string | undefined;
}

/**
The client's address as the server saw it, for a request that `toNodeHandler` turned into a Fetch `Request`:
Express's `req.ip` when Express is there (which honours `app.set('trust proxy', …)`, so behind a proxy it is the
visitor's address from `X-Forwarded-For`), else the socket's remote address. Undefined for a request built
elsewhere (a Fetch runtime, `request.clone()`): there, pass `loginLimits.addressOf` to say where the address is.

@example
```ts
createTokenHandler({...options, loginLimits: {addressOf: (request) => clientAddressOf(request) ?? request.headers.get('cf-connecting-ip') ?? undefined}});
```
*/
export function clientAddressOf(request: Request): string | undefined {
	const incoming = nodeRequestOf(request);
	if (incoming === undefined) return undefined;
	if (typeof incoming.ip === 'string' && incoming.ip !== '') return incoming.ip;
	const address = (incoming.socket as SocketLike | null | undefined)?.remoteAddress;
	return typeof address === 'string' && address !== '' ? address : undefined;
}

/**
The key an address is counted under: an IPv4 address as is (also when written IPv4-mapped, `::ffff:192.0.2.1`),
an IPv6 address by its /64 network, because one subscriber usually holds a whole /64 (RFC 6177) and could
otherwise try from 2^64 addresses; anything else (a key of the site's own) trimmed and lower-cased.
*/
export function addressKeyOf(address: string): string {
	const value = address.trim().toLowerCase();
	const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(value);
	if (mapped) return mapped[1]!;
	if (!value.includes(':') || !/^[\da-f:.]+(?:%.+)?$/.test(value)) return value;
	const [head = '', tail] = value.replace(/%.*$/, '').split('::');
	const headGroups = head === '' ? [] : head.split(':');
	const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
	// An embedded IPv4 tail counts as two groups; the first four groups are all a /64 needs.
	const tailCount = tailGroups.reduce((count, group) => count + (group.includes('.') ? 2 : 1), 0);
	const groups = tail === undefined ? headGroups : [...headGroups, ...Array<string>(Math.max(0, 8 - headGroups.length - tailCount)).fill('0'), ...tailGroups];
	return `${groups
		.slice(0, 4)
		.map((group) => (group.includes('.') ? group : (Number.parseInt(group, 16) || 0).toString(16)))
		.join(':')}::/64`;
}
