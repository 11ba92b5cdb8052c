// The package's types describe its root, which also loads its cluster and database limiters (node:cluster,
// node:crypto): importing the two classes from their own files keeps the server subpath loadable in edge runtimes.
declare module 'rate-limiter-flexible/lib/RateLimiterMemory.js' {
	import {RateLimiterMemory} from 'rate-limiter-flexible';

	export default RateLimiterMemory;
}

declare module 'rate-limiter-flexible/lib/RateLimiterRedis.js' {
	import {RateLimiterRedis} from 'rate-limiter-flexible';

	export default RateLimiterRedis;
}
