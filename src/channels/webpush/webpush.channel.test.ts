import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  decryptAes128gcm,
  startPushService,
  subscriptionJson,
  type PushService,
} from '../../../test/support/push-service.js';
import { ChannelError, type Outgoing, type PushMessage } from '../channel.js';
import { markMessage } from '../mark.js';
import { PUSH_MAX_PAYLOAD, WebPushChannel } from './webpush.channel.js';

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

const KEYS = vapidPair();
const message: PushMessage = {
  kind: 'webpush',
  title: 'Жер сілкінісі',
  body: 'Ғимараттан шығыңыз. Лифтіні пайдаланбаңыз.',
  url: 'https://dabyl.gov.kz/kk/',
  tag: 'alert-t1',
  ttlSeconds: 3600,
  urgency: 'high',
};
const outgoing = (
  to: string,
  m: PushMessage = message,
  deliveryId = '0b8f7d0e-1c2a-4d55-9a1e-5f0f3c2b9a10',
) => ({ deliveryId, to, language: 'kk', message: m }) satisfies Outgoing;

describe('the web push channel, against a push service on loopback that decrypts', () => {
  let svc: PushService;
  let channel: WebPushChannel;
  beforeAll(async () => {
    svc = await startPushService();
    channel = new WebPushChannel({
      subject: 'mailto:duty@dabyl.gov.kz',
      keys: KEYS,
      allowHosts: new Set(['127.0.0.1']),
      timeoutMs: 2_000,
      clock: { now: () => new Date() },
    });
  });
  afterAll(async () => {
    await channel.close();
    await svc.close();
  });

  it('delivers the notification encrypted for that browser alone, under a VAPID token that verifies', async () => {
    const sub = svc.subscribe();
    const { providerId } = await channel.send(outgoing(JSON.stringify(subscriptionJson(sub))));
    const got = svc.received.at(-1)!;
    expect(got.problem).toBeNull();
    expect(JSON.parse(got.text!)).toEqual({
      title: 'Жер сілкінісі',
      body: 'Ғимараттан шығыңыз. Лифтіні пайдаланбаңыз.',
      url: 'https://dabyl.gov.kz/kk/',
      tag: 'alert-t1',
    });
    expect(got.claims).toMatchObject({ aud: svc.origin, sub: 'mailto:duty@dabyl.gov.kz' });
    expect(got.vapidKey).toBe(KEYS.publicKey);
    expect(got.headers.ttl).toBe('3600');
    expect(got.headers.urgency).toBe('high');
    expect(got.headers.topic).toBe('0b8f7d0e1c2a4d559a1e5f0f3c2b9a10');
    expect(providerId).toMatch(new RegExp(`^${svc.origin}/message/`));
    // Another browser's keys cannot read it.
    const other = svc.subscribe();
    expect(() => decryptAes128gcm(got.body, other.ecdh, other.auth)).toThrow();
  });

  it('marks exercise traffic at the head of what the browser shows', async () => {
    const sub = svc.subscribe();
    const marked = markMessage(message, 'kk', 'Көктем-2026') as PushMessage;
    await channel.send(outgoing(JSON.stringify(subscriptionJson(sub)), marked));
    const shown = JSON.parse(svc.received.at(-1)!.text!) as { title: string; body: string };
    expect(shown.title.startsWith('EXERCISE EXERCISE EXERCISE')).toBe(true);
    expect(shown.body.startsWith('EXERCISE EXERCISE EXERCISE')).toBe(true);
    expect(shown.body).toContain('Көктем-2026');
  });

  it('shortens a long text to fit 4 KB after encryption, keeping the title and the link', async () => {
    const sub = svc.subscribe();
    const long = { ...message, body: 'Сейсмикалық қауіп. '.repeat(400) };
    await channel.send(outgoing(JSON.stringify(subscriptionJson(sub)), long));
    const got = svc.received.at(-1)!;
    expect(got.problem).toBeNull();
    expect(Number(got.headers['content-length'])).toBeLessThanOrEqual(4096);
    expect(Buffer.byteLength(got.text!)).toBeLessThanOrEqual(PUSH_MAX_PAYLOAD);
    const shown = JSON.parse(got.text!) as { title: string; body: string; url: string };
    expect(shown.body.endsWith('…')).toBe(true);
    expect(shown.url).toBe(message.url);
  });

  it('says the address has ended on 404 and 410, retries 429 and 5xx, and gives up on other refusals', async () => {
    const cases: [number, boolean, boolean][] = [
      [410, false, true],
      [404, false, true],
      [429, true, false],
      [503, true, false],
      [400, false, false],
      [413, false, false],
    ];
    for (const [status, temporary, gone] of cases) {
      const sub = svc.subscribe();
      svc.answer(sub.id, [status]);
      const err = (await channel
        .send(outgoing(JSON.stringify(subscriptionJson(sub))))
        .catch((e: unknown) => e)) as ChannelError;
      expect(err, String(status)).toBeInstanceOf(ChannelError);
      expect(err.temporary, String(status)).toBe(temporary);
      expect(err.addressGone, String(status)).toBe(gone);
    }
  });

  it('never calls a private address a subscription names, unless that host is allowed', async () => {
    const strict = new WebPushChannel({
      subject: 'mailto:duty@dabyl.gov.kz',
      keys: KEYS,
      allowHosts: new Set(),
      timeoutMs: 1_000,
      clock: { now: () => new Date() },
    });
    const sub = svc.subscribe();
    const before = svc.received.length;
    const err = (await strict
      .send(outgoing(JSON.stringify(subscriptionJson(sub))))
      .catch((e: unknown) => e)) as ChannelError;
    expect(err.temporary).toBe(false);
    expect(err.message).toMatch(/endpoint/);
    expect(svc.received.length).toBe(before);
    await strict.close();
  });

  it('waits, not fails, while no VAPID subject is configured', async () => {
    const bare = new WebPushChannel({
      subject: undefined,
      keys: KEYS,
      allowHosts: new Set(),
      timeoutMs: 1_000,
      clock: { now: () => new Date() },
    });
    expect(bare.configured).toBe(false);
    const err = (await bare.send(outgoing('{}')).catch((e: unknown) => e)) as ChannelError;
    expect(err.temporary).toBe(true);
    await expect(bare.verify()).rejects.toThrow(/DABYL_WEBPUSH_SUBJECT/);
  });
});
