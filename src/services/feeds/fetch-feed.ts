/**
 * One conditional GET of a feed, bounded in size and time: a huge document or an endless stream
 * is cut off with a finding, never read into memory whole and never left hanging.
 */

/** The bounds of one fetch. */
export interface FetchLimits {
  maxBytes: number;
  timeoutMs: number;
}

export const DEFAULT_FETCH_LIMITS: FetchLimits = { maxBytes: 8 * 1024 * 1024, timeoutMs: 20_000 };

/** What the last successful fetch said, sent back so an unchanged feed answers 304. */
export interface Validators {
  etag: string | null;
  lastModified: string | null;
}

export type FetchOutcome =
  | { kind: 'not-modified' }
  | { kind: 'fetched'; body: Buffer; validators: Validators }
  | { kind: 'failed'; reason: string };

/** Fetches `url` once; never throws for what the far end does. */
export async function fetchFeed(
  url: string,
  previous: Validators,
  limits: FetchLimits,
): Promise<FetchOutcome> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), limits.timeoutMs);
  try {
    const headers: Record<string, string> = {
      accept: 'application/atom+xml, application/cap+xml, application/xml;q=0.9, */*;q=0.1',
    };
    if (previous.etag) headers['if-none-match'] = previous.etag;
    if (previous.lastModified) headers['if-modified-since'] = previous.lastModified;
    const response = await fetch(url, { headers, signal: controller.signal, redirect: 'follow' });
    if (response.status === 304) {
      await response.body?.cancel();
      return { kind: 'not-modified' };
    }
    if (!response.ok) {
      await response.body?.cancel();
      return { kind: 'failed', reason: `the feed answered HTTP ${response.status}` };
    }
    const declared = Number(response.headers.get('content-length') ?? NaN);
    if (declared > limits.maxBytes) {
      await response.body?.cancel();
      return { kind: 'failed', reason: tooLarge(limits, `it declares ${declared} bytes`) };
    }
    const body = await readBounded(response, limits);
    if (typeof body === 'string') return { kind: 'failed', reason: body };
    return {
      kind: 'fetched',
      body,
      validators: { etag: response.headers.get('etag'), lastModified: response.headers.get('last-modified') },
    };
  } catch (err) {
    if (controller.signal.aborted) return { kind: 'failed', reason: timedOut(limits) };
    return { kind: 'failed', reason: `the feed could not be fetched: ${(err as Error).message}` };
  } finally {
    clearTimeout(timer);
  }
}

/** The body, or a sentence when it passes the size ceiling or the time limit. */
async function readBounded(response: Response, limits: FetchLimits): Promise<Buffer | string> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body!.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return Buffer.concat(chunks);
      size += value.byteLength;
      if (size > limits.maxBytes) {
        await reader.cancel();
        return tooLarge(limits, `more than that arrived`);
      }
      chunks.push(value);
    }
  } catch {
    return timedOut(limits);
  }
}

const tooLarge = (limits: FetchLimits, what: string) =>
  `the document was cut off: feeds are read up to ${limits.maxBytes} bytes and ${what}`;

const timedOut = (limits: FetchLimits) =>
  `the fetch was cut off after ${limits.timeoutMs / 1000} s: the feed did not finish in time`;
