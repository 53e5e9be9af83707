/**
 * The webhook channel's overhead: Dabyl's WebhookChannel (the URL check, JSON.stringify, the
 * receiver's secret derived and the Standard Webhooks HMAC signature, the guarded DNS lookup, the
 * timeout, classifying the answer) beside raw undici — Node's own, the dispatcher behind the global
 * `fetch` — POSTing the very same JSON bodies with the very same headers (id, timestamp and
 * signature made before the clock starts) to the same receiver: a node:http server on loopback, in
 * a child process, draining each body and answering 200, and counting. Every side keeps its
 * connections open; the channel is on undici 7 (the package, an Agent with up to 64 connections per
 * origin and the guarded lookup on each new one), the raw senders on Node's bundled undici. A fourth
 * row, the channel's own dispatcher and postWebhook() with the prepared headers, is the channel's
 * transport without its own work. CONCURRENCY requests under way at once on every side
 * (the dispatcher's batch), to RECEIVERS receivers (paths, each with its own secret). The host is
 * `localhost` by default, so the guarded lookup runs as it does for a named receiver (HOST=127.0.0.1:
 * a literal address, which no side looks up); it is in the channel's allowHosts, as
 * DABYL_WEBHOOK_ALLOW_HOSTS would put it.
 * The bodies are alerts as the outbox hands them over: each alert to every receiver, its document
 * rendered once for all of them (the raw senders serialise and sign every request before their
 * clock starts). A second channel row gives each delivery a body of its own, as notices and injects
 * are rendered, which the channel serialises each time.
 * Target: ≥ 0.8× the fastest raw undici sender's requests per second (Node's bundled undici
 * `request`, the undici 7 package's `request`, or `fetch`).
 * Run: npx tsx bench/webhook-channel.bench.ts   (N=3000 CONCURRENCY=50 ROUNDS=5 RECEIVERS=10 HOST=localhost)
 * ONLY=WebhookChannel runs the rows whose name holds it alone, e.g. to profile the channel by itself:
 *   ONLY=WebhookChannel N=20000 ROUNDS=1 node --cpu-prof --import tsx bench/webhook-channel.bench.ts
 */
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { receiverSecret, signWebhook } from '../src/channels/webhook/signature.js';
import { postWebhook, webhookDispatcher } from '../src/channels/webhook/transport.js';

const N = Number(process.env.N ?? 3000);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 50);
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const RECEIVERS = Number(process.env.RECEIVERS ?? 10);
const HOST = process.env.HOST || 'localhost';
const ONLY = process.env.ONLY ?? '';
const SIGNING_KEY = 'bench-signing-key-0123456789abcdef';

// ---- the receiver's process -------------------------------------------------------------------
async function serve(): Promise<void> {
  let requests = 0;
  let bytes = 0;
  const server = http.createServer((req, res) => {
    req.on('data', (c: Buffer) => (bytes += c.length));
    req.on('end', () => {
      requests++;
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  // Longer than a round: a kept-alive connection the server closes while a sender reuses it would fail a send.
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  process.send!({ port: (server.address() as AddressInfo).port });
  process.on('message', (m: { count?: boolean }) => {
    if (m.count) process.send!({ requests, bytes });
  });
}

// ---- the senders ------------------------------------------------------------------------------
interface Hook {
  deliveryId: string;
  url: string;
  body: Record<string, unknown>;
}

/** An alert as another agency's system gets it: CAP's fields as JSON, three languages, about 2 KB. */
function hooks(origin: string): Hook[] {
  const info = (language: string, headline: string, description: string) => ({
    language,
    category: ['Geo'],
    event: 'Earthquake',
    urgency: 'Immediate',
    severity: 'Severe',
    certainty: 'Observed',
    headline,
    description,
    instruction: description,
    area: [{ areaDesc: 'Almaty', polygon: '43.20,76.80 43.30,76.80 43.30,77.00 43.20,77.00 43.20,76.80' }],
  });
  // Each alert goes to every receiver, its document rendered once for all of them, as the outbox
  // renders an alert's webhook body once per message and language.
  const alerts = Array.from({ length: Math.ceil(N / RECEIVERS) }, () => ({
    identifier: `urn:dabyl:alert:${randomUUID()}`,
    sender: 'alerts@dabyl.gov.kz',
    sent: new Date().toISOString(),
    status: 'Actual',
    msgType: 'Alert',
    scope: 'Public',
    info: [
      info('kk', 'Жер сілкінісі', 'Ғимараттан шығыңыз, лифтіні пайдаланбаңыз, ашық жерге барыңыз.'),
      info('ru', 'Землетрясение', 'Выйдите из здания, не пользуйтесь лифтом, идите на открытое место.'),
      info('en', 'Earthquake', 'Leave the building, do not use the lift, go to an open space.'),
    ],
  }));
  return Array.from({ length: N }, (_, i) => ({
    deliveryId: randomUUID(),
    url: `${origin}/hooks/agency-${i % RECEIVERS}`,
    body: alerts[Math.floor(i / RECEIVERS)]!,
  }));
}

/** Runs `work` over the items with at most CONCURRENCY under way. */
async function pool<T>(items: readonly T[], work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

/** The bytes and headers the channel sends for a hook, made before the clock starts. */
function prepare(list: Hook[]) {
  const timestamp = Math.floor(Date.now() / 1000);
  return list.map((h) => {
    const body = JSON.stringify(h.body);
    const id = `msg_${h.deliveryId}`;
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
      'user-agent': 'Dabyl-Webhook/1',
      'webhook-id': id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signWebhook(receiverSecret(SIGNING_KEY, h.url), id, timestamp, body),
    };
    const u = new URL(h.url);
    return { url: h.url, origin: u.origin, path: u.pathname, headers, body };
  });
}
type Prepared = ReturnType<typeof prepare>[number];

/** The part of undici's Dispatcher that is used here. */
interface Dispatcher {
  request(options: {
    origin: string;
    path: string;
    method: 'POST';
    headers: Record<string, string>;
    body: string;
  }): Promise<{ statusCode: number; body: { dump(): Promise<void> } }>;
}

/** Node's own undici dispatcher, the one behind the global fetch (registered once fetch has run). */
function globalDispatcher(): Dispatcher {
  const d = (globalThis as Record<symbol, unknown>)[Symbol.for('undici.globalDispatcher.1')];
  if (!d) throw new Error("Node's undici dispatcher is not registered: run a fetch first");
  return d as Dispatcher;
}

const ok = (status: number) => {
  if (status !== 200) throw new Error(`the receiver answered ${status}`);
};

/** Requests per second of a raw undici dispatcher POSTing the prepared hooks, timed once they are made. */
async function rawRequest(dispatcher: Dispatcher, list: Hook[]): Promise<number> {
  const prepared = prepare(list);
  const t0 = performance.now();
  await pool(prepared, async (p: Prepared) => {
    const res = await dispatcher.request({
      origin: p.origin,
      path: p.path,
      method: 'POST',
      headers: p.headers,
      body: p.body,
    });
    await res.body.dump();
    ok(res.statusCode);
  });
  return list.length / ((performance.now() - t0) / 1000);
}

async function main(): Promise<void> {
  const child = fork(fileURLToPath(import.meta.url), ['receiver'], { execArgv: ['--import', 'tsx'] });
  const { port } = await new Promise<{ port: number }>((resolve) => child.once('message', resolve as never));
  const origin = `http://${HOST}:${port}`;
  const count = () =>
    new Promise<{ requests: number; bytes: number }>((resolve) => {
      child.once('message', resolve as never);
      child.send({ count: true });
    });
  const { WebhookChannel } = await import('../src/channels/webhook/webhook.channel.js');
  const channel = new WebhookChannel({
    signingKey: SIGNING_KEY,
    allowHosts: new Set([HOST]),
    timeoutMs: 10_000,
    clock: { now: () => new Date() },
  });
  await (await fetch(`${origin}/hooks/first`, { method: 'POST', body: '{}' })).arrayBuffer();
  const dispatcher = globalDispatcher();
  const transport = webhookDispatcher(new Set([HOST]), 10_000);
  // The undici package Dabyl depends on, imported only now: with a global dispatcher already in
  // place (the fetch above made Node's), its index leaves it alone.
  const undici7 = new (await import('undici')).Agent();

  const viaChannel = async (list: Hook[]) => {
    const t0 = performance.now();
    await pool(list, (h) =>
      channel.send({
        deliveryId: h.deliveryId,
        to: h.url,
        language: 'en',
        message: { kind: 'webhook', body: h.body },
      }),
    );
    return list.length / ((performance.now() - t0) / 1000);
  };

  const senders: Record<string, (list: Hook[]) => Promise<number>> = {
    'raw undici request': (list) => rawRequest(dispatcher, list),
    'raw undici 7 request (the package)': (list) => rawRequest(undici7, list),
    'raw fetch': async (list) => {
      const prepared = prepare(list);
      const t0 = performance.now();
      await pool(prepared, async (p: Prepared) => {
        const res = await fetch(p.url, { method: 'POST', headers: p.headers, body: p.body });
        await res.arrayBuffer();
        ok(res.status);
      });
      return list.length / ((performance.now() - t0) / 1000);
    },
    WebhookChannel: (list) => viaChannel(list),
    // Notices and injects render a document per delivery: the channel serialises each one.
    'WebhookChannel, a body per delivery': (list) =>
      viaChannel(list.map((h) => ({ ...h, body: { ...h.body } }))),
    'the channel’s undici dispatcher, prepared headers (its transport alone)': async (list) => {
      const prepared = prepare(list);
      const t0 = performance.now();
      await pool(prepared, async (p: Prepared) =>
        ok(
          await postWebhook(
            transport,
            { origin: p.origin, path: p.path, headers: p.headers, body: p.body },
            10_000,
          ),
        ),
      );
      return list.length / ((performance.now() - t0) / 1000);
    },
  };
  const names = Object.keys(senders).filter((n) => n.includes(ONLY));
  const runs: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  // A first, uncounted round each: every side's code is compiled before anything is timed.
  const warm = Math.ceil(N / 5);
  for (const n of names) await senders[n]!(hooks(origin).slice(0, warm));
  for (let r = 0; r < ROUNDS; r++) {
    // Rotate which goes first, so none always meets a warmer or a busier receiver.
    for (let k = 0; k < names.length; k++) {
      const n = names[(r + k) % names.length]!;
      runs[n]!.push(await senders[n]!(hooks(origin)));
    }
  }
  const got = await count();
  await Promise.all([channel.close(), transport.close(), undici7.close()]);
  child.kill();
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const raws = ['raw undici request', 'raw undici 7 request (the package)', 'raw fetch'].filter((n) =>
    names.includes(n),
  );
  // With ONLY leaving no raw row, there is nothing to divide by: the ratio column reads NaN.
  const raw = raws.length ? Math.max(...raws.map((n) => median(runs[n]!))) : NaN;
  console.log(
    `Webhook channel: ${N} requests a round, ${ROUNDS} rounds, ${RECEIVERS} receivers at ${origin}, ${CONCURRENCY} at once`,
  );
  console.log(
    `receiver took ${got.requests} requests, ${(got.bytes / got.requests / 1024).toFixed(1)} KB each (expected ${names.length * (N * ROUNDS + warm) + 1})`,
  );
  console.log('| sender | requests/s per round | median | ratio to the fastest raw |');
  console.log('| --- | --- | --- | --- |');
  for (const n of names)
    console.log(
      `| ${n} | ${runs[n]!.map((x) => x.toFixed(0)).join(' / ')} | ${median(runs[n]!).toFixed(0)} | ${(median(runs[n]!) / raw).toFixed(2)}× |`,
    );
  console.log('target: WebhookChannel ≥ 0.8× the fastest raw undici sender');
}

if (process.argv[2] === 'receiver') await serve();
else await main();
