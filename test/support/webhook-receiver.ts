import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { receiverSecret, verifyWebhook } from '../../src/channels/webhook/signature.js';

/** One POST as the receiving agency's system took it. */
export interface ReceivedHook {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The Standard Webhooks signature checked as the receiver does, with its own secret for its URL. */
  verified: boolean;
}

export interface WebhookReceiver {
  base: string;
  received: ReceivedHook[];
  /** Resolves once `count` requests have arrived in total. */
  waitFor(count: number): Promise<ReceivedHook[]>;
  close(): Promise<void>;
}

/**
 * Another agency's system on loopback: it takes any path, answers 204 (or what `answer` says for
 * the path, so one receiver can stand for an agency that has gone), and verifies each request
 * with the secret `dabyl webhook secret URL` would print for it — so a signature made for another
 * receiver, or over other bytes, fails here as it would there.
 */
export async function startWebhookReceiver(
  signingKey: string,
  now: () => Date = () => new Date(),
  answer: (path: string) => number = () => 204,
): Promise<WebhookReceiver> {
  const received: ReceivedHook[] = [];
  const waiters: (() => void)[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      const path = req.url ?? '';
      const secret = receiverSecret(signingKey, `${state.base}${path}`);
      const verified = verifyWebhook(
        secret,
        {
          id: String(req.headers['webhook-id']),
          timestamp: String(req.headers['webhook-timestamp']),
          signature: String(req.headers['webhook-signature']),
        },
        body,
        Math.floor(now().getTime() / 1000),
      );
      received.push({ path, headers: req.headers, body, verified });
      res.writeHead(answer(path)).end();
      for (const w of waiters.splice(0)) w();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const state: WebhookReceiver = {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    waitFor: (count) =>
      new Promise((resolve) => {
        const check = () => (received.length >= count ? resolve(received) : waiters.push(check));
        check();
      }),
    close: async () => {
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
    },
  };
  return state;
}
