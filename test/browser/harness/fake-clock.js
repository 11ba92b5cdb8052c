/*
The suite's fake clock, the same in every engine (WebKit's driver has no clock API, and Playwright's is Chromium's
only). The test server puts it first in every page of a test that installed it, with the profile's current
wall-clock offset in its own URL (?wallOffsetMs=N), so a reload or a new tab of the profile keeps the time.
Time flows as in reality; the test moves it with window.__fakeClock:
- fastForward(ms): Date and performance.now() jump ahead; each timer that became due fires once (a laptop lid
  closed for ms), the others keep their remaining delay on the new time.
- jumpWallClock(ms): only Date moves; no timer runs (the wall clock runs on while a suspended machine's timers do not).
Timers keep their real delays on native timers underneath, so a page with nothing to jump runs as it would.
The tabs of a profile share one clock, as in reality: profileJump() moves this page's clock and, over a
BroadcastChannel of the suite's own, every other page of the profile at once (the drivers reach pages one at a time,
WebKit's by switching windows, and a tab that jumped alone a moment before the others would see their tokens as
fresh from its future). Each page counts the profile jumps it has applied (appliedJumps()), so the suite can wait
for all of them.
A jump leaves alone the timers set in the same task as the jump itself: those are the driver's own (WebKit's
WebDriver sets its script timeout with the page's setTimeout just before it runs the command), and firing them would
abort the very command that moves the clock.
*/
(function () {
	'use strict';

	if (window.__fakeClock) return;

	var script = document.currentScript;
	var params = new URL(script && script.src ? script.src : location.href).searchParams;
	var NativeDate = Date;
	var nativeNow = NativeDate.now.bind(NativeDate);
	var nativePerformanceNow = performance.now.bind(performance);
	var nativeSetTimeout = window.setTimeout.bind(window);
	var nativeClearTimeout = window.clearTimeout.bind(window);

	var wallOffsetMs = Number(params.get('wallOffsetMs') || 0);
	var tickOffsetMs = 0;
	var timers = new Map();
	var nextId = 1;
	/** Counts tasks (bumped by a message after each task that set a timer): tells the timers of the current task apart. */
	var task = 0;
	var taskEnding = false;
	var taskEnd = new MessageChannel();
	taskEnd.port1.onmessage = function () {
		task++;
		taskEnding = false;
	};

	function currentTask() {
		if (!taskEnding) {
			taskEnding = true;
			taskEnd.port2.postMessage(null);
		}

		return task;
	}

	function tick() {
		return nativePerformanceNow() + tickOffsetMs;
	}

	function now() {
		return nativeNow() + wallOffsetMs;
	}

	function run(timer) {
		if (typeof timer.callback === 'function') timer.callback.apply(window, timer.args);
	}

	function arm(timer) {
		timer.native = nativeSetTimeout(function () {
			fire(timer);
		}, Math.max(0, timer.due - tick()));
	}

	function settle(timer) {
		if (timer.interval === undefined) {
			timers.delete(timer.id);
		} else {
			timer.due = tick() + timer.interval;
			arm(timer);
		}
	}

	function fire(timer) {
		if (!timers.has(timer.id)) return;
		// A native timer may run a little early against the jumped clock: wait for the rest.
		if (timer.due > tick() + 1) {
			arm(timer);
			return;
		}

		settle(timer);
		run(timer);
	}

	function add(callback, delay, args, repeat) {
		var ms = Math.max(0, Number(delay) || 0);
		var timer = {id: nextId++, callback: callback, args: args, due: tick() + ms, interval: repeat ? Math.max(1, ms) : undefined, native: undefined, task: currentTask()};
		timers.set(timer.id, timer);
		arm(timer);
		return timer.id;
	}

	function clear(id) {
		var timer = timers.get(id);
		if (!timer) return;
		nativeClearTimeout(timer.native);
		timers.delete(id);
	}

	window.setTimeout = function (callback, delay) {
		return add(callback, delay, Array.prototype.slice.call(arguments, 2), false);
	};
	window.setInterval = function (callback, delay) {
		return add(callback, delay, Array.prototype.slice.call(arguments, 2), true);
	};
	window.clearTimeout = clear;
	window.clearInterval = clear;

	function FakeDate() {
		if (!new.target) return new NativeDate(now()).toString();
		if (arguments.length === 0) return new NativeDate(now());
		return Reflect.construct(NativeDate, arguments);
	}

	FakeDate.prototype = NativeDate.prototype;
	FakeDate.now = now;
	FakeDate.parse = NativeDate.parse;
	FakeDate.UTC = NativeDate.UTC;
	window.Date = FakeDate;
	Object.defineProperty(performance, 'now', {configurable: true, writable: true, value: tick});

	var JUMP_CHANNEL = 'zendesk-messaging-auth-test-suite:fake-clock';
	var appliedJumps = 0;
	var jumpChannel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(JUMP_CHANNEL) : undefined;

	function applyJump(jump) {
		// Each jump once, in order: a page opened after a jump got its time from its URL.
		if (jump.generation <= appliedJumps) return;
		appliedJumps = jump.generation;
		if (jump.kind === 'fastForward') window.__fakeClock.fastForward(jump.ms);
		else window.__fakeClock.jumpWallClock(jump.ms);
	}

	if (jumpChannel) {
		jumpChannel.onmessage = function (event) {
			applyJump(event.data);
		};
	}

	window.__fakeClock = {
		/** Moves every page of the profile (`kind` 'fastForward' or 'jumpWallClock'); `generation` counts the profile's jumps. */
		profileJump: function (kind, ms, generation) {
			var jump = {kind: kind, ms: ms, generation: generation};
			if (jumpChannel) jumpChannel.postMessage(jump);
			applyJump(jump);
		},
		appliedJumps: function () {
			return appliedJumps;
		},
		fastForward: function (ms) {
			tickOffsetMs += ms;
			wallOffsetMs += ms;
			var due = [];
			var thisTask = currentTask();
			timers.forEach(function (timer) {
				nativeClearTimeout(timer.native);
				// Set in this very task: the driver's, not the page's (see above). It keeps its real delay.
				if (timer.task === thisTask) timer.due += ms;
				if (timer.due <= tick()) due.push(timer);
				else arm(timer);
			});
			due.sort(function (a, b) {
				return a.due - b.due || a.id - b.id;
			});
			due.forEach(function (timer) {
				if (!timers.has(timer.id)) return;
				settle(timer);
				try {
					run(timer);
				} catch (error) {
					// Reported as the uncaught error it would have been, not thrown into the test's command.
					nativeSetTimeout(function () {
						throw error;
					}, 0);
				}
			});
			return due.length;
		},
		jumpWallClock: function (ms) {
			wallOffsetMs += ms;
		},
		pendingTimers: function () {
			return timers.size;
		},
	};
})();
