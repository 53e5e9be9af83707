/**
 * The web push channel's overhead: Dabyl's WebPushChannel (reading and checking the subscription,
 * fitting the payload, aes128gcm encryption, the VAPID token, the guarded lookup, classifying the
 * answer) beside the raw `web-push` library's sendNotification of the very same notifications to
 * the same push service: HTTPS on loopback (a throwaway certificate made with openssl), in a child
 * process, answering 201 at once and counting. Both keep connections open (an https.Agent with
 * keepAlive and 64 sockets) and have CONCURRENCY notifications under way at once (the dispatcher's
 * batch). Every notification goes to its own subscription with its own keys, as in a fan-out.
 * Target: ≥ 0.8× the raw library's notifications per second.
 * Run: npx tsx bench/webpush-channel.bench.ts   (N=3000 CONCURRENCY=50 ROUNDS=5)
 */
import { execFileSync, fork } from 'node:child_process';
import { createECDH, generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:https';
import https from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import webpush from 'web-push';

const N = Number(process.env.N ?? 3000);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 50);
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const SUBJECT = 'mailto:duty@dabyl.gov.kz';

function certificate(): { key: string; cert: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'dabyl-push-bench-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:P-256',
        '-nodes',
        '-keyout',
        path.join(dir, 'key.pem'),
        '-out',
        path.join(dir, 'cert.pem'),
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ],
      { stdio: 'pipe' },
    );
    return {
      key: readFileSync(path.join(dir, 'key.pem'), 'utf8'),
      cert: readFileSync(path.join(dir, 'cert.pem'), 'utf8'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---- the push service's process ----------------------------------------------------------------
async function serve(tls: { key: string; cert: string }): Promise<void> {
  const { startPushService } = await import('../test/support/push-service.js');
  const server = createServer(tls);
  // Longer than a round: a connection the server closes while a sender reuses it would fail a send.
  server.keepAliveTimeout = 120_000;
  const svc = await startPushService({ server, protocol: 'https' });
  svc.countOnly(true);
  process.send!({ origin: svc.origin });
  process.on('message', (m: { count?: boolean }) => {
    if (m.count) process.send!({ count: svc.count });
  });
}

// ---- the two senders ---------------------------------------------------------------------------
interface Item {
  deliveryId: string;
  subscription: { endpoint: string; keys: { p256dh: string; auth: string } };
  title: string;
  body: string;
}

function items(origin: string): Item[] {
  return Array.from({ length: N }, (_, i) => {
    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    return {
      deliveryId: randomUUID(),
      subscription: {
        endpoint: `${origin}/push/${i}`,
        keys: {
          p256dh: ecdh.getPublicKey().toString('base64url'),
          auth: randomBytes(16).toString('base64url'),
        },
      },
      title: 'Жер сілкінісі / Землетрясение',
      body: 'Ғимараттан шығыңыз, лифтіні пайдаланбаңыз. Выйдите из здания, не пользуйтесь лифтом.',
    };
  });
}

async function pool<T>(list: readonly T[], work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < list.length) await work(list[next++]!);
    }),
  );
}

function vapidPair() {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const pub = publicKey.export({ format: 'jwk' });
  return {
    publicKey: Buffer.concat([
      Buffer.from([4]),
      Buffer.from(pub.x!, 'base64url'),
      Buffer.from(pub.y!, 'base64url'),
    ]).toString('base64url'),
    privateKey: privateKey.export({ format: 'jwk' }).d!,
  };
}

async function main(): Promise<void> {
  const tls = certificate();
  const child = fork(fileURLToPath(import.meta.url), ['service'], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, PUSH_BENCH_TLS: JSON.stringify(tls) },
  });
  const { origin } = await new Promise<{ origin: string }>((resolve) =>
    child.once('message', resolve as never),
  );
  const count = () =>
    new Promise<number>((resolve) => {
      child.once('message', (m: { count: number }) => resolve(m.count));
      child.send({ count: true });
    });
  const keys = vapidPair();
  const { WebPushChannel } = await import('../src/channels/webpush/webpush.channel.js');
  const channel = new WebPushChannel({
    subject: SUBJECT,
    keys,
    allowHosts: new Set(['127.0.0.1']),
    timeoutMs: 30_000,
    clock: { now: () => new Date() },
    ca: tls.cert,
  });
  const agent = new https.Agent({ keepAlive: true, maxSockets: 64, ca: tls.cert });

  const senders: Record<string, (list: Item[]) => Promise<void>> = {
    'raw web-push sendNotification': (list) =>
      pool(list, (m) =>
        webpush.sendNotification(
          m.subscription,
          JSON.stringify({ title: m.title, body: m.body, url: 'https://dabyl.gov.kz/kk/', tag: 'alert-1' }),
          {
            vapidDetails: { subject: SUBJECT, ...keys },
            TTL: 3600,
            urgency: 'high',
            topic: m.deliveryId.replace(/-/g, ''),
            contentEncoding: 'aes128gcm',
            agent,
          },
        ),
      ),
    WebPushChannel: (list) =>
      pool(list, (m) =>
        channel.send({
          deliveryId: m.deliveryId,
          to: JSON.stringify(m.subscription),
          language: 'kk',
          message: {
            kind: 'webpush',
            title: m.title,
            body: m.body,
            url: 'https://dabyl.gov.kz/kk/',
            tag: 'alert-1',
            ttlSeconds: 3600,
            urgency: 'high',
          },
        }),
      ),
  };
  const names = Object.keys(senders);
  const runs: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  const warm = items(origin).slice(0, 200);
  for (const n of names) await senders[n]!(warm);
  for (let r = 0; r < ROUNDS; r++) {
    // Rotate which goes first, so none always meets a warmer or a busier server.
    const order = names.map((_, i) => names[(i + r) % names.length]!);
    for (const n of order) {
      const list = items(origin);
      const t0 = performance.now();
      await senders[n]!(list);
      runs[n]!.push(N / ((performance.now() - t0) / 1000));
    }
  }
  const got = await count();
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const raw = median(runs[names[0]!]!);
  console.log(
    `N=${N} CONCURRENCY=${CONCURRENCY} ROUNDS=${ROUNDS}; push service counted ${got} (expected ${2 * N * ROUNDS + 2 * warm.length})`,
  );
  console.log('| sender | notifications/s per round | median | ratio to raw |');
  console.log('| --- | --- | --- | --- |');
  for (const n of names)
    console.log(
      `| ${n} | ${runs[n]!.map((x) => x.toFixed(0)).join(' / ')} | ${median(runs[n]!).toFixed(0)} | ${(median(runs[n]!) / raw).toFixed(2)}× |`,
    );
  await channel.close();
  agent.destroy();
  child.kill();
}

if (process.argv[2] === 'service')
  void serve(JSON.parse(process.env.PUSH_BENCH_TLS!) as { key: string; cert: string });
else
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
