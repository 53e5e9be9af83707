import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notSentOver } from '../../src/channels/channel.js';
import type { FieldProblem } from '../../src/core/messages/codes.js';
import { EXERCISE_HEAD } from '../../src/core/outbox/traffic.js';
import { OutboxDispatcher } from '../../src/jobs/outbox.dispatcher.js';
import type { AppError } from '../../src/errors.js';
import { contextFor } from '../../src/runtime.js';
import type { AppContext } from '../../src/services/context.js';
import type { OutboxSource } from '../../src/services/outbox/source.js';
import { outboxSources } from '../../src/services/outbox/sources.js';
import {
  devicePlaces,
  subscribeDevice,
  unsubscribeDevice,
} from '../../src/services/subscriptions/device.service.js';
import { deliveryRepository, type NewDelivery } from '../../src/store/delivery.repository.js';
import { subscriberRepository } from '../../src/store/subscriber.repository.js';
import { ENGINES, openTestRuntime } from '../support/engines.js';
import { startPushService, subscriptionJson, type PushService } from '../support/push-service.js';

/*
 * Web push end to end on each engine: a device subscribes for an area through the service, a
 * delivery to its contact goes through the dispatcher (verdict, marking) and the web push channel
 * to a push service on loopback that decrypts it; an ended subscription takes its contact with it
 * and a busy push service is tried again.
 */

const drillSource: OutboxSource<null> = {
  kind: 'drill',
  load: async () => null,
  render: async (_ctx, _s, target) => {
    if (target.kind !== 'webpush') throw notSentOver('drill', target.kind);
    return {
      kind: 'webpush',
      title: target.language === 'ru' ? 'Землетрясение' : 'Жер сілкінісі',
      body: target.language === 'ru' ? 'Выйдите из здания.' : 'Ғимараттан шығыңыз.',
      url: 'https://dabyl.gov.kz/',
      tag: 'alert-1',
    };
  },
  // eslint-disable-next-line require-yield -- deliveries are written directly in these tests
  audience: async function* () {
    return;
  },
};

describe.each(ENGINES)('web push through the outbox on %s', (engine) => {
  let ctx: AppContext;
  let svc: PushService;
  let drop: () => Promise<void>;
  let dispatcher: OutboxDispatcher;
  // The push service checks the VAPID expiry against the real time, as a real one does: the test's
  // clock starts now and is moved on by hand from there.
  let now = new Date(Math.floor(Date.now() / 1000) * 1000);

  const deliver = async (subscriberId: string, mode: 'actual' | 'test' = 'actual') => {
    const [contact] = (await subscriberRepository.contactsOf(ctx.db.kysely, subscriberId)).filter(
      (c) => c.channel === 'webpush',
    );
    const d: NewDelivery = {
      id: randomUUID(),
      source_kind: 'drill',
      source_id: randomUUID(),
      sequence: 1,
      recipient_kind: 'subscriber',
      recipient_id: subscriberId,
      channel: 'webpush',
      address: contact!.address,
      language: 'ru',
      mode,
      exercise_id: null,
      priority: 0,
      status: 'pending',
      next_attempt_at: now.toISOString(),
      created_at: now.toISOString(),
    };
    await deliveryRepository.insertMany(ctx.db.kysely, ctx.db.engine, [d]);
    return d.id;
  };
  const row = async (id: string) => (await deliveryRepository.byId(ctx.db.kysely, id))!;
  const subscriberOf = async (endpoint: string) => {
    const c = await ctx.db.kysely
      .selectFrom('contacts')
      .select('subscriber_id')
      .where('channel', '=', 'webpush')
      .execute();
    for (const x of c) {
      const contacts = await subscriberRepository.contactsOf(ctx.db.kysely, x.subscriber_id);
      if (contacts.some((k) => k.address.includes(endpoint))) return x.subscriber_id;
    }
    throw new Error(`no subscriber for ${endpoint}`);
  };

  beforeAll(async () => {
    svc = await startPushService();
    const rt = await openTestRuntime(engine);
    drop = rt.drop;
    const config = {
      ...rt.ctx.config,
      webpush: { subject: 'mailto:duty@dabyl.gov.kz', allowHosts: new Set(['127.0.0.1']), timeoutMs: 2000 },
    };
    await rt.ctx.channels.close();
    ctx = {
      ...contextFor(rt.ctx.db, config, { now: () => now }),
      sources: new Map([...outboxSources(), ['drill', drillSource as OutboxSource]]),
    };
    // No back-off: a retry is due at once, so the test does not wait for time to pass.
    dispatcher = new OutboxDispatcher(ctx, { backoffMs: 0 });
  });
  afterAll(async () => {
    await ctx.channels.close();
    await svc.close();
    await drop();
  });

  it('subscribes a device for areas without an e-mail, verified by its subscription, and stops it', async () => {
    const sub = svc.subscribe();
    const first = await subscribeDevice(ctx, {
      subscription: subscriptionJson(sub),
      placeId: 'almaty',
      language: 'ru',
    });
    expect(first.places.map((p) => p.placeId)).toEqual(['almaty']);
    const again = await subscribeDevice(ctx, {
      subscription: subscriptionJson(sub),
      placeId: 'astana',
      language: 'ru',
    });
    expect(again.places.map((p) => p.placeId).sort()).toEqual(['almaty', 'astana']);
    const id = await subscriberOf(sub.endpoint);
    const s = await subscriberRepository.byId(ctx.db.kysely, id);
    expect(s).toMatchObject({ email: null, status: 'active' });
    const [contact] = await subscriberRepository.contactsOf(ctx.db.kysely, id);
    expect(contact).toMatchObject({ channel: 'webpush' });
    expect(contact!.verified_at).not.toBeNull();
    // The place index finds the device for an area, as a fan-out would.
    const active = await subscriberRepository.activePlaces(ctx.db.kysely);
    expect(active.filter((p) => p.subscriber_id === id && p.channel === 'webpush')).toHaveLength(2);

    expect((await unsubscribeDevice(ctx, { endpoint: sub.endpoint, placeId: 'astana' })).places).toHaveLength(
      1,
    );
    expect((await unsubscribeDevice(ctx, { endpoint: sub.endpoint })).places).toEqual([]);
    expect(await subscriberRepository.byId(ctx.db.kysely, id)).toBeUndefined();
    expect((await devicePlaces(ctx, sub.endpoint)).places).toEqual([]);
  });

  it('refuses a subscription that is not one, naming the field and its own fault, which the catalogue words in each language', async () => {
    const sub = svc.subscribe();
    const refusal = (subscription: unknown) =>
      subscribeDevice(ctx, { subscription, placeId: 'almaty', language: 'kk' }).then(
        () => null,
        (e: AppError) => ({ field: e.field, problem: e.fault?.problem, params: e.fault?.params }),
      );
    const cases: [unknown, string, FieldProblem, Record<string, string | number>?][] = [
      [
        { ...subscriptionJson(sub), keys: { p256dh: 'AAAA', auth: sub.keys.auth } },
        'subscription/keys/p256dh',
        'push_key_form',
      ],
      [
        { ...subscriptionJson(sub), keys: { p256dh: sub.keys.p256dh, auth: 'AAAA' } },
        'subscription/keys/auth',
        'push_secret_form',
      ],
      ['{not json', 'subscription', 'subscription_not_json'],
      [42, 'subscription', 'subscription_not_object'],
      [
        { ...subscriptionJson(sub), endpoint: 'http://push.example.kz/x' },
        'subscription/endpoint',
        'url_not_https',
      ],
      [
        { ...subscriptionJson(sub), endpoint: 'https://10.1.2.3/x' },
        'subscription/endpoint',
        'url_private_address',
        { host: '10.1.2.3' },
      ],
    ];
    for (const [subscription, field, problem, params] of cases) {
      const got = await refusal(subscription);
      expect(got).toMatchObject({ field, problem, ...(params ? { params } : {}) });
    }
    await expect(
      subscribeDevice(ctx, { subscription: subscriptionJson(sub), placeId: 'atlantis', language: 'kk' }),
    ).rejects.toMatchObject({ field: 'placeId' });
  });

  it('delivers to the device, decrypted there, and marks test traffic at the head', async () => {
    const sub = svc.subscribe();
    await subscribeDevice(ctx, { subscription: subscriptionJson(sub), placeId: 'almaty', language: 'ru' });
    const id = await subscriberOf(sub.endpoint);
    const real = await deliver(id, 'actual');
    const drill = await deliver(id, 'test');
    await dispatcher.drain();
    expect((await row(real)).status).toBe('sent');
    expect((await row(drill)).status).toBe('sent');
    const texts = svc.received
      .filter((r) => r.subscriptionId === sub.id)
      .map((r) => JSON.parse(r.text!) as { title: string; body: string });
    expect(texts).toHaveLength(2);
    const plain = texts.find((t) => !t.title.startsWith(EXERCISE_HEAD))!;
    const marked = texts.find((t) => t.title.startsWith(EXERCISE_HEAD))!;
    expect(plain).toMatchObject({ title: 'Землетрясение', body: 'Выйдите из здания.' });
    expect(marked.title).toBe(`${EXERCISE_HEAD} - УЧЕНИЯ: Землетрясение`);
    expect(marked.body.startsWith(EXERCISE_HEAD)).toBe(true);
  });

  it('removes the contact of a subscription the push service says has ended (410)', async () => {
    const sub = svc.subscribe();
    await subscribeDevice(ctx, { subscription: subscriptionJson(sub), placeId: 'almaty', language: 'ru' });
    const id = await subscriberOf(sub.endpoint);
    svc.answer(sub.id, [410]);
    const d = await deliver(id);
    const waiting = await deliver(id);
    await dispatcher.drain();
    expect((await row(d)).status).toBe('dead');
    expect((await row(waiting)).status).toBe('dead');
    expect(await subscriberRepository.contactsOf(ctx.db.kysely, id)).toEqual([]);
    expect((await subscriberRepository.byId(ctx.db.kysely, id))?.status).toBe('unsubscribed');
    const active = await subscriberRepository.activePlaces(ctx.db.kysely);
    expect(active.some((p) => p.subscriber_id === id)).toBe(false);
  });

  it('tries again when the push service is busy (429), and the device gets it once it accepts', async () => {
    const sub = svc.subscribe();
    await subscribeDevice(ctx, { subscription: subscriptionJson(sub), placeId: 'almaty', language: 'ru' });
    const id = await subscriberOf(sub.endpoint);
    svc.answer(sub.id, [429, 201]);
    const d = await deliver(id);
    await dispatcher.runOnce();
    const failed = await row(d);
    expect(failed.status).toBe('pending');
    expect(failed.last_error).toMatch(/429/);
    // The channel waits a moment before it probes again (the dispatcher's outage handling).
    now = new Date(now.getTime() + 2_000);
    await dispatcher.drain();
    expect((await row(d)).status).toBe('sent');
    const tries = svc.received.filter((r) => r.subscriptionId === sub.id);
    expect(tries).toHaveLength(2);
    expect(tries.map((t) => t.headers.topic)).toEqual([tries[0]!.headers.topic, tries[0]!.headers.topic]);
    expect(JSON.parse(tries[1]!.text!)).toMatchObject({ title: 'Землетрясение' });
    expect(await subscriberRepository.contactsOf(ctx.db.kysely, id)).toHaveLength(1);
  });
  it('keeps one busy push service waiting alone: another push service’s devices are reached at once', async () => {
    const other = await startPushService();
    try {
      const busy = svc.subscribe();
      const fine = other.subscribe();
      for (const sub of [busy, fine])
        await subscribeDevice(ctx, {
          subscription: subscriptionJson(sub),
          placeId: 'almaty',
          language: 'ru',
        });
      const busyId = await subscriberOf(busy.endpoint);
      const fineId = await subscriberOf(fine.endpoint);
      svc.answer(busy.id, [503]);
      const tried = () => svc.received.filter((r) => r.subscriptionId === busy.id).length;
      const first = [await deliver(busyId), await deliver(busyId)];
      const early = await deliver(fineId);
      await dispatcher.runOnce();
      expect((await row(early)).status).toBe('sent');
      expect(await Promise.all(first.map(async (id) => (await row(id)).status))).toEqual([
        'pending',
        'pending',
      ]);
      expect(tried()).toBe(2);
      // The busy service is down now: its deliveries wait untried, the other service's go at once.
      const waiting = await deliver(busyId);
      const late = await deliver(fineId);
      await dispatcher.runOnce();
      expect((await row(late)).status).toBe('sent');
      expect((await row(waiting)).status).toBe('pending');
      expect(tried()).toBe(2);
      // When its probe is due one delivery tries it; once it accepts, everything waiting goes, also
      // what the probe's own batch held back while the (slow) service was still answering it.
      svc.answer(busy.id, [201], 300);
      now = new Date(now.getTime() + 2_000);
      await dispatcher.drain();
      for (const id of [...first, waiting]) expect((await row(id)).status).toBe('sent');
      expect(other.received.filter((r) => r.subscriptionId === fine.id)).toHaveLength(2);
    } finally {
      await other.close();
    }
  });
});
