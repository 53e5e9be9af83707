/**
 * Wake timing: how late the scheduling port runs a wake compared with a raw setTimeout per wake, on
 * the embedded scheduler (SQLite, and PostgreSQL when reachable), with 10,000 other wakes booked for
 * later; how long the event loop stalls meanwhile; and how soon overdue wakes run on a scheduler that
 * starts after they fell due (a restart).
 * Targets (docs/decisions/0008-scheduling-port.md): p99 lateness ≤ 1.5× the raw loop's, none early,
 * overdue wakes within 1 s of start, no long event-loop stall with 10,000 booked.
 * Run: npx tsx bench/wakes.bench.ts   (WAKES=…, DABYL_BENCH_DATABASE_URL for another PostgreSQL)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { loadConfig } from '../src/config/config.js';
import { EmbeddedScheduler } from '../src/jobs/schedule/embedded.scheduler.js';
import { bookWakes } from '../src/jobs/schedule/scheduler.js';
import { openRuntime, type Runtime } from '../src/runtime.js';

const WAKES = Number(process.env.WAKES ?? 500);
const BACKGROUND = Number(process.env.BACKGROUND ?? 10_000);
const SPACING_MS = 7;
const PG_URL = process.env.DABYL_BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function summary(lateness: number[]): { p50: number; p99: number; max: number; early: number } {
  const sorted = [...lateness].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return {
    p50: at(0.5),
    p99: at(0.99),
    max: sorted[sorted.length - 1] ?? NaN,
    early: sorted.filter((l) => l < 0).length,
  };
}

/** The baseline: one setTimeout per time, lateness measured the same way. */
async function rawLoop(times: number[]): Promise<number[]> {
  const lateness: number[] = [];
  await new Promise<void>((done) => {
    for (const at of times)
      setTimeout(() => {
        lateness.push(Date.now() - at);
        if (lateness.length === times.length) done();
      }, at - Date.now());
  });
  return lateness;
}

async function ours(
  rt: Runtime,
  schedule: () => number[],
): Promise<{ lateness: number[]; stallP99: number; stallMax: number }> {
  const db = rt.ctx.db.kysely;
  const scheduler = new EmbeddedScheduler(rt.ctx.db);
  const lateness: number[] = [];
  let finished: () => void = () => undefined;
  const all = new Promise<void>((resolve) => (finished = resolve));
  scheduler.handle('bench.inject', async (wake) => {
    lateness.push(Date.now() - wake.at.getTime());
    if (lateness.length === WAKES) finished();
  });
  scheduler.handle('bench.later', async () => undefined);
  await scheduler.start();
  const later = new Date(Date.now() + 3_600_000);
  await db.transaction().execute(async (trx) => {
    const background = Array.from({ length: BACKGROUND }, (_, i) => ({
      topic: 'bench.later',
      key: `later-${i}`,
      at: later,
    }));
    await bookWakes(trx, background);
  });
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  // As a clock start does: every inject of the exercise in one transaction, timed from now.
  const times = schedule();
  await db.transaction().execute(async (trx) => {
    const injects = times.map((at, i) => ({
      topic: 'bench.inject',
      key: `inject-${i}`,
      at: new Date(at),
      payload: { epoch: 1 },
    }));
    await bookWakes(trx, injects);
  });
  await all;
  loop.disable();
  await scheduler.stop();
  return { lateness, stallP99: loop.percentile(99) / 1e6, stallMax: loop.max / 1e6 };
}

/** Overdue wakes booked with no scheduler running; a new one starts: time to the first and last run. */
async function restart(rt: Runtime): Promise<{ firstMs: number; lastMs: number }> {
  const db = rt.ctx.db.kysely;
  const past = new Date(Date.now() - 5000);
  await db.transaction().execute(async (trx) => {
    const overdue = Array.from({ length: 100 }, (_, i) => ({
      topic: 'bench.overdue',
      key: `o-${i}`,
      at: past,
    }));
    await bookWakes(trx, overdue);
  });
  const runs: number[] = [];
  const scheduler = new EmbeddedScheduler(rt.ctx.db);
  scheduler.handle('bench.overdue', async () => void runs.push(Date.now()));
  const started = Date.now();
  await scheduler.start();
  while (runs.length < 100) await sleep(5);
  await scheduler.stop();
  return { firstMs: Math.min(...runs) - started, lastMs: Math.max(...runs) - started };
}

async function onEngine(name: string, env: Record<string, string>): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'dabyl-bench-'));
  const schema = `bench_wakes_${process.pid}`;
  const isPg = 'DABYL_DATABASE_URL' in env;
  if (isPg) {
    const pg = await import('pg');
    const client = new pg.default.Client({ connectionString: PG_URL });
    await client.connect();
    await client.query(`create schema if not exists ${schema}`);
    await client.end();
  }
  const rt = await openRuntime(
    loadConfig({ DABYL_DATA_DIR: dataDir, DABYL_LOG_LEVEL: 'silent', ...env }),
    isPg ? { schema } : {},
  );
  try {
    const lead = () => Date.now() + 1500;
    const raw = summary(await rawLoop(Array.from({ length: WAKES }, (_, i) => lead() + i * SPACING_MS)));
    const run = await ours(rt, () => Array.from({ length: WAKES }, (_, i) => lead() + i * SPACING_MS));
    const mine = summary(run.lateness);
    const back = await restart(rt);
    console.log(`\n${name}: ${WAKES} wakes ${SPACING_MS} ms apart, ${BACKGROUND} more booked for later`);
    console.log(
      `  raw setTimeout   lateness p50 ${raw.p50} ms, p99 ${raw.p99} ms, max ${raw.max} ms, early ${raw.early}`,
    );
    console.log(
      `  scheduler        lateness p50 ${mine.p50} ms, p99 ${mine.p99} ms, max ${mine.max} ms, early ${mine.early}`,
    );
    console.log(
      `  ratio p99        ${(mine.p99 / Math.max(1, raw.p99)).toFixed(2)}× (target ≤ 1.5×; a p99 under 1 ms counts as 1 ms)`,
    );
    console.log(`  event loop stall p99 ${run.stallP99.toFixed(1)} ms, max ${run.stallMax.toFixed(1)} ms`);
    console.log(
      `  restart          100 overdue wakes: first after ${back.firstMs} ms, last after ${back.lastMs} ms (target ≤ 1000)`,
    );
  } finally {
    await rt.close();
    rmSync(dataDir, { recursive: true, force: true });
    if (isPg) {
      const pg = await import('pg');
      const client = new pg.default.Client({ connectionString: PG_URL });
      await client.connect();
      await client.query(`drop schema if exists ${schema} cascade`);
      await client.end();
    }
  }
}

// The scheduler's timers do not hold the process open (a server's sockets do); this does, here.
const keepAlive = setInterval(() => undefined, 1000);
await onEngine('SQLite', {});
await onEngine('PostgreSQL', { DABYL_DATABASE_URL: PG_URL });
clearInterval(keepAlive);
