/**
 * Fan-out crash: a notice published to N residents (default 100,000), each with a verified e-mail,
 * expanded and sent by real `dabyl serve` processes to a real SMTP server (smtp-server), while the
 * process doing the work is SIGKILLed KILLS times (default 10) at random moments spread over the
 * fan-out and the sending, a new one started on the same data each time. Counted at the SMTP server,
 * per recipient: lost (no mail), the same Message-ID again (a resend a mail client shows once), two
 * mails under different Message-IDs (a double a reader sees); and deliveries dead-lettered. Also the
 * times from the publication's commit to the first and the last mail received, and kill → listening.
 * Baseline in the same run: the same fan-out by processes that are never killed.
 *
 * ENGINE=sqlite (default): one `dabyl serve` in embedded mode on a data directory.
 * ENGINE=postgres: a database of its own, Redis under a prefix of its own, one `--role api` process
 * and two `--role worker` processes; each kill takes one worker (alternately) and starts another.
 *
 * Target (the delivery-pipeline issue): 0 lost, 0 doubled.
 *
 * Run: npx tsx bench/fanout-crash.bench.ts
 *   N=100000 KILLS=10 ENGINE=sqlite|postgres CAP_MINUTES=40
 *   DABYL_TEST_DATABASE_URL, DABYL_TEST_REDIS_URL (servers; a database and a prefix of their own are made)
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { loadConfig } from '../src/config/config.js';
import { deleteRedisPrefix, testPrefix } from '../src/jobs/testing/redis.js';
import { openRuntime, type Runtime } from '../src/runtime.js';
import type { AppContext } from '../src/services/context.js';
import { serveBin, type Served } from '../test/support/dabyl-bin.js';
import { createTestDatabase, dropTestDatabase } from '../test/support/database.js';
import { testRedisUrl } from '../test/setup/engines.js';
import { ms, printTable, sleep, summary } from './support/conduct-bench.js';
import { publish, seedResidents, snapshot } from './support/fanout-fixture.js';

const N = Number(process.env.N ?? 100_000);
const KILLS = Number(process.env.KILLS ?? 10);
const ENGINE = process.env.ENGINE === 'postgres' ? 'postgres' : 'sqlite';
/** Longest wait for every delivery to be sent or dead, from the publication's commit. */
const CAP_MS = Number(process.env.CAP_MINUTES ?? 40) * 60_000;

/**
 * What the SMTP server accepted, reduced to what is counted: per envelope recipient the Message-IDs
 * in order of arrival. test/support/smtp.ts keeps every mail parsed by mailparser, which at 100,000
 * mails costs gigabytes and a core the processes under test need; this reads the header only.
 */
interface MailLog {
  url: string;
  byAddress: Map<string, string[]>;
  total: number;
  firstAt: number;
  lastAt: number;
  close(): Promise<void>;
}

const MESSAGE_ID = /^message-id:[ \t]*(<[^>\r\n]*>)/im;

async function startMailLog(): Promise<MailLog> {
  const log: MailLog = {
    url: '',
    byAddress: new Map(),
    total: 0,
    firstAt: 0,
    lastAt: 0,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    // Four pooled connections per process, a killed process's sockets lingering: room for all.
    maxClients: 200,
    onData(stream, session, callback) {
      let head = '';
      stream.on('data', (chunk: Buffer) => {
        if (head.length < 16_384 && !head.includes('\r\n\r\n')) head += chunk.toString('latin1');
      });
      stream.on('end', () => {
        // The final dot has arrived: the mail is the server's now, whatever happens to the client.
        const id = MESSAGE_ID.exec(head.split('\r\n\r\n')[0] ?? '')?.[1] ?? '';
        const at = Date.now();
        log.total++;
        if (log.firstAt === 0) log.firstAt = at;
        log.lastAt = at;
        for (const rcpt of session.envelope.rcptTo) {
          const address = rcpt.address.toLowerCase();
          const ids = log.byAddress.get(address);
          if (ids) ids.push(id);
          else log.byAddress.set(address, [id]);
        }
        callback();
      });
    },
  });
  // A client killed mid-conversation resets its connection; a mail server logs that and goes on.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  log.url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  return log;
}

interface Restart {
  killedAt: number;
  readyAt: number;
  /** The fan-out record was still being expanded when the process died. */
  duringFanOut: boolean;
}

interface Outcome {
  expected: number;
  received: number;
  lost: number;
  sameIdAgain: number;
  distinctTwice: number;
  written: number;
  sent: number;
  dead: number;
  /** Deliveries neither sent nor dead when the wait ended (the cap was reached). */
  open: number;
  firstMs: number;
  lastMs: number;
  fanOutDoneMs: number;
  restarts: Restart[];
}

async function fanOutDone(ctx: AppContext, noticeId: string): Promise<boolean> {
  const f = await ctx.db.kysely
    .selectFrom('fanouts')
    .select('status')
    .where('source_id', '=', noticeId)
    .executeTakeFirst();
  return f?.status === 'done' || f?.status === 'failed';
}

async function fanOutState(ctx: AppContext, noticeId: string) {
  const db = ctx.db.kysely;
  const rows = await db
    .selectFrom('deliveries')
    .select(['status', (eb) => eb.fn.countAll<string>().as('n')])
    .where('source_id', '=', noticeId)
    .groupBy('status')
    .execute();
  const count = (s: string) => Number(rows.find((r) => r.status === s)?.n ?? 0);
  const all = rows.reduce((s, r) => s + Number(r.n), 0);
  return {
    done: await fanOutDone(ctx, noticeId),
    written: all,
    sent: count('sent'),
    dead: count('dead'),
    open: all - count('sent') - count('dead'),
  };
}

/** The processes of one scenario: the one that is killed, and (scaled) those that are not. */
class Fleet {
  private workers: Served[] = [];
  private api: Served | null = null;
  private kills = 0;

  constructor(private readonly env: Record<string, string>) {}

  async start(): Promise<void> {
    if (ENGINE === 'postgres') {
      this.api = serveBin(this.env, ['--role', 'api']);
      await this.api.url;
      this.workers = [this.worker(), this.worker()];
    } else this.workers = [serveBin(this.env)];
    await Promise.all(this.workers.map((w) => w.url));
  }

  private worker(): Served {
    return serveBin(this.env, ['--role', 'worker']);
  }

  /** SIGKILLs a worker (alternately, when there are two) and starts a new one on the same data. */
  async killOne(): Promise<{ killedAt: number; readyAt: number }> {
    const i = this.kills++ % this.workers.length;
    const victim = this.workers[i]!;
    const gone = new Promise((resolve) => victim.child.once('exit', resolve));
    const killedAt = Date.now();
    victim.child.kill('SIGKILL');
    await gone;
    const next = ENGINE === 'postgres' ? this.worker() : serveBin(this.env);
    this.workers[i] = next;
    await next.url;
    return { killedAt, readyAt: Date.now() };
  }

  async stop(): Promise<void> {
    for (const s of [...this.workers, ...(this.api ? [this.api] : [])]) s.child.kill('SIGKILL');
    await Promise.all([...this.workers, ...(this.api ? [this.api] : [])].map((s) => s.close()));
  }
}

/** `spanMs`: how long the fan-out and sending took unkilled; the kills are spread over it. */
async function scenario(kills: number, spanMs: number): Promise<Outcome> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'dabyl-bench-fanout-crash-'));
  const database = ENGINE === 'postgres' ? await createTestDatabase('dabyl_bench_fanout_crash') : null;
  const prefix = ENGINE === 'postgres' ? testPrefix() : null;
  const smtp = await startMailLog();
  const env: Record<string, string> = {
    DABYL_DATA_DIR: dataDir,
    ...(database ? { DABYL_DATABASE_URL: database.url } : {}),
    ...(prefix ? { DABYL_REDIS_URL: testRedisUrl(), DABYL_REDIS_PREFIX: prefix } : {}),
    DABYL_SMTP_URL: smtp.url,
    DABYL_DEMO_DATA: 'false',
  };
  const fleet = new Fleet(env);
  let rt: Runtime | undefined;
  try {
    await fleet.start();
    rt = await openRuntime(loadConfig({ ...env, DABYL_LOG_LEVEL: 'silent' }), { migrate: false });
    const ctx = rt.ctx;
    const seeded = performance.now();
    await seedResidents(ctx, N, 0);
    console.log(
      `${ENGINE}, ${kills} kills: seeded ${N.toLocaleString('en')} residents in ${ms(performance.now() - seeded)}`,
    );
    const noticeId = randomUUID();
    await publish(ctx, snapshot(noticeId));
    const committed = Date.now();
    // The fan-out record's end is watched apart from the kills, which may come after it.
    let fanOutDoneMs = NaN;
    let watching = true;
    const watcher = (async () => {
      while (watching && Number.isNaN(fanOutDoneMs)) {
        if (await fanOutDone(ctx, noticeId)) fanOutDoneMs = Date.now() - committed;
        else await sleep(500);
      }
    })();

    const moments = Array.from({ length: kills }, () => 500 + Math.random() * (spanMs - 500)).sort(
      (a, b) => a - b,
    );
    const restarts: Restart[] = [];
    for (const m of moments) {
      const wait = committed + m - Date.now();
      // Behind the plan (each restart costs seconds): still a random moment, within 2 s of listening.
      await sleep(wait > 0 ? wait : Math.random() * 2000);
      const duringFanOut = !(await fanOutDone(ctx, noticeId));
      restarts.push({ ...(await fleet.killOne()), duringFanOut });
      console.log(
        `  kill ${restarts.length}/${kills} at +${ms(restarts.at(-1)!.killedAt - committed)}` +
          `${duringFanOut ? ' (fan-out still writing)' : ''}, mails so far ${smtp.total}`,
      );
    }

    let state = await fanOutState(ctx, noticeId);
    let reported = Date.now();
    while (!(state.done && state.open === 0) && Date.now() - committed < CAP_MS) {
      await sleep(1000);
      state = await fanOutState(ctx, noticeId);
      if (Date.now() - reported > 30_000) {
        reported = Date.now();
        console.log(
          `  +${ms(reported - committed)}: written ${state.written}, sent ${state.sent}, ` +
            `dead ${state.dead}, mails ${smtp.total}`,
        );
      }
    }
    // What the server accepted just before the row said so is counted already; a breath for the rest.
    await sleep(2000);
    watching = false;
    await watcher;
    state = await fanOutState(ctx, noticeId);

    let lost = 0;
    let sameIdAgain = 0;
    let distinctTwice = 0;
    for (let k = 0; k < N; k++) {
      const ids = smtp.byAddress.get(`s${k}@example.org`);
      if (!ids) {
        lost++;
        continue;
      }
      const distinct = new Set(ids).size;
      sameIdAgain += ids.length - distinct;
      if (distinct > 1) distinctTwice++;
    }
    return {
      expected: N,
      received: smtp.total,
      lost,
      sameIdAgain,
      distinctTwice,
      written: state.written,
      sent: state.sent,
      dead: state.dead,
      open: state.open,
      firstMs: smtp.firstAt - committed,
      lastMs: smtp.lastAt - committed,
      fanOutDoneMs,
      restarts,
    };
  } finally {
    await fleet.stop();
    await rt?.close();
    await smtp.close();
    if (prefix) await deleteRedisPrefix(prefix);
    if (database) await dropTestDatabase(database.name);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const plain = await scenario(0, 0);
console.log(`  never killed: last mail ${ms(plain.lastMs)} after the commit`);
const crashed = await scenario(KILLS, plain.lastMs);
const row = (label: string, pick: (o: Outcome) => number | string, target = '') => [
  label,
  String(pick(crashed)),
  String(pick(plain)),
  target,
];
console.log(
  `\n${ENGINE === 'postgres' ? 'PostgreSQL, api + two workers' : 'SQLite, one process'}: ` +
    `a notice to ${N.toLocaleString('en')} residents by e-mail, to a real SMTP server`,
);
printTable(
  ['measured', `${KILLS} SIGKILLs`, 'never killed', 'target'],
  [
    row('e-mails expected / received', (o) => `${o.expected} / ${o.received}`),
    row('e-mails lost', (o) => o.lost, '0'),
    row('e-mails again with the same Message-ID', (o) => o.sameIdAgain, '0'),
    row('e-mails twice under two Message-IDs', (o) => o.distinctTwice, '0'),
    row('deliveries written / sent', (o) => `${o.written} / ${o.sent}`),
    row('deliveries dead-lettered', (o) => o.dead, '0'),
    row('deliveries still open at the end', (o) => o.open, '0'),
    row('commit → fan-out record done (±1 s)', (o) => ms(o.fanOutDoneMs)),
    row('commit → first mail received', (o) => ms(o.firstMs)),
    row('commit → last mail received', (o) => ms(o.lastMs)),
  ],
);
const down = summary(crashed.restarts.map((r) => r.readyAt - r.killedAt));
console.log(
  `  kill → listening again: p50 ${ms(down.p50)}, max ${ms(down.max)}; ` +
    `${crashed.restarts.filter((r) => r.duringFanOut).length} of ${crashed.restarts.length} kills ` +
    `while the fan-out record was still being expanded`,
);
