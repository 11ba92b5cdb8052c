import type {Listener, MessagingAuthEventName, MessagingAuthEvents} from '../types/session.js';

/**
Rethrows `error` on a later task: it surfaces in the console and window.onerror like any uncaught error, after the
SDK's own state is consistent. For a page's throwing listener, and for an exception that is not the SDK's own.
*/
export const surfaceLater = (error: unknown): void => {
	setTimeout(() => {
		throw error;
	});
};

/** Listeners of the SDK's own parts (the login form): they do not count as the page hearing an error (debug-log.ts). */
const ownListeners = new WeakSet<object>();

/** Marks a listener as the SDK's own. */
export const sdkListener = <T extends object>(listener: T): T => (ownListeners.add(listener), listener);

/**
A typed event emitter. A throwing listener is reported, never allowed to break the SDK's own state changes. `live` is
asked before each listener: once it says no (a listener before changed what the event tells), the rest are not called.
*/
export class Emitter {
	readonly #listeners = new Map<MessagingAuthEventName, Set<Listener<never>>>();

	on<Name extends MessagingAuthEventName>(event: Name, listener: Listener<Name>): () => void {
		let set = this.#listeners.get(event);
		if (!set) this.#listeners.set(event, (set = new Set()));
		set.add(listener as Listener<never>);
		return () => {
			set.delete(listener as Listener<never>);
		};
	}

	/** Calls the listeners while `live()`; answers whether one of the page's (not the SDK's own) was among them. */
	emit<Name extends MessagingAuthEventName>(event: Name, payload: MessagingAuthEvents[Name], live: () => boolean): boolean {
		let heard = false;
		for (const listener of [...(this.#listeners.get(event) ?? [])]) {
			if (!live()) break;
			heard ||= !ownListeners.has(listener);
			try {
				(listener as Listener<Name>)(payload);
			} catch (error) {
				surfaceLater(error);
			}
		}

		return heard;
	}

	clear(): void {
		this.#listeners.clear();
	}
}
