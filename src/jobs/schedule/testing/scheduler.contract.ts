import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../store/db.js';
import {
  bookWake,
  bookWakes,
  cancelWake,
  readWake,
  type Scheduler,
  type Wake,
  type WakeBooking,
} from '../scheduler.js';

/** One database (and, for BullMQ, one Redis prefix) that several scheduler instances share. */
export interface SchedulerStore {
  /** Where bookings are written, as a service's transaction would. */
  readonly db: Db;
  /** A new scheduler on this store, as another process would open it. */
  open(options?: OpenOptions): Promise<Scheduler>;
  /**
   * Closes what this test's schedulers opened (each its own pool, as a process has), once they have
   * stopped. Kept until the file's end, a dozen tests' pools beside another file's filled the test
   * server's 100 connections.
   */
  release(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenOptions {
  retryBaseMs?: number;
  /** The safety-net poll; the contract lengthens it to show bookings are found without it. */
  pollMs?: number;
}

interface Run {
  key: string;
  at: number;
  ranAt: number;
  payload: unknown;
  generation: number;
  attempt: number;
  on: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `done` holds; only a ceiling against hanging, never a speed requirement. */
async function waitFor(done: () => boolean | Promise<boolean>, what: string, ms = 20_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

/** Long enough for a wrongly duplicated or wrongly kept wake to show up after the right ones. */
const SETTLE_MS = 300;

const inMs = (ms: number) => new Date(Date.now() + ms);

/**
 * The behaviour every Scheduler adapter promises, run against a real store. Each test uses a topic of
 * its own, so tests sharing one store never run each other's wakes.
 */
export function schedulerContract(label: string, openStore: () => Promise<SchedulerStore>): void {
  describe(label, () => {
    let store: SchedulerStore;
    const opened: Scheduler[] = [];
    const open = async (options?: OpenOptions) => {
      const scheduler = await store.open(options);
      opened.push(scheduler);
      return scheduler;
    };
    const uniqueTopic = () => `t.${randomBytes(5).toString('hex')}`;
    /** A handler recording every run, with the wall clock at the moment it was called. */
    const recorder =
      (runs: Run[], on = 'a') =>
      async (wake: Wake) =>
        void runs.push({
          key: wake.key,
          at: wake.at.getTime(),
          ranAt: Date.now(),
          payload: wake.payload,
          generation: wake.generation,
          attempt: wake.attempt,
          on,
        });
    const book = (topic: string, key: string, at: Date, payload?: unknown) =>
      bookWake(store.db.kysely, { topic, key, at, payload });

    beforeAll(async () => {
      store = await openStore();
    });
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((s) => s.stop()));
      await store.release();
    });
    afterAll(async () => {
      await store.close();
    });

    it('wakes each key once, at or after its time, never before, with what was booked', async () => {
      const scheduler = await open();
      const topic = uniqueTopic();
      const runs: Run[] = [];
      scheduler.handle(topic, recorder(runs));
      await scheduler.start();
      const booked = await Promise.all([
        book(topic, 'inject-12', inMs(60), { epoch: 3 }),
        book(topic, 'inject-13', inMs(30), { epoch: 3 }),
        book(topic, 'inject-14', inMs(0)),
      ]);
      expect(booked.map((b) => b.generation)).toEqual([1, 1, 1]);
      await waitFor(() => runs.length === 3, 'three wakes');
      await sleep(SETTLE_MS);
      expect(runs.map((r) => r.key).sort()).toEqual(['inject-12', 'inject-13', 'inject-14']);
      for (const run of runs) expect(run.ranAt).toBeGreaterThanOrEqual(run.at);
      expect(runs.find((r) => r.key === 'inject-12')).toMatchObject({
        payload: { epoch: 3 },
        generation: 1,
        attempt: 1,
      });
      expect(runs.find((r) => r.key === 'inject-14')?.payload).toBeNull();
      expect((await readWake(store.db.kysely, topic, 'inject-12'))?.status).toBe('done');
    });

    it('runs the wakes of one lane one after another and different lanes side by side', async () => {
      const scheduler = await open();
      const topic = uniqueTopic();
      const running = new Map<string, number>();
      const most = new Map<string, number>();
      let together = 0;
      const done: string[] = [];
      scheduler.handle(
        topic,
        async (wake: Wake) => {
          const lane = wake.key.split('/')[0]!;
          running.set(lane, (running.get(lane) ?? 0) + 1);
          most.set(lane, Math.max(most.get(lane) ?? 0, running.get(lane)!));
          together = Math.max(
            together,
            [...running.values()].reduce((a, b) => a + b, 0),
          );
          await sleep(30);
          running.set(lane, running.get(lane)! - 1);
          done.push(wake.key);
        },
        { laneOf: (key) => key.split('/')[0]! },
      );
      // Six wakes of exercise A and six of B, all due at one instant, as a burst is booked.
      const at = inMs(50);
      await Promise.all(
        ['A', 'B'].flatMap((lane) => Array.from({ length: 6 }, (_, i) => book(topic, `${lane}/${i}`, at))),
      );
      await scheduler.start();
      await waitFor(() => done.length === 12, 'twelve wakes');
      expect(Object.fromEntries(most)).toEqual({ A: 1, B: 1 });
      expect(together).toBe(2);
      // Each wake is marked done by a write after its handler returns: read until the last is written.
      const states = async () =>
        Promise.all(done.map(async (key) => (await readWake(store.db.kysely, topic, key))?.status));
      await waitFor(async () => (await states()).every((s) => s !== 'running'), 'the last completion');
      expect(await states()).toEqual(done.map(() => 'done'));
    });

    it('does nothing for a cancelled wake', async () => {
      const scheduler = await open();
      const topic = uniqueTopic();
      const runs: Run[] = [];
      scheduler.handle(topic, recorder(runs));
      await scheduler.start();
      // Far enough ahead that the cancellation surely comes first, even on a busy machine.
      await book(topic, 'cancelled', inMs(300));
      await book(topic, 'control', inMs(400));
      expect(await cancelWake(store.db.kysely, topic, 'cancelled')).toBe(true);
      await waitFor(() => runs.length === 1, 'the control wake');
      await sleep(SETTLE_MS);
      expect(runs.map((r) => r.key)).toEqual(['control']);
      expect(await readWake(store.db.kysely, topic, 'cancelled')).toMatchObject({
        status: 'cancelled',
        generation: 2,
      });
      expect(await cancelWake(store.db.kysely, topic, 'cancelled')).toBe(false);
      expect(await cancelWake(store.db.kysely, topic, 'never-booked')).toBe(false);
    });

    it('runs a re-booked key once, at its latest time, with its latest payload', async () => {
      const scheduler = await open();
      const topic = uniqueTopic();
      const runs: Run[] = [];
      scheduler.handle(topic, recorder(runs));
      await scheduler.start();
      // Moved earlier (a clock jump) and moved later (a pause).
      await book(topic, 'earlier', inMs(700), { v: 1 });
      const earlier = await book(topic, 'earlier', inMs(50), { v: 2 });
      await book(topic, 'later', inMs(300), { v: 1 });
      const later = await book(topic, 'later', inMs(500), { v: 2 });
      await waitFor(() => runs.length === 2, 'both re-booked wakes');
      // The superseded bookings' times pass too.
      await sleep(Math.max(0, earlier.at.getTime() + 700 - Date.now()));
      expect(runs).toHaveLength(2);
      const byKey = Object.fromEntries(runs.map((r) => [r.key, r]));
      expect(byKey.earlier).toMatchObject({ payload: { v: 2 }, generation: 2, at: earlier.at.getTime() });
      expect(byKey.later).toMatchObject({ payload: { v: 2 }, generation: 2, at: later.at.getTime() });
      expect(byKey.later!.ranAt).toBeGreaterThanOrEqual(later.at.getTime());

      // Booking a key that already ran wakes it again: a new booking, not a repeat.
      await book(topic, 'earlier', inMs(0), { v: 3 });
      await waitFor(() => runs.length === 3, 'the third booking');
      expect(runs[2]).toMatchObject({ key: 'earlier', payload: { v: 3 }, generation: 3 });
    });

    it('never runs a wake booked in a transaction that rolled back', async () => {
      const scheduler = await open();
      const topic = uniqueTopic();
      const runs: Run[] = [];
      scheduler.handle(topic, recorder(runs));
      await scheduler.start();
      await expect(
        store.db.kysely.transaction().execute(async (trx) => {
          await bookWake(trx, { topic, key: 'rolled-back', at: inMs(0) });
          await bookWake(trx, { topic, key: 'rolled-back-later', at: inMs(50) });
          throw new Error('the clock refused to start');
        }),
      ).rejects.toThrow(/refused/);
      await store.db.kysely.transaction().execute(async (trx) => {
        await bookWake(trx, { topic, key: 'committed', at: inMs(60) });
      });
      await waitFor(() => runs.length === 1, 'the committed wake');
      await sleep(SETTLE_MS);
      expect(runs.map((r) => r.key)).toEqual(['committed']);
      expect(await readWake(store.db.kysely, topic, 'rolled-back')).toBeUndefined();
    });

    it('finds a booking as its transaction commits, without waiting for the poll', async () => {
      // The poll is far beyond waitFor's ceiling: only the booking's own signal can wake this one.
      const scheduler = await open({ pollMs: 120_000 });
      const topic = uniqueTopic();
      const runs: Run[] = [];
      scheduler.handle(topic, recorder(runs));
      await scheduler.start();
      await sleep(50);
      await store.db.kysely.transaction().execute(async (trx) => {
        await bookWake(trx, { topic, key: 'startex', at: inMs(0) });
        // The clock's other writes: the in-process hint's look happens before this commit.
        await sleep(100);
      });
      await waitFor(() => runs.length === 1, 'the wake booked for now');
      expect(runs[0]?.key).toBe('startex');
    });

    it('runs each wake exactly once when two schedulers share the store', async () => {
      const [a, b] = [await open(), await open()];
      const topic = uniqueTopic();
      const runs: Run[] = [];
      a.handle(topic, recorder(runs, 'a'));
      b.handle(topic, recorder(runs, 'b'));
      await Promise.all([a.start(), b.start()]);
      await store.db.kysely.transaction().execute(async (trx) => {
        for (let i = 0; i < 200; i++)
          await bookWake(trx, { topic, key: `recipient-${i}`, at: inMs(20 + (i % 10) * 10) });
      });
      await waitFor(() => runs.length >= 200, '200 wakes');
      await sleep(SETTLE_MS);
      expect(runs).toHaveLength(200);
      expect(new Set(runs.map((r) => r.key)).size).toBe(200);
      for (const run of runs) expect(run.ranAt).toBeGreaterThanOrEqual(run.at);
    });

    it('runs wakes that fell due while no scheduler was running as soon as one starts', async () => {
      const first = await open();
      const topic = uniqueTopic();
      const early: Run[] = [];
      first.handle(topic, recorder(early));
      await first.start();
      await first.stop();
      await book(topic, 'overdue', inMs(100), { notice: 'Karaganda' });
      await sleep(200);

      const second = await open();
      const runs: Run[] = [];
      second.handle(topic, recorder(runs));
      await second.start();
      await waitFor(() => runs.length === 1, 'the overdue wake');
      expect(early).toEqual([]);
      expect(runs[0]).toMatchObject({ key: 'overdue', payload: { notice: 'Karaganda' } });
    });

    it('runs again a wake whose holder died, once its lease has run out', async () => {
      const topic = uniqueTopic();
      await book(topic, 'orphan', inMs(0));
      // What a process that claimed the wake and was then killed leaves behind.
      await store.db.kysely
        .updateTable('wakes')
        .set({ status: 'running', attempts: 1, locked_by: 'dead', locked_until: '2000-01-01T00:00:00.000Z' })
        .where('topic', '=', topic)
        .execute();
      const scheduler = await open();
      const runs: Run[] = [];
      scheduler.handle(topic, recorder(runs));
      await scheduler.start();
      await waitFor(() => runs.length === 1, 'the orphaned wake');
      await sleep(SETTLE_MS);
      expect(runs).toHaveLength(1);
      expect(runs[0]).toMatchObject({ key: 'orphan', attempt: 2 });
    });

    it('retries a failing handler with growing waits and never drops the wake', async () => {
      const retryBaseMs = 40;
      const scheduler = await open({ retryBaseMs });
      const topic = uniqueTopic();
      const tries: { attempt: number; at: number }[] = [];
      scheduler.handle(topic, async (wake) => {
        tries.push({ attempt: wake.attempt, at: Date.now() });
        if (wake.attempt < 3) throw new Error('the SMS gateway is down');
      });
      await scheduler.start();
      await book(topic, 'flaky', inMs(0));
      await waitFor(
        async () => (await readWake(store.db.kysely, topic, 'flaky'))?.status === 'done',
        'the third try',
      );
      await sleep(SETTLE_MS);
      expect(tries.map((t) => t.attempt)).toEqual([1, 2, 3]);
      expect(tries[1]!.at - tries[0]!.at).toBeGreaterThanOrEqual(retryBaseMs);
      expect(tries[2]!.at - tries[1]!.at).toBeGreaterThanOrEqual(2 * retryBaseMs);
    });

    it('runs 2,000 wakes booked at once each exactly once, none early, the last booking of a key kept', async () => {
      const scheduler = await open();
      const topic = uniqueTopic();
      const runs: Run[] = [];
      scheduler.handle(topic, recorder(runs));
      await scheduler.start();
      await book(topic, 'w0', inMs(60_000), 'booked before');
      const bookings: WakeBooking[] = Array.from({ length: 2000 }, (_, i) => ({
        topic,
        key: `w${i}`,
        at: inMs(50 + (i % 50) * 4),
        payload: i,
      }));
      const booked = await store.db.kysely
        .transaction()
        .execute((trx) =>
          bookWakes(trx, [{ topic, key: 'w1', at: inMs(0), payload: 'superseded' }, ...bookings]),
        );
      expect(booked).toHaveLength(2001);
      expect(booked.slice(0, 3).map((b) => [b.key, b.generation])).toEqual([
        ['w1', 1],
        ['w0', 2],
        ['w1', 1],
      ]);
      await waitFor(() => runs.length >= 2000, '2,000 wakes', 60_000);
      await sleep(SETTLE_MS);
      expect(runs).toHaveLength(2000);
      expect(new Set(runs.map((r) => r.key)).size).toBe(2000);
      expect(runs.filter((r) => r.ranAt < r.at)).toEqual([]);
      expect(runs.find((r) => r.key === 'w0')).toMatchObject({ payload: 0, generation: 2 });
      expect(runs.find((r) => r.key === 'w1')?.payload).toBe(1);
    });

    it('refuses topics and times it could not keep', async () => {
      const scheduler = await open();
      const topic = uniqueTopic();
      scheduler.handle(topic, async () => undefined);
      expect(() => scheduler.handle(topic, async () => undefined)).toThrow(/already/);
      await expect(book('Bad Topic', 'k', inMs(0))).rejects.toThrow(/topic/);
      await expect(book(topic, '', inMs(0))).rejects.toThrow(/key/);
      await expect(book(topic, 'k', new Date(Number.NaN))).rejects.toThrow(/valid Date/);
    });
  });
}
