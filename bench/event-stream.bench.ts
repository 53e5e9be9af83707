/**
 * The live event stream with 500 connected readers: Dabyl (SQLite, events committed one per
 * transaction, each read once by the process's listener and fanned out through the policy to every
 * reader) beside a plain node:http server writing the very same SSE frames to 500 sockets with no
 * database. Both in one run and one process (readers included), so they share the machine alike.
 * Printed: events per second (each reaching all readers), p99 commit → arrival (raw: write →
 * arrival), and the ratio. Target: ≥ 0.8× the raw writes.
 * Run: npx tsx bench/event-stream.bench.ts   (READERS=500, EVENTS=2000)
 */
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../src/config/config.js';
import { startServer } from '../src/runtime.js';
import { appendEvent } from '../src/services/events/events.service.js';

const READERS = Number(process.env.READERS ?? 500);
const EVENTS = Number(process.env.EVENTS ?? 2000);

interface Run {
  eventsPerSecond: number;
  p99: number;
  p50: number;
}

/** 500 SSE readers; each records when every numbered frame arrived. */
function connectReaders(url: string, headers: Record<string, string>) {
  const arrivals: Map<number, number>[] = [];
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  const ready = Array.from({ length: READERS }, (_, i) => {
    const seen = new Map<number, number>();
    arrivals[i] = seen;
    return new Promise<http.ClientRequest>((resolve, reject) => {
      const req = http.get(url, { headers: { accept: 'text/event-stream', ...headers }, agent }, (res) => {
        if (res.statusCode !== 200) return reject(new Error(`reader ${i}: ${res.statusCode}`));
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          const now = performance.now();
          buffer += chunk;
          let cut: number;
          while ((cut = buffer.indexOf('\n\n')) >= 0) {
            const m = /^id: (\d+)$/m.exec(buffer.slice(0, cut));
            if (m) seen.set(Number(m[1]), now);
            buffer = buffer.slice(cut + 2);
          }
        });
        resolve(req);
      });
      req.on('error', reject);
    });
  });
  return {
    arrivals,
    ready: Promise.all(ready),
    async allArrived(lastId: number): Promise<number> {
      while (!arrivals.every((a) => a.has(lastId))) await new Promise((r) => setTimeout(r, 5));
      return Math.max(...arrivals.map((a) => a.get(lastId)!));
    },
    close: (reqs: http.ClientRequest[]) => {
      for (const r of reqs) r.destroy();
      agent.destroy();
    },
  };
}

function summarise(
  sent: Map<number, number>,
  arrivals: Map<number, number>[],
  start: number,
  end: number,
): Run {
  const latencies: number[] = [];
  for (const a of arrivals) for (const [id, at] of a) if (sent.has(id)) latencies.push(at - sent.get(id)!);
  latencies.sort((x, y) => x - y);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))]!;
  return { eventsPerSecond: (sent.size / (end - start)) * 1000, p99: q(0.99), p50: q(0.5) };
}

async function dabyl(): Promise<Run> {
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
    const readers = connectReaders(`${server.url}/api/v1/events`, { cookie });
    const reqs = await readers.ready;
    const ctx = server.runtime.ctx;
    const committed = new Map<number, number>();
    const start = performance.now();
    let last = 0;
    for (let i = 0; i < EVENTS; i++) {
      let seq = 0;
      await ctx.db.kysely.transaction().execute(async (trx) => {
        seq = await appendEvent(ctx, trx, { type: 'outbox.changed', payload: { channel: 'email', n: i } });
      });
      committed.set(seq, performance.now());
      last = seq;
    }
    const end = await readers.allArrived(last);
    readers.close(reqs);
    return summarise(committed, readers.arrivals, start, end);
  } finally {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function raw(): Promise<Run> {
  const sockets = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store' });
    res.write('retry: 3000\n: connected\n\n');
    sockets.add(res);
    req.on('close', () => sockets.delete(res));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const readers = connectReaders(url, {});
  const reqs = await readers.ready;
  const written = new Map<number, number>();
  const start = performance.now();
  for (let id = 1; id <= EVENTS; id++) {
    const data = {
      seq: id,
      at: new Date().toISOString(),
      type: 'outbox.changed',
      payload: { channel: 'email', n: id },
    };
    const frame = `id: ${id}\nevent: outbox.changed\ndata: ${JSON.stringify(data)}\n\n`;
    written.set(id, performance.now());
    for (const s of sockets) s.write(frame);
    // One event per turn of the loop, as Dabyl's writer commits one per transaction.
    await new Promise((r) => setImmediate(r));
  }
  const end = await readers.allArrived(EVENTS);
  readers.close(reqs);
  await new Promise<void>((r) => server.close(() => r()));
  return summarise(written, readers.arrivals, start, end);
}

const fmt = (r: Run) =>
  `${r.eventsPerSecond.toFixed(0)} events/s to ${READERS} readers (${((r.eventsPerSecond * READERS) / 1000).toFixed(0)}k frames/s), p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms`;

const ours = await dabyl();
const theirs = await raw();
console.log(`Dabyl /api/v1/events (SQLite): ${fmt(ours)}  [p99 commit → arrival]`);
console.log(`raw node:http SSE writes:      ${fmt(theirs)}  [p99 write → arrival]`);
console.log(
  `ratio: ${(ours.eventsPerSecond / theirs.eventsPerSecond).toFixed(2)}× the raw writes' events/s (target ≥ 0.8×)`,
);
