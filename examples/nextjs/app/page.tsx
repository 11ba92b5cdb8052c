import {ChatAccount} from './chat-account';

export default function Home() {
	return (
		<main>
			<h1>Example shop</h1>
			<p>Sign in below and the support chat knows who you are.</p>
			<ChatAccount />
		</main>
	);
}
