'use client';
// The provider creates the SDK's instance in the browser (never during server rendering). A client component, so the
// options object is made on the client; app/layout.tsx (a Server Component) wraps the whole app in it.
import type {ReactNode} from 'react';
import {MessagingAuthProvider} from 'zendesk-messaging-auth/react';

const widgetKey = process.env.NEXT_PUBLIC_ZENDESK_WIDGET_KEY;

export function ChatAuth({children}: {children: ReactNode}) {
	return (
		<MessagingAuthProvider
			options={{
				tokenEndpoint: '/api/zendesk/token',
				refreshEndpoint: '/api/zendesk/refresh',
				logoutEndpoint: '/api/zendesk/logout',
				// With a widget key the SDK adds Zendesk's snippet itself; without one, app/layout.tsx loads the stand-in.
				...(widgetKey ? {widgetKey} : {}),
			}}
		>
			{children}
		</MessagingAuthProvider>
	);
}
