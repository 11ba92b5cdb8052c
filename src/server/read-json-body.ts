import {MESSAGES} from './responses.js';

/** A JSON object body, or why it was refused: `400` for a body that is not one, `408` for one that did not arrive in time. */
export type JsonBody = {ok: true; value: Record<string, unknown>} | {ok: false; status: 400 | 408; message: string};

/** How a body is read: at most `maxBytes`, in full within `timeoutMs` of the handler starting to read it. */
export interface BodyLimits {
	maxBytes: number;
	timeoutMs: number;
}

const refused = (message: string, status: 400 | 408 = 400): JsonBody => ({ok: false, status, message});

/**
Reads a JSON object body, never buffering more than `maxBytes` and never waiting longer than `timeoutMs`: the
stream is counted as it arrives, because `Content-Length` can be absent (chunked) or wrong, and timed as a whole,
because a client sending one byte at a time would otherwise hold the handler until the server's own request
timeout. A declared length over the limit is refused before reading.
*/
export async function readJsonObject(request: Request, {maxBytes, timeoutMs}: BodyLimits): Promise<JsonBody> {
	if (Number(request.headers.get('content-length')) > maxBytes) return refused(MESSAGES.tooLarge);
	// A body a middleware or the caller already read (or is reading) cannot be read again: getReader would throw.
	if (request.body === null || request.bodyUsed || request.body.locked) return refused(MESSAGES.malformed);

	const reader = request.body.getReader();
	let timedOut = false;
	// Cancelling settles the pending read with `done`, so one timer bounds the whole body without a race per chunk.
	const deadline = setTimeout(() => {
		timedOut = true;
		void reader.cancel().catch(() => {});
	}, timeoutMs);
	const chunks: Uint8Array[] = [];
	let size = 0;
	try {
		for (;;) {
			const {done, value} = await reader.read();
			if (timedOut) return refused(MESSAGES.bodyTimeout, 408);
			if (done) break;
			size += value.byteLength;
			if (size > maxBytes) {
				void reader.cancel().catch(() => {});
				return refused(MESSAGES.tooLarge);
			}

			chunks.push(value);
		}
	} catch {
		// The client went away mid-body; nobody will read this answer, but it must not become a 500.
		return refused(MESSAGES.malformed);
	} finally {
		clearTimeout(deadline);
	}

	const bytes = new Uint8Array(size);
	let offset = 0;
	for (const chunk of chunks) {
		bytes.set(chunk, offset);
		offset += chunk.byteLength;
	}

	let value: unknown;
	try {
		value = JSON.parse(new TextDecoder('utf-8', {fatal: true}).decode(bytes));
	} catch {
		return refused(MESSAGES.malformed);
	}

	if (typeof value !== 'object' || value === null || Array.isArray(value)) return refused(MESSAGES.malformed);
	return {ok: true, value: value as Record<string, unknown>};
}
