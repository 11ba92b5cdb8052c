import type {MessagingAuthError, MessagingAuthErrorCode} from '../errors/messaging-auth-error.js';

/** Every line the SDK writes to the console starts with this (the script tag's attribute problems too). */
export const LOG_PREFIX = 'zendesk-messaging-auth:';

/**
The `debug` log: one `console.debug` line per step, or `undefined` when `debug` is off. Call sites write
`log?.(…)`: an optional call evaluates no argument when there is no function, so with `debug` off no string is built.
Callers pass what may be read by anyone with the console open: never a JWT, a password or a form field's value.
*/
export type DebugLog = ((...parts: unknown[]) => void) | undefined;

/** Writes one line. A page may have replaced the console method (removed it, made it throw): the SDK goes on regardless. */
function write(method: 'debug' | 'warn', line: string): void {
	try {
		console[method](line);
	} catch {}
}

export const debugLog = (debug: boolean): DebugLog => (debug ? (...parts) => write('debug', `${LOG_PREFIX} ${parts.join(' ')}`) : undefined);

/**
The faults of an integration, not of a visitor (PRODUCT.md, "Debugging"): the only codes ever warned about, and the
only ones whose message the debug log repeats (a visitor's errors can carry a server's text about their input).
*/
const INTEGRATION_FAULTS: readonly MessagingAuthErrorCode[] = ['ERR_CONFIG', 'ERR_INVALID_TOKEN', 'ERR_TOKEN_ENDPOINT', 'ERR_WIDGET_UNAVAILABLE', 'ERR_WIDGET_LOGIN_FAILED'];

export const isIntegrationFault = ({code}: MessagingAuthError): boolean => INTEGRATION_FAULTS.includes(code);

/**
Reports an integration fault that no `error` listener of the page heard, with `console.warn`, once per fault (code and
message) in `warned`: its message says what to fix. A visitor's own errors are never written.
The message is written without the server's `message` (http-errors.ts puts it last): a server may echo what the visitor
typed (an email, a password), and one that varies (a request id) would make the same fault warn at every attempt.
The page still reads it as `error.serverMessage`.
*/
export function warnUnheard({code, message, serverMessage}: MessagingAuthError, warned: Set<string>): void {
	const echo = serverMessage === undefined ? '' : `: ${serverMessage.replace(/[.!?]$/, '')}.`;
	const line = `${LOG_PREFIX} ${code}: ${echo && message.endsWith(echo) ? `${message.slice(0, -echo.length)}.` : message}`;
	if (!INTEGRATION_FAULTS.includes(code) || warned.has(line)) return;
	warned.add(line);
	write('warn', line);
}

