/**
 * One Actual alert to N residents (default 1,000,000) in a city polygon, through the alert
 * workflow as people drive it (a PIO drafts and submits, an authoriser approves with a TOTP code,
 * the CAP is signed) and the whole delivery wing, embedded, to a channel that only counts; then
 * its Cancel, one action from the original, to the same people.
 *
 * Prints, per engine: approval to the first delivery handed to the channel (target ≤ 1 s); to
 * the last delivery written, with its rows/s against a raw batched insert of the same rows in the
 * same run (target ≥ 0.5×); to every delivery handed to the channel; and the same for the Cancel,
 * whose time to reach everyone is set against the original's (target ≤ 1.0×).
 *
 * Run: npx tsx bench/alert-fanout.bench.ts   (N=100000 for a quick run; ENGINES=sqlite or postgres;
 * at a million, NODE_OPTIONS=--max-old-space-size=12000 for the baseline's rows held in memory)
 */
import { FanOutWorker } from '../src/jobs/fanout.worker.js';
import { OutboxDispatcher } from '../src/jobs/outbox.dispatcher.js';
import type { Runtime } from '../src/runtime.js';
import type { AppContext } from '../src/services/context.js';
import {
  approveAlert,
  cancelAlert,
  createAlert,
  submitAlert,
} from '../src/services/alerts/alerts.service.js';
import { installSigningKey, makePerson } from '../test/alerts/harness.js';
import {
  PG_URL,
  withBenchRuntime,
  withEmailChannel,
  type BenchEngine,
  type BenchPlace,
} from './support/bench-runtime.js';
import { earthquakeDraft, waitFanOut } from './support/alert-fixture.js';
import { CountingChannel } from './support/counting-channel.js';
import { seedResidents } from './support/fanout-fixture.js';
import { rawInsert } from './support/raw-insert.js';

const N = Number(process.env.N ?? 1_000_000);
const ENGINES = (process.env.ENGINES ?? 'sqlite,postgres').split(',') as ('sqlite' | 'postgres')[];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** From the approving call to the first handed over, the last written and the last handed over. */
async function measure(
  ctx: AppContext,
  channel: CountingChannel,
  act: () => Promise<{ threadId: string; sequence: number }>,
) {
  channel.first = 0;
  const before = channel.count;
  const t = performance.now();
  const { threadId, sequence } = await act();
  const actMs = performance.now() - t;
  const rows = await waitFanOut(ctx, threadId, sequence);
  const writtenMs = performance.now() - t;
  while (channel.count - before < rows) await sleep(50);
  return { threadId, rows, actMs, firstMs: channel.first - t, writtenMs, allMs: channel.last - t };
}

const fmt = (ms: number) => (ms < 10_000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(1)} s`);
const rate = (rows: number, ms: number) => `${Math.round((rows / ms) * 1000).toLocaleString('en')}/s`;

async function bench(rt: Runtime, { dir, schema }: BenchPlace, engine: BenchEngine) {
  const channel = new CountingChannel();
  const ctx = withEmailChannel(rt, channel);
  const signing = installSigningKey(ctx);
  const worker = new FanOutWorker(ctx, { pollMs: 50 });
  const dispatcher = new OutboxDispatcher(ctx, { pollMs: 50, batch: 500 });
  try {
    const t = performance.now();
    await seedResidents(rt.ctx, N);
    console.log(
      `${engine}: seeded ${N.toLocaleString('en')} + 10 residents in ${fmt(performance.now() - t)}`,
    );
    const pio = await makePerson(ctx, 'bench.pio', 'pio');
    const auth = await makePerson(ctx, 'bench.authoriser', 'authoriser');
    const draft = await createAlert(ctx, pio.info, pio.actor, earthquakeDraft());
    const submitted = await submitAlert(ctx, pio.info, pio.actor, draft.id, draft.version);
    console.log(
      `${engine}: the authoriser is shown ${submitted.reach?.residents.toLocaleString('en')} residents`,
    );
    // A warmed place index, as on a server that has been up: the cold read is the notice bench's.
    worker.start();
    dispatcher.start();
    const original = await measure(ctx, channel, async () => {
      const a = await approveAlert(ctx, auth.info, auth.actor, draft.id, submitted.version, auth.code());
      return { threadId: a.threadId, sequence: 1 };
    });
    // The next 30-second step, as a person would read it off the app: a code is taken once.
    await sleep(30_000 - (Date.now() % 30_000) + 100);
    const cancel = await measure(ctx, channel, async () => {
      const c = await cancelAlert(ctx, auth.info, auth.actor, draft.id, 'Bench: sent in error', auth.code());
      return { threadId: c.threadId, sequence: c.sequence };
    });
    for (const [label, r] of [
      ['alert ', original],
      ['cancel', cancel],
    ] as const)
      console.log(
        `${engine.padEnd(8)} ${label}: ${r.rows.toLocaleString('en')} deliveries | approval call ${fmt(r.actMs)} | ` +
          `first at the channel ${fmt(r.firstMs)} (target ≤ 1 s) | last written ${fmt(r.writtenMs)} ` +
          `(${rate(r.rows, r.writtenMs)}) | all handed over ${fmt(r.allMs)} (${rate(r.rows, r.allMs)})`,
      );
    console.log(
      `${engine.padEnd(8)} cancel reached everyone in ${(cancel.allMs / original.allMs).toFixed(2)}× the original's time (target ≤ 1.0×)`,
    );
    // Printed last: at a million rows the baseline reads them all into memory first. The original's
    // rows alone: the thread's deliveries are the Cancel's too by now.
    const rawMs = await rawInsert(rt, dir, schema, PG_URL, original.threadId, 1);
    for (const [label, r] of [
      ['alert ', original],
      ['cancel', cancel],
    ] as const)
      console.log(
        `${engine.padEnd(8)} ${label}: raw insert of as many rows ${fmt(rawMs)} (${rate(r.rows, rawMs)}) | ` +
          `written at ${(rawMs / r.writtenMs).toFixed(2)}× its rate (target ≥ 0.5×)`,
      );
  } finally {
    await worker.stop();
    await dispatcher.stop();
    signing.remove();
  }
}

for (const engine of ENGINES)
  await withBenchRuntime(engine, 'alert', (rt, place) => bench(rt, place, engine));
