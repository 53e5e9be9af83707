/**
 * The SMS channel's overhead: Dabyl's SmsChannel (encoding, its ledger in SQLite written before
 * and after every part, the timeout race, binds picked by load) beside the raw smpp client sending
 * the very same parts to the same SMPP server, both with BINDS transceiver binds, a window of 10
 * unanswered submits per bind, no rate bound, and CONCURRENCY messages under way at once (the
 * dispatcher's batch). The server is the smpp package's, in a child process, answering at once and
 * sending no receipts. The raw side is handed its parts already encoded: only the SMPP work counts.
 * Messages: half single GSM-7, a quarter two-part GSM-7, a quarter two-part UCS-2 (Russian).
 * Target: ≥ 0.8× the raw client's messages per second.
 * Also with the ledger in PostgreSQL (DABYL_BENCH_DATABASE_URL, default the local test database), and
 * in memory: the channel alone, without the database.
 * Run: npx tsx bench/smpp-channel.bench.ts   (N=5000 BINDS=2 CONCURRENCY=50 ROUNDS=5)
 */
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import smpp, { type PDU, type Session } from 'smpp';

const N = Number(process.env.N ?? 5000);
const BINDS = Number(process.env.BINDS ?? 2);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 50);
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const WINDOW = 10;
const PG_URL = process.env.DABYL_BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

type Ledger = 'sqlite' | 'postgres' | 'memory';

// ---- the SMSC's process -----------------------------------------------------------------------
async function serve(): Promise<void> {
  const { startTestSmsc } = await import('../test/support/smsc.js');
  const smsc = await startTestSmsc();
  smsc.receipts = false;
  process.send!({ url: smsc.url, port: smsc.port });
  process.on('message', (m: { count?: boolean }) => {
    if (m.count) process.send!({ parts: smsc.parts.length, messages: smsc.messages.length });
  });
}

// ---- the two senders --------------------------------------------------------------------------
interface Message {
  deliveryId: string;
  to: string;
  text: string;
}

function messages(): Message[] {
  const gsm1 = 'EXERCISE EXERCISE EXERCISE: road A1 closed 10:00-14:00, detour via Kabanbay batyr.';
  const gsm2 = `${gsm1} Do not call 112: this is a drill. `.repeat(3);
  const ucs2 = 'УЧЕНИЯ: перекрыт проспект Мангилик Ел с 10:00 до 14:00. Не звоните в 112.'.repeat(1);
  return Array.from({ length: N }, (_, i) => ({
    deliveryId: randomUUID(),
    to: `+7701${String(i).padStart(7, '0')}`,
    text: i % 2 === 0 ? gsm1 : i % 4 === 1 ? gsm2 : ucs2,
  }));
}

/** Runs `work` over the items with at most CONCURRENCY under way. */
async function pool<T>(items: readonly T[], work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

async function rawClient(url: string, list: Message[]): Promise<number> {
  const { encodeSms } = await import('../src/core/sms/segment.js');
  const u = new URL(url);
  const sessions = await Promise.all(
    Array.from(
      { length: BINDS },
      () =>
        new Promise<Session>((resolve, reject) => {
          const s = smpp.connect({ host: u.hostname, port: Number(u.port) });
          s.on('error', reject);
          s.on('connect', () =>
            s.bind_transceiver({ system_id: u.username, password: u.password }, (r) =>
              r.command_status === 0 ? resolve(s) : reject(new Error('bind refused')),
            ),
          );
        }),
    ),
  );
  // The same parts, encoded before the clock starts.
  const prepared = list.map((m) => {
    const sms = encodeSms(m.text, 1);
    return sms.parts.map((p) => ({
      source_addr_ton: 5,
      source_addr: 'Dabyl',
      dest_addr_ton: 1,
      dest_addr_npi: 1,
      destination_addr: m.to.slice(1),
      esm_class: p.udhLength ? 0x40 : 0,
      registered_delivery: 1,
      data_coding: sms.dataCoding,
      short_message: Buffer.from(p.userData),
    }));
  });
  const inFlight = sessions.map(() => 0);
  const waiting: (() => void)[][] = sessions.map(() => []);
  const submit = async (k: number, fields: Record<string, unknown>) => {
    while (inFlight[k]! >= WINDOW) await new Promise<void>((r) => waiting[k]!.push(r));
    inFlight[k]!++;
    const resp = await new Promise<PDU>((resolve) =>
      sessions[k]!.send(new smpp.PDU('submit_sm', fields), resolve),
    );
    inFlight[k]!--;
    waiting[k]!.shift()?.();
    if (resp.command_status !== 0) throw new Error(`refused ${resp.command_status}`);
    return String(resp.message_id);
  };
  // Each message to the bind with the fewest submits queued or unanswered, as the channel does.
  const queued = sessions.map(() => 0);
  const leastBusy = () => queued.indexOf(Math.min(...queued));
  const t0 = performance.now();
  await pool(prepared, async (parts) => {
    const k = leastBusy();
    queued[k]! += parts.length;
    await Promise.all(parts.map((f) => submit(k, f).finally(() => queued[k]!--)));
  });
  const seconds = (performance.now() - t0) / 1000;
  await Promise.all(sessions.map((s) => new Promise<void>((r) => s.unbind({}, () => s.destroy(() => r())))));
  return list.length / seconds;
}

async function ourChannel(url: string, list: Message[], ledger: Ledger): Promise<number> {
  const { loadConfig } = await import('../src/config/config.js');
  const { openRuntime } = await import('../src/runtime.js');
  const { SmsChannel } = await import('../src/channels/sms/sms.channel.js');
  const { smsLedgerOf } = await import('../src/channels/sms/sms.ledger.js');
  const { deliveryRepository } = await import('../src/store/delivery.repository.js');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'dabyl-smpp-bench-'));
  const pgClient = async (sql: string) => {
    const pg = await import('pg');
    const client = new pg.default.Client({ connectionString: PG_URL });
    await client.connect();
    await client.query(sql);
    await client.end();
  };
  const schema = `bench_smpp_${process.pid}_${Date.now()}`;
  if (ledger === 'postgres') await pgClient(`create schema ${schema}`);
  const rt = await openRuntime(
    loadConfig({
      DABYL_DATA_DIR: dataDir,
      DABYL_LOG_LEVEL: 'silent',
      ...(ledger === 'postgres' ? { DABYL_DATABASE_URL: PG_URL } : {}),
    }),
    ledger === 'postgres' ? { schema } : {},
  );
  const at = new Date().toISOString();
  // The parts' ledger rows belong to deliveries, as in the outbox.
  await deliveryRepository.insertMany(
    rt.ctx.db.kysely,
    rt.ctx.db.engine,
    list.map((m) => ({
      id: m.deliveryId,
      source_kind: 'alert',
      source_id: 'bench',
      sequence: 1,
      recipient_kind: 'subscriber',
      recipient_id: m.deliveryId,
      channel: 'sms',
      address: m.to,
      language: 'ru',
      mode: 'actual',
      exercise_id: null,
      priority: 0,
      status: 'sent',
      next_attempt_at: at,
      created_at: at,
    })),
  );
  const channel = new SmsChannel({
    url,
    source: 'Dabyl',
    binds: BINDS,
    ratePerSecond: Infinity,
    timeoutMs: 10_000,
    maxSegments: 10,
    window: WINDOW,
    ledger:
      ledger === 'memory'
        ? {
            begin: async (_id: string, parts: number) => ({
              fresh: Array.from({ length: parts }, (_, k) => k + 1),
              known: new Map<number, string | null>(),
            }),
            again: async () => ({ round: 2, reference: null }),
            handed: async () => undefined,
            accepted: async () => undefined,
            refused: async () => undefined,
            receipt: async () => null,
          }
        : smsLedgerOf(rt.ctx.db.kysely, rt.ctx.db.engine),
  });
  await channel.verify();
  await Promise.all(Array.from({ length: BINDS * 4 }, () => channel.verify()));
  const t0 = performance.now();
  await pool(list, (m) =>
    channel.send({
      deliveryId: m.deliveryId,
      to: m.to,
      language: 'ru',
      message: { kind: 'sms', text: m.text },
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  await channel.close();
  await rt.close();
  if (ledger === 'postgres') await pgClient(`drop schema ${schema} cascade`);
  rmSync(dataDir, { recursive: true, force: true });
  return list.length / seconds;
}

async function main(): Promise<void> {
  const child = fork(fileURLToPath(import.meta.url), ['smsc'], { execArgv: ['--import', 'tsx'] });
  const { url } = await new Promise<{ url: string }>((resolve) => child.once('message', resolve as never));
  const count = () =>
    new Promise<{ parts: number; messages: number }>((resolve) => {
      child.once('message', resolve as never);
      child.send({ count: true });
    });
  // A first, uncounted round each: every side's code is compiled before anything is timed.
  const warm = messages().slice(0, Math.ceil(N / 5));
  await rawClient(url, warm);
  await ourChannel(url, messages().slice(0, warm.length), 'sqlite');
  await ourChannel(url, messages().slice(0, warm.length), 'postgres');
  await ourChannel(url, messages().slice(0, warm.length), 'memory');
  const runs: Record<'raw' | Ledger, number[]> = { raw: [], sqlite: [], postgres: [], memory: [] };
  const order = ['raw', 'sqlite', 'postgres', 'memory'] as const;
  for (let r = 0; r < ROUNDS; r++) {
    // Rotate which goes first, so none always meets a warmer or a busier server.
    for (let k = 0; k < order.length; k++) {
      const who = order[(r + k) % order.length]!;
      runs[who].push(
        who === 'raw' ? await rawClient(url, messages()) : await ourChannel(url, messages(), who),
      );
    }
  }
  const got = await count();
  child.kill();
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const raw = median(runs.raw);
  console.log(
    `SMPP channel: ${N} messages a round, ${ROUNDS} rounds, ${BINDS} binds, window ${WINDOW}, ${CONCURRENCY} at once`,
  );
  console.log(
    `server received ${got.messages} whole messages in ${got.parts} parts (expected ${4 * N * ROUNDS + 4 * warm.length})`,
  );
  console.log('| sender | messages/s per round | median | ratio to raw |');
  console.log('| --- | --- | --- | --- |');
  const line = (name: string, xs: number[]) =>
    console.log(
      `| ${name} | ${xs.map((x) => x.toFixed(0)).join(' / ')} | ${median(xs).toFixed(0)} | ${(median(xs) / raw).toFixed(2)}× |`,
    );
  line('raw smpp client', runs.raw);
  line('SmsChannel, ledger in SQLite (as Dabyl runs embedded)', runs.sqlite);
  line('SmsChannel, ledger in PostgreSQL (as Dabyl runs scaled)', runs.postgres);
  line('SmsChannel, ledger in memory (the channel alone)', runs.memory);
  console.log('target: SmsChannel as Dabyl runs ≥ 0.8× the raw client');
}

if (process.argv[2] === 'smsc') await serve();
else await main();
