/**
 * One Actual alert to N residents (default 1,000,000) in a city polygon, then its Cancel, scaled: a
 * `dabyl serve --role api` process and two `--role worker` processes on a PostgreSQL database and a
 * Redis prefix of their own, e-mail to a local SMTP server that only counts (the set-up of
 * bench/outbox-fanout-scaled.bench.ts). A PIO drafts and submits the alert and an authoriser
 * approves it with a TOTP code from this process, over the same database (the CAP is built and
 * signed in the approval's transaction, here, as in the API process that would take the request);
 * the workers claim the fan-out, write the deliveries and send the stored CAP's e-mail. Between
 * fan-outs the workers keep their place indexes current (decision 0048): after the seeding the bench
 * waits SETTLE_S seconds (default 30) for that, as a live site's workers have run all along, then
 * changes one resident just before the approval, as the sign-ups that never stop leave each index a
 * little behind when an alert comes.
 * Once every e-mail of the alert has arrived, the authoriser cancels it in one action and the
 * Cancel goes to the same people. The mails of each message are counted per resident under their
 * Subject, so a second mail of the same message to a resident is seen as doubled.
 *
 * Prints, for the alert and for the Cancel, from the start of the approving (cancelling) call: the
 * first e-mail received (target ≤ 1 s); the last delivery written, with rows/s against a raw
 * batched insert of the original's rows into the same table in the same run, after the workers
 * have stopped (target ≥ 0.5×); every e-mail received; then the Cancel's time to everyone against
 * the original's (target ≤ 1.0×) and the doubled mails (target 0).
 *
 * Run: NODE_OPTIONS=--max-old-space-size=12000 DABYL_FROM_BUILD=1 npx tsx bench/alert-fanout-scaled.bench.ts
 * (after `npm run build`; N=20000 for a quick run; the heap is for the baseline's rows held in memory
 * at a million; DABYL_TEST_DATABASE_URL, DABYL_TEST_REDIS_URL for other servers)
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config/config.js';
import { totpStep } from '../src/core/auth/totp.js';
import { deleteRedisPrefix } from '../src/jobs/testing/redis.js';
import { openRuntime, type Runtime } from '../src/runtime.js';
import {
  approveAlert,
  cancelAlert,
  createAlert,
  submitAlert,
} from '../src/services/alerts/alerts.service.js';
import type { AppContext } from '../src/services/context.js';
import { installSigningKey, makePerson } from '../test/alerts/harness.js';
import { testRedisUrl } from '../test/setup/engines.js';
import { createTestDatabase, dropTestDatabase } from '../test/support/database.js';
import type { Served } from '../test/support/dabyl-bin.js';
import { serveScaled } from './support/scaled.js';
import { earthquakeDraft, waitFanOut } from './support/alert-fixture.js';
import { countingSmtp, residentOf, Tally } from './support/counting-smtp.js';
import { seedResidents } from './support/fanout-fixture.js';
import { rawInsert } from './support/raw-insert.js';

const N = Number(process.env.N ?? 1_000_000);
const SETTLE_S = Number(process.env.SETTLE_S ?? 30);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const fmt = (ms: number) => (ms < 10_000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(1)} s`);
const rate = (rows: number, ms: number) => `${Math.round((rows / ms) * 1000).toLocaleString('en')}/s`;

type Phase = 'alert' | 'cancel';

/**
 * The mails of the run, by phase and Subject: the Cancel is only made once every resident has the
 * alert, so in the Cancel's phase a mail under the alert's subject is a doubled one of the alert.
 * Mails to anyone outside the area (the fixture's far residents) count as strays.
 */
async function alertSmtp() {
  let phase: Phase = 'alert';
  const tallies = new Map<string, Tally>();
  const state = { stray: 0 };
  const server = await countingSmtp(
    ({ to, subject }) => {
      const k = residentOf(to);
      if (k < 0 || k >= N) {
        state.stray++;
        return;
      }
      const key = `${phase}\n${subject}`;
      let tally = tallies.get(key);
      if (!tally) tallies.set(key, (tally = new Tally(N)));
      tally.add(k);
    },
    { subjects: true },
  );
  /** The phase's tally under the subject most of its mails carry, and that subject. */
  const main = (of: Phase): { subject: string | undefined; tally: Tally } => {
    let best: [string, Tally] | undefined;
    for (const [key, tally] of tallies)
      if (key.startsWith(`${of}\n`) && (!best || tally.count > best[1].count)) best = [key, tally];
    return best
      ? { subject: best[0].slice(of.length + 1), tally: best[1] }
      : { subject: undefined, tally: new Tally(0) };
  };
  /** Mails of a phase under any subject but `subject`. */
  const besides = (of: Phase, subject: string | undefined) =>
    [...tallies]
      .filter(([key]) => key.startsWith(`${of}\n`) && key !== `${of}\n${subject}`)
      .map(([key, t]) => ({ subject: key.slice(of.length + 1), count: t.count }));
  return {
    url: server.url,
    state,
    main,
    besides,
    enter: (next: Phase) => (phase = next),
    close: server.close,
  };
}

type Smtp = Awaited<ReturnType<typeof alertSmtp>>;

/**
 * From the start of the approving (cancelling) call: the first e-mail received, the fan-out record
 * done (last delivery written), and every delivery's e-mail received.
 */
async function measure(
  ctx: AppContext,
  smtp: Smtp,
  phase: Phase,
  act: () => Promise<{ threadId: string; sequence: number }>,
) {
  smtp.enter(phase);
  const t = performance.now();
  const { threadId, sequence } = await act();
  const actMs = performance.now() - t;
  const rows = await waitFanOut(ctx, threadId, sequence);
  const writtenMs = performance.now() - t;
  if (rows === 0) throw new Error(`the ${phase} reached nobody: check the area`);
  const receivedWhileWriting = smtp.main(phase).tally.count;
  let said = performance.now();
  while (smtp.main(phase).tally.count < rows) {
    await sleep(50);
    if (performance.now() - said > 60_000) {
      said = performance.now();
      console.log(
        `  ${phase}: ${smtp.main(phase).tally.count.toLocaleString('en')} of ${rows.toLocaleString('en')} e-mails received after ${fmt(said - t)}`,
      );
    }
  }
  const { tally, subject } = smtp.main(phase);
  return {
    threadId,
    sequence,
    rows,
    actMs,
    firstMs: tally.first - t,
    writtenMs,
    receivedWhileWriting,
    allMs: tally.last - t,
    subject,
  };
}

async function main(): Promise<void> {
  const database = await createTestDatabase('dabyl_bench_alert_scaled');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'dabyl-bench-alert-scaled-'));
  const prefix = `dabyl-bench-${randomBytes(6).toString('hex')}`;
  const smtp = await alertSmtp();
  const servers: Served[] = [];
  let rt: Runtime | undefined;
  let signing: ReturnType<typeof installSigningKey> | undefined;
  const env = {
    DABYL_DATABASE_URL: database.url,
    DABYL_DATA_DIR: dataDir,
    DABYL_REDIS_URL: testRedisUrl(),
    DABYL_REDIS_PREFIX: prefix,
    DABYL_SMTP_URL: smtp.url,
    DABYL_DEMO_DATA: 'false',
  };
  try {
    const { workers } = await serveScaled(servers, env);
    rt = await openRuntime(loadConfig({ ...env, DABYL_LOG_LEVEL: 'silent' }), { migrate: false });
    const ctx = rt.ctx;
    // Only the approval and the Cancel sign, in this process; the workers send the stored, signed CAP.
    signing = installSigningKey(ctx);

    const t = performance.now();
    await seedResidents(ctx, N);
    console.log(`seeded ${N.toLocaleString('en')} + 10 residents in ${fmt(performance.now() - t)}`);
    await sleep(SETTLE_S * 1000);
    await ctx.db.kysely
      .updateTable('subscribers')
      .set({ updated_at: new Date().toISOString() })
      .where('email', '=', `s${N - 1}@example.org`)
      .execute();
    const pio = await makePerson(ctx, 'bench.pio', 'pio');
    const auth = await makePerson(ctx, 'bench.authoriser', 'authoriser');
    const draft = await createAlert(ctx, pio.info, pio.actor, earthquakeDraft());
    const submitted = await submitAlert(ctx, pio.info, pio.actor, draft.id, draft.version);
    console.log(`the authoriser is shown ${submitted.reach?.residents.toLocaleString('en')} residents`);

    let approvedStep = 0;
    const original = await measure(ctx, smtp, 'alert', async () => {
      approvedStep = totpStep(ctx.clock.now());
      const a = await approveAlert(ctx, auth.info, auth.actor, draft.id, submitted.version, auth.code());
      return { threadId: a.threadId, sequence: 1 };
    });
    // A code is taken once: the Cancel's is the next 30-second step's, as a person would read it.
    while (totpStep(ctx.clock.now()) === approvedStep) await sleep(100);
    const cancel = await measure(ctx, smtp, 'cancel', async () => {
      const c = await cancelAlert(ctx, auth.info, auth.actor, draft.id, 'Bench: sent in error', auth.code());
      return { threadId: c.threadId, sequence: c.sequence };
    });
    // A doubled mail may come late: a moment for it before the count.
    await sleep(2000);

    // Our pipeline idle before the baseline, which writes into the same table.
    await Promise.all(workers.map((w) => w.close()));
    const rawMs = await rawInsert(rt, dataDir, 'public', database.url, original.threadId, 1);

    const { tally: alertMails } = smtp.main('alert');
    const { tally: cancelMails } = smtp.main('cancel');
    const sameSubject = original.subject === cancel.subject;
    // Once every resident had the alert, any more of it is doubled (unless the Cancel's subject is
    // the same, when it is counted in the Cancel's tally and shows there as doubled).
    const lateAlert = sameSubject
      ? 0
      : (smtp.besides('cancel', cancel.subject).find((o) => o.subject === original.subject)?.count ?? 0);
    const others = [
      ...smtp.besides('alert', original.subject),
      ...smtp.besides('cancel', cancel.subject).filter((o) => o.subject !== original.subject),
    ];
    const doubled = { alert: alertMails.doubled + lateAlert, cancel: cancelMails.doubled };

    for (const [label, r, mails] of [
      ['alert ', original, alertMails],
      ['cancel', cancel, cancelMails],
    ] as const)
      console.log(
        `${label}: ${r.rows.toLocaleString('en')} deliveries | ${r.sequence === 1 ? 'approval' : 'cancel'} call ${fmt(r.actMs)} | ` +
          `first e-mail received ${fmt(r.firstMs)} (target ≤ 1 s) | last delivery written ${fmt(r.writtenMs)} ` +
          `(${rate(r.rows, r.writtenMs)}; ${r.receivedWhileWriting.toLocaleString('en')} e-mails received meanwhile) | ` +
          `every e-mail received ${fmt(r.allMs)} (${rate(r.rows, r.allMs)}; ${mails.count.toLocaleString('en')} received)`,
      );
    for (const [label, r] of [
      ['alert ', original],
      ['cancel', cancel],
    ] as const)
      console.log(
        `${label}: raw insert of the original's ${original.rows.toLocaleString('en')} rows ${fmt(rawMs)} ` +
          `(${rate(original.rows, rawMs)}) | written at ${(r.rows / r.writtenMs / (original.rows / rawMs)).toFixed(2)}× its rate (target ≥ 0.5×)`,
      );
    console.log(
      `cancel reached everyone in ${(cancel.allMs / original.allMs).toFixed(2)}× the original's time (target ≤ 1.0×)`,
    );
    console.log(
      `doubled mails: alert ${doubled.alert}, cancel ${doubled.cancel} (target 0)` +
        `${sameSubject ? ' (the two messages share a subject: counted by phase alone)' : ''}; ` +
        `mails outside the area ${smtp.state.stray}; under another subject ${others.reduce((n, o) => n + o.count, 0)}`,
    );
  } finally {
    signing?.remove();
    await Promise.all(servers.map((s) => s.close()));
    await rt?.close();
    await smtp.close();
    await deleteRedisPrefix(prefix);
    await dropTestDatabase(database.name);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
