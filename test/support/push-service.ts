import {
  createECDH,
  createHmac,
  createDecipheriv,
  createPublicKey,
  randomBytes,
  verify,
  type ECDH,
} from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/*
 * A push service on loopback, standing in for the browsers' own (RFC 8030): it checks each
 * request's VAPID token (RFC 8292: ES256 over aud, exp, sub, with the key the request names) and
 * decrypts the aes128gcm payload (RFC 8188, RFC 8291) with the subscription's private key, as a
 * browser would. Tests make subscriptions with their own key pairs and read what arrived.
 */

export interface TestSubscription {
  id: string;
  endpoint: string;
  keys: { p256dh: string; auth: string };
  /** The browser's side: its private key and auth secret, to decrypt with. */
  ecdh: ECDH;
  auth: Buffer;
}

export interface Received {
  subscriptionId: string;
  headers: IncomingHttpHeaders;
  /** As it arrived, encrypted. */
  body: Buffer;
  /** The decrypted text, or null when it could not be decrypted (then `problem` says why). */
  text: string | null;
  claims: { aud: string; exp: number; sub: string } | null;
  vapidKey: string | null;
  problem: string | null;
}

const hmac = (key: Buffer, data: Buffer) => createHmac('sha256', key).update(data).digest();

/** RFC 8291 §3.4 and RFC 8188 §2: one record, the last one (delimiter 2, then zero padding). */
export function decryptAes128gcm(body: Buffer, ecdh: ECDH, auth: Buffer): string {
  const salt = body.subarray(0, 16);
  const rs = body.readUInt32BE(16);
  const idlen = body[20]!;
  const asPublic = body.subarray(21, 21 + idlen);
  const record = body.subarray(21 + idlen);
  if (record.length > rs) throw new Error(`a record of ${record.length} octets exceeds rs ${rs}`);
  const uaPublic = ecdh.getPublicKey();
  const ecdhSecret = ecdh.computeSecret(asPublic);
  const prkKey = hmac(auth, ecdhSecret);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), uaPublic, asPublic, Buffer.from([1])]);
  const ikm = hmac(prkKey, keyInfo);
  const prk = hmac(salt, ikm);
  const cek = hmac(prk, Buffer.from('Content-Encoding: aes128gcm\0\x01')).subarray(0, 16);
  const nonce = hmac(prk, Buffer.from('Content-Encoding: nonce\0\x01')).subarray(0, 12);
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(record.subarray(record.length - 16));
  const plain = Buffer.concat([decipher.update(record.subarray(0, record.length - 16)), decipher.final()]);
  let end = plain.length - 1;
  while (end >= 0 && plain[end] === 0) end--;
  if (plain[end] !== 2) throw new Error('the last record does not end with the delimiter 2');
  return plain.subarray(0, end).toString('utf8');
}

/** Checks `vapid t=…, k=…` as a push service does; returns the claims or throws saying what is wrong. */
export function checkVapid(
  authorization: string | undefined,
  origin: string,
  nowS: number,
): { claims: { aud: string; exp: number; sub: string }; key: string } {
  const m = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(authorization ?? '');
  if (!m) throw new Error(`no vapid authorization: ${authorization}`);
  const [, token, k] = m as unknown as [string, string, string];
  const [h, p, s] = token.split('.');
  const header = JSON.parse(Buffer.from(h!, 'base64url').toString()) as { alg: string; typ: string };
  if (header.alg !== 'ES256') throw new Error(`alg ${header.alg}`);
  const raw = Buffer.from(k, 'base64url');
  if (raw.length !== 65 || raw[0] !== 4) throw new Error('k is not an uncompressed P-256 key');
  const key = createPublicKey({
    key: {
      kty: 'EC',
      crv: 'P-256',
      x: raw.subarray(1, 33).toString('base64url'),
      y: raw.subarray(33).toString('base64url'),
    },
    format: 'jwk',
  });
  const ok = verify(
    'sha256',
    Buffer.from(`${h}.${p}`),
    { key, dsaEncoding: 'ieee-p1363' },
    Buffer.from(s!, 'base64url'),
  );
  if (!ok) throw new Error('the VAPID signature does not verify');
  const claims = JSON.parse(Buffer.from(p!, 'base64url').toString()) as {
    aud: string;
    exp: number;
    sub: string;
  };
  if (claims.aud !== origin) throw new Error(`aud ${claims.aud}, not ${origin}`);
  if (!(claims.exp > nowS && claims.exp <= nowS + 24 * 3600))
    throw new Error(`exp ${claims.exp} out of range`);
  if (!/^(mailto:|https:)/.test(claims.sub)) throw new Error(`sub ${claims.sub}`);
  return { claims, key: k };
}

export interface PushService {
  origin: string;
  received: Received[];
  /** A new subscription at this service, with its own key pair and auth secret. */
  subscribe(id?: string): TestSubscription;
  /**
   * What the service answers for a subscription: a list of statuses used in turn, the last kept;
   * `delayMs` makes it a slow service, answering each push that long after it arrived.
   */
  answer(subscriptionId: string, statuses: number[], delayMs?: number): void;
  /** Counts only (no decryption, no records): for the benchmark. */
  countOnly(on: boolean): void;
  count: number;
  close(): Promise<void>;
  server: Server;
}

export async function startPushService(
  options: { server?: Server; protocol?: 'http' | 'https' } = {},
): Promise<PushService> {
  const subs = new Map<string, TestSubscription>();
  const answers = new Map<string, number[]>();
  const delays = new Map<string, number>();
  const received: Received[] = [];
  let counting = false;
  const server = options.server ?? createServer();
  const svc = { received, count: 0 } as PushService;
  server.on('request', (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const id = decodeURIComponent((req.url ?? '').replace(/^\/push\//, ''));
      if (counting) {
        svc.count++;
        res.writeHead(201).end();
        return;
      }
      const sub = subs.get(id);
      const plan = answers.get(id) ?? [201];
      const status = plan.length > 1 ? plan.shift()! : plan[0]!;
      const rec: Received = {
        subscriptionId: id,
        headers: req.headers,
        body: Buffer.concat(chunks),
        text: null,
        claims: null,
        vapidKey: null,
        problem: null,
      };
      try {
        if (!sub) throw new Error(`no subscription ${id}`);
        const v = checkVapid(req.headers.authorization, svc.origin, Math.floor(Date.now() / 1000));
        rec.claims = v.claims;
        rec.vapidKey = v.key;
        if (req.headers['content-encoding'] !== 'aes128gcm') throw new Error('not aes128gcm');
        rec.text = decryptAes128gcm(Buffer.concat(chunks), sub.ecdh, sub.auth);
      } catch (err) {
        rec.problem = (err as Error).message;
      }
      received.push(rec);
      const location = `${svc.origin}/message/${received.length}`;
      setTimeout(
        () => {
          if (rec.problem && status < 300) res.writeHead(400).end(rec.problem);
          else res.writeHead(status, status < 300 ? { location } : {}).end();
        },
        delays.get(id) ?? 0,
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `${options.protocol ?? 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}`;
  Object.assign(svc, {
    origin,
    server,
    subscribe(id = randomBytes(8).toString('hex')) {
      const ecdh = createECDH('prime256v1');
      ecdh.generateKeys();
      const auth = randomBytes(16);
      const sub: TestSubscription = {
        id,
        endpoint: `${origin}/push/${id}`,
        keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: auth.toString('base64url') },
        ecdh,
        auth,
      };
      subs.set(id, sub);
      return sub;
    },
    answer(subscriptionId: string, statuses: number[], delayMs = 0) {
      answers.set(subscriptionId, [...statuses]);
      delays.set(subscriptionId, delayMs);
    },
    countOnly(on: boolean) {
      counting = on;
    },
    async close() {
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
    },
  });
  return svc;
}

/** A subscription as a browser posts it and as a contact keeps it. */
export const subscriptionJson = (s: TestSubscription) => ({ endpoint: s.endpoint, keys: s.keys });
