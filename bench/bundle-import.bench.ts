/**
 * Importing an exercise bundle (POST /api/v1/exercises/import-bundle) and exporting it again (GET
 * …/bundle) must not hold the event loop (issue 13 §3): the longest single block of the server's
 * event loop during the import of a ~6 MB and a ~24 MB bundle and the export of the copy, and their
 * total times, beside the floor of any in-thread approach — a plain `JSON.parse` (import) or
 * `JSON.stringify` (export) of the same bundle on the main thread — measured in the same run.
 *
 * The bundles are the demo's Karaganda exercise as exported (`exportBundle`), grown with MSEL events
 * carrying long Cyrillic texts and venues with detailed footprints (2,000-point rings). They go
 * through the real route on a real server (SQLite, the default runtime) listening on a port; the
 * client runs in a worker thread of its own, so the server's thread does only the server's work.
 * Blocks are read two ways: the longest gap between the ticks of a 1 ms interval timer, and
 * `monitorEventLoopDelay`'s maximum. A /healthz probe every 5 ms during the import gives its
 * slowest answer, which is what any other request of the installation meets.
 *
 * Run: npx tsx bench/bundle-import.bench.ts   (RUNS=3 SIZES=6,24 in MB; TRACE=1 lists every block
 * over 25 ms and every GC pause over 20 ms)
 */
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import type { Actor } from '../src/core/policy/policy.js';
import { exportBundle, type ExerciseBundle } from '../src/services/planning/bundle.service.js';
import { startTestServer } from '../test/support/server.js';

const RUNS = Number(process.env.RUNS ?? 3);
const SIZES = (process.env.SIZES ?? '6,24').split(',').map(Number);
const ADMIN: Actor = { userId: 'bench', grants: [{ role: 'admin', organisationId: null, exerciseId: null }] };

const CYRILLIC =
  'Оперативный штаб Карагандинской области получил сообщение о захвате заложников в школе № 7. ' +
  'Подразделения полиции выставляют внешнее оцепление, спасатели разворачивают пункт сбора ' +
  'пострадавших, медицинская служба готовит бригады у здания. Руководитель контртеррористической ' +
  'операции уточняет число заложников и требования, связь с переговорщиком поддерживается по рации. ';
const text = (chars: number, salt: number) =>
  `${salt}. ${CYRILLIC.repeat(Math.ceil(chars / CYRILLIC.length))}`.slice(0, chars);

/** A convex ring of `n` points around a centre: a footprint the geometry check accepts. */
function ring(lon: number, lat: number, n: number): [number, number][] {
  const pts = Array.from({ length: n }, (_, i): [number, number] => {
    const a = (2 * Math.PI * i) / n;
    return [+(lon + 0.004 * Math.cos(a)).toFixed(7), +(lat + 0.003 * Math.sin(a)).toFixed(7)];
  });
  return [...pts, pts[0]!];
}

/** The demo bundle grown to about `mb` megabytes: a quarter venues' footprints, the rest MSEL. */
function grow(base: ExerciseBundle, mb: number): string {
  const target = mb * 1024 * 1024;
  const b = structuredClone(base);
  const size = (x: unknown) => Buffer.byteLength(JSON.stringify(x));
  let bytes = size(b);
  const venue = b.venues[0]!;
  for (let i = 0; bytes < target / 4; i++) {
    const v = {
      ...venue,
      id: `bench-venue-${i}`,
      name: `Объект ${i}`,
      footprint: { type: 'Polygon' as const, coordinates: [ring(73.08 + i * 0.01, 49.8, 2000)] },
    };
    b.venues.push(v);
    bytes += size(v) + 1;
  }
  const model = b.msel.filter((e) => !e.branching);
  for (let i = 0; bytes < target; i++) {
    const e = {
      ...model[i % model.length]!,
      id: `bench-event-${i}`,
      number: `B${i}`,
      title: text(200, i),
      content: text(3000, i),
      expectedAction: text(800, i),
      controllerNotes: text(1500, i),
      approval: 'draft',
      approvedVersion: null,
      approvedBy: null,
      approvedAt: null,
      branching: null,
    };
    b.msel.push(e);
    bytes += size(e) + 1;
  }
  return JSON.stringify(b);
}

/**
 * The client, in a thread of its own: once told to, posts the bundle (or, without a body, fetches
 * `path`), probing /healthz meanwhile.
 */
const CLIENT = `
const { parentPort, workerData } = require('node:worker_threads');
const { url, cookie, csrf, body, path } = workerData;
parentPort.on('message', async () => {
  let done = false, slowest = 0, probes = 0;
  const probe = async () => {
    while (!done) {
      const t = performance.now();
      await fetch(url + '/healthz').then((r) => r.arrayBuffer());
      slowest = Math.max(slowest, performance.now() - t);
      probes++;
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  const probing = probe();
  const res = body
    ? await fetch(url + path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf },
        body: Buffer.from(body),
      })
    : await fetch(url + path, { headers: { cookie } });
  const answer = await res.text();
  done = true;
  await probing;
  parentPort.postMessage({ status: res.status, answer: answer.slice(0, 300), slowest, probes });
});
`;

interface Measured {
  total: number;
  block: number;
  eld: number;
  probe: number;
  answer: string;
}

const IMPORT = '/api/v1/exercises/import-bundle';

/** Posts `body` to `path`, or fetches `path` without one, measuring the server's thread meanwhile. */
async function requestOnce(
  url: string,
  cookie: string,
  csrf: string,
  path: string,
  body: Buffer | null,
): Promise<Measured> {
  const client = new Worker(CLIENT, { eval: true, workerData: { url, cookie, csrf, body, path } });
  await new Promise((r) => setTimeout(r, 200)); // the worker's start is not the import's
  const eld = monitorEventLoopDelay({ resolution: 1 });
  let last = performance.now();
  let block = 0;
  const gaps: string[] = [];
  const gcs = new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      if (e.duration > 20) gaps.push(`  gc ${e.duration.toFixed(0)} ms at ${(e.startTime - t).toFixed(0)}`);
  });
  gcs.observe({ entryTypes: ['gc'] });
  const tick = setInterval(() => {
    const now = performance.now();
    if (now - last > 25) gaps.push(`gap ${(now - last).toFixed(0)} ms ending at ${(now - t).toFixed(0)}`);
    block = Math.max(block, now - last);
    last = now;
  }, 1);
  eld.enable();
  const t = performance.now();
  const answer = new Promise<{ status: number; answer: string; slowest: number }>((resolve) =>
    client.once('message', resolve),
  );
  client.postMessage('go');
  const r = await answer;
  const total = performance.now() - t;
  clearInterval(tick);
  gcs.disconnect();
  if (process.env.TRACE) {
    console.log(gaps.join('\n'));
  }
  eld.disable();
  await client.terminate();
  if (r.status !== (body ? 201 : 200)) throw new Error(`${path} answered ${r.status}: ${r.answer}`);
  return { total, block, eld: eld.max / 1e6, probe: r.slowest, answer: r.answer };
}

function baseline(text: string): number {
  const t = performance.now();
  JSON.parse(text);
  return performance.now() - t;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${x.toFixed(0)} ms`.padStart(8);

async function main() {
  // As deployed: the response check (tests and development) re-reads a 25 MB answer in one go.
  const server = await startTestServer({
    engine: 'sqlite',
    demo: true,
    env: { DABYL_CHECK_RESPONSES: 'false' },
  });
  try {
    const ctx = server.server.runtime.ctx;
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(server.admin),
    });
    if (login.status !== 200) throw new Error(`login: ${login.status} ${await login.text()}`);
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const { id } = await ctx.db.kysely
      .selectFrom('exercises')
      .select('id')
      .where('name', 'like', 'Karaganda%')
      .executeTakeFirstOrThrow();
    const base = await exportBundle(ctx, ADMIN, id);
    console.log(
      `demo bundle: ${base.msel.length} events, ${base.venues.length} venues; RUNS=${RUNS}; ` +
        `Node ${process.version}`,
    );
    for (const mb of SIZES) {
      const text = grow(base, mb);
      const body = Buffer.from(text);
      const parsed = JSON.parse(text) as ExerciseBundle;
      console.log(
        `\nbundle ~${mb} MB: ${(body.length / 1e6).toFixed(1)} MB, ${text.length.toLocaleString('en')} chars, ` +
          `${parsed.msel.length} events, ${parsed.venues.length} venues`,
      );
      const runs: Measured[] = [];
      const floor: number[] = [];
      const exports: Measured[] = [];
      const written: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        floor.push(baseline(text));
        const m = await requestOnce(server.url, cookie, csrfToken, IMPORT, body);
        runs.push(m);
        console.log(
          `  run ${run + 1}: JSON.parse ${ms(floor[run]!)} | import total ${ms(m.total)}, longest block ` +
            `${ms(m.block)} (eld max ${ms(m.eld)}), slowest /healthz ${ms(m.probe)}`,
        );
        // The copy out again: GET …/bundle, beside a plain JSON.stringify of the same bundle.
        const copy = (JSON.parse(m.answer) as { id: string }).id;
        const t = performance.now();
        JSON.stringify(parsed);
        written.push(performance.now() - t);
        const x = await requestOnce(server.url, cookie, csrfToken, `/api/v1/exercises/${copy}/bundle`, null);
        exports.push(x);
        console.log(
          `         JSON.stringify ${ms(written[run]!)} | export total ${ms(x.total)}, longest block ` +
            `${ms(x.block)} (eld max ${ms(x.eld)}), slowest /healthz ${ms(x.probe)}`,
        );
      }
      const w = median(written);
      const xBlock = median(exports.map((r) => r.block));
      console.log(
        `  median   export: longest block ${ms(xBlock)} = ${(xBlock / w).toFixed(2)}× a plain JSON.stringify ` +
          `(${ms(w)}); total ${ms(median(exports.map((r) => r.total)))}`,
      );
      const b = median(floor);
      const block = median(runs.map((r) => r.block));
      const total = median(runs.map((r) => r.total));
      console.log(`  median   JSON.parse on the main thread (baseline, one block)  ${ms(b)}`);
      console.log(
        `  median   import: longest block ${ms(block)} = ${(block / b).toFixed(2)}× the baseline; ` +
          `total ${ms(total)} = ${(total / b).toFixed(1)}× (target: longest block < 50 ms)`,
      );
    }
  } finally {
    await server.close();
  }
}

await main();
