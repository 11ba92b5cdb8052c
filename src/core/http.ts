/*
The little of an HTTP client the SDK needs: a POST whose answer (headers and body) must arrive within a
timeout. We measured ky 1.14 at 4.4 KiB gzipped in the script-tag bundle, over a third of its 12 KiB budget,
for exactly these two features; see README, "Size and speed".
*/

/** The reason a request is aborted when it runs out of time. */
export class RequestTimeout extends Error {}

export interface PostOptions {
	json: Record<string, string> | undefined;
	headers: Record<string, string> | undefined;
	credentials: RequestCredentials;
	timeoutMs: number;
	/** Aborts the request from outside (destroy, sign-out). */
	signal: AbortSignal;
}

/** POSTs (JSON when given) and reads the whole answer as text, all within `timeoutMs`. */
export async function post(url: string, {json, headers, credentials, timeoutMs, signal}: PostOptions): Promise<{response: Response; text: string}> {
	const controller = new AbortController();
	const timer = setTimeout(() => controller.abort(new RequestTimeout()), timeoutMs);
	const forward = () => controller.abort(signal.reason);
	signal.addEventListener('abort', forward);
	try {
		const response = await fetch(url, {
			method: 'POST',
			headers: {accept: 'application/json', ...(json ? {'content-type': 'application/json'} : {}), ...headers},
			...(json ? {body: JSON.stringify(json)} : {}),
			credentials,
			cache: 'no-store',
			signal: controller.signal,
		});
		return {response, text: await response.text()};
	} catch (error) {
		// fetch rejects with its own AbortError; the reason we gave says why.
		throw controller.signal.aborted ? controller.signal.reason : error;
	} finally {
		clearTimeout(timer);
		signal.removeEventListener('abort', forward);
	}
}
