import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, openTestRuntime } from '../../test/support/engines.js';
import { exerciseRow } from '../../test/support/exercise-row.js';
import { startTestSmsc, type TestSmsc } from '../../test/support/smsc.js';
import { notSentOver } from '../channels/channel.js';
import { smsLedgerOf } from '../channels/sms/sms.ledger.js';
import { SmsChannel, smsReference, type SmsLedger } from '../channels/sms/sms.channel.js';
import { EXERCISE_HEAD } from '../core/outbox/traffic.js';
import { contextFor } from '../runtime.js';
import type { AppContext } from '../services/context.js';
import type { OutboxSource } from '../services/outbox/source.js';
import { outboxSources } from '../services/outbox/sources.js';
import { deliveryRepository, type NewDelivery } from '../store/delivery.repository.js';
import { exerciseRepository } from '../store/exercise.repository.js';
import { OutboxDispatcher } from './outbox.dispatcher.js';

/*
 * SMS end to end: a delivery on channel `sms` goes through the dispatcher (verdict, marking) and
 * the SMPP channel to a real SMPP server, and its receipts come back to the delivery row. An
 * inject-like source stands in for the injects and alerts to come.
 */

const injectSource: OutboxSource<{ ru: string; en: string }> = {
  kind: 'drill',
  load: async () => ({
    ru: 'Вводная 12: захват заложников в аэропорту Караганды. Группе 7 выдвинуться к терминалу.',
    en: 'Inject 12: hostages taken at Karaganda airport. Team 7 to move to the terminal.',
  }),
  render: async (_ctx, s, target) => {
    if (target.kind !== 'sms') throw notSentOver('drill', target.kind);
    return { kind: 'sms', text: target.language === 'ru' ? s.ru : s.en };
  },
  // eslint-disable-next-line require-yield -- deliveries are written directly in these tests
  audience: async function* () {
    return;
  },
};

const EXERCISE = '0e000000-0000-4000-8000-0000000000a5';
/** The Russian SMS of the inject as the outbox renders it, so that every try sends the same parts. */
const RENDERED_RU = [
  `${EXERCISE_HEAD} - УЧЕНИЯ`,
  'Вводная 12: захват заложников в аэропорту Караганды. Группе 7 выдвинуться к терминалу.',
  `-- ${EXERCISE_HEAD}: Караганда-2026`,
].join('\n');

describe.each(ENGINES)('SMS deliveries through the outbox on %s', (engine) => {
  let ctx: AppContext;
  let smsc: TestSmsc;
  let drop: () => Promise<void>;
  let dispatcher: OutboxDispatcher;
  const now = new Date('2026-10-25T05:00:00.000Z');

  const delivery = (over: Partial<NewDelivery> = {}): NewDelivery => ({
    id: randomUUID(),
    source_kind: 'drill',
    source_id: 'inject-12',
    sequence: 1,
    recipient_kind: 'participant',
    recipient_id: randomUUID(),
    channel: 'sms',
    address: '+77011234567',
    language: 'ru',
    mode: 'exercise',
    exercise_id: EXERCISE,
    priority: 0,
    status: 'pending',
    next_attempt_at: now.toISOString(),
    created_at: now.toISOString(),
    ...over,
  });
  const write = (...rows: NewDelivery[]) => deliveryRepository.insertMany(ctx.db.kysely, ctx.db.engine, rows);
  const row = async (id: string) => (await deliveryRepository.byId(ctx.db.kysely, id))!;
  const partsOf = (id: string) =>
    ctx.db.kysely
      .selectFrom('sms_parts')
      .selectAll()
      .where('delivery_id', '=', id)
      .orderBy('round')
      .orderBy('part')
      .execute();
  /** A ledger write that never finishes: the process is killed before it could. */
  const never = new Promise<void>(() => undefined);
  /** One bind of a process about to be killed, its ledger as `ledger` lets it write. */
  const doomedChannel = (ledger: SmsLedger) =>
    new SmsChannel({
      url: smsc.url,
      source: ctx.config.smpp.source,
      binds: 1,
      ratePerSecond: 1000,
      timeoutMs: 500,
      maxSegments: 10,
      ledger,
    });
  /** Waits (without a time limit of its own) until the delivery's row says what `ok` wants. */
  const until = async (id: string, ok: (r: Awaited<ReturnType<typeof row>>) => boolean) => {
    for (;;) {
      const r = await row(id);
      if (ok(r)) return r;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  beforeAll(async () => {
    smsc = await startTestSmsc();
    const rt = await openTestRuntime(engine);
    drop = rt.drop;
    const config = {
      ...rt.ctx.config,
      smpp: { ...rt.ctx.config.smpp, url: smsc.url, ratePerSecond: 1000, timeoutMs: 500 },
    };
    ctx = {
      ...contextFor(rt.ctx.db, config, { now: () => now }),
      sources: new Map([...outboxSources(), ['drill', injectSource as OutboxSource]]),
    };
    await exerciseRepository.insert(
      ctx.db.kysely,
      exerciseRow({
        id: EXERCISE,
        name: 'Караганда-2026',
        status: 'conduct',
        startex: now.toISOString(),
        endex: now.toISOString(),
        city: 'Karaganda',
        created_at: now.toISOString(),
      }),
    );
    dispatcher = new OutboxDispatcher(ctx);
  });
  afterAll(async () => {
    await ctx.channels.close();
    await smsc.close();
    await drop();
  });

  it('marks an inject as exercise traffic, sends it as UCS-2 parts and records the receipts', async () => {
    const d = delivery();
    await write(d);
    expect(await dispatcher.drain()).toBe(1);
    const [sms] = await smsc.waitForMessages(1);
    expect(sms!.text.split('\n')).toEqual([
      `${EXERCISE_HEAD} - УЧЕНИЯ`,
      'Вводная 12: захват заложников в аэропорту Караганды. Группе 7 выдвинуться к терминалу.',
      `-- ${EXERCISE_HEAD}: Караганда-2026`,
    ]);
    expect(sms!.dataCoding).toBe(8);
    expect(sms!.destination).toBe('77011234567');
    expect(sms!.parts.length).toBeGreaterThan(1);
    const sent = await row(d.id);
    expect(sent).toMatchObject({ status: 'sent', attempts: 1 });
    expect(sent.provider_id).toBe(sms!.parts.map((p) => p.messageId).join(','));
    const delivered = await until(d.id, (r) => r.receipt !== null);
    expect(delivered).toMatchObject({ receipt: 'DELIVRD', delivered_at: now.toISOString() });
    expect((await partsOf(d.id)).map((p) => [p.message_id, p.receipt])).toEqual(
      sms!.parts.map((p) => [p.messageId, 'DELIVRD']),
    );
  });

  it('retries after the SMSC’s answer timed out without sending the SMS twice', async () => {
    const d = delivery({ language: 'en', address: '+77051112233' });
    const before = smsc.parts.length;
    smsc.holdAnswers = true;
    await write(d);
    await dispatcher.drain();
    const waiting = await row(d.id);
    expect(waiting.status).toBe('pending');
    expect(waiting.last_error).toMatch(/no answer from the SMSC .* will not be sent again/);
    smsc.holdAnswers = false;
    smsc.release();
    // The outbox's next try, after its back-off: the late answer is taken, nothing is resubmitted.
    const later = { ...ctx, clock: { now: () => new Date(now.getTime() + 60_000) } };
    await new OutboxDispatcher(later).drain();
    expect(await row(d.id)).toMatchObject({ status: 'sent', attempts: 2 });
    // Every part arrived once: as many parts as the message has, each number once.
    const mine = smsc.parts.slice(before);
    const total = mine[0]!.concat?.total ?? 1;
    expect(mine.map((p) => p.concat?.seq ?? 1).sort()).toEqual(
      Array.from({ length: total }, (_, i) => i + 1),
    );
    // On one bind, in order.
    expect(new Set(mine.map((p) => p.session)).size).toBe(1);
    expect((await row(d.id)).provider_id).toBe(mine.map((p) => p.messageId).join(','));
    // The outage tracker of the dispatcher that saw the timeout still counts the channel down.
    dispatcher = new OutboxDispatcher(ctx);
  });

  it('dead-letters a part in doubt, and a person’s retry sends it again', async () => {
    const d = delivery({ language: 'en', address: '+77770001122' });
    const before = smsc.parts.length;
    smsc.dropOnNextSubmit = true;
    await write(d);
    await dispatcher.drain();
    expect(await row(d.id)).toMatchObject({ status: 'dead' });
    expect((await row(d.id)).last_error).toMatch(/may have reached the SMSC/);
    // Parts the SMSC answered are recorded (the ledger writes answers just after the send returns);
    // the others are in doubt.
    const answered = smsc.parts.slice(before).filter((p) => p.answered).length;
    for (;;) {
      const rows = await partsOf(d.id);
      if (rows.filter((p) => p.message_id !== null).length === answered) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const once = smsc.parts.slice(before).length;
    const doubts = (await partsOf(d.id)).filter((p) => p.message_id === null).length;
    expect(doubts).toBeGreaterThan(0);
    expect(await deliveryRepository.revive(ctx.db.kysely, d.id, now.toISOString())).toBe(true);
    await smsc.waitForBinds(smsc.binds);
    await dispatcher.drain();
    expect(await row(d.id)).toMatchObject({ status: 'sent' });
    // The parts in doubt were submitted once more, at the person's word; the accepted ones were not.
    expect(smsc.parts.slice(before).length).toBe(once + doubts);
  });

  it('sends the parts a killed process wrote down but never handed over, and keeps handed ones in doubt', async () => {
    // As a process killed while the message's parts waited their turn at the bind's rate leaves it.
    const d = delivery({ address: '+77015550011' });
    await write(d);
    const made = new Date(now.getTime() - 60_000).toISOString();
    await ctx.db.kysely
      .insertInto('sms_parts')
      .values(
        [1, 2].map((part) => ({
          delivery_id: d.id,
          part,
          submitted_at: made,
          handed_at: null,
          message_id: null,
        })),
      )
      .execute();
    const before = smsc.messages.length;
    await dispatcher.drain();
    expect(await row(d.id)).toMatchObject({ status: 'sent' });
    const [sms] = (await smsc.waitForMessages(before + 1)).slice(before);
    expect(sms!.destination).toBe('77015550011');
    expect(smsc.parts.filter((p) => p.destination === '77015550011')).toHaveLength(sms!.parts.length);
    for (;;) {
      const rows = await partsOf(d.id);
      if (rows.every((p) => p.message_id !== null)) {
        expect(rows.every((p) => p.handed_at !== null)).toBe(true);
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }

    // Every part handed over, one whose answer never came: the message may be whole at the
    // handset, so nothing is sent again.
    const doubtful = delivery({ address: '+77015550022' });
    await write(doubtful);
    await ctx.db.kysely
      .insertInto('sms_parts')
      .values(
        sms!.parts.map((_, k) => ({
          delivery_id: doubtful.id,
          part: k + 1,
          submitted_at: made,
          handed_at: made,
          message_id: k === 0 ? null : `earlier-${k + 1}`,
        })),
      )
      .execute();
    await dispatcher.drain();
    expect(await row(doubtful.id)).toMatchObject({ status: 'dead' });
    expect((await row(doubtful.id)).last_error).toMatch(/may have reached the SMSC/);
    expect(smsc.parts.filter((p) => p.destination === '77015550022')).toHaveLength(0);
  });

  it('a message whose last part is sent after a restart reads whole beside another to the same number', async () => {
    // Two messages to one number whose delivery ids hash to the same concatenation reference.
    const phone = '+77015550044';
    const late = delivery({
      address: phone,
      next_attempt_at: new Date(now.getTime() + 3_600_000).toISOString(),
    });
    let other = delivery({ address: phone });
    while (smsReference(other.id) !== smsReference(late.id)) other = delivery({ address: phone });
    await write(late);
    const text = RENDERED_RU;

    // The process that sends `late` is killed after its part 1 left and was answered, while the
    // others waited for their turn: their stamps never come, and its connection and memory go.
    const ledger = smsLedgerOf(ctx.db.kysely, ctx.db.engine);
    const killed = doomedChannel({
      ...ledger,
      handed: (id, part, round) => (part === 1 ? ledger.handed(id, part, round) : never),
    });
    // Its send never finishes: the process is gone before it could tell the outbox anything.
    killed
      .send({ deliveryId: late.id, to: phone, language: 'ru', message: { kind: 'sms', text } })
      .catch(() => undefined);
    for (;;) {
      const rows = await partsOf(late.id);
      if (rows.find((p) => p.part === 1)?.message_id) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await killed.close();
    const at = () => smsc.parts.filter((p) => p.destination === phone.slice(1));
    expect(at()).toHaveLength(1);

    // The next process sends the other message first, then the rest of the first.
    await write(other);
    await dispatcher.drain();
    expect(await row(other.id)).toMatchObject({ status: 'sent' });
    await ctx.db.kysely
      .updateTable('deliveries')
      .set({ next_attempt_at: now.toISOString() })
      .where('id', '=', late.id)
      .execute();
    await dispatcher.drain();
    expect(await row(late.id)).toMatchObject({ status: 'sent' });

    // The handset puts both messages together whole, and each part went once.
    const whole = smsc.messages.filter((m) => m.destination === phone.slice(1));
    expect(whole.map((m) => m.text)).toEqual([text, text]);
    expect(whole[0]!.parts.length).toBeGreaterThan(2);
    expect(at()).toHaveLength(whole[0]!.parts.length + whole[1]!.parts.length);
    expect(new Set(whole.map((m) => m.parts[0]!.concat!.reference)).size).toBe(2);
  });

  it('a message left with a part in doubt and a later part never handed goes again whole under a new reference, and reads once', async () => {
    const phone = '+77015550066';
    const d = delivery({
      address: phone,
      next_attempt_at: new Date(now.getTime() + 3_600_000).toISOString(),
    });
    await write(d);
    const text = RENDERED_RU;
    // The process is killed after part 2 left and the SMSC answered it, before the answer was
    // written down, while part 3 waited for its turn: part 2 may be at the handset, part 3 is not.
    const ledger = smsLedgerOf(ctx.db.kysely, ctx.db.engine);
    const killed = doomedChannel({
      ...ledger,
      handed: (id, part, round) => (part >= 3 ? never : ledger.handed(id, part, round)),
      accepted: (id, part, messageId, at, round) =>
        part === 2 ? never : ledger.accepted(id, part, messageId, at, round),
    });
    killed
      .send({ deliveryId: d.id, to: phone, language: 'ru', message: { kind: 'sms', text } })
      .catch(() => undefined);
    const at = () => smsc.parts.filter((p) => p.destination === phone.slice(1));
    for (;;) {
      const rows = await partsOf(d.id);
      if (rows.find((p) => p.part === 1)?.message_id && at().length === 2) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await killed.close();
    const first = at()[0]!.concat!.reference;

    await ctx.db.kysely
      .updateTable('deliveries')
      .set({ next_attempt_at: now.toISOString() })
      .where('id', '=', d.id)
      .execute();
    await dispatcher.drain();
    expect(await row(d.id)).toMatchObject({ status: 'sent' });

    // The handset shows the message once, whole, from the second sending; the first stays two
    // parts that never make a message.
    const whole = (await smsc.waitForMessages(smsc.messages.length)).filter(
      (m) => m.destination === phone.slice(1),
    );
    expect(whole.map((m) => m.text)).toEqual([text]);
    const total = whole[0]!.parts.length;
    expect(total).toBeGreaterThan(2);
    expect(at()).toHaveLength(2 + total);
    expect(whole[0]!.parts[0]!.concat!.reference).not.toBe(first);
    const rows = await partsOf(d.id);
    expect(
      rows.filter((p) => p.round === 1).map((p) => [p.part, p.handed_at !== null, p.message_id !== null]),
    ).toEqual(Array.from({ length: total }, (_, k) => [k + 1, k < 2, k === 0]));
    const second = rows.filter((p) => p.round === 2);
    expect(second.map((p) => p.part)).toEqual(Array.from({ length: total }, (_, k) => k + 1));
    expect(second.every((p) => p.reference === whole[0]!.parts[0]!.concat!.reference)).toBe(true);
    // The delivery's receipt is the second sending's, whatever the first one's parts report.
    const delivered = await until(d.id, (r) => r.receipt !== null);
    expect(delivered.receipt).toBe('DELIVRD');
    expect(delivered.provider_id).toBe(whole[0]!.parts.map((p) => p.messageId).join(','));
  });

  it('a bulk retry of dead letters forgets their doubts too, and leaves the answered parts alone', async () => {
    const d = delivery({ language: 'en', address: '+77019998877', source_id: 'inject-13' });
    smsc.dropOnNextSubmit = true;
    await write(d);
    await dispatcher.drain();
    expect(await row(d.id)).toMatchObject({ status: 'dead' });
    expect(
      await deliveryRepository.reviveMany(ctx.db.kysely, { sourceId: 'inject-13' }, now.toISOString()),
    ).toBe(1);
    await smsc.waitForBinds(smsc.binds);
    await dispatcher.drain();
    expect(await row(d.id)).toMatchObject({ status: 'sent' });
    const whole = await smsc.waitForMessages(smsc.messages.length);
    expect(whole.some((m) => m.destination === '77019998877')).toBe(true);
  });

  it('sends rehearsal SMS to the sink, never to the SMSC', async () => {
    const before = smsc.parts.length;
    const d = delivery({ mode: 'rehearsal' });
    await write(d);
    await dispatcher.drain();
    expect(await row(d.id)).toMatchObject({ status: 'sent', provider_id: `sink:${d.id}` });
    expect(smsc.parts.length).toBe(before);
  });
});
