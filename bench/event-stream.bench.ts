/**
 * The live event stream with 500 connected readers: Dabyl (SQLite, one event per transaction, each
 * read once by the process's listener and fanned out through the policy to every reader) beside a
 * plain node:http server writing the very same SSE frames to 500 sockets with no database. The
 * readers run in a child process, so the server side is what is measured.
 * Two phases each: paced (RATE events/s for PACED events) for the p99 from commit (raw: write) to
 * arrival, and a burst (BURST events as fast as they can be written) for events per second, each
 * event counted once it has reached every reader. Target: ≥ 0.8× the raw writes' events/s.
 * WATCH=exercise (the default) streams `inject.changed` events of one running exercise, as 500
 * controllers and evaluators watching one control room would get them, each checked against the
 * reader's access to that exercise; WATCH=outbox streams delivery-wing events with no exercise.
 * Run: npx tsx bench/event-stream.bench.ts   (READERS=500 RATE=50 PACED=250 BURST=1000 WATCH=exercise)
 */
import { fork, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { AppContext } from '../src/services/context.js';

const READERS = Number(process.env.READERS ?? 500);
const RATE = Number(process.env.RATE ?? 50);
const PACED = Number(process.env.PACED ?? 250);
const BURST = Number(process.env.BURST ?? 1000);
const WATCH = process.env.WATCH === 'outbox' ? 'outbox' : 'exercise';
const TYPE = WATCH === 'exercise' ? 'inject.changed' : 'outbox.changed';
/** Milliseconds since the epoch with sub-millisecond precision, comparable across processes. */
const clock = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Report {
  p50: number;
  p99: number;
  eventsPerSecond: number;
}

// ---- the readers' process -------------------------------------------------------------------
async function readers(url: string, cookie: string): Promise<void> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  const latencies: number[] = [];
  const lastArrival = new Map<number, number>();
  let doneCount = 0;
  let burstStart = Infinity;
  const total = PACED + BURST;
  await Promise.all(
    Array.from(
      { length: READERS },
      () =>
        new Promise<void>((resolve, reject) => {
          const headers = { accept: 'text/event-stream', ...(cookie ? { cookie } : {}) };
          const req = http.get(url, { headers, agent }, (res) => {
            if (res.statusCode !== 200) return reject(new Error(`reader: ${res.statusCode}`));
            let buffer = '';
            res.setEncoding('utf8');
            res.on('data', (chunk: string) => {
              const now = clock();
              buffer += chunk;
              let cut: number;
              while ((cut = buffer.indexOf('\n\n')) >= 0) {
                const block = buffer.slice(0, cut);
                buffer = buffer.slice(cut + 2);
                const m = /^id: (\d+)\n[^]*"t":([\d.]+)/.exec(block);
                if (!m) continue;
                const id = Number(m[1]);
                const t = Number(m[2]);
                if (id <= PACED) latencies.push(now - t);
                else if (id === PACED + 1) burstStart = Math.min(burstStart, t);
                if (id === total) {
                  lastArrival.set(lastArrival.size, now);
                  if (++doneCount === READERS) finish();
                }
              }
            });
            resolve();
          });
          req.on('error', reject);
        }),
    ),
  );
  process.send!({ ready: true });
  function finish() {
    latencies.sort((a, b) => a - b);
    const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))]!;
    const end = Math.max(...lastArrival.values());
    const report: Report = {
      p50: q(0.5),
      p99: q(0.99),
      eventsPerSecond: (BURST / (end - burstStart)) * 1000,
    };
    process.send!(report, () => process.exit(0));
  }
}

// ---- the measuring process --------------------------------------------------------------------
function startReaders(
  url: string,
  cookie: string,
): { ready: Promise<void>; report: Promise<Report>; child: ChildProcess } {
  const child = fork(fileURLToPath(import.meta.url), ['readers', url, cookie], {
    execArgv: ['--import', 'tsx'],
    env: process.env,
  });
  let onReady!: () => void;
  const ready = new Promise<void>((r) => (onReady = r));
  const report = new Promise<Report>((resolve, reject) => {
    child.on('message', (m: { ready?: boolean } & Report) => (m.ready ? onReady() : resolve(m)));
    child.on('exit', (code) => code !== 0 && reject(new Error(`readers exited with ${code}`)));
  });
  return { ready, report, child };
}

/** Writes PACED events at RATE per second, then BURST as fast as `write` allows. */
async function drive(write: (n: number) => Promise<void>): Promise<void> {
  const start = clock();
  for (let n = 1; n <= PACED; n++) {
    const due = start + (n * 1000) / RATE;
    const wait = due - clock();
    if (wait > 0) await sleep(wait);
    await write(n);
  }
  for (let n = PACED + 1; n <= PACED + BURST; n++) await write(n);
}

async function dabyl(): Promise<Report> {
  const { loadConfig } = await import('../src/config/config.js');
  const { startServer } = await import('../src/runtime.js');
  const { appendEvent } = await import('../src/services/events/events.service.js');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'dabyl-bench-events-'));
  const config = loadConfig({
    DABYL_PORT: '0',
    DABYL_HOST: '127.0.0.1',
    DABYL_DATA_DIR: dataDir,
    DABYL_DEMO_DATA: 'false',
    DABYL_LOG_LEVEL: 'silent',
  });
  const server = await startServer(config, { logger: false });
  try {
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(server.firstAdmin),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const r = startReaders(`${server.url}/api/v1/events`, cookie);
    await r.ready;
    const ctx = server.runtime.ctx;
    const exerciseId = WATCH === 'exercise' ? await oneExercise(ctx) : null;
    await drive(async (n) => {
      await ctx.db.kysely.transaction().execute(async (trx) => {
        // Stamped as the last thing before commit: the latency includes the commit itself.
        await appendEvent(
          ctx,
          trx,
          exerciseId
            ? {
                type: 'inject.changed',
                exerciseId,
                subjectType: 'inject',
                subjectId: `run-${n}`,
                payload: { status: 'fired', n, t: clock() },
              }
            : { type: 'outbox.changed', payload: { channel: 'email', n, t: clock() } },
        );
      });
    });
    return await r.report;
  } finally {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** An exercise to watch, created as a planner would (its scope is what each reader is checked against). */
async function oneExercise(ctx: AppContext): Promise<string> {
  const { createExercise } = await import('../src/services/planning/exercises.service.js');
  const { SYSTEM_ACTOR } = await import('../src/services/context.js');
  const created = await createExercise(ctx, SYSTEM_ACTOR, {
    name: 'Karaganda full-scale (watched)',
    type: 'full-scale',
    timeZone: 'Asia/Almaty',
    startex: '2026-10-25T04:00:00.000Z',
    endex: '2026-10-25T12:00:00.000Z',
  });
  return created.id;
}

async function raw(): Promise<Report> {
  const sockets = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store' });
    res.write('retry: 3000\n: connected\n\n');
    sockets.add(res);
    req.on('close', () => sockets.delete(res));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const r = startReaders(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, '');
    await r.ready;
    await drive(async (n) => {
      const data = {
        seq: n,
        at: new Date().toISOString(),
        type: TYPE,
        organisationId: null,
        exerciseId: WATCH === 'exercise' ? 'watched-exercise' : null,
        subjectType: WATCH === 'exercise' ? 'inject' : null,
        subjectId: WATCH === 'exercise' ? `run-${n}` : null,
        payload:
          WATCH === 'exercise' ? { status: 'fired', n, t: clock() } : { channel: 'email', n, t: clock() },
      };
      const frame = `id: ${n}\nevent: ${TYPE}\ndata: ${JSON.stringify(data)}\n\n`;
      for (const s of sockets) s.write(frame);
      // One event per turn of the loop, as Dabyl's writer awaits each commit.
      await new Promise((resolve) => setImmediate(resolve));
    });
    return await r.report;
  } finally {
    for (const s of sockets) s.destroy();
    await new Promise<void>((r) => server.close(() => r()));
  }
}

if (process.argv[2] === 'readers') {
  await readers(process.argv[3]!, process.argv[4] ?? '');
} else {
  const fmt = (r: Report) =>
    `${r.eventsPerSecond.toFixed(0)} events/s (${((r.eventsPerSecond * READERS) / 1000).toFixed(0)}k frames/s); at ${RATE}/s p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms`;
  const ours = await dabyl();
  const theirs = await raw();
  console.log(`${READERS} readers of ${TYPE}; paced ${PACED} at ${RATE}/s, then a burst of ${BURST}`);
  console.log(`Dabyl /api/v1/events (SQLite): ${fmt(ours)}  [commit → arrival]`);
  console.log(`raw node:http SSE writes:      ${fmt(theirs)}  [write → arrival]`);
  console.log(
    `ratio: ${(ours.eventsPerSecond / theirs.eventsPerSecond).toFixed(2)}× the raw writes' events/s (target ≥ 0.8×); p99 ${(ours.p99 / theirs.p99).toFixed(1)}× raw`,
  );
}
