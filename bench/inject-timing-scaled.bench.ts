/**
 * Inject timing in scaled mode: the same exercise and load as bench/inject-timing.bench.ts, run by
 * Dabyl as it is deployed scaled out — one `dabyl serve --role api` and two `--role worker`
 * processes (the real binary) on a PostgreSQL database and a Redis prefix of their own, the wakes
 * BullMQ delayed jobs relayed from the database, the injects' e-mails sent over SMTP to a local
 * server that counts them. STARTEX is given in this process over the same database (as the API
 * process would); the workers fire the injects, fan them out and send them.
 * Background: a second exercise, run as a rehearsal, whose 200 players get a new fan-out every
 * 200 ms (BACKGROUND deliveries a second asked), written and handed to the rehearsal sink by the
 * workers (a database row each: the worker processes have no counting channel).
 * Baselines in this process, with the same background going: a bare setTimeout per inject and a
 * BullMQ delayed job per inject (worker concurrency 32), to the same pattern of instants.
 *
 * Targets (../shared/PERFORMANCE.md): p99 ≤ 1.5× raw setTimeout's, p99 ≤ 0.5× BullMQ's, zero early.
 *
 * Run: npx tsx bench/inject-timing-scaled.bench.ts   (built first for the served processes:
 *   `npm run build`, then DABYL_FROM_BUILD=1; INJECTS=10000 MINUTES=10 BACKGROUND=1000; SAMPLE=1
 *   prints what PostgreSQL's backends do in the 1.5 s after each burst falls due;
 *   DABYL_TEST_DATABASE_URL, DABYL_TEST_REDIS_URL for other servers)
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../src/config/config.js';
import { deleteRedisPrefix } from '../src/jobs/testing/redis.js';
import { openRuntime, type Runtime } from '../src/runtime.js';
import type { AppContext } from '../src/services/context.js';
import { testRedisUrl } from '../test/setup/engines.js';
import { buildConductExercise } from '../test/support/conduct.js';
import type { Served } from '../test/support/dabyl-bin.js';
import { serveScaled } from './support/scaled.js';
import { createTestDatabase, dropTestDatabase } from '../test/support/database.js';
import { startBackgroundLoad, type BackgroundLoad } from './support/background-load.js';
import {
  baselineTimes,
  latenessOf,
  ms,
  printLateness,
  replaceMsel,
  sleep,
  summary,
  timedStartex,
  waitFired,
  watchCommits,
  type Firing,
} from './support/conduct-bench.js';
import { countingSmtp } from './support/counting-smtp.js';
import { printActivity, sampleActivity } from './support/pg-activity.js';
import { bullmqDelayed, rawTimers, rawTimersCost } from './support/timer-baselines.js';

const INJECTS = Number(process.env.INJECTS ?? 10_000);
const MINUTES = Number(process.env.MINUTES ?? 10);
const BACKGROUND = Number(process.env.BACKGROUND ?? 1000);
/** How long after the last minute the injects may still drain before the unfired count as lost. */
const DRAIN_MS = 180_000;
const WORKERS = 2;
/** SAMPLE=1: what the database's backends do in the 1.5 s after each minute's burst falls due. */
const SAMPLE = process.env.SAMPLE === '1';

/** Samples the backends (active, and idle inside a transaction) from each burst's instant on. */
function sampleBursts(url: string, startedAt: number) {
  const client = new pg.Client({ connectionString: url });
  const connected = client.connect();
  const done = (async () => {
    await connected;
    const database = new URL(url).pathname.slice(1);
    for (let m = 1; m <= MINUTES; m++) {
      const at = startedAt + m * 60_000;
      await sleep(Math.max(0, at - Date.now()));
      const since = performance.now();
      const stop = sampleActivity(client, database, since, {
        states: ['active', 'idle in transaction'],
        everyMs: 10,
      });
      await sleep(1500);
      console.log(`backends in the 1.5 s after minute ${m}'s burst fell due:`);
      printActivity(await stop());
    }
  })();
  return async () => {
    await done.catch((err: unknown) => console.error('sampling:', err));
    await client.end();
  };
}

/** The rehearsal sink's rows a second while `phase` runs: the background the workers achieved. */
async function sinkRate(ctx: AppContext, phase: () => Promise<unknown>): Promise<number> {
  const count = async () =>
    Number(
      (
        await ctx.db.kysely
          .selectFrom('rehearsal_messages')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const from = { n: await count(), at: performance.now() };
  await phase();
  return ((await count()) - from.n) / ((performance.now() - from.at) / 1000);
}

/** The injects' e-mails as the SMTP server received them: how many, and how many came twice. */
function mailTally() {
  const seen = new Set<string>();
  const state = { received: 0, doubled: 0 };
  return {
    state,
    onMail: ({ to, subject }: { to: string; subject?: string }) => {
      // The load exercise is a rehearsal and never reaches SMTP: every mail is an inject's.
      const key = `${to}\n${subject ?? ''}`;
      state.received++;
      if (seen.has(key)) state.doubled++;
      seen.add(key);
    },
  };
}

async function main(): Promise<void> {
  const database = await createTestDatabase('dabyl_bench_timing_scaled');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'dabyl-bench-timing-scaled-'));
  const prefix = `dabyl-bench-${randomBytes(6).toString('hex')}`;
  const mails = mailTally();
  const smtp = await countingSmtp(mails.onMail, { subjects: true });
  const servers: Served[] = [];
  let rt: Runtime | undefined;
  let load: BackgroundLoad | undefined;
  const env = {
    DABYL_DATABASE_URL: database.url,
    DABYL_DATA_DIR: dataDir,
    DABYL_REDIS_URL: testRedisUrl(),
    DABYL_REDIS_PREFIX: prefix,
    DABYL_SMTP_URL: smtp.url,
    DABYL_DEMO_DATA: 'false',
  };
  try {
    await serveScaled(servers, env, { count: WORKERS });
    rt = await openRuntime(loadConfig({ ...env, DABYL_LOG_LEVEL: 'silent' }), { migrate: false });
    const ctx = rt.ctx;

    const fx = await buildConductExercise(ctx, 'Pavlodar power plant timing (scaled)', 0);
    await replaceMsel(ctx, fx.exerciseId, INJECTS, MINUTES);
    const players = await ctx.db.kysely
      .selectFrom('exercise_contacts')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .innerJoin('exercise_people as p', 'p.id', 'exercise_contacts.person_id')
      .where('exercise_contacts.exercise_id', '=', fx.exerciseId)
      .where('exercise_contacts.channel', '=', 'email')
      .where('p.role', '=', 'player')
      .executeTakeFirstOrThrow();
    const rawCost = Array.from({ length: 5 }, () => rawTimersCost(INJECTS)).sort((a, b) => a - b)[2]!;
    const startex = await timedStartex(ctx, fx, 'inject timing benchmark, scaled');
    const startedAt = Date.now();
    const commits = watchCommits(ctx, fx.exerciseId);
    load = await startBackgroundLoad(ctx, BACKGROUND, { rehearsal: true });
    const sampling = SAMPLE ? sampleBursts(database.url, startedAt) : null;
    let runs: Firing[] = [];
    const oursRate = await sinkRate(ctx, async () => {
      runs = await waitFired(ctx, fx.exerciseId, startedAt + MINUTES * 60_000 + DRAIN_MS);
    });
    await commits.stop();
    await sampling?.();
    const mine = latenessOf(runs, commits.seen);
    const expectedMails = Number(players.n) * (runs.length - mine.unfired);
    // Let the last minute's e-mails arrive before they are counted.
    for (let i = 0; i < 60 && mails.state.received < expectedMails; i++) await sleep(1000);

    let raw = summary([]);
    const rawRate = await sinkRate(ctx, async () => {
      raw = summary(await rawTimers(baselineTimes(INJECTS, MINUTES)));
    });
    let bull = summary([]);
    const bullRate = await sinkRate(ctx, async () => {
      bull = summary(await bullmqDelayed(testRedisUrl(), baselineTimes(INJECTS, MINUTES)));
    });

    console.log(
      `\nPostgreSQL, scaled (an api and ${WORKERS} worker processes, BullMQ wakes): ${INJECTS} injects over ` +
        `${MINUTES} min at ×1 (${Math.round(INJECTS / MINUTES)} due at each whole minute), ` +
        `background asked ${BACKGROUND} deliveries/s (rehearsal, to the sink)`,
    );
    printLateness(mine, raw, bull, { ours: oursRate, raw: rawRate, bull: bullRate, asked: BACKGROUND });
    console.log(
      `  e-mails of the injects at the SMTP server: ${mails.state.received} of ${expectedMails}, ` +
        `doubled ${mails.state.doubled}`,
    );
    console.log(
      `  STARTEX in this process: ${ms(startex.startexMs)}, longest event-loop stall ${startex.startexStallMs.toFixed(1)} ms ` +
        `(${INJECTS} raw timers created in ${rawCost.toFixed(1)} ms: ${(startex.startexStallMs / rawCost).toFixed(2)}×, target ≤ 0.1×)`,
    );
  } finally {
    load?.stop();
    await Promise.all(servers.map((s) => s.close()));
    await rt?.close();
    await smtp.close();
    await deleteRedisPrefix(prefix);
    await dropTestDatabase(database.name);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// The runtime's timers do not hold the process open; this does, here.
const keepAlive = setInterval(() => undefined, 1000);
await main();
clearInterval(keepAlive);
