import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ENGINES, openTestRuntime } from '../../test/support/engines.js';
import { exerciseRow } from '../../test/support/exercise-row.js';
import { startTestSmtp, type TestSmtp } from '../../test/support/smtp.js';
import { notSentOver } from '../channels/channel.js';
import { SinkChannel } from '../channels/sink/sink.channel.js';
import { EXERCISE_HEAD } from '../core/outbox/traffic.js';
import { contextFor } from '../runtime.js';
import type { AppContext } from '../services/context.js';
import type { OutboxSource } from '../services/outbox/source.js';
import { outboxSources } from '../services/outbox/sources.js';
import { deliveryRepository, type NewDelivery } from '../store/delivery.repository.js';
import { exerciseRepository } from '../store/exercise.repository.js';
import { failureText } from '../core/messages/messages.js';
import { OutboxDispatcher } from './outbox.dispatcher.js';

/*
 * What the dispatcher enforces for every source, whoever wrote the delivery: exercise marking on
 * the message, NO PLAY, rehearsal to the sink, the phone book kept from residents, and a renderer
 * that fails for one language. A small source kind stands in for the injects and alerts to come;
 * the channel is real e-mail to a real SMTP server.
 */

/** An inject-like source: its text per language, and no Kazakh text at all. */
const drillSource: OutboxSource<{ ru: string; en: string }> = {
  kind: 'drill',
  load: async (_ctx, id) =>
    id === 'gone' ? undefined : { ru: 'Пожар в школе №3.', en: 'Fire at school 3.' },
  render: async (_ctx, s, target) => {
    if (target.language !== 'ru' && target.language !== 'en')
      throw new Error(`no text in ${target.language}`);
    if (target.kind !== 'email') throw notSentOver('drill', target.kind);
    const text = s[target.language];
    return { kind: 'email', subject: 'Inject 12', text, html: `<html><body><p>${text}</p></body></html>` };
  },
  // eslint-disable-next-line require-yield -- deliveries are written directly in these tests
  audience: async function* () {
    return;
  },
};

/**
 * A source whose messages need something per recipient from a batch read (as an inject's links
 * do): what `prepare` saw, and whether it fails, is the test's to see and say.
 */
const roster = {
  prepared: [] as string[][],
  failNext: false,
  /** Thrown by the next render, once. */
  renderFault: null as unknown,
};
const rosterSource: OutboxSource<{ version: number }, Map<string, string>> = {
  kind: 'roster',
  load: async (_ctx, _id, sequence) => ({ version: sequence }),
  prepare: async (_ctx, s, targets) => {
    roster.prepared.push(targets.map((t) => t.deliveryId!));
    if (roster.failNext) {
      roster.failNext = false;
      throw new Error('the roster is locked');
    }
    return new Map(
      targets.map((t, i) => [t.deliveryId!, `seat ${i + 1} of ${targets.length}, v${s.version}`]),
    );
  },
  render: async (_ctx, _s, target, prepared) => {
    const fault = roster.renderFault;
    roster.renderFault = null;
    if (fault) throw fault;
    const seat = prepared?.get(target.deliveryId!) ?? 'alone';
    return { kind: 'email', subject: 'Roster', text: seat, html: `<html><body><p>${seat}</p></body></html>` };
  },
  // eslint-disable-next-line require-yield -- deliveries are written directly in these tests
  audience: async function* () {
    return;
  },
};

const EXERCISE = '0e000000-0000-4000-8000-000000000001';

describe.each(ENGINES)('the dispatcher’s safety rules on %s', (engine) => {
  let ctx: AppContext;
  let smtp: TestSmtp;
  let drop: () => Promise<void>;
  let dispatcher: OutboxDispatcher;
  const now = new Date('2026-10-25T05:00:00.000Z');

  const delivery = (over: Partial<NewDelivery>): NewDelivery => ({
    id: randomUUID(),
    source_kind: 'drill',
    source_id: 'inject-12',
    sequence: 1,
    recipient_kind: 'participant',
    recipient_id: randomUUID(),
    channel: 'email',
    address: 'patrol-7@police.example.kz',
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
  const statusOf = async (id: string) => (await deliveryRepository.byId(ctx.db.kysely, id))!;

  beforeAll(async () => {
    smtp = await startTestSmtp();
    const rt = await openTestRuntime(engine);
    drop = rt.drop;
    ctx = {
      ...contextFor(rt.ctx.db, { ...rt.ctx.config, smtpUrl: smtp.url }, { now: () => now }),
      sources: new Map([
        ...outboxSources(),
        ['drill', drillSource as OutboxSource],
        ['roster', rosterSource as OutboxSource],
      ]),
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
    await smtp.close();
    await drop();
  });

  it('marks exercise traffic on the subject, the text and the page, and closes it with the exercise', async () => {
    const d = delivery({});
    await write(d);
    expect(await dispatcher.drain()).toBe(1);
    const [mail] = await smtp.waitFor(1);
    expect(mail!.subject).toBe(`${EXERCISE_HEAD} - УЧЕНИЯ: Inject 12`);
    expect(mail!.text!.trim().split('\n')).toEqual([
      `${EXERCISE_HEAD} - УЧЕНИЯ`,
      'Пожар в школе №3.',
      `-- ${EXERCISE_HEAD}: Караганда-2026`,
    ]);
    expect(mail!.html).toMatch(new RegExp(`<body><p[^>]*>${EXERCISE_HEAD} - УЧЕНИЯ</p><p>Пожар`));
    expect(await statusOf(d.id)).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('holds an exercise’s deliveries at once under NO PLAY, and sends them when play resumes', async () => {
    await ctx.db.kysely
      .updateTable('exercises')
      .set({ no_play_at: now.toISOString(), no_play_reason: 'real fire nearby', no_play_by: 'director' })
      .where('id', '=', EXERCISE)
      .execute();
    const held = delivery({ address: 'medics@example.kz' });
    await write(held);
    expect(await dispatcher.drain()).toBe(0);
    expect(await statusOf(held.id)).toMatchObject({ status: 'pending', attempts: 0 });
    await ctx.db.kysely
      .updateTable('exercises')
      .set({ no_play_at: null })
      .where('id', '=', EXERCISE)
      .execute();
    expect(await dispatcher.drain()).toBe(1);
    await smtp.waitFor(2);
    expect(smtp.mails.at(-1)!.subject).toMatch(new RegExp(`^${EXERCISE_HEAD}`));
  });

  it('sends rehearsal traffic to the sink, never to the address, and keeps what it would have said', async () => {
    const before = smtp.mails.length;
    const d = delivery({ mode: 'rehearsal', address: 'real-person@example.kz' });
    await write(d);
    expect(await dispatcher.drain()).toBe(1);
    expect(await statusOf(d.id)).toMatchObject({ status: 'sent', provider_id: `sink:${d.id}` });
    const kept = await ctx.db.kysely
      .selectFrom('rehearsal_messages')
      .selectAll()
      .where('delivery_id', '=', d.id)
      .executeTakeFirstOrThrow();
    // Marked as the exercise would send it, so what the controllers read is what players would.
    expect(JSON.parse(kept.message)).toMatchObject({
      kind: 'email',
      subject: `${EXERCISE_HEAD} - УЧЕНИЯ: Inject 12`,
      text: `${EXERCISE_HEAD} - УЧЕНИЯ\nПожар в школе №3.\n-- ${EXERCISE_HEAD}: Караганда-2026`,
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(smtp.mails).toHaveLength(before);
  });

  it('refuses exercise traffic to a resident when the exercise does not include the public', async () => {
    const d = delivery({ recipient_kind: 'subscriber', address: 'resident@example.org' });
    await write(d);
    await dispatcher.drain();
    expect(await statusOf(d.id)).toMatchObject({
      status: 'dead',
      last_error: 'refused: this exercise does not include the public',
    });
  });

  it('will not even store an actual delivery that names an exercise or a player', async () => {
    await expect(write(delivery({ mode: 'actual' }))).rejects.toThrow(/deliveries_actual_is_real|CHECK/i);
    await expect(write(delivery({ mode: 'actual', exercise_id: null }))).rejects.toThrow(
      /deliveries_actual_is_real|CHECK/i,
    );
  });

  it('dead-letters one language that cannot be rendered and sends the others', async () => {
    const kk = delivery({ language: 'kk', address: 'kk@example.kz' });
    const en = delivery({ language: 'en', address: 'en@example.kz' });
    const gone = delivery({ source_id: 'gone', address: 'gone@example.kz' });
    const before = smtp.mails.length;
    await write(kk, en, gone);
    await dispatcher.drain();
    const failed = await statusOf(kk.id);
    expect(failed.last_error).toBe('the drill could not be rendered in Kazakh: no text in kk');
    // The reason is kept beside the text, so each reader is told it in their own language.
    expect(failureText('ru', failed.last_error, failed.last_reason)).toBe(
      'drill: не удалось составить сообщение на казахском языке: no text in kk',
    );
    expect(await statusOf(kk.id)).toMatchObject({ status: 'dead' });
    expect(await statusOf(gone.id)).toMatchObject({ status: 'dead', last_error: 'drill gone (1) is gone' });
    expect(await statusOf(en.id)).toMatchObject({ status: 'sent' });
    const [mail] = (await smtp.waitFor(before + 1)).slice(before);
    expect(mail!.subject).toBe(`${EXERCISE_HEAD} - DRILL: Inject 12`);
  });

  it('lets only a send through the channel itself end or start the channel’s outage, not the rehearsal sink', async () => {
    let at = new Date(now.getTime() + 60 * 60_000);
    const logged: string[] = [];
    const own = new OutboxDispatcher(
      { ...ctx, clock: { now: () => at } },
      { log: (level, m) => logged.push(`${level} ${m}`) },
    );
    smtp.failWith = 451;
    const real = delivery({ address: 'down@police.example.kz', created_at: at.toISOString() });
    await write({ ...real, next_attempt_at: at.toISOString() });
    expect(await own.runOnce()).toBe(1);
    expect(logged.filter((l) => l.includes('email is failing'))).toHaveLength(1);
    const waiting = (await statusOf(real.id)).next_attempt_at;
    // The probe's turn comes; the rehearsal is due first and goes to the sink, which answers.
    at = new Date(at.getTime() + 2000);
    const rehearsal = delivery({ mode: 'rehearsal', next_attempt_at: at.toISOString() });
    await write(rehearsal);
    expect(await own.runOnce()).toBe(1);
    expect(await statusOf(rehearsal.id)).toMatchObject({
      status: 'sent',
      provider_id: `sink:${rehearsal.id}`,
    });
    // Still down: no "back" line, and what waits on e-mail was not made due by the sink's answer.
    expect(logged.some((l) => l.includes('email is back'))).toBe(false);
    expect(await statusOf(real.id)).toMatchObject({ status: 'pending', next_attempt_at: waiting });
    // A rehearsal that fails in the sink does not count as e-mail failing either.
    const failures = logged.length;
    const sinkDown = new (class extends SinkChannel {
      override send(): Promise<never> {
        return Promise.reject(new Error('sink table locked'));
      }
    })(ctx.db.kysely, ctx.clock);
    const broken = new OutboxDispatcher(
      { ...ctx, clock: { now: () => at }, channels: { ...ctx.channels, sink: sinkDown } },
      { log: (level, m) => logged.push(`${level} ${m}`) },
    );
    const second = delivery({ mode: 'rehearsal', next_attempt_at: at.toISOString() });
    await write(second);
    expect(await broken.runOnce()).toBe(1);
    expect(await statusOf(second.id)).toMatchObject({ status: 'pending', last_error: 'sink table locked' });
    expect(logged.slice(failures).some((l) => l.includes('email is failing'))).toBe(false);
    // The channel itself answering ends the outage.
    smtp.failWith = null;
    at = new Date(at.getTime() + 60_000);
    await own.drain();
    expect(await statusOf(real.id)).toMatchObject({ status: 'sent' });
    expect(logged.filter((l) => l.includes('email is back'))).toHaveLength(1);
  });

  it('gives a claim back within seconds when its dispatcher died mid-send', async () => {
    const d = delivery({ address: 'late@example.kz' });
    await write(d);
    // A dispatcher that claimed and then died: its lease is short and nobody renews it.
    await deliveryRepository.claim(ctx.db.kysely, ctx.db.engine, 'email', 10, now.toISOString(), {
      owner: 'dead-dispatcher',
      until: new Date(now.getTime() + 15_000).toISOString(),
    });
    expect(await dispatcher.drain()).toBe(0);
    const later = { ...ctx, clock: { now: () => new Date(now.getTime() + 16_000) } };
    expect(await new OutboxDispatcher(later).drain()).toBe(1);
    expect(await statusOf(d.id)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('looks for lapsed leases once a third of a lease, not at every claim', async () => {
    let t = now.getTime() + 3_600_000;
    const own = new OutboxDispatcher({ ...ctx, clock: { now: () => new Date(t) } }, { leaseMs: 15_000 });
    expect(await own.drain()).toBe(0); // looked at t
    const d = delivery({ address: 'lapsed@example.kz' });
    await write(d);
    await deliveryRepository.claim(ctx.db.kysely, ctx.db.engine, 'email', 10, new Date(t).toISOString(), {
      owner: 'dead-dispatcher',
      until: new Date(t + 1_000).toISOString(),
    });
    t += 2_000; // the lease ran out, but the last look was 2 s ago
    expect(await own.drain()).toBe(0);
    expect(await statusOf(d.id)).toMatchObject({ status: 'sending' });
    t += 3_000; // a third of the lease since the last look
    expect(await own.drain()).toBe(1);
    expect(await statusOf(d.id)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('prepares what a claim’s deliveries of one source share once for all of them, and retries them when that fails', async () => {
    const at = new Date(now.getTime() + 3_600_000);
    const own = new OutboxDispatcher({ ...ctx, clock: { now: () => at } });
    const row = (sequence: number, i: number) =>
      delivery({
        source_kind: 'roster',
        source_id: 'roster-1',
        sequence,
        address: `roster-${sequence}-${i}@example.kz`,
        next_attempt_at: at.toISOString(),
      });
    const first = [1, 2, 3, 4, 5].map((i) => row(1, i));
    const second = [1, 2].map((i) => row(2, i));
    await write(...first, ...second);
    roster.prepared = [];
    const mails = smtp.mails.length;
    expect(await own.drain()).toBe(7);
    // One prepare per source version, each with every delivery of it in the claim.
    expect(roster.prepared.map((ids) => ids.length).sort()).toEqual([2, 5]);
    expect(new Set(roster.prepared.flat())).toEqual(new Set([...first, ...second].map((d) => d.id)));
    const got = (await smtp.waitFor(mails + 7)).slice(mails);
    const textTo = (d: NewDelivery) =>
      got.find((m) => !Array.isArray(m.to) && m.to?.text === d.address)!.text!.split('\n')[1];
    expect(first.map(textTo).sort()).toEqual([1, 2, 3, 4, 5].map((i) => `seat ${i} of 5, v1`));
    expect(second.map(textTo).sort()).toEqual(['seat 1 of 2, v2', 'seat 2 of 2, v2']);

    // A prepare that fails is a passing fault: the deliveries wait for their next try, none is lost.
    const failing = [1, 2, 3].map((i) => row(3, i));
    await write(...failing);
    roster.failNext = true;
    await own.drain();
    for (const d of failing)
      expect(await statusOf(d.id)).toMatchObject({
        status: 'pending',
        attempts: 1,
        last_error: 'the roster could not be prepared: the roster is locked',
      });
    const later = new Date(at.getTime() + 3_600_000);
    expect(await new OutboxDispatcher({ ...ctx, clock: { now: () => later } }).drain()).toBe(3);
    for (const d of failing) expect(await statusOf(d.id)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(roster.prepared.at(-1)).toHaveLength(3);
  });

  it('retries a render whose database read failed for a moment, and dead-letters one that failed for good', async () => {
    const at = new Date(now.getTime() + 10 * 3_600_000);
    const own = new OutboxDispatcher({ ...ctx, clock: { now: () => at } });
    const row = (address: string) =>
      delivery({
        source_kind: 'roster',
        source_id: 'roster-2',
        sequence: 1,
        address,
        next_attempt_at: at.toISOString(),
      });
    // The driver's own error for a server that is not there, as a render's read would meet it.
    const client = new pg.Client({ host: '127.0.0.1', port: 1, user: 'postgres', database: 'test' });
    roster.renderFault = await client.connect().then(
      () => new Error('connected to nothing'),
      (err: unknown) => err,
    );
    const passing = row('passing@example.kz');
    await write(passing);
    await own.drain();
    const waiting = await statusOf(passing.id);
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1 });
    expect(waiting.last_error).toMatch(/^the roster could not be rendered: .*ECONNREFUSED/);

    roster.renderFault = new TypeError("Cannot read properties of undefined (reading 'seat')");
    const broken = row('broken@example.kz');
    await write(broken);
    await own.drain();
    expect(await statusOf(broken.id)).toMatchObject({
      status: 'dead',
      last_error:
        "the roster could not be rendered in Russian: Cannot read properties of undefined (reading 'seat')",
    });
    const later = new Date(at.getTime() + 3_600_000);
    await new OutboxDispatcher({ ...ctx, clock: { now: () => later } }).drain();
    expect(await statusOf(passing.id)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('claims and sends the next batch while the last batch’s outcomes are still being written', async () => {
    const at = new Date(now.getTime() + 7_200_000);
    const own = new OutboxDispatcher({ ...ctx, clock: { now: () => at } }, { batch: 3 });
    const rows = Array.from({ length: 9 }, (_, i) =>
      delivery({ address: `batch-${i}@example.kz`, next_attempt_at: at.toISOString() }),
    );
    await write(...rows);
    // The first batch's outcomes take as long as the test says: a slow commit.
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const finishSent = deliveryRepository.finishSent;
    const slow = vi.spyOn(deliveryRepository, 'finishSent').mockImplementationOnce(async (...args) => {
      await gate;
      return finishSent.apply(deliveryRepository, args);
    });
    try {
      const mails = smtp.mails.length;
      const draining = own.drain();
      // The second batch goes out meanwhile; the third waits, two batches behind the writing.
      await smtp.waitFor(mails + 6);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(smtp.mails.length).toBe(mails + 6);
      expect((await Promise.all(rows.map((r) => statusOf(r.id)))).filter((r) => r.status === 'sent')).toEqual(
        [],
      );
      open();
      expect(await draining).toBe(9);
      // drain() ends with every outcome written, each once.
      for (const r of rows) expect(await statusOf(r.id)).toMatchObject({ status: 'sent', attempts: 1 });
      expect(smtp.mails.length).toBe(mails + 9);
    } finally {
      open();
      slow.mockRestore();
    }
  });
});
