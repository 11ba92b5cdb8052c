/*
What the QA page's controls change on the backend: one state for the whole demo (it serves one tester on
localhost), changed only through POST /demo/controls.
*/
import {DEFAULT_JWT_LIFETIME_SECONDS} from '../../dist/server.js';

/** Token lifetimes the page offers: a short one to watch refreshes happen, and the product default. */
export const LIFETIMES_SECONDS = [15, DEFAULT_JWT_LIFETIME_SECONDS];
export const REFRESH_FAULTS = [500, 401];
/** +3 s is slow but within the SDK's 10 s timeoutMs; +12 s is beyond it (ERR_TIMEOUT). */
export const SLOW_DELAYS_MS = [0, 3000, 12_000];

const initial = () => ({lifetimeSeconds: DEFAULT_JWT_LIFETIME_SECONDS, failNextRefresh: null, slowMs: 0});

export function createQaControls() {
	let state = initial();

	return {
		get lifetimeSeconds() {
			return state.lifetimeSeconds;
		},
		get slowMs() {
			return state.slowMs;
		},
		snapshot() {
			return {...state};
		},
		/**
		Applies the fields of `patch` that are present; returns an error message for a value out of range (nothing is changed then).
		`failNextRefresh: null` disarms the fault.
		*/
		apply(patch) {
			const next = {...state};
			if ('lifetimeSeconds' in patch) {
				if (!LIFETIMES_SECONDS.includes(patch.lifetimeSeconds)) return `lifetimeSeconds must be one of ${LIFETIMES_SECONDS.join(', ')}.`;
				next.lifetimeSeconds = patch.lifetimeSeconds;
			}

			if ('failNextRefresh' in patch) {
				if (patch.failNextRefresh !== null && !REFRESH_FAULTS.includes(patch.failNextRefresh)) return `failNextRefresh must be null or one of ${REFRESH_FAULTS.join(', ')}.`;
				next.failNextRefresh = patch.failNextRefresh;
			}

			if ('slowMs' in patch) {
				if (!SLOW_DELAYS_MS.includes(patch.slowMs)) return `slowMs must be one of ${SLOW_DELAYS_MS.join(', ')}.`;
				next.slowMs = patch.slowMs;
			}

			state = next;
			return undefined;
		},
		/** The armed refresh fault (500 or 401), disarmed by taking it: it applies to one refresh only. */
		takeRefreshFault() {
			const fault = state.failNextRefresh;
			state = {...state, failNextRefresh: null};
			return fault;
		},
		reset() {
			state = initial();
		},
	};
}
