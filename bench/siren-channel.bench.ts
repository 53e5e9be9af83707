/**
 * The siren channel's overhead: Dabyl's SirenChannel (the command built from the outbox message,
 * its HMAC signature with the siren's key opened from the registry, the broker-timeout race)
 * beside raw mqtt.js publishing the very same commands, already encoded and signed, to the same
 * Mosquitto (127.0.0.1:1883), both with QoS 1 and CONCURRENCY commands under way at once (the
 * dispatcher's batch), over SIRENS sirens. A third client subscribes to every command topic and
 * counts: a run counts only once every command has arrived. Rounds alternate; medians are shown.
 * Target: ≥ 0.8× the raw client's commands per second.
 * Run: npx tsx bench/siren-channel.bench.ts   (N=5000 SIRENS=100 CONCURRENCY=50 ROUNDS=5,
 * DABYL_BENCH_MQTT_URL=mqtt://127.0.0.1:1883)
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import mqtt, { type MqttClient } from 'mqtt';
import { loadConfig } from '../src/config/config.js';
import type { Outgoing } from '../src/channels/channel.js';
import { SirenChannel } from '../src/channels/siren/siren.channel.js';
import { sirenKeys } from '../src/channels/siren/siren.keys.js';
import { commandTopic, encodeCommand, type SirenCommand } from '../src/core/siren/command.js';
import { openRuntime } from '../src/runtime.js';
import { createSiren } from '../src/services/sirens/sirens.service.js';
import { open, secretsKey } from '../src/services/keys/secrets.js';

const N = Number(process.env.N ?? 5000);
const SIRENS = Number(process.env.SIRENS ?? 100);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 50);
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const URL_ = process.env.DABYL_BENCH_MQTT_URL || 'mqtt://127.0.0.1:1883';
const RUN = `dabyl-bench/${randomUUID().slice(0, 8)}`;

async function pool<T>(items: readonly T[], work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Counts the commands arriving at the sirens' topics; `until(n)` resolves once n have come. */
async function counter(): Promise<{ until(n: number): Promise<void>; close(): Promise<void> }> {
  const client = await mqtt.connectAsync(URL_, { clientId: `bench-count-${process.pid}` });
  await client.subscribeAsync(`${RUN}/+/command`, { qos: 1 });
  let seen = 0;
  let want = Infinity;
  let done: () => void = () => undefined;
  client.on('message', () => {
    if (++seen >= want) done();
  });
  return {
    until: (n) =>
      new Promise<void>((resolve) => {
        want = n;
        done = resolve;
        if (seen >= want) resolve();
      }),
    close: () => client.endAsync(),
  };
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'dabyl-siren-bench-'));
  const config = loadConfig({ DABYL_DATA_DIR: dataDir, DABYL_LOG_LEVEL: 'silent', DABYL_MQTT_URL: URL_ });
  const rt = await openRuntime(config);
  const prefixes: string[] = [];
  for (let i = 0; i < SIRENS; i++) {
    const prefix = `${RUN}/s${i}`;
    await createSiren(
      rt.ctx,
      { userId: null, name: 'bench' },
      {
        name: { kk: `Сирена ${i}`, ru: `Сирена ${i}`, en: `Siren ${i}` },
        lon: 76.9 + i / 1000,
        lat: 43.2,
        topicPrefix: prefix,
      },
    );
    prefixes.push(prefix);
  }
  const announcement =
    'Жер сілкінісі. Ғимараттан шығып, ашық жерге барыңыз.\nЗемлетрясение. Выйдите из здания на открытое место.';
  const outgoing = (): Outgoing[] =>
    Array.from({ length: N }, (_, i) => ({
      deliveryId: randomUUID(),
      to: prefixes[i % SIRENS]!,
      language: 'kk',
      message: {
        kind: 'siren',
        action: 'activate',
        pattern: 'alert',
        announcement,
        alertId: 'urn:oid:2.49.0.1.398.0.2026.1',
      },
    }));
  // The raw side gets the same commands encoded and signed before its clock starts.
  const keys = new Map<string, Buffer>();
  for (const p of prefixes) {
    const row = await rt.ctx.db.kysely
      .selectFrom('sirens')
      .select('command_key')
      .where('topic_prefix', '=', p)
      .executeTakeFirstOrThrow();
    keys.set(p, open(secretsKey(config), row.command_key));
  }
  const encoded = (list: Outgoing[]) =>
    list.map((o) => {
      const m = o.message as Extract<Outgoing['message'], { kind: 'siren' }>;
      const c: SirenCommand = {
        v: 1,
        id: `siren_${o.deliveryId}`,
        action: m.action,
        pattern: m.pattern,
        announcement: m.announcement,
        alert: m.alertId,
        exercise: false,
        issuedAt: new Date().toISOString(),
      };
      return { topic: commandTopic(o.to), payload: encodeCommand(c, keys.get(o.to)!) };
    });

  const count = await counter();
  let arrived = 0;
  const raw: MqttClient = await mqtt.connectAsync(URL_, { clientId: `bench-raw-${process.pid}` });
  const channel = new SirenChannel({
    url: URL_,
    timeoutMs: 10_000,
    keyFor: sirenKeys(config, rt.ctx.db.kysely),
    clock: { now: () => new Date() },
  });
  await channel.verify();
  const rates = { raw: [] as number[], ours: [] as number[] };
  for (let round = 0; round < ROUNDS; round++) {
    {
      const list = encoded(outgoing());
      const t0 = performance.now();
      await pool(list, (c) => raw.publishAsync(c.topic, c.payload, { qos: 1 }));
      rates.raw.push(N / ((performance.now() - t0) / 1000));
      await count.until((arrived += N));
    }
    {
      const list = outgoing();
      const t0 = performance.now();
      await pool(list, (o) => channel.send(o));
      rates.ours.push(N / ((performance.now() - t0) / 1000));
      await count.until((arrived += N));
    }
  }
  const r = median(rates.raw);
  const o = median(rates.ours);
  console.log(
    `siren commands: N=${N} over ${SIRENS} sirens, QoS 1, ${CONCURRENCY} under way, ${ROUNDS} rounds (medians)`,
  );
  console.log(`  raw mqtt.js publish     ${r.toFixed(0).padStart(8)} commands/s`);
  console.log(`  Dabyl SirenChannel      ${o.toFixed(0).padStart(8)} commands/s`);
  console.log(`  ratio                   ${(o / r).toFixed(2)}×  (target ≥ 0.8×)`);
  console.log(`  all ${arrived} commands arrived at the sirens' topics`);
  await channel.close();
  await raw.endAsync();
  await count.close();
  await rt.close();
  rmSync(dataDir, { recursive: true, force: true });
}

await main();
