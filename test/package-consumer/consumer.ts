// Compiled by scripts/check-package.mjs with NodeNext resolution against the package's own exports map:
// proves both entry points resolve to their declarations from a TypeScript project.
import {createMessagingAuth, MessagingAuthError, type MessagingAuth, type Session} from 'zendesk-messaging-auth';
import {createTokenHandler, signMessagingJwt, type User} from 'zendesk-messaging-auth/server';

const auth: MessagingAuth = createMessagingAuth({tokenEndpoint: '/api/zendesk/token'});
auth.on('error', (error: MessagingAuthError) => error.code satisfies string);
const session: Session | null = auth.session;
const user: User = {externalId: 'user-1', name: 'Ada'};
const jwt: Promise<string> = signMessagingJwt({keyId: 'app_1', secret: 's'.repeat(32), externalId: user.externalId});
const handler: (request: Request) => Promise<Response> = createTokenHandler({
	keyId: 'app_1',
	secret: 's'.repeat(32),
	authenticate: async () => user,
});
export {handler, jwt, session};
