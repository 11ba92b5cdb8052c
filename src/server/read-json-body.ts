import {MESSAGES} from './responses.js';

export type JsonBody = {ok: true; value: Record<string, unknown>} | {ok: false; message: string};

const refused = (message: string): JsonBody => ({ok: false, message});

/**
Reads a JSON object body, never buffering more than `maxBytes`: the stream is counted as it arrives, because
`Content-Length` can be absent (chunked) or wrong. A declared length over the limit is refused before reading.
*/
export async function readJsonObject(request: Request, maxBytes: number): Promise<JsonBody> {
	if (Number(request.headers.get('content-length')) > maxBytes) return refused(MESSAGES.tooLarge);
	if (request.body === null) return refused(MESSAGES.malformed);

	const reader = request.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	try {
		for (;;) {
			const {done, value} = await reader.read();
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
