/**
Calls a hook the integrator wrote (`authenticate`, `getUser`, `isRevoked`, `loadUser`, `onLogout`, `onError`) with
`self` as `this`, and always returns a promise: a synchronous throw becomes a rejection, so one `await` inside the
handler's `try` catches every way a hook can fail. TypeScript lets an `async` function stand where a `void` callback
is typed, so even a hook whose result nobody needs may return a promise that rejects.
*/
export async function callHook<Args extends unknown[], Result>(
	hook: (...args: Args) => Result,
	self: unknown,
	...args: Args
): Promise<Awaited<Result>> {
	return (await hook.apply(self, args)) as Awaited<Result>;
}

/** Calls a hook whose result nobody waits for (`onError`): neither its throw nor its rejected promise may reach the process as an unhandled rejection. */
export function callHookDetached<Args extends unknown[]>(hook: (...args: Args) => unknown, self: unknown, ...args: Args): void {
	callHook(hook, self, ...args).catch(() => {
		// Nothing is left to tell: this hook was itself the report of a failure.
	});
}
