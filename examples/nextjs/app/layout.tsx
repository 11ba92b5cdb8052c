import type {Metadata} from 'next';
import Script from 'next/script';
import type {ReactNode} from 'react';
import {ChatAuth} from './chat-auth';

export const metadata: Metadata = {title: 'zendesk-messaging-auth with Next.js'};

export default function RootLayout({children}: {children: ReactNode}) {
	return (
		<html lang="en">
			<body>
				<ChatAuth>{children}</ChatAuth>
				{/* Without a Zendesk widget key, a stand-in for the widget (public/messenger-stand-in.js). */}
				{!process.env.NEXT_PUBLIC_ZENDESK_WIDGET_KEY && <Script src="/messenger-stand-in.js" strategy="beforeInteractive" />}
			</body>
		</html>
	);
}
