'use client';
// Our login form while signed out; the visitor's name and a sign-out button of the app's own while signed in.
import {LoginForm, useMessagingAuth} from 'zendesk-messaging-auth/react';

export function ChatAccount() {
	const {state, session, error, logout} = useMessagingAuth();
	if (state === 'signed-in' || state === 'refreshing') {
		const claims = session?.claims;
		return (
			<section aria-label="Support chat">
				<p>Chatting with support as {claims?.name ?? claims?.email ?? claims?.external_id}.</p>
				<button type="button" onClick={() => void logout()}>
					Sign out of the chat
				</button>
			</section>
		);
	}
	return (
		<section aria-label="Support chat">
			<LoginForm labels={{title: 'Sign in to chat with support'}} />
			{error?.code === 'ERR_WIDGET_UNAVAILABLE' && <p>The chat is not available right now.</p>}
		</section>
	);
}
