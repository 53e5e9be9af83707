/**
 * Fan-out of one source to N recipients (default 1,000,000) through the whole delivery wing, to a
 * counting channel: the publication's transaction (revision, fan-out record, audit entry), the
 * fan-out worker writing deliveries in batches, and the dispatcher handing them to the channel.
 * Beside it, in the same run and database: a raw batched insert of the same delivery rows
 * (better-sqlite3 prepared statement in one transaction; pg multi-row INSERTs in one transaction).
 *
 * Prints: the publish transaction with 10 recipients and with N (target: within 2× of each other);
 * time from commit to the first delivery handed to the channel and to the last delivery written;
 * the fan-out's rows/s against the raw insert (target ≥ 0.5×), warm (place index current) and cold
 * (the first fan-out after the subscribers changed); with SEND_ALL=1 also the time until every
 * delivery was handed to the channel.
 *
 * Run: npx tsx bench/outbox-fanout.bench.ts   (N=100000 for a quick run; ENGINES=sqlite or postgres)
 */
import { randomUUID } from 'node:crypto';
import type { NoticeSnapshot } from '../src/core/notice/notice.js';
import { FanOutWorker } from '../src/jobs/fanout.worker.js';
import { OutboxDispatcher } from '../src/jobs/outbox.dispatcher.js';
import type { Runtime } from '../src/runtime.js';
import type { AppContext } from '../src/services/context.js';
import {
  PG_URL,
  withBenchRuntime,
  withEmailChannel,
  type BenchEngine,
  type BenchPlace,
} from './support/bench-runtime.js';
import { CountingChannel } from './support/counting-channel.js';
import { PAVLODAR, publish, seedResidents, snapshot, waitWritten } from './support/fanout-fixture.js';
import { rawInsert } from './support/raw-insert.js';

const N = Number(process.env.N ?? 1_000_000);
const ENGINES = (process.env.ENGINES ?? 'sqlite,postgres').split(',') as ('sqlite' | 'postgres')[];
const SEND_ALL = process.env.SEND_ALL === '1';

/** Our whole pipeline for one notice; returns the times from the commit, in ms. */
async function fanOut(ctx: AppContext, channel: CountingChannel, snap: NoticeSnapshot) {
  channel.first = 0;
  const before = channel.count;
  const worker = new FanOutWorker(ctx, { pollMs: 50 });
  const dispatcher = new OutboxDispatcher(ctx, { pollMs: 50, batch: 500 });
  const publishMs = await publish(ctx, snap);
  const committed = performance.now();
  worker.start();
  dispatcher.start();
  const written = await waitWritten(ctx, snap.id);
  if (written === 0) throw new Error(`notice ${snap.id} reached nobody: check the areas`);
  const writtenMs = performance.now() - committed;
  await worker.stop();
  while (channel.first === 0) await new Promise((r) => setTimeout(r, 5));
  const firstMs = channel.first - committed;
  let allMs: number | null = null;
  if (SEND_ALL) {
    while (channel.count - before < written) await new Promise((r) => setTimeout(r, 50));
    allMs = channel.last - committed;
  }
  await dispatcher.stop();
  return { publishMs, written, writtenMs, firstMs, allMs };
}

const fmt = (ms: number) => `${ms.toFixed(0)} ms`;
const rate = (rows: number, ms: number) => `${Math.round((rows / ms) * 1000).toLocaleString('en')} rows/s`;

async function bench(rt: Runtime, { dir, schema }: BenchPlace, engine: BenchEngine) {
  const channel = new CountingChannel();
  const ctx = withEmailChannel(rt, channel);
  const t = performance.now();
  await seedResidents(rt.ctx, N);
  console.log(`${engine}: seeded ${N.toLocaleString('en')} + 10 residents in ${fmt(performance.now() - t)}`);
  const small = await fanOut(ctx, channel, snapshot(randomUUID(), PAVLODAR));
  const cold = await fanOut(ctx, channel, snapshot(randomUUID()));
  const warm = await fanOut(ctx, channel, snapshot(randomUUID()));
  const rawMs = await rawInsert(
    rt,
    dir,
    schema,
    PG_URL,
    (
      await ctx.db.kysely
        .selectFrom('fanouts')
        .select('source_id')
        .orderBy('created_at', 'desc')
        .executeTakeFirstOrThrow()
    ).source_id,
  );
  console.log(
    `${engine.padEnd(8)} publish transaction: ${small.written} recipients ${fmt(small.publishMs)}, ` +
      `${warm.written.toLocaleString('en')} recipients ${fmt(warm.publishMs)} ` +
      `(ratio ${(warm.publishMs / small.publishMs).toFixed(2)}×, target ≤ 2×)`,
  );
  for (const [label, r] of [
    ['cold (place index rebuilt)', cold],
    ['warm', warm],
  ] as const)
    console.log(
      `${engine.padEnd(8)} ${label}: first delivery at the channel ${fmt(r.firstMs)}, last written ${fmt(r.writtenMs)} ` +
        `(${rate(r.written, r.writtenMs)}) | raw insert ${fmt(rawMs)} (${rate(r.written, rawMs)}) | ` +
        `ratio ${(rawMs / r.writtenMs).toFixed(2)}× (target ≥ 0.5×)` +
        (r.allMs !== null
          ? ` | all handed to the channel ${fmt(r.allMs)} (${rate(r.written, r.allMs)})`
          : ''),
    );
}

for (const engine of ENGINES)
  await withBenchRuntime(engine, 'outbox', (rt, place) => bench(rt, place, engine));
