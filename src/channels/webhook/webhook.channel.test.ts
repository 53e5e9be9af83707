import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { LookupAddress } from 'node:dns';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ChannelError, type Outgoing } from '../channel.js';
import type { Resolve } from './address.js';
import { receiverSecret, verifyWebhook } from './signature.js';
import { WebhookChannel } from './webhook.channel.js';

const KEY = 'a-signing-key-of-at-least-32-characters';
const NOW = new Date('2026-12-03T08:00:00Z');

interface Received {
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A receiver on loopback whose answer each test chooses by path. */
function receiver(): Promise<{ server: Server; base: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body });
      const path = req.url ?? '';
      if (path === '/slow') return void setTimeout(() => res.end('late'), 5_000);
      if (path === '/garbage') {
        res.writeHead(200, { 'content-type': 'application/json' });
        return void res.end(Buffer.alloc(256 * 1024, 0xff));
      }
      const status = Number(/^\/status\/(\d+)/.exec(path)?.[1] ?? 204);
      res.writeHead(status, status === 302 ? { location: 'http://169.254.169.254/' } : {});
      res.end();
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received }),
    ),
  );
}

const outgoing = (to: string, deliveryId = 'd1'): Outgoing => ({
  deliveryId,
  to,
  language: 'en',
  message: { kind: 'webhook', body: { identifier: 'urn:dabyl:1', status: 'Actual', text: 'Жер сілкінісі' } },
});

describe('the webhook channel, against a receiver on loopback', () => {
  let r: Awaited<ReturnType<typeof receiver>>;
  let channel: WebhookChannel;
  beforeAll(async () => {
    r = await receiver();
    channel = new WebhookChannel({
      signingKey: KEY,
      allowHosts: new Set(['127.0.0.1']),
      timeoutMs: 1_000,
      clock: { now: () => NOW },
    });
  });
  afterAll(async () => {
    await channel.close();
    r.server.closeAllConnections();
    await new Promise((done) => r.server.close(done));
  });

  it('posts the JSON signed for that receiver, with the same id on every try of one delivery', async () => {
    const url = `${r.base}/status/204`;
    const first = await channel.send(outgoing(url));
    const again = await channel.send(outgoing(url));
    expect(first.providerId).toBe('msg_d1');
    expect(again.providerId).toBe(first.providerId);
    const [a, b] = r.received.slice(-2);
    expect(a!.headers['webhook-id']).toBe('msg_d1');
    expect(b!.headers['webhook-id']).toBe('msg_d1');
    expect(a!.headers['content-type']).toBe('application/json');
    expect(Number(a!.headers['content-length'])).toBe(Buffer.byteLength(a!.body));
    expect(JSON.parse(a!.body)).toMatchObject({ text: 'Жер сілкінісі' });
    const headers = {
      id: String(a!.headers['webhook-id']),
      timestamp: String(a!.headers['webhook-timestamp']),
      signature: String(a!.headers['webhook-signature']),
    };
    expect(headers.timestamp).toBe(String(NOW.getTime() / 1000));
    expect(verifyWebhook(receiverSecret(KEY, url), headers, a!.body, NOW.getTime() / 1000)).toBe(true);
    expect(
      verifyWebhook(receiverSecret(KEY, `${r.base}/other`), headers, a!.body, NOW.getTime() / 1000),
    ).toBe(false);
  });

  it("signs each receiver's messages with that receiver's secret, derived anew under another signing key", async () => {
    const options = {
      signingKey: KEY,
      allowHosts: new Set(['127.0.0.1']),
      timeoutMs: 1_000,
      clock: { now: () => NOW },
    };
    const own = new WebhookChannel(options);
    const signedBy = (secret: string, got: Received) =>
      verifyWebhook(
        secret,
        {
          id: String(got.headers['webhook-id']),
          timestamp: String(got.headers['webhook-timestamp']),
          signature: String(got.headers['webhook-signature']),
        },
        got.body,
        NOW.getTime() / 1000,
      );
    const [one, two] = [`${r.base}/status/204?to=one`, `${r.base}/status/200`];
    try {
      for (const key of [KEY, `${KEY}-rotated`]) {
        options.signingKey = key;
        for (const [to, other] of [
          [one, two],
          [two, one],
        ] as const) {
          await own.send(outgoing(to, `secret-${to.length}`));
          const got = r.received.at(-1)!;
          expect(signedBy(receiverSecret(key, to), got), `${key} ${to}`).toBe(true);
          expect(signedBy(receiverSecret(key, other), got), `${key} ${to}`).toBe(false);
          if (key !== KEY) expect(signedBy(receiverSecret(KEY, to), got), to).toBe(false);
        }
      }
    } finally {
      await own.close();
    }
  });

  it('serialises a body handed to many receivers once, each copy signed for its receiver under its own id', async () => {
    const body = { identifier: 'urn:dabyl:many', status: 'Actual', text: 'Землетрясение' };
    const stringify = vi.spyOn(JSON, 'stringify');
    // A receiver's secret is its origin and path's: three agencies, three paths.
    const targets = ['one', 'two', 'three'].map((agency) => `${r.base}/status/200/${agency}`);
    try {
      for (const [i, to] of targets.entries())
        await channel.send({
          deliveryId: `many-${i}`,
          to,
          language: 'ru',
          message: { kind: 'webhook', body },
        });
      expect(stringify.mock.calls.filter(([value]) => value === body)).toHaveLength(1);
    } finally {
      stringify.mockRestore();
    }
    const got = r.received.slice(-3);
    for (const [i, to] of targets.entries()) {
      const headers = {
        id: String(got[i]!.headers['webhook-id']),
        timestamp: String(got[i]!.headers['webhook-timestamp']),
        signature: String(got[i]!.headers['webhook-signature']),
      };
      expect(headers.id).toBe(`msg_many-${i}`);
      expect(JSON.parse(got[i]!.body)).toEqual(body);
      expect(verifyWebhook(receiverSecret(KEY, to), headers, got[i]!.body, NOW.getTime() / 1000), to).toBe(
        true,
      );
      expect(
        verifyWebhook(
          receiverSecret(KEY, targets[(i + 1) % 3]!),
          headers,
          got[i]!.body,
          NOW.getTime() / 1000,
        ),
      ).toBe(false);
    }
  });

  it('retries later on 429, 503 and a receiver that does not answer in time', async () => {
    for (const path of ['/status/429', '/status/503', '/slow']) {
      const err = await channel.send(outgoing(`${r.base}${path}`)).catch((e: unknown) => e);
      expect(err, path).toBeInstanceOf(ChannelError);
      expect((err as ChannelError).temporary, path).toBe(true);
    }
  });

  it('gives up at once on a refusal or a redirect, which is never followed', async () => {
    for (const path of ['/status/400', '/status/410', '/status/302']) {
      const err = (await channel.send(outgoing(`${r.base}${path}`)).catch((e: unknown) => e)) as ChannelError;
      expect(err.temporary, path).toBe(false);
    }
    expect(r.received.some((x) => x.path.startsWith('/latest'))).toBe(false);
  });

  it('keeps its connection to a receiver open across messages, as a burst of alerts needs', async () => {
    let connections = 0;
    const count = () => connections++;
    r.server.on('connection', count);
    try {
      for (let k = 0; k < 5; k++)
        expect((await channel.send(outgoing(`${r.base}/status/204`, `kept-${k}`))).providerId).toBe(
          `msg_kept-${k}`,
        );
    } finally {
      r.server.off('connection', count);
    }
    expect(connections).toBeLessThanOrEqual(1);
  });

  it('takes a 200 whose answer is garbage, reading only the start of it', async () => {
    expect((await channel.send(outgoing(`${r.base}/garbage`))).providerId).toBe('msg_d1');
  });

  it('never calls a private or loopback address unless the operator allowed that host', async () => {
    const strict = new WebhookChannel({
      signingKey: KEY,
      allowHosts: new Set(),
      timeoutMs: 1_000,
      clock: { now: () => NOW },
    });
    const before = r.received.length;
    for (const to of [
      `${r.base}/status/204`,
      `https://127.0.0.1:${new URL(r.base).port}/`,
      'https://localhost/',
      'https://[::ffff:169.254.169.254]/',
    ]) {
      const err = (await strict.send(outgoing(to)).catch((e: unknown) => e)) as ChannelError;
      expect(err, to).toBeInstanceOf(ChannelError);
      expect(err.temporary, to).toBe(false);
    }
    expect(r.received.length).toBe(before);
  });

  /** Names the test resolves itself, counting each lookup (each one is a new connection). */
  function names(table: Record<string, string>) {
    const asked: string[] = [];
    const resolve: Resolve = (hostname, _options, callback) => {
      asked.push(hostname);
      const address = table[hostname];
      if (!address)
        return callback(Object.assign(new Error(`${hostname}: not found`), { code: 'ENOTFOUND' }), []);
      const found: LookupAddress[] = [{ address, family: 4 }];
      setImmediate(() => callback(null, found));
    };
    return { asked, table, resolve };
  }

  it('keeps connections per receiver in a pool and resolves its name only for a new connection', async () => {
    const dns = names({ 'agency.test': '127.0.0.1' });
    const pooled = new WebhookChannel({
      signingKey: KEY,
      allowHosts: new Set(['agency.test']),
      timeoutMs: 1_000,
      clock: { now: () => NOW },
      resolve: dns.resolve,
    });
    const url = `http://agency.test:${new URL(r.base).port}/status/204`;
    // The connections this channel's messages came over (others may reach the shared receiver).
    const sockets = new Set<unknown>();
    const count = (req: IncomingMessage) => {
      if (req.headers.host?.startsWith('agency.test')) sockets.add(req.socket);
    };
    r.server.on('request', count);
    try {
      for (let k = 0; k < 20; k++) await pooled.send(outgoing(url, `pooled-${k}`));
      // undici may open another connection while one finishes its answer; never one a message.
      expect(sockets.size).toBeLessThan(5);
      expect(dns.asked.length).toBe(sockets.size);
      // The receiver drops its idle connections: the next message opens one, through the lookup again.
      const opened = sockets.size;
      r.server.closeIdleConnections();
      await new Promise((done) => setTimeout(done, 50));
      await pooled.send(outgoing(url, 'pooled-after'));
      expect(sockets.size).toBe(opened + 1);
      expect(dns.asked.length).toBe(sockets.size);
      expect(r.received.at(-1)!.headers['webhook-id']).toBe('msg_pooled-after');
    } finally {
      r.server.off('request', count);
      await pooled.close();
    }
  });

  it('refuses a receiver whose name comes to resolve to a private address, on every new connection', async () => {
    const dns = names({});
    const strict = new WebhookChannel({
      signingKey: KEY,
      allowHosts: new Set(),
      timeoutMs: 1_000,
      clock: { now: () => NOW },
      resolve: dns.resolve,
    });
    const url = `https://rebinding.test:${new URL(r.base).port}/status/204`;
    const before = r.received.length;
    try {
      // The receiver's name first does not resolve at all (retried later), creating its pool…
      const first = (await strict.send(outgoing(url)).catch((e: unknown) => e)) as ChannelError;
      expect(first.temporary).toBe(true);
      // …then resolves to loopback and to the cloud metadata address: refused for good, each time.
      for (const address of ['127.0.0.1', '169.254.169.254']) {
        dns.table['rebinding.test'] = address;
        const err = (await strict.send(outgoing(url)).catch((e: unknown) => e)) as ChannelError;
        expect(err, address).toBeInstanceOf(ChannelError);
        expect(err.temporary, address).toBe(false);
        expect(err.message, address).toContain(address);
      }
      expect(dns.asked).toEqual(['rebinding.test', 'rebinding.test', 'rebinding.test']);
      expect(r.received.length).toBe(before);
    } finally {
      await strict.close();
    }
  });

  it('gives up on a request at its deadline even while it waits behind busy connections', async () => {
    const quick = new WebhookChannel({
      signingKey: KEY,
      allowHosts: new Set(['127.0.0.1']),
      timeoutMs: 200,
      clock: { now: () => NOW },
    });
    const started = Date.now();
    try {
      const errs = await Promise.all(
        Array.from({ length: 70 }, (_, k) =>
          quick.send(outgoing(`${r.base}/slow`, `busy-${k}`)).catch((e: unknown) => e as ChannelError),
        ),
      );
      expect(errs.every((e) => e instanceof ChannelError && e.temporary && /in time/.test(e.message))).toBe(
        true,
      );
      expect(Date.now() - started).toBeLessThan(1_500);
    } finally {
      await quick.close();
    }
  });

  it('waits, not fails, while no signing key is configured', async () => {
    const bare = new WebhookChannel({
      signingKey: undefined,
      allowHosts: new Set(),
      timeoutMs: 1_000,
      clock: { now: () => NOW },
    });
    expect(bare.configured).toBe(false);
    const err = (await bare.send(outgoing(`${r.base}/status/204`)).catch((e: unknown) => e)) as ChannelError;
    expect(err.temporary).toBe(true);
    await expect(bare.verify()).rejects.toThrow(/DABYL_WEBHOOK_SIGNING_KEY/);
  });
});
