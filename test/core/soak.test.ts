import {describe, expect, it, vi} from 'vitest';
import {createRecordedAuth, useFakeClockAndWidget} from '../helpers/auth.js';
import {stubFetch} from '../helpers/fetch-stub.js';
import {mintJwt} from '../helpers/jwt.js';

const CYCLES = 1000;

/** Counts listeners added and not removed, per target and type, across the whole page. */
function countListeners() {
	const live = new Map<EventTarget, Map<string, Set<unknown>>>();
	const add = EventTarget.prototype.addEventListener;
	const remove = EventTarget.prototype.removeEventListener;
	vi.spyOn(EventTarget.prototype, 'addEventListener').mockImplementation(function (this: EventTarget, type, listener, options) {
		const byType = live.get(this) ?? new Map<string, Set<unknown>>();
		live.set(this, byType);
		byType.set(type, (byType.get(type) ?? new Set()).add(listener));
		add.call(this, type, listener, options);
	});
	vi.spyOn(EventTarget.prototype, 'removeEventListener').mockImplementation(function (this: EventTarget, type, listener, options) {
		live.get(this)?.get(type)?.delete(listener);
		remove.call(this, type, listener, options);
	});
	return () => [...live.values()].flatMap((byType) => [...byType.values()]).reduce((sum, set) => sum + set.size, 0);
}

/** Counts BroadcastChannels opened and not closed. */
function countChannels() {
	let open = 0;
	const Original = BroadcastChannel;
	vi.stubGlobal(
		'BroadcastChannel',
		class extends Original {
			constructor(name: string) {
				super(name);
				open++;
			}

			override close() {
				open--;
				super.close();
			}
		},
	);
	return () => open;
}

const widget = useFakeClockAndWidget();

describe(`soak: ${CYCLES} login → refresh → logout cycles in one page`, () => {
	it('leaves no timer, listener, channel or subscription behind', {timeout: 60_000}, async () => {
		const listeners = countListeners();
		const channels = countChannels();
		const backend = stubFetch({
			'/api/token': () => ({body: {jwt: mintJwt({claims: {jti: Math.random().toString(36)}})}}),
			'/api/refresh': () => ({body: {jwt: mintJwt({claims: {jti: Math.random().toString(36)}})}}),
			'/api/logout': {status: 204},
		});
		backend.next('/api/refresh', {status: 401});
		const {auth, named} = createRecordedAuth({refreshEndpoint: '/api/refresh', logoutEndpoint: '/api/logout'});
		await vi.advanceTimersByTimeAsync(0);

		const cycle = async () => {
			await auth.login({email: 'ada@example.com', password: 'analytical-engine'});
			await vi.advanceTimersByTimeAsync(540_000);
			await auth.logout();
			await vi.advanceTimersByTimeAsync(0);
		};

		await cycle();
		const baseline = {timers: vi.getTimerCount(), listeners: listeners(), channels: channels()};
		for (let i = 1; i < CYCLES; i++) await cycle();

		expect(named('refresh')).toHaveLength(CYCLES);
		expect(named('logout')).toHaveLength(CYCLES);
		expect(widget.record.loginUserCalls).toBe(CYCLES);
		expect(widget.record.logoutUserCalls).toBe(CYCLES);
		// Exact equality: one listener, timer or channel leaked per cycle would show as +999.
		expect({timers: vi.getTimerCount(), listeners: listeners(), channels: channels()}).toEqual(baseline);
		auth.destroy();
		expect(vi.getTimerCount()).toBe(0);
		expect(channels()).toBe(0);
	});
});
