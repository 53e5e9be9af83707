import type { CapWords } from '../../cap/sentences/sentences.js';

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
  | { kind: 'failed'; reason: CapWords };

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
      return { kind: 'failed', reason: { key: 'feed_http', params: { status: response.status } } };
    }
    const declared = Number(response.headers.get('content-length') ?? NaN);
    if (declared > limits.maxBytes) {
      await response.body?.cancel();
      const reason: CapWords = {
        key: 'feed_declares_too_much',
        params: { max: limits.maxBytes, size: declared },
      };
      return { kind: 'failed', reason };
    }
    const body = await readBounded(response, limits);
    if (!Buffer.isBuffer(body)) return { kind: 'failed', reason: body };
    return {
      kind: 'fetched',
      body,
      validators: { etag: response.headers.get('etag'), lastModified: response.headers.get('last-modified') },
    };
  } catch (err) {
    if (controller.signal.aborted) return { kind: 'failed', reason: timedOut(limits) };
    return { kind: 'failed', reason: { key: 'feed_unreachable', params: { detail: networkFault(err) } } };
  } finally {
    clearTimeout(timer);
  }
}

/** The body, or why not when it passes the size ceiling or the time limit. */
async function readBounded(response: Response, limits: FetchLimits): Promise<Buffer | CapWords> {
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
        return { key: 'feed_sends_too_much', params: { max: limits.maxBytes } };
      }
      chunks.push(value);
    }
  } catch {
    return timedOut(limits);
  }
}

const timedOut = (limits: FetchLimits): CapWords => ({
  key: 'feed_timeout',
  params: { seconds: limits.timeoutMs / 1000 },
});

/**
 * What went wrong on the network, as the system's own code where there is one (ECONNREFUSED,
 * ENOTFOUND: the same in every language); fetch's own "fetch failed" hides it in its cause.
 */
function networkFault(err: unknown): string {
  const cause = (err as { cause?: { code?: unknown; message?: unknown } }).cause;
  if (typeof cause?.code === 'string') return cause.code;
  if (typeof cause?.message === 'string') return cause.message;
  return err instanceof Error ? err.message : String(err);
}
