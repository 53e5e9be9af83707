import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ENGINES, openTestRuntime } from '../../../test/support/engines.js';
import type { AppContext } from '../context.js';
import {
  appendEvent,
  eventWindow,
  publishEvent,
  pruneEvents,
  readEventsAfter,
  type NewEvent,
} from './events.service.js';
import { EventHub } from './hub.js';

const posted = (n: number): NewEvent => ({
  type: 'comment.posted',
  subjectType: 'comment',
  subjectId: `c${n}`,
  payload: { n },
});

describe.each(ENGINES)('the event log on %s', (engine) => {
  let runtime: Awaited<ReturnType<typeof openTestRuntime>>;
  let ctx: AppContext;
  const append = (e: NewEvent, c: AppContext = ctx) =>
    c.db.kysely.transaction().execute((trx) => appendEvent(c, trx, e));
  const all = async () => (await readEventsAfter(ctx, 0, 10_000)).map((e) => e.subjectId);

  beforeAll(async () => {
    runtime = await openTestRuntime(engine);
    ctx = runtime.ctx;
  });
  afterAll(() => runtime.drop());

  it('writes an event only if the transaction that carries it commits', async () => {
    const before = await all();
    await expect(
      ctx.db.kysely.transaction().execute(async (trx) => {
        await appendEvent(ctx, trx, posted(0));
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await all()).toEqual(before);
    const seq = await append(posted(1));
    const [event] = await readEventsAfter(ctx, seq - 1);
    expect(event).toMatchObject({
      seq,
      type: 'comment.posted',
      permission: 'comments:moderate',
      organisationId: null,
      subjectId: 'c1',
      payload: { n: 1 },
    });
  });

  it('numbers events in commit order: a later writer waits for the earlier one to commit', async () => {
    const start = (await eventWindow(ctx)).last;
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let appended!: () => void;
    const firstIn = new Promise<void>((r) => (appended = r));
    const first = ctx.db.kysely.transaction().execute(async (trx) => {
      const seq = await appendEvent(ctx, trx, posted(2));
      appended();
      await held;
      return seq;
    });
    await firstIn;
    const second = append(posted(3));
    // While the first is open nothing after `start` is visible: the second cannot have committed past
    // it. (SQLite has one connection: there a read would queue behind the open transaction.)
    if (engine === 'postgres') expect(await readEventsAfter(ctx, start)).toEqual([]);
    release();
    const [a, b] = await Promise.all([first, second]);
    expect([a, b]).toEqual([start + 1, start + 2]);
    expect((await readEventsAfter(ctx, start)).map((e) => e.subjectId)).toEqual(['c2', 'c3']);
  });

  it('lets a reader resume after any number and miss nothing, in order', async () => {
    const start = (await eventWindow(ctx)).last;
    for (let n = 10; n < 15; n++) await append(posted(n));
    const resumed = await readEventsAfter(ctx, start + 2);
    expect(resumed.map((e) => e.subjectId)).toEqual(['c12', 'c13', 'c14']);
    expect(resumed.map((e) => e.seq)).toEqual([start + 3, start + 4, start + 5]);
  });

  it('prunes events past the retention, keeping the newest so numbering carries on', async () => {
    const old = { ...ctx, clock: { now: () => new Date(Date.now() - 8 * 24 * 3_600_000) } };
    await append(posted(20), old);
    await append(posted(21), old);
    const { last } = await eventWindow(ctx);
    expect(await pruneEvents(ctx)).toBeGreaterThan(0);
    // c20 and c21 are past the retention; c21 stays all the same, being the newest.
    const left = await all();
    expect(left).not.toContain('c20');
    expect(left).toContain('c21');
    expect(left).toContain('c14');
    // With a retention of nothing, everything but the newest goes.
    const newest = await append(posted(22), old);
    expect(newest).toBe(last + 1);
    await pruneEvents(ctx, -1);
    expect(await eventWindow(ctx)).toEqual({ first: newest, last: newest });
    expect(await append(posted(23))).toBe(newest + 1);
  });

  it('coalesces events published outside a transaction: the newest of a burst is written', async () => {
    const start = (await eventWindow(ctx)).last;
    const burst = [1, 2, 3, 4, 5].map((n) =>
      publishEvent(ctx, { type: 'outbox.changed', payload: { counts: { sent: n } } }),
    );
    await Promise.all(burst);
    const written = await readEventsAfter(ctx, start);
    expect(written.map((e) => e.payload)).toEqual([{ counts: { sent: 1 } }, { counts: { sent: 5 } }]);
    expect(written.every((e) => e.permission === 'outbox:manage')).toBe(true);
  });

  it('fans new events out from one listener to every subscriber, once each, in order', async () => {
    const hub = new EventHub(ctx, { pollMs: 60_000 });
    try {
      await hub.start();
      const seen: string[][] = [[], []];
      hub.subscribe((batch) => seen[0]!.push(...batch.map((e) => e.subjectId!)));
      hub.subscribe((batch) => seen[1]!.push(...batch.map((e) => e.subjectId!)));
      for (let n = 30; n < 33; n++) await append(posted(n));
      // Woken by NOTIFY on PostgreSQL and by the in-process nudge on SQLite, not by the (minute-long) poll.
      await vi.waitFor(() => expect(seen[1]).toHaveLength(3), { timeout: 10_000, interval: 20 });
      expect(seen).toEqual([
        ['c30', 'c31', 'c32'],
        ['c30', 'c31', 'c32'],
      ]);
    } finally {
      await hub.stop();
    }
  });
});
