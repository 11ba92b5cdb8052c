/* The zendesk-messaging-auth/server subpath: for the site's backend only. */
export {};
