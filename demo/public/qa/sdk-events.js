/* Every event of the SDK instance, as a line of the log. Errors with their code and, when there is one, the HTTP status. */
import {describeToken} from './format.js';

export function logSdkEvents(auth, log) {
	auth.on('statechange', ({state, previous}) => log.add('statechange', `${previous} → ${state}`));
	auth.on('login', ({session}) => log.add('login', describeToken(session.claims)));
	auth.on('refresh', ({session}) => log.add('refresh', `new token for ${describeToken(session.claims)}`));
	auth.on('logout', ({reason}) => log.add('logout', `reason: ${reason}`));
	auth.on('error', (error) => log.add('error', `${error.code}${error.status ? ` (HTTP ${error.status})` : ''}: ${error.message}`, 'error'));
}
