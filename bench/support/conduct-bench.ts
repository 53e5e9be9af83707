/**
 * Shared pieces of the conduct benchmarks (inject timing, inject crash): an exercise with a large
 * MSEL, extra players, the injects' firing read back against their schedule, and the small table
 * every benchmark prints.
 */
import { randomUUID } from 'node:crypto';
import { clockFrom, wallAtExercise } from '../../src/core/conduct/clock.js';
import type { Actor } from '../../src/core/policy/policy.js';
import { historyOf } from '../../src/services/conduct/conduct.js';
import type { AppContext } from '../../src/services/context.js';
import { conductRepository } from '../../src/store/conduct.repository.js';
import { injectRow } from '../../test/support/conduct.js';

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
