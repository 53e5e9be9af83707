import { createRequire } from 'node:module';
import type { LookupFunction } from 'node:net';
import type { Agent as UndiciAgent, Dispatcher } from 'undici';
import { guardedLookup, type Resolve } from './address.js';

/*
 * undici's Agent is loaded from its own file, not from the package's index: importing the index
 * installs undici 7 as the process's global dispatcher whenever none is there yet, and Node 20's
 * built-in fetch then fails its requests with a body through it ("invalid content-length
 * header"). The channel needs the Agent and its public `dispatch()` alone. (docs/decisions/0042)
 */
const Agent = createRequire(import.meta.url)('undici/lib/dispatcher/agent.js') as typeof UndiciAgent;

/** Connections kept open per receiver origin: the dispatcher's concurrency, so a burst never queues. */
export const WEBHOOK_CONNECTIONS = 64;
/** How much of a receiver's answer is read (it is not used: only the status counts). */
const MAX_ANSWER = 64 * 1024;

/**
 * The HTTP client webhooks go out through: undici, one pool of kept connections per receiver
 * origin (the Agent makes them as receivers appear). Every new connection resolves the receiver's
 * name through the guarded lookup, so a name that now resolves to a private address (DNS
 * rebinding) is refused whenever a connection is made, and a kept one stays on the address that
 * was checked. TLS certificates are verified (undici's default); redirects are never followed
 * (`dispatch` has no redirect handling).
 */
export function webhookDispatcher(
  allowHosts: ReadonlySet<string>,
  timeoutMs: number,
  resolve?: Resolve,
): Dispatcher {
  return new Agent({
    connections: WEBHOOK_CONNECTIONS,
    connect: { lookup: guardedLookup(allowHosts, resolve) as unknown as LookupFunction, timeout: timeoutMs },
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });
}

/** A request that took longer than its deadline; `name` as AbortSignal.timeout's error has it. */
class WebhookTimeout extends Error {
  override readonly name = 'TimeoutError';
}

/**
 * POSTs `body` and settles with the receiver's status, or rejects with the network's error (or a
 * TimeoutError once `timeoutMs` has passed from the call, whatever phase the request is in). At
 * most MAX_ANSWER bytes of the answer are read; a longer one is cut off, its status still counts.
 */
export function postWebhook(
  dispatcher: Dispatcher,
  request: { origin: string; path: string; headers: Record<string, string>; body: Buffer | string },
  timeoutMs: number,
): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    let controller: Dispatcher.DispatchController | null = null;
    let status = 0;
    let read = 0;
    let settled = false;
    const settle = (err: Error | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (err) reject(err);
      else resolve(status);
    };
    const timer = setTimeout(() => {
      const err = new WebhookTimeout(`no answer within ${timeoutMs} ms`);
      settle(err);
      controller?.abort(err);
    }, timeoutMs);
    dispatcher.dispatch(
      { ...request, method: 'POST' },
      {
        onRequestStart(c) {
          controller = c;
          if (settled) c.abort(new WebhookTimeout('the deadline passed while queued'));
        },
        onResponseStart(_c, statusCode) {
          status = statusCode;
        },
        onResponseData(c, chunk) {
          read += chunk.length;
          if (read <= MAX_ANSWER) return;
          settle(null);
          c.abort(new Error('the answer is longer than is read'));
        },
        onResponseEnd() {
          settle(null);
        },
        onResponseError(_c, err) {
          settle(err);
        },
      },
    );
  });
}
