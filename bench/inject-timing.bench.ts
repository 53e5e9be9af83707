/**
 * Inject timing: INJECTS injects (default 10,000) across a MINUTES-minute exercise (default 10) at
 * ×1, with about BACKGROUND deliveries a second (default 1,000) going through the outbox meanwhile.
 * Ours: a real exercise whose MSEL holds the injects, started with STARTEX by the clock service,
 * fired by the scheduling port's wakes, fanned out and dispatched to a counting e-mail channel, all
 * in this process (embedded mode) on SQLite and PostgreSQL. Lateness is each run's fired_at minus
 * the wall instant its exercise time fell at (the product's clock arithmetic over the recorded
 * history). The MSEL's resolution is one minute, so the injects come due INJECTS / MINUTES at a
 * time, at every whole minute. Baselines, same process, same background, the same pattern of
 * instants: a bare setTimeout per inject and a BullMQ delayed job per inject.
 * Also: the longest event-loop stall while STARTEX plans and books the injects, against the time
 * a synchronous loop takes to create as many raw timers.
 *
 * Targets (../shared/PERFORMANCE.md): p99 ≤ 1.5× raw setTimeout's, p99 ≤ 0.5× BullMQ's, zero early,
 * STARTEX's stall ≤ 10% of creating the raw timers.
 *
 * Run: npx tsx bench/inject-timing.bench.ts
 *   INJECTS=10000 MINUTES=10 BACKGROUND=1000 ENGINES=sqlite,postgres
 *   STARTEX_ONLY=1: only the scheduling figures, no exercise run (a minute instead of half an hour)
 *   DABYL_TEST_DATABASE_URL (PostgreSQL server; a database of its own is made and dropped),
 *   DABYL_TEST_REDIS_URL (Redis for BullMQ; its keys go under a prefix of their own, deleted after)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config/config.js';
import { defineWakes } from '../src/jobs/builtin.js';
import { FanOutWorker } from '../src/jobs/fanout.worker.js';
import { OutboxDispatcher } from '../src/jobs/outbox.dispatcher.js';
import { openScheduler } from '../src/jobs/schedule/index.js';
import { openRuntime } from '../src/runtime.js';
import type { AppContext } from '../src/services/context.js';
import { testRedisUrl } from '../test/setup/engines.js';
import { buildConductExercise } from '../test/support/conduct.js';
import { createTestDatabase, dropTestDatabase } from '../test/support/database.js';
import { startBackgroundLoad } from './support/background-load.js';
import {
  baselineTimes,
  CountingChannel,
  latenessOf,
  ms,
  printLateness,
  printTable,
  replaceMsel,
  summary,
  timedStartex,
  waitFired,
  watchCommits,
  type Lateness,
  type TimedStartex,
} from './support/conduct-bench.js';
import { bullmqDelayed, rawTimers, rawTimersCost } from './support/timer-baselines.js';

const INJECTS = Number(process.env.INJECTS ?? 10_000);
const MINUTES = Number(process.env.MINUTES ?? 10);
const BACKGROUND = Number(process.env.BACKGROUND ?? 1000);
const ENGINES = (process.env.ENGINES ?? 'sqlite,postgres').split(',');
/** How long after the last minute the injects may still drain before the unfired count as lost. */
const DRAIN_MS = 180_000;
/** STARTEX_ONLY=1: only the scheduling figures (STARTEX against raw timers), no exercise run. */
const STARTEX_ONLY = process.env.STARTEX_ONLY === '1';

/** A phase's delivery rate at the counting channel, deliveries a second. */
function rateDuring(channel: CountingChannel) {
  const from = { count: channel.count, at: performance.now() };
  return () => ((channel.count - from.count) / (performance.now() - from.at)) * 1000;
}

type Scheduling = TimedStartex;

interface Ours extends Scheduling, Lateness {
  rate: number;
}

async function ours(
  ctx: AppContext,
  channel: CountingChannel,
  startLoad: () => Promise<void>,
): Promise<Ours | Scheduling> {
  const fx = await buildConductExercise(ctx, 'Pavlodar power plant timing', 0);
  await replaceMsel(ctx, fx.exerciseId, INJECTS, MINUTES);
  const startex = await timedStartex(ctx, fx, 'inject timing benchmark');
  if (STARTEX_ONLY) return startex;
  const startedAt = Date.now();
  const commits = watchCommits(ctx, fx.exerciseId);
  await startLoad();
  const rate = rateDuring(channel);
  const runs = await waitFired(ctx, fx.exerciseId, startedAt + MINUTES * 60_000 + DRAIN_MS);
  const achieved = rate();
  await commits.stop();
  return {
    ...latenessOf(runs, commits.seen),
    ...startex,
    rate: achieved,
  };
}

function printScheduling(mine: Scheduling, rawCost: number): void {
  printTable(
    ['scheduling', 'ours (STARTEX)', `${INJECTS} raw timers`, 'ratio', 'target'],
    [
      [
        'longest event-loop stall',
        `${mine.startexStallMs.toFixed(1)} ms`,
        `${rawCost.toFixed(1)} ms`,
        `${(mine.startexStallMs / rawCost).toFixed(2)}×`,
        '≤ 0.1×',
      ],
      ['whole STARTEX command', ms(mine.startexMs), '', '', ''],
    ],
  );
}

async function onEngine(engine: string): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'dabyl-bench-timing-'));
  const database = engine === 'postgres' ? await createTestDatabase('dabyl_bench_timing') : null;
  const config = loadConfig({
    DABYL_DATA_DIR: dataDir,
    DABYL_LOG_LEVEL: 'silent',
    ...(database ? { DABYL_DATABASE_URL: database.url } : {}),
  });
  const rt = await openRuntime(config);
  const channel = new CountingChannel();
  const ctx: AppContext = {
    ...rt.ctx,
    channels: {
      byName: new Map([...rt.ctx.channels.byName, ['email', channel]]),
      sink: rt.ctx.channels.sink,
      close: () => rt.ctx.channels.close(),
    },
  };
  const log = (level: string, message: string) => {
    if (level === 'error') console.error(message);
  };
  const scheduler = openScheduler(config, ctx.db, {
    onError: (err, where) => log('error', `${where}: ${err}`),
  });
  defineWakes(scheduler, ctx);
  const fanOut = new FanOutWorker(ctx, { log });
  const outbox = new OutboxDispatcher(ctx, { log });
  let stopLoad = () => undefined as void;
  try {
    await scheduler.start();
    fanOut.start();
    outbox.start();
    // Creating raw timers is cheap and jittery: the median of five tries.
    const rawCosts = Array.from({ length: 5 }, () => rawTimersCost(INJECTS)).sort((a, b) => a - b);
    const rawCost = rawCosts[2]!;
    const mine = await ours(ctx, channel, async () => {
      const load = await startBackgroundLoad(ctx, BACKGROUND);
      stopLoad = load.stop;
    });
    const title = `\n${engine === 'postgres' ? 'PostgreSQL' : 'SQLite'}: ${INJECTS} injects`;
    if (!('late' in mine)) {
      console.log(`${title}, STARTEX only`);
      printScheduling(mine, rawCost);
      return;
    }
    let rate = rateDuring(channel);
    const raw = summary(await rawTimers(baselineTimes(INJECTS, MINUTES)));
    const rawRate = rate();
    rate = rateDuring(channel);
    const bull = summary(await bullmqDelayed(testRedisUrl(), baselineTimes(INJECTS, MINUTES)));
    const bullRate = rate();

    console.log(
      `${title} over ${MINUTES} min at ×1 ` +
        `(${Math.round(INJECTS / MINUTES)} due at each whole minute), background asked ${BACKGROUND} deliveries/s`,
    );
    printLateness(mine, raw, bull, { ours: mine.rate, raw: rawRate, bull: bullRate, asked: BACKGROUND });
    printScheduling(mine, rawCost);
  } finally {
    stopLoad();
    await scheduler.stop();
    await fanOut.stop();
    await outbox.stop();
    await rt.close();
    rmSync(dataDir, { recursive: true, force: true });
    if (database) await dropTestDatabase(database.name);
  }
}

// The scheduler's timers do not hold the process open (a server's sockets do); this does, here.
const keepAlive = setInterval(() => undefined, 1000);
for (const engine of ENGINES) await onEngine(engine);
clearInterval(keepAlive);
