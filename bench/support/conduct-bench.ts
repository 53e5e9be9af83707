/**
 * Shared pieces of the conduct benchmarks (inject timing, inject crash): an exercise with a large
 * MSEL, extra players, the injects' firing read back against their schedule, and the small table
 * every benchmark prints.
 */
import { randomUUID } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { clockFrom, wallAtExercise } from '../../src/core/conduct/clock.js';
import type { Actor } from '../../src/core/policy/policy.js';
import { clockCommand, getClock } from '../../src/services/conduct/clock.service.js';
import { historyOf } from '../../src/services/conduct/conduct.js';
import type { AppContext } from '../../src/services/context.js';
import { conductRepository } from '../../src/store/conduct.repository.js';
import { injectRow, PLANNED_START } from '../../test/support/conduct.js';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The controller giving STARTEX in the benchmarks (the same grant the conduct tests use). */
export const CONTROLLER: Actor = {
  userId: 'u-bench-controller',
  grants: [{ role: 'controller', organisationId: null, exerciseId: null }],
};
export const CONTROLLER_INFO = { userId: 'u-bench-controller', name: 'Bench controller' };

/**
 * Replaces the fixture's MSEL with `count` injects to every player, spread evenly over the whole
 * minutes H+00:01 … H+00:`minutes` (the MSEL's resolution is a minute, so `count / minutes` share
 * each minute), numbered B1, B2…
 */
export async function replaceMsel(
  ctx: AppContext,
  exerciseId: string,
  count: number,
  minutes: number,
): Promise<void> {
  const db = ctx.db.kysely;
  await db.deleteFrom('msel_events').where('exercise_id', '=', exerciseId).execute();
  const at = new Date().toISOString();
  const rows = Array.from({ length: count }, (_, i) =>
    injectRow(exerciseId, `B${i + 1}`, {
      position: i,
      offset_minutes: 1 + Math.floor((i * minutes) / count),
      title: `Bench inject B${i + 1}`,
      content: `Report of smoke at the Palace of Culture (B${i + 1}).`,
      expected_action: 'Secret: evacuate the hall',
      created_at: at,
    }),
  );
  // 27 columns a row: 500 rows stay under SQLite's and PostgreSQL's bound-parameter limits.
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('msel_events')
      .values(rows.slice(i, i + 500))
      .execute();
}

/** Adds `count` players (no team) to the exercise, each with one contact per channel given. */
export async function addPlayers(
  ctx: AppContext,
  exerciseId: string,
  count: number,
  channels: readonly ('email' | 'sms')[],
  tag: string,
): Promise<void> {
  const db = ctx.db.kysely;
  const at = new Date().toISOString();
  for (let i = 0; i < count; i++) {
    const personId = randomUUID();
    const name = `${tag} player ${i + 1}`;
    await db
      .insertInto('exercise_people')
      .values({
        id: personId,
        exercise_id: exerciseId,
        user_id: null,
        name,
        role: 'player',
        team_id: null,
        organisation_id: null,
        contact: null,
      })
      .execute();
    for (const channel of channels)
      await db
        .insertInto('exercise_contacts')
        .values({
          id: randomUUID(),
          exercise_id: exerciseId,
          person_id: personId,
          name,
          channel,
          address: channel === 'email' ? `${tag}-${i + 1}@bench.example.kz` : phoneOf(tag, i),
          language: 'ru',
          verified_at: at,
          created_at: at,
        })
        .execute();
  }
}

/** A distinct Kazakh mobile number per player and tag. */
const phoneOf = (tag: string, i: number) =>
  `+7701${String((tag.length * 100_000 + i + 1) % 10_000_000).padStart(7, '0')}`;

/** One inject as it ran: its number, when it was due by the clock's history, and when it fired. */
export interface Firing {
  id: string;
  number: string;
  status: string;
  /** The wall instant its exercise time fell at. */
  dueAt: number | null;
  /** Set when an outage or a pause re-planned it by the pause policy: when it was released to fire. */
  releaseAt: number | null;
  firedAt: number | null;
}

/**
 * Each inject run of the exercise with the wall instant its exercise time fell at, computed by the
 * product's own clock arithmetic from the recorded clock history, and the instant it fired (the
 * run's fired_at, which the firing transaction stamps from the clock it read).
 */
export async function firings(ctx: AppContext, exerciseId: string): Promise<Firing[]> {
  const db = ctx.db.kysely;
  const state = clockFrom(historyOf(await conductRepository.events(db, exerciseId)));
  const runs = await db
    .selectFrom('inject_runs')
    .select(['id', 'number', 'status', 'due_seconds', 'fired_at', 'release_at'])
    .where('exercise_id', '=', exerciseId)
    .execute();
  return runs.map((r) => ({
    id: r.id,
    number: r.number,
    status: r.status,
    dueAt: wallAtExercise(state, r.due_seconds * 1000),
    releaseAt: r.release_at ? Date.parse(r.release_at) : null,
    firedAt: r.fired_at ? Date.parse(r.fired_at) : null,
  }));
}

/**
 * When each inject of the exercise was first seen fired by a reader outside its transaction,
 * looking every `everyMs`: its commit, as a player's screen would see it, to within `everyMs`.
 * `fired_at` is the clock read before the firing transaction waited for the exercise's lock and
 * wrote its batch, so it understates lateness; this does not.
 */
export function watchCommits(ctx: AppContext, exerciseId: string, everyMs = 20) {
  const seen = new Map<string, number>();
  let stopped = false;
  const done = (async () => {
    while (!stopped) {
      const fired = await ctx.db.kysely
        .selectFrom('inject_runs')
        .select('id')
        .where('exercise_id', '=', exerciseId)
        .where('status', '=', 'fired')
        .execute();
      // Read after the answer: a query that queued for a connection began after its commit.
      const at = Date.now();
      for (const { id } of fired) if (!seen.has(id)) seen.set(id, at);
      await sleep(everyMs);
    }
  })();
  return {
    seen,
    stop: async () => {
      stopped = true;
      await done;
    },
  };
}

/** A STARTEX as the benchmarks time it: the whole command, and the longest event-loop stall it caused. */
export interface TimedStartex {
  startexMs: number;
  startexStallMs: number;
}

/** Gives STARTEX as a controller does and times it (see {@link TimedStartex}). */
export async function timedStartex(
  ctx: AppContext,
  exercise: { exerciseId: string; name: string },
  reason: string,
): Promise<TimedStartex> {
  // As the console does before STARTEX (its confirmation names the planned start in local time):
  // the first use of a time zone's formatter in a process costs some 20 ms, paid here, not in STARTEX.
  await getClock(ctx, CONTROLLER, exercise.exerciseId);
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  // The monitor records a delay only between two of its own ticks: without one before STARTEX, a
  // command that never lets the loop turn (SQLite runs in microtasks) would record no stall at all.
  // (No reset after it: a reset forgets that tick too.)
  await sleep(20);
  const t = performance.now();
  await clockCommand(ctx, CONTROLLER_INFO, CONTROLLER, exercise.exerciseId, {
    command: 'startex',
    confirmName: exercise.name,
    plannedStart: PLANNED_START,
    reason,
  });
  const startexMs = performance.now() - t;
  // A stall is recorded when the loop next turns: on SQLite a whole transaction can run in
  // microtasks without one, so the monitor must see a turn before it stops.
  await sleep(20);
  loop.disable();
  return { startexMs, startexStallMs: loop.max / 1e6 };
}

/** How the injects of one run fired against their schedule. */
export interface Lateness {
  late: Summary;
  /** Lateness of the commit, as a reader saw it (see watchCommits). */
  committed: Summary;
  firstOfMinute: Summary;
  lastOfMinute: Summary;
  unfired: number;
}

/** Waits until every inject of the exercise has fired, or `deadline` (a wall instant) passes. */
export async function waitFired(ctx: AppContext, exerciseId: string, deadline: number): Promise<Firing[]> {
  let runs = await firings(ctx, exerciseId);
  while (Date.now() < deadline && runs.some((r) => r.firedAt === null)) {
    await sleep(2000);
    runs = await firings(ctx, exerciseId);
  }
  return runs;
}

/** The lateness figures of a run's firings, by `fired_at` and as first seen committed. */
export function latenessOf(runs: readonly Firing[], seen: ReadonlyMap<string, number>): Lateness {
  const fired = runs.filter((r) => r.firedAt !== null && r.dueAt !== null);
  const byMinute = new Map<number, number[]>();
  for (const r of fired) byMinute.set(r.dueAt!, [...(byMinute.get(r.dueAt!) ?? []), r.firedAt! - r.dueAt!]);
  const minutes = [...byMinute.values()];
  return {
    late: summary(fired.map((r) => r.firedAt! - r.dueAt!)),
    committed: summary(fired.filter((r) => seen.has(r.id)).map((r) => seen.get(r.id)! - r.dueAt!)),
    firstOfMinute: summary(minutes.map((l) => Math.min(...l))),
    lastOfMinute: summary(minutes.map((l) => Math.max(...l))),
    unfired: runs.length - fired.length,
  };
}

/** The baselines' instants: the MSEL's pattern (a share at each whole minute), from 5 s ahead. */
export function baselineTimes(injects: number, minutes: number): number[] {
  const t0 = Date.now() + 5000;
  return Array.from({ length: injects }, (_, i) => t0 + Math.floor((i * minutes) / injects) * 60_000);
}

const TARGET = '≤ 1.5× raw, ≤ 0.5× BullMQ';

/** One row of the lateness table: ours beside both baselines, and the two ratios. */
const latenessRow = (label: string, ours: number, raw: number, bull: number, target: string) => [
  label,
  ms(ours),
  ms(raw),
  ms(bull),
  ratio(ours, raw),
  ratio(ours, bull),
  target,
];

/**
 * The lateness table every inject-timing run prints: ours beside the raw timers and BullMQ's
 * delayed jobs, the two ratios, and the background's delivery rate during each.
 */
export function printLateness(
  mine: Lateness,
  raw: Summary,
  bull: Summary,
  rates: { ours: number; raw: number; bull: number; asked: number },
): void {
  printTable(
    ['measured', 'ours', 'raw setTimeout', 'BullMQ delayed', 'ours / raw', 'ours / BullMQ', 'target'],
    [
      latenessRow('lateness p50', mine.late.p50, raw.p50, bull.p50, ''),
      latenessRow('lateness p99', mine.late.p99, raw.p99, bull.p99, TARGET),
      latenessRow('lateness p99, seen committed', mine.committed.p99, raw.p99, bull.p99, TARGET),
      latenessRow('lateness max', mine.late.max, raw.max, bull.max, ''),
      ['early', String(mine.late.early), String(raw.early), String(bull.early), '', '', '0'],
      ['never fired', String(mine.unfired), '0', '0', '', '', '0'],
      [
        'deliveries/s (background)',
        String(Math.round(rates.ours)),
        String(Math.round(rates.raw)),
        String(Math.round(rates.bull)),
        '',
        '',
        `≈ ${rates.asked}`,
      ],
    ],
  );
  console.log(
    `  first inject of each minute: lateness p50 ${ms(mine.firstOfMinute.p50)}, max ${ms(mine.firstOfMinute.max)}; ` +
      `last of each minute: p50 ${ms(mine.lastOfMinute.p50)}, max ${ms(mine.lastOfMinute.max)}`,
  );
}

export interface Summary {
  n: number;
  p50: number;
  p99: number;
  max: number;
  early: number;
}

export function summary(lateness: readonly number[]): Summary {
  const sorted = [...lateness].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return {
    n: sorted.length,
    p50: at(0.5),
    p99: at(0.99),
    max: sorted[sorted.length - 1] ?? NaN,
    early: sorted.filter((l) => l < 0).length,
  };
}

/** Prints rows of cells as an aligned table (the same shape docs/benchmarks.md records). */
export function printTable(head: readonly string[], rows: readonly (readonly string[])[]): void {
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, c) => cell.padEnd(widths[c]!)).join(' | ')} |`;
  console.log(line(head));
  console.log(`| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`);
  for (const r of rows) console.log(line(r));
}

export const ms = (v: number) => (Number.isFinite(v) ? `${Math.round(v)} ms` : '—');
/** A ratio with a floor of 1 ms under the divisor: a sub-millisecond baseline counts as 1 ms. */
export const ratio = (ours: number, base: number) => `${(ours / Math.max(1, base)).toFixed(2)}×`;

export { CountingChannel } from './counting-channel.js';
