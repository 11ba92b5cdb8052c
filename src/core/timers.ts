/** setTimeout overflows past 2^31 - 1 ms and fires at once: longer waits are capped and re-armed. */
export const MAX_TIMER_MS = 2_147_483_647;

/** A delay setTimeout can take: finite, not negative, not past MAX_TIMER_MS (NaN and Infinity never reach a timer). */
export const timerDelay = (ms: number): number => (Number.isFinite(ms) ? Math.min(Math.max(0, ms), MAX_TIMER_MS) : MAX_TIMER_MS);
