// Express: a refresh endpoint that answers the bare token (accepted as {"jwt": …} is)
import type {Request, Response} from 'express';
import {signMessagingJwt} from 'zendesk-messaging-auth/server';

export async function refreshWithBareToken(_req: Request, res: Response) {
	const user = res.locals.user; // whom your own auth middleware found signed in (Passport: req.user)
	if (!user) return void res.status(204).end(); // "no session": the SDK signs the chat out, quietly
	const jwt = await signMessagingJwt({
		keyId: process.env.ZENDESK_KEY_ID!,
		secret: process.env.ZENDESK_SECRET!,
		externalId: String(user.id),
		name: user.name,
	});
	res.type('text/plain').send(jwt); // or res.type('application/jwt').send(jwt), or res.json(jwt)
}
