/*
Every MessagingAuth the provider creates, through the real createMessagingAuth, with the listeners each one holds:
the StrictMode tests count instances, destroyed instances and live listeners. Installed by a vi.mock of
src/index.ts (the public API the React subpath builds on) in the test file.
*/
import type {MessagingAuth, MessagingAuthOptions} from '../../src/index.js';

export interface CreatedInstance {
	auth: MessagingAuth;
	options: MessagingAuthOptions;
	destroyed: boolean;
	/** Listeners added through on() and not removed yet. */
	liveListeners: number;
}

export const createdInstances: CreatedInstance[] = [];

/** Wraps a real createMessagingAuth so that every instance it makes is recorded. */
export const recordingCreate =
	(create: (options: MessagingAuthOptions) => MessagingAuth) =>
	(options: MessagingAuthOptions): MessagingAuth => {
		const auth = create(options);
		const record: CreatedInstance = {auth, options, destroyed: false, liveListeners: 0};
		const on = auth.on.bind(auth);
		const destroy = auth.destroy.bind(auth);
		auth.on = (event, listener) => {
			const off = on(event, listener);
			record.liveListeners++;
			let removed = false;
			return () => {
				if (!removed) record.liveListeners--;
				removed = true;
				off();
			};
		};
		auth.destroy = () => {
			record.destroyed = true;
			destroy();
		};
		createdInstances.push(record);
		return auth;
	};
