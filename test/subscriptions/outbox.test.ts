import type { ParsedMail } from 'mailparser';
import { areaTexts } from '../../src/core/notice/testing.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AreaGeometry, NoticeSnapshot } from '../../src/core/notice/notice.js';
import { FanOutWorker } from '../../src/jobs/fanout.worker.js';
import { OutboxDispatcher } from '../../src/jobs/outbox.dispatcher.js';
import { contextFor } from '../../src/runtime.js';
import { SYSTEM_ACTOR, type AppContext } from '../../src/services/context.js';
import { requestFanOut } from '../../src/services/outbox/fanout.js';
import {
  deadLetters,
  fanOuts,
  retryDeadLetters,
  retryDelivery,
} from '../../src/services/outbox/outbox.service.js';
import {
  confirmSubscription,
  eraseSubscriber,
  subscribe,
  subscriberData,
  unsubscribe,
} from '../../src/services/subscriptions/subscriptions.service.js';
import { noticeRepository } from '../../src/store/notice.repository.js';
import { ENGINES, openTestRuntime } from '../support/engines.js';
import { startTestSmtp, type TestSmtp } from '../support/smtp.js';

/*
 * Subscriptions and the outbox on both engines, with real mail through a real SMTP server: double
 * opt-in, matching by place, updates to earlier recipients, no duplicates, retries and dead letters,
 * bad tokens and bad input, erasure.
 */

const square = (lon: number, lat: number, half: number): AreaGeometry => ({
  type: 'Polygon',
  coordinates: [
    [
      [lon - half, lat - half],
      [lon + half, lat - half],
      [lon + half, lat + half],
      [lon - half, lat + half],
      [lon - half, lat - half],
    ],
  ],
});
const EXPO = square(71.4167, 51.089, 0.004);
const KARAGANDA_CENTRE = square(73.1094, 49.8047, 0.01);

function snapshot(id: string, geometry: AreaGeometry, title: string): NoticeSnapshot {
  return {
    id,
    slug: `drill-${id.slice(0, 8)}`,
    exerciseId: null,
    city: 'Astana',
    timeZone: 'Asia/Almaty',
    startsAt: '2026-11-03T04:00:00.000Z',
    endsAt: '2026-11-03T09:00:00.000Z',
    texts: {
      ru: {
        title,
        summary: 'Учения у EXPO.',
        seeAndHear: 'Сирены.',
        doList: ['Объезжайте'],
        dontList: [],
        contacts: '112',
      },
      kk: {
        title: `${title} (kk)`,
        summary: 'Жаттығу.',
        seeAndHear: 'Сирена.',
        doList: [],
        dontList: [],
        contacts: '112',
      },
    },
    areas: [
      {
        id: 'a1',
        kind: 'area',
        texts: areaTexts('EXPO'),
        geometry,
        startsAt: null,
        endsAt: null,
        zoneId: null,
      },
    ],
  };
}

/**
 * Publishes a revision the way the notices workflow does (revision row and fan-out record in one
 * transaction), lets the fan-out worker expand it, and returns how many deliveries it wrote.
 */
async function publish(
  ctx: AppContext,
  snap: NoticeSnapshot,
  revision: number,
  kind: 'Alert' | 'Update' | 'Cancel',
): Promise<number> {
  await ctx.db.kysely.transaction().execute(async (trx) => {
    if (revision === 1)
      await noticeRepository.insert(trx, {
        id: snap.id,
        exercise_id: null,
        slug: snap.slug,
        status: 'published',
        city: 'Astana',
        time_zone: snap.timeZone,
        starts_at: snap.startsAt,
        ends_at: snap.endsAt,
        texts: JSON.stringify(snap.texts),
        areas: JSON.stringify(snap.areas),
        revision,
        version: 1,
        created_by: null,
        submitted_by: null,
        submitted_at: null,
        created_at: '2026-10-01T00:00:00.000Z',
        updated_at: '2026-10-01T00:00:00.000Z',
      });
    await noticeRepository.insertRevision(trx, {
      notice_id: snap.id,
      revision,
      kind,
      snapshot: JSON.stringify(snap),
      note: null,
      cap_identifier: `urn:test:${snap.id}:${revision}`,
      cap_xml: '<alert/>',
      drafted_by: 'a',
      published_by: 'b',
      published_at: ctx.clock.now().toISOString(),
    });
    await requestFanOut(ctx, trx, {
      sourceKind: 'notice',
      sourceId: snap.id,
      sequence: revision,
      mode: 'actual',
    });
  });
  return expand(ctx, snap.id, revision);
}

async function expand(ctx: AppContext, noticeId: string, revision: number): Promise<number> {
  await new FanOutWorker(ctx).drain();
  const row = await ctx.db.kysely
    .selectFrom('fanouts')
    .select(['written', 'status'])
    .where('source_kind', '=', 'notice')
    .where('source_id', '=', noticeId)
    .where('sequence', '=', revision)
    .executeTakeFirstOrThrow();
  expect(row.status).toBe('done');
  return Number(row.written);
}

const tokenIn = (mail: ParsedMail, path: string) =>
  new RegExp(`${path.replace(/\//g, '\\/').replace(/\?/g, '\\?')}\\?token=([A-Za-z0-9_-]{43})`).exec(
    mail.text ?? '',
  )?.[1];
const recipient = (mail: ParsedMail) =>
  mail.to && 'value' in mail.to ? mail.to.value[0]?.address : undefined;

describe.each(ENGINES)('subscriptions and the outbox on %s', (engine) => {
  let ctx: AppContext;
  let drop: () => Promise<void>;
  let smtp: TestSmtp;
  let now = new Date('2026-10-20T06:00:00.000Z');
  let dispatcher: OutboxDispatcher;
  const logged: string[] = [];
  const tokens: Record<string, { manage: string }> = {};

  /** Subscribes as the form does, then sends the outbox as a running server would. */
  async function subscribeNow(input: Parameters<typeof subscribe>[1]) {
    await subscribe(ctx, input);
    await dispatcher.drain();
  }

  async function subscribeAndConfirm(email: string, language: string, placeId: string) {
    const before = smtp.mails.length;
    await subscribeNow({ email, name: 'Resident', language, places: [{ placeId }] });
    const [mail] = (await smtp.waitFor(before + 1)).slice(before);
    const confirm = tokenIn(mail!, `/${language}/subscribe/confirm`);
    await confirmSubscription(ctx, confirm!);
    tokens[email] = { manage: tokenIn(mail!, `/${language}/subscription`)! };
    return confirm!;
  }

  beforeAll(async () => {
    smtp = await startTestSmtp();
    const rt = await openTestRuntime(engine);
    drop = rt.drop;
    ctx = contextFor(
      rt.ctx.db,
      { ...rt.ctx.config, smtpUrl: smtp.url, publicUrl: 'https://dabyl.example.kz' },
      { now: () => now },
    );
    dispatcher = new OutboxDispatcher(ctx, {
      backoffMs: 60_000,
      log: (level, m) => logged.push(`${level} ${m}`),
    });
    await subscribeAndConfirm('astana@example.org', 'ru', 'astana');
    await subscribeAndConfirm('pavlodar@example.org', 'kk', 'pavlodar');
  });
  afterAll(async () => {
    await ctx.channels.close();
    await smtp.close();
    await drop();
  });

  it('sends a notice for Astana to the Astana subscriber, in their language, and not to Pavlodar', async () => {
    const snap = snapshot('11111111-1111-4111-8111-111111111111', EXPO, 'Учения у EXPO');
    expect(await publish(ctx, snap, 1, 'Alert')).toBe(1);
    const before = smtp.mails.length;
    expect(await dispatcher.drain()).toBe(1);
    const [mail] = (await smtp.waitFor(before + 1)).slice(before);
    expect(recipient(mail!)).toBe('astana@example.org');
    expect(mail!.subject).toBe('Учения у EXPO');
    expect(mail!.text).toContain('Это учения. Не звоните в экстренные службы.');
    // Long header lines are folded on the wire; unfolded they read as one.
    expect(mail!.headerLines.find((h) => h.key === 'list-unsubscribe')?.line.replace(/\r\n\s+/g, ' ')).toBe(
      `List-Unsubscribe: <https://dabyl.example.kz/unsubscribe?token=${tokens['astana@example.org']!.manage}>`,
    );
    // The same revision fanned out again writes nothing: nobody gets it twice.
    expect(await publish(ctx, { ...snap }, 1, 'Alert').catch(() => 'duplicate revision')).toBe(
      'duplicate revision',
    );
    await ctx.db.kysely
      .transaction()
      .execute((trx) =>
        requestFanOut(ctx, trx, { sourceKind: 'notice', sourceId: snap.id, sequence: 1, mode: 'actual' }),
      );
    // A fan-out resumed (its worker died: status back to expanding with a lapsed lease) twice.
    for (let i = 0; i < 2; i++) {
      await ctx.db.kysely
        .updateTable('fanouts')
        .set({ status: 'expanding', lease_until: '2000-01-01T00:00:00.000Z' })
        .where('source_id', '=', snap.id)
        .execute();
      expect(await expand(ctx, snap.id, 1)).toBe(1);
    }
    expect(await dispatcher.drain()).toBe(0);
    const [progress] = (await fanOuts(ctx)).filter((f) => f.sourceId === snap.id);
    expect(progress).toMatchObject({
      matched: 1,
      written: 1,
      status: 'done',
      channels: { email: { sent: 1 } },
    });
  });

  it('sends an update to every earlier recipient even when the area moved away from them', async () => {
    const id = '11111111-1111-4111-8111-111111111111';
    const moved = snapshot(id, KARAGANDA_CENTRE, 'Учения перенесены в Караганду');
    expect(await publish(ctx, moved, 2, 'Update')).toBe(1);
    const before = smtp.mails.length;
    await dispatcher.drain();
    const [mail] = (await smtp.waitFor(before + 1)).slice(before);
    expect(recipient(mail!)).toBe('astana@example.org');
    expect(mail!.subject).toBe('Обновлено: Учения перенесены в Караганду');
  });

  it('says when the subscriber’s language was never written and gives the languages that exist', async () => {
    const before = smtp.mails.length;
    await subscribeAndConfirm('english@example.org', 'en', 'astana-nura');
    const snap = snapshot('22222222-2222-4222-8222-222222222222', EXPO, 'Учения');
    expect(await publish(ctx, snap, 1, 'Alert')).toBe(2);
    await dispatcher.drain();
    const mails = (await smtp.waitFor(before + 3)).slice(before + 1);
    const english = mails.find((m) => recipient(m) === 'english@example.org')!;
    expect(english.text).toContain('This notice was not written in English. It exists in: қазақша, русский.');
    expect(english.text).toContain('Учения у EXPO.');
  });

  it('keeps everything through an hour-long outage, logs it once, and sends it all when the server is back', async () => {
    smtp.failWith = 451;
    logged.length = 0;
    const snap = snapshot('33333333-3333-4333-8333-333333333333', EXPO, 'Третьи учения');
    expect(await publish(ctx, snap, 1, 'Alert')).toBe(2);
    expect(await dispatcher.runOnce()).toBe(2);
    // Down: nothing is tried again until the channel's probe is due, then one delivery at a time.
    expect(await dispatcher.runOnce()).toBe(0);
    for (let minute = 0; minute < 60; minute++) {
      now = new Date(now.getTime() + 60_000);
      expect(await dispatcher.runOnce()).toBeLessThanOrEqual(1);
    }
    expect((await deadLetters(ctx)).filter((d) => d.sourceId === snap.id)).toEqual([]);
    // One line when it began and a summary every five minutes, not a line per delivery.
    const outage = logged.filter((l) => l.includes('email'));
    expect(outage[0]).toMatch(/^warn outbox: email is failing \(.*451/);
    expect(outage.length).toBeLessThanOrEqual(14);
    smtp.failWith = null;
    now = new Date(now.getTime() + 60_000);
    const before = smtp.mails.length;
    await dispatcher.drain();
    await smtp.waitFor(before + 2);
    expect(logged.at(-1)).toMatch(/^info outbox: email is back after \d+ s/);
    const sent = await ctx.db.kysely
      .selectFrom('deliveries')
      .select(['status', 'handed_at', 'acknowledged_at', 'created_at'])
      .where('source_id', '=', snap.id)
      .execute();
    expect(sent.map((d) => d.status)).toEqual(['sent', 'sent']);
    for (const d of sent)
      expect(d.acknowledged_at! >= d.handed_at! && d.handed_at! >= d.created_at).toBe(true);
  });

  it('dead-letters after the retry horizon or at once on a permanent refusal; retried one by one or in bulk', async () => {
    smtp.failWith = 451;
    const snap = snapshot('44444444-4444-4444-8444-444444444444', EXPO, 'Четвёртые учения');
    expect(await publish(ctx, snap, 1, 'Alert')).toBe(2);
    await dispatcher.runOnce();
    now = new Date(now.getTime() + ctx.config.outboxRetryHorizonMs);
    await dispatcher.drain();
    now = new Date(now.getTime() + 60_000);
    await dispatcher.drain();
    const dead = (await deadLetters(ctx)).filter((d) => d.sourceId === snap.id);
    expect(dead.map((d) => d.address).sort()).toEqual(['astana@example.org', 'english@example.org']);
    expect(dead.every((d) => /^gave up after 24 h: .*451/.test(d.lastError ?? ''))).toBe(true);
    expect(dead[0]).toMatchObject({ sourceKind: 'notice', sequence: 1, label: snap.slug, mode: 'actual' });
    smtp.failWith = null;
    // The channel's next probe is due a minute on; a retry waits for it like everything else.
    now = new Date(now.getTime() + 60_000);
    const before = smtp.mails.length;
    await retryDelivery(ctx, SYSTEM_ACTOR, dead[0]!.id);
    await expect(retryDelivery(ctx, SYSTEM_ACTOR, dead[0]!.id)).rejects.toThrow(/Only a dead letter/);
    expect(await dispatcher.drain()).toBe(1);
    await smtp.waitFor(before + 1);
    expect((await deadLetters(ctx)).filter((d) => d.sourceId === snap.id)).toHaveLength(1);
    expect(await retryDeadLetters(ctx, SYSTEM_ACTOR, { sourceId: snap.id })).toEqual({ retried: 1 });
    expect(await retryDeadLetters(ctx, SYSTEM_ACTOR, { sourceId: snap.id })).toEqual({ retried: 0 });
    expect(await dispatcher.drain()).toBe(1);
    await smtp.waitFor(before + 2);

    smtp.failWith = 550;
    const refused = snapshot('55555555-5555-4555-8555-555555555555', EXPO, 'Пятые учения');
    expect(await publish(ctx, refused, 1, 'Alert')).toBe(2);
    expect(await dispatcher.runOnce()).toBe(2);
    smtp.failWith = null;
    const gone = (await deadLetters(ctx)).filter((d) => d.sourceId === refused.id);
    expect(gone.map((d) => [d.attempts, /550/.test(d.lastError ?? '')])).toEqual([
      [1, true],
      [1, true],
    ]);
    expect(await dispatcher.drain()).toBe(0);
  });

  it('tells a guessed, an expired and a reused confirmation link apart and changes nothing', async () => {
    await expect(confirmSubscription(ctx, 'A'.repeat(43))).rejects.toMatchObject({ code: 'token_unknown' });
    await expect(confirmSubscription(ctx, 'short')).rejects.toMatchObject({ code: 'token_unknown' });
    const before = smtp.mails.length;
    await subscribeNow({ email: 'late@example.org', language: 'kk', places: [{ placeId: 'karaganda' }] });
    const [mail] = (await smtp.waitFor(before + 1)).slice(before);
    const token = tokenIn(mail!, '/kk/subscribe/confirm')!;
    const saved = now;
    now = new Date(now.getTime() + 49 * 3_600_000);
    await expect(confirmSubscription(ctx, token)).rejects.toMatchObject({
      code: 'token_expired',
      status: 410,
    });
    now = saved;
    await confirmSubscription(ctx, token);
    await expect(confirmSubscription(ctx, token)).rejects.toMatchObject({ code: 'token_used', status: 409 });
  });

  it('answers a second subscription of an address the same way and tells only its owner', async () => {
    const before = smtp.mails.length;
    await expect(
      subscribeNow({ email: 'Astana@Example.org', language: 'en', places: [{ placeId: 'almaty' }] }),
    ).resolves.toBeUndefined();
    const [mail] = (await smtp.waitFor(before + 1)).slice(before);
    expect(mail!.subject).toBe('Вы уже подписаны — Дабыл');
    expect(
      (await subscriberData(ctx, tokens['astana@example.org']!.manage)).places.map((p) => p.label),
    ).toEqual(['Астана']);
  });

  it('refuses a line break in a name and a circle the size of the country, naming the field', async () => {
    await expect(
      subscribe(ctx, {
        email: 'x@example.org',
        name: 'Eve\r\nBcc: all@example.org',
        language: 'en',
        places: [{ placeId: 'astana' }],
      }),
    ).rejects.toMatchObject({ code: 'invalid_input', field: 'name' });
    await expect(
      subscribe(ctx, {
        email: 'x@example.org',
        language: 'en',
        places: [{ lon: 67, lat: 48, radiusM: 1_500_000 }],
      }),
    ).rejects.toMatchObject({ field: 'places/0/radiusM', detail: expect.stringMatching(/largest is 50 km/) });
    await expect(
      subscribe(ctx, {
        email: 'x@example.org',
        language: 'en',
        places: [{ lon: 71.4, lat: 51.1, radiusM: 0 }],
      }),
    ).rejects.toMatchObject({ field: 'places/0/radiusM' });
    expect(
      await ctx.db.kysely
        .selectFrom('subscribers')
        .select('id')
        .where('email', '=', 'x@example.org')
        .execute(),
    ).toEqual([]);
  });

  it('unsubscribes in one click (twice is fine), and erases everything on request', async () => {
    const manage = tokens['pavlodar@example.org']!.manage;
    await unsubscribe(ctx, manage);
    await unsubscribe(ctx, manage);
    expect((await subscriberData(ctx, manage)).status).toBe('unsubscribed');
    const astana = tokens['astana@example.org']!.manage;
    const data = await subscriberData(ctx, astana);
    expect(data).toMatchObject({
      email: 'astana@example.org',
      name: 'Resident',
      language: 'ru',
      channels: ['email'],
    });
    expect(data.deliveries.filter((d) => d.status === 'sent').length).toBeGreaterThanOrEqual(2);
    await eraseSubscriber(ctx, astana);
    await expect(subscriberData(ctx, astana)).rejects.toMatchObject({ code: 'token_unknown' });
    const db = ctx.db.kysely;
    expect(
      await db.selectFrom('subscribers').select('id').where('email', '=', 'astana@example.org').execute(),
    ).toEqual([]);
    expect(
      await db.selectFrom('deliveries').select('id').where('address', '=', 'astana@example.org').execute(),
    ).toEqual([]);
    const audit = await db
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('action', '=', 'subscriber.erased')
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain('astana@example.org');
  });
});
