/**
 * Fan-out of one notice to N residents (default 1,000,000) through the whole pipeline, scaled: a
 * `dabyl serve --role api` process and two `--role worker` processes on a PostgreSQL database and a
 * Redis prefix of their own, the channel real e-mail to a local SMTP server that only counts. The
 * notice is published from this process (the notices workflow's transaction, over the same
 * database); the workers claim the fan-out record, write the deliveries and send them.
 * Beside it, in the same run and the same Redis: BullMQ `addBulk` of the same N jobs (one per
 * delivery, its fields as the job's data, 1,000 per call), from two producer processes, timed until
 * all are in the queue.
 *
 * Prints: the publish transaction with 10 recipients and with N (target: within 2× of each other);
 * from the commit, the first e-mail received and the last delivery written; our rows/s against
 * BullMQ's jobs/s (target ≥ 1.0×); with SEND_ALL=1 also the time until every e-mail was received.
 *
 * Run: N=100000 npx tsx bench/outbox-fanout-scaled.bench.ts   (SEND_ALL=1; WRITE_ONLY=1 for workers
 * without SMTP; DABYL_TEST_DATABASE_URL, DABYL_TEST_REDIS_URL for other servers)
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import pg from 'pg';
import { loadConfig } from '../src/config/config.js';
import { deleteRedisPrefix } from '../src/jobs/testing/redis.js';
import { openRuntime, type Runtime } from '../src/runtime.js';
import { testDatabaseUrl, testRedisUrl } from '../test/setup/engines.js';
import { createTestDatabase, dropTestDatabase } from '../test/support/database.js';
import type { Served } from '../test/support/dabyl-bin.js';
import { serveScaled } from './support/scaled.js';
import { countingSmtp, residentOf, Tally } from './support/counting-smtp.js';
import { printActivity, sampleActivity } from './support/pg-activity.js';
import { PAVLODAR, publish, seedResidents, snapshot, waitWritten } from './support/fanout-fixture.js';

const N = Number(process.env.N ?? 1_000_000);
const SEND_ALL = process.env.SEND_ALL === '1';
/** Workers without SMTP: deliveries wait in the outbox, so the fan-out writes with no sends beside it. */
const WRITE_ONLY = process.env.WRITE_ONLY === '1';
const PRODUCERS = 2;
const CHUNK = 1000;
const QUEUE = 'bench-delivery';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const fmt = (ms: number) => `${ms.toFixed(0)} ms`;
const perSecond = (n: number, ms: number) => Math.round((n / ms) * 1000);

/** The job data of one delivery: what a BullMQ-based outbox would have to carry per recipient. */
interface DeliveryJob {
  id: string;
  source: string;
  recipient: string;
  channel: string;
  address: string;
  language: string;
  mode: string;
}

/**
 * The counting SMTP server of bench/support/counting-smtp.ts. The residents' addresses are
 * s<k>@example.org, k < N near (the big notice) and k ≥ N far (the small one), so the envelope alone
 * tells the notices apart.
 */
async function noticeSmtp() {
  const near = new Tally(N);
  const state = { url: '', near, far: 0 };
  const server = await countingSmtp(({ to }) => {
    const k = residentOf(to);
    if (k < 0 || k >= N) state.far++;
    else near.add(k);
  });
  state.url = server.url;
  return { state, close: server.close };
}

/** CPU seconds (user + system) a process has used so far, from /proc; 0 where it cannot be read. */
function cpuSeconds(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** CPU seconds the PostgreSQL backends serving `database` have used, per backend. */
async function backendCpu(admin: pg.Client, database: string): Promise<Map<number, number>> {
  const r = await admin.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1', [
    database,
  ]);
  return new Map(r.rows.map((row) => [row.pid, cpuSeconds(row.pid)]));
}

/**
 * One producer process: reads its share of the notice's deliveries, says it is ready, and on `go`
 * adds them to the queue with addBulk, CHUNK at a time, one call awaited before the next (as one
 * worker writes one batch per transaction).
 */
async function producer(): Promise<void> {
  const need = (name: string): string => {
    const value = process.env[name];
    if (value === undefined) throw new Error(`the producer needs ${name}`);
    return value;
  };
  const [DATABASE_URL, REDIS_URL, PREFIX, SOURCE_ID, PART] = [
    'DATABASE_URL',
    'REDIS_URL',
    'PREFIX',
    'SOURCE_ID',
    'PART',
  ].map(need) as [string, string, string, string, string];
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  const rows = (
    await client.query<DeliveryJob>(
      `select id, source_id as source, recipient_id as recipient, channel, address, language, mode
         from deliveries where source_id = $1 order by id`,
      [SOURCE_ID],
    )
  ).rows.filter((_, i) => i % PRODUCERS === Number(PART));
  await client.end();
  const url = new URL(REDIS_URL);
  const queue = new Queue(QUEUE, {
    connection: { host: url.hostname, port: Number(url.port || 6379) },
    prefix: PREFIX,
  });
  await queue.waitUntilReady();
  process.send!({ ready: rows.length });
  await new Promise<void>((resolve) => process.once('message', () => resolve()));
  for (let i = 0; i < rows.length; i += CHUNK)
    await queue.addBulk(
      rows.slice(i, i + CHUNK).map((data) => ({ name: 'deliver', data, opts: { jobId: data.id } })),
    );
  process.send!({ done: rows.length });
  await queue.close();
}

type Said = { ready?: number; done?: number };
const nextMessage = (child: ChildProcess) => new Promise<Said>((resolve) => child.once('message', resolve));

/** BullMQ's side: both producers started together; ms until the last job of both is in the queue. */
async function bullmqAddBulk(env: Record<string, string>): Promise<{ ms: number; jobs: number }> {
  // fork() passes on tsx's loader through execArgv, so each child runs this same TypeScript file.
  const children = Array.from({ length: PRODUCERS }, (_, part) =>
    fork(fileURLToPath(import.meta.url), [], {
      env: { ...process.env, ...env, BENCH_PRODUCER: '1', PART: String(part) },
    }),
  );
  const exited = children.map((c) => new Promise((resolve) => c.once('exit', resolve)));
  const jobs = (await Promise.all(children.map(nextMessage))).reduce((n, m) => n + (m.ready ?? 0), 0);
  const done = children.map(nextMessage);
  const t = performance.now();
  for (const child of children) child.send('go');
  await Promise.all(done);
  const ms = performance.now() - t;
  await Promise.all(exited);
  return { ms, jobs };
}

async function main(): Promise<void> {
  const database = await createTestDatabase('dabyl_bench_scaled');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'dabyl-bench-scaled-'));
  const prefix = `dabyl-bench-${randomBytes(6).toString('hex')}`;
  const smtp = await noticeSmtp();
  const servers: Served[] = [];
  let rt: Runtime | undefined;
  const admin = new pg.Client({ connectionString: testDatabaseUrl() });
  await admin.connect();
  const env = {
    DABYL_DATABASE_URL: database.url,
    DABYL_DATA_DIR: dataDir,
    DABYL_REDIS_URL: testRedisUrl(),
    DABYL_REDIS_PREFIX: prefix,
    DABYL_SMTP_URL: smtp.state.url,
    DABYL_DEMO_DATA: 'false',
  };
  try {
    const { DABYL_SMTP_URL: _smtp, ...noSmtp } = env;
    const { api, workers } = await serveScaled(servers, env, { workerEnv: WRITE_ONLY ? noSmtp : env });
    rt = await openRuntime(loadConfig({ ...env, DABYL_LOG_LEVEL: 'silent' }), { migrate: false });
    const ctx = rt.ctx;

    const t = performance.now();
    await seedResidents(ctx, N);
    console.log(`seeded ${N.toLocaleString('en')} + 10 residents in ${fmt(performance.now() - t)}`);

    // The small notice first: its publication's time, and proof that the whole path delivers.
    const small = snapshot(randomUUID(), PAVLODAR);
    const smallPublishMs = await publish(ctx, small);
    const smallWritten = await waitWritten(ctx, small.id);
    while (!WRITE_ONLY && smtp.state.far < smallWritten) await sleep(20);
    console.log(`small notice: ${smallWritten} written${WRITE_ONLY ? '' : ' and received'}`);

    // A change of one subscriber leaves each worker's place index one change behind for the next
    // fan-out, as the constant sign-ups of a live site do (it is patched, decision 0048).
    await ctx.db.kysely
      .updateTable('subscribers')
      .set({ updated_at: new Date().toISOString() })
      .where('email', '=', `s${N}@example.org`)
      .execute();
    const cpu = () => [...workers, api].map((w) => cpuSeconds(w.child.pid));
    const cpuBefore = {
      servers: cpu(),
      pg: await backendCpu(admin, database.name),
      self: process.cpuUsage(),
    };

    const big = snapshot(randomUUID());
    const publishMs = await publish(ctx, big);
    const committed = performance.now();
    const activity = sampleActivity(admin, database.name, committed);
    const written = await waitWritten(ctx, big.id);
    const writtenMs = performance.now() - committed;
    const cpuAfter = {
      servers: cpu(),
      pg: await backendCpu(admin, database.name),
      self: process.cpuUsage(cpuBefore.self),
    };
    const sampled = await activity();
    let pgUsed = 0;
    for (const [pid, sec] of cpuAfter.pg) pgUsed += sec - (cpuBefore.pg.get(pid) ?? 0);
    if (written === 0) throw new Error('the notice reached nobody: check the areas');
    while (!WRITE_ONLY && smtp.state.near.first === 0) await sleep(5);
    const firstMs = WRITE_ONLY ? NaN : smtp.state.near.first - committed;
    const sentWhileWriting = smtp.state.near.count;
    let allMs: number | null = null;
    if (SEND_ALL && !WRITE_ONLY) {
      while (smtp.state.near.count < written) await sleep(50);
      allMs = smtp.state.near.last - committed;
    }
    const fanout = await ctx.db.kysely
      .selectFrom('fanouts')
      .select(['matched', 'written', 'attempts'])
      .where('source_id', '=', big.id)
      .executeTakeFirstOrThrow();
    const rows = await ctx.db.kysely
      .selectFrom('deliveries')
      .select((eb) => [
        eb.fn.countAll<string>().as('n'),
        eb.fn.count<string>('recipient_id').distinct().as('people'),
      ])
      .where('source_id', '=', big.id)
      .executeTakeFirstOrThrow();

    // Our pipeline idle before the baseline: the workers would otherwise still be sending e-mail.
    await Promise.all(workers.map((w) => w.close()));
    const states = await ctx.db.kysely
      .selectFrom('deliveries')
      .select(['status', (eb) => eb.fn.countAll<string>().as('n')])
      .where('source_id', '=', big.id)
      .groupBy('status')
      .execute();
    const baseline = await bullmqAddBulk({
      DATABASE_URL: database.url,
      REDIS_URL: testRedisUrl(),
      PREFIX: prefix,
      SOURCE_ID: big.id,
    });
    const queue = new Queue(QUEUE, {
      connection: {
        host: new URL(testRedisUrl()).hostname,
        port: Number(new URL(testRedisUrl()).port || 6379),
      },
      prefix,
    });
    const counts = await queue.getJobCounts('waiting');
    await queue.obliterate({ force: true });
    await queue.close();

    const ours = perSecond(written, writtenMs);
    const theirs = perSecond(baseline.jobs, baseline.ms);
    const usedCpu = cpuAfter.servers.map((s, i) => s - cpuBefore.servers[i]!);
    console.log(
      `publish transaction: ${smallWritten} recipients ${fmt(smallPublishMs)}, ${written.toLocaleString('en')} ` +
        `recipients ${fmt(publishMs)} (ratio ${(publishMs / smallPublishMs).toFixed(2)}×, target ≤ 2×)`,
    );
    console.log(
      `ours${WRITE_ONLY ? ' (WRITE_ONLY: workers without SMTP)' : ''}: first e-mail received ${fmt(firstMs)}, last delivery written ${fmt(writtenMs)} ` +
        `(${ours.toLocaleString('en')} rows/s; ${sentWhileWriting.toLocaleString('en')} e-mails received meanwhile)` +
        (allMs !== null
          ? `, all e-mails received ${fmt(allMs)} (${perSecond(written, allMs).toLocaleString('en')}/s)`
          : ''),
    );
    console.log(
      `BullMQ addBulk, ${PRODUCERS} producer processes, ${CHUNK} a call: ${baseline.jobs.toLocaleString('en')} jobs ` +
        `in ${fmt(baseline.ms)} (${theirs.toLocaleString('en')} jobs/s; ${counts.waiting} waiting)`,
    );
    console.log(`ratio ours/BullMQ ${(ours / theirs).toFixed(2)}× (target ≥ 1.0×)`);
    console.log(
      `fan-out record: matched ${fanout.matched}, written ${fanout.written}, attempts ${fanout.attempts}; ` +
        `delivery rows ${rows.n} for ${rows.people} people; ` +
        `by state when the workers stopped: ${states.map((r) => `${r.status} ${r.n}`).join(', ')}; ` +
        `e-mails received ${smtp.state.near.count}, doubled at the server ${smtp.state.near.doubled}`,
    );
    console.log(
      `CPU while writing (s): worker 1 ${usedCpu[0]!.toFixed(1)}, worker 2 ${usedCpu[1]!.toFixed(1)}, ` +
        `api ${usedCpu[2]!.toFixed(1)}, PostgreSQL backends ${pgUsed.toFixed(1)}, ` +
        `this process ${((cpuAfter.self.user + cpuAfter.self.system) / 1e6).toFixed(1)}`,
    );
    console.log(`database while writing, share of ${sampled.samples} samples of the active backends:`);
    printActivity(sampled);
  } finally {
    await Promise.all(servers.map((s) => s.close()));
    await rt?.close();
    await smtp.close();
    await admin.end();
    await deleteRedisPrefix(prefix);
    await dropTestDatabase(database.name);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.env.BENCH_PRODUCER) await producer();
else await main();
