// Events after which timers may have been frozen (sleeping laptop, background tab, bfcache, a network that came back).
const WAKE_EVENTS = ['pageshow', 'online', 'focus'] as const;

/** Calls `onWake` with the event whenever the page may have slept; returns the function that stops listening. Browser only. */
export function watchWake(onWake: (event: Event) => void): () => void {
	const onVisibility = (event: Event) => {
		if (document.visibilityState === 'visible') onWake(event);
	};
	document.addEventListener('visibilitychange', onVisibility);
	for (const event of WAKE_EVENTS) globalThis.addEventListener(event, onWake);
	return () => {
		document.removeEventListener('visibilitychange', onVisibility);
		for (const event of WAKE_EVENTS) globalThis.removeEventListener(event, onWake);
	};
}
