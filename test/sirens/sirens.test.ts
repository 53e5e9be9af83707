import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCap } from '../../src/cap/parse.js';
import { ALMATY_AREA_NAMES, ALMATY_POLYGON } from '../../src/core/alert/testing.js';
import { EXERCISE_HEAD } from '../../src/core/outbox/traffic.js';
import { FanOutWorker } from '../../src/jobs/fanout.worker.js';
import { OutboxDispatcher } from '../../src/jobs/outbox.dispatcher.js';
import { contextFor } from '../../src/runtime.js';
import {
  alertCap,
  approveAlert,
  cancelAlert,
  createAlert,
  submitAlert,
  type AlertInput,
} from '../../src/services/alerts/alerts.service.js';
import type { AppContext } from '../../src/services/context.js';
import { SirenListener } from '../../src/services/sirens/siren.listener.js';
import { sirenReport, type SirenReport } from '../../src/services/sirens/siren.report.js';
import {
  createSiren,
  createSirens,
  getSiren,
  type SirenInput,
} from '../../src/services/sirens/sirens.service.js';
import { installSigningKey, makePerson, type Person } from '../alerts/harness.js';
import { ENGINES, openTestRuntime } from '../support/engines.js';
import { exerciseRow } from '../support/exercise-row.js';
import {
  freePort,
  startOwnBroker,
  startSimulatedSiren,
  type SimulatedSiren,
  type SimulatorEvent,
} from '../support/sirens.js';

/*
 * Sirens over MQTT against the real Mosquitto on 127.0.0.1:1883, each siren controller a separate
 * simulator process: an alert's area chooses the sirens, each acknowledges once however often it
 * repeats itself, a mute one is listed, a Cancel stops them all, a drill sounds only a drill
 * ground's siren, marked; and, against a broker of the test's own that is stopped, the command
 * waits in the outbox and arrives once the broker is back. Every run uses topics of its own.
 */

const BROKER = 'mqtt://127.0.0.1:1883';
const EXERCISE = '7d1f0c8e-3a52-4b7f-9c4e-2f6a1b9d0101';

async function until<T>(read: () => Promise<T>, done: (v: T) => boolean): Promise<T> {
  for (;;) {
    const v = await read();
    if (done(v)) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}

const place = (
  name: string,
  lon: number,
  lat: number,
  prefix: string,
  purpose: SirenInput['purpose'] = 'public',
) => ({
  name: { kk: `${name} (kk)`, ru: `${name} (ru)`, en: name },
  lon,
  lat,
  topicPrefix: prefix,
  purpose,
});

async function insertExercise(ctx: AppContext, at: string): Promise<void> {
  await ctx.db.kysely
    .insertInto('exercises')
    .values(
      exerciseRow({
        id: EXERCISE,
        name: 'Almaty siren drill',
        type: 'drill',
        status: 'conduct',
        startex: at,
        endex: at,
        city: 'Almaty',
        created_at: at,
        includes_public: 0,
      }),
    )
    .execute();
}

describe.each(ENGINES)('sirens over MQTT on %s', (engine) => {
  let ctx: AppContext;
  let drop: () => Promise<void>;
  let now = new Date('2026-11-03T05:00:10.000Z');
  const tick = (seconds = 30) => (now = new Date(now.getTime() + seconds * 1000));
  const run = `dabyl-test/${randomUUID().slice(0, 8)}`;
  let pio: Person;
  let auth: Person;
  let signing: ReturnType<typeof installSigningKey>;
  let dispatcher: OutboxDispatcher;
  let listener: SirenListener;
  const sims: Record<string, SimulatedSiren> = {};

  const input = (over: Partial<AlertInput> = {}): AlertInput => ({
    status: 'Actual',
    hazard: 'earthquake',
    area: ALMATY_POLYGON,
    areaNames: ALMATY_AREA_NAMES,
    expiresAt: '2026-11-03T11:00:00.000Z',
    ...over,
  });

  async function issued(over: Partial<AlertInput> = {}) {
    tick();
    const a = await createAlert(ctx, pio.info, pio.actor, input(over));
    const s = await submitAlert(ctx, pio.info, pio.actor, a.id, a.version);
    return approveAlert(ctx, auth.info, auth.actor, s.id, s.version, auth.code());
  }

  async function send(): Promise<void> {
    await new FanOutWorker(ctx).drain();
    await dispatcher.drain();
  }

  const report = (threadId: string): Promise<SirenReport> => sirenReport(ctx, threadId);
  const commands = (name: string, test: (e: SimulatorEvent) => boolean = () => true) =>
    sims[name]!.events.filter((e) => e.event === 'command' && test(e));

  beforeAll(async () => {
    const rt = await openTestRuntime(engine);
    drop = rt.drop;
    ctx = contextFor(
      rt.ctx.db,
      { ...rt.ctx.config, mqttUrl: BROKER, sirenAckTimeoutMs: 60_000, publicUrl: 'https://dabyl.example.kz' },
      { now: () => now },
    );
    dispatcher = new OutboxDispatcher(ctx, { backoffMs: 60_000, log: () => {} });
    pio = await makePerson(ctx, 'pio', 'pio');
    auth = await makePerson(ctx, 'auth', 'authoriser');
    signing = installSigningKey(ctx);
    await insertExercise(ctx, now.toISOString());
    const registry = {
      medeu: place('Medeu', 76.95, 43.25, `${run}/medeu`),
      mute: place('Mute', 76.9, 43.24, `${run}/mute`),
      echo: place('Echo', 76.93, 43.26, `${run}/echo`),
      karaganda: place('Karaganda', 73.1, 49.8, `${run}/karaganda`),
      ground: place('Drill ground', 76.96, 43.23, `${run}/ground`, 'exercise'),
    };
    const flags: Record<string, string[]> = {
      mute: ['--silent'],
      echo: ['--ack-twice'],
      medeu: ['--battery', '64', '--on-battery'],
    };
    const keys = new Map<string, string>();
    for (const [name, p] of Object.entries(registry))
      keys.set(name, (await createSiren(ctx, pio.info, p)).commandKey);
    listener = new SirenListener(ctx);
    await listener.start();
    await Promise.all(
      Object.entries(registry).map(async ([name, p]) => {
        sims[name] = await startSimulatedSiren({
          url: BROKER,
          prefix: p.topicPrefix,
          key: keys.get(name)!,
          flags: flags[name] ?? [],
        });
      }),
    );
  }, 120_000);

  afterAll(async () => {
    await Promise.all(Object.values(sims).map((s) => s.stop()));
    await listener?.stop();
    await ctx?.channels.close();
    signing?.remove();
    await drop?.();
  });

  it('keeps what each controller reports of itself: battery, mains, fault', async () => {
    const medeu = await until(
      async () =>
        (
          await ctx.db.kysely
            .selectFrom('sirens')
            .select('id')
            .where('topic_prefix', '=', `${run}/medeu`)
            .executeTakeFirstOrThrow()
        ).id,
      () => true,
    ).then((id) =>
      until(
        () => getSiren(ctx, id),
        (s) => s.statusAt !== null,
      ),
    );
    expect(medeu).toMatchObject({ battery: 64, mains: false, fault: null });
  });

  it('registers an import all or none: a clash on its last row stores none of it', async () => {
    const fresh = place('Aktau', 51.17, 43.65, `${run}/aktau`);
    const clash = place('Medeu again', 51.18, 43.66, `${run}/medeu`);
    await expect(createSirens(ctx, pio.info, [fresh, clash])).rejects.toMatchObject({
      field: 'topicPrefix',
    });
    const stored = await ctx.db.kysely
      .selectFrom('sirens')
      .select('topic_prefix')
      .where('topic_prefix', '=', `${run}/aktau`)
      .execute();
    expect(stored).toEqual([]);
  });

  let original = '';
  it('activates the sirens inside the area: each acknowledges once, the mute one is listed', async () => {
    const a = await issued();
    original = a.id;
    const identifier = parseCap(await alertCap(ctx, a.id)).alert.identifier;
    await send();
    const sent = await ctx.db.kysely
      .selectFrom('deliveries')
      .select(['address', 'recipient_kind', 'mode', 'status'])
      .where('channel', '=', 'siren')
      .where('source_id', '=', a.id)
      .orderBy('address')
      .execute();
    // Karaganda is outside the area; the drill ground's siren never sounds for real.
    expect(sent).toEqual(
      ['echo', 'medeu', 'mute'].map((n) => ({
        address: `${run}/${n}`,
        recipient_kind: 'subscriber',
        mode: 'actual',
        status: 'sent',
      })),
    );
    const heard = await sims.medeu!.waitFor((e) => e.event === 'command');
    expect(heard).toMatchObject({
      action: 'activate',
      pattern: 'alert',
      alert: identifier,
      exercise: false,
      repeat: false,
    });
    expect(heard.announcement).toContain('Жер сілкінісі');
    expect(heard.announcement).toContain('Землетрясение');
    expect(heard.announcement).not.toContain(EXERCISE_HEAD);
    await sims.echo!.waitFor((e) => e.event === 'ack' && e.times === 2);
    await until(
      async () => listener.counts,
      (c) => c.acks >= 2 && c.repeated >= 1,
    );
    const r = await report(a.id);
    expect(r).toMatchObject({ acknowledged: 2, silent: 0, waiting: 1 });
    expect(
      r.commands
        .filter((c) => c.acknowledgedAt)
        .map((c) => c.name?.en)
        .sort(),
    ).toEqual(['Echo', 'Medeu']);
    expect(sims.mute!.events.some((e) => e.event === 'command')).toBe(true);
    expect(commands('karaganda')).toEqual([]);
    expect(commands('ground')).toEqual([]);
    // Past the configured time, the mute siren is listed as not answering; the others are not.
    tick(61);
    const later = await report(a.id);
    expect(later).toMatchObject({ acknowledged: 2, silent: 1, waiting: 0 });
    expect(later.commands.filter((c) => c.silent).map((c) => c.name?.en)).toEqual(['Mute']);
  });

  it('stops every siren the alert started when it is cancelled, the mute one too', async () => {
    tick();
    const cancel = await cancelAlert(ctx, auth.info, auth.actor, original, 'sent in error', auth.code());
    expect(cancel.msgType).toBe('Cancel');
    await send();
    for (const name of ['medeu', 'echo', 'mute'])
      expect(await sims[name]!.waitFor((e) => e.event === 'command' && e.action === 'stop')).toMatchObject({
        announcement: null,
        exercise: false,
      });
    await until(
      () => report(original),
      (r) => r.commands.filter((c) => c.sequence === 2 && c.acknowledgedAt).length === 2,
    );
    expect(commands('karaganda')).toEqual([]);
  });

  it('sounds only the drill ground’s siren for an Exercise alert, marked as a drill', async () => {
    const a = await issued({ status: 'Exercise', exerciseId: EXERCISE });
    await send();
    const heard = await sims.ground!.waitFor((e) => e.event === 'command');
    expect(heard).toMatchObject({ action: 'activate', exercise: true });
    expect(heard.announcement!.startsWith(EXERCISE_HEAD)).toBe(true);
    expect(heard.announcement).toContain('Almaty siren drill');
    const sent = await ctx.db.kysely
      .selectFrom('deliveries')
      .select(['address', 'recipient_kind', 'mode'])
      .where('channel', '=', 'siren')
      .where('source_id', '=', a.id)
      .execute();
    expect(sent).toEqual([{ address: `${run}/ground`, recipient_kind: 'participant', mode: 'exercise' }]);
  });

  it('tests the drill ground’s siren silently for a Test alert', async () => {
    await issued({ status: 'Test', exerciseId: EXERCISE });
    await send();
    const heard = await sims.ground!.waitFor((e) => e.event === 'command' && e.action === 'test');
    expect(heard).toMatchObject({ pattern: 'silent', exercise: true });
  });
});

describe.each(ENGINES)('a siren command while the broker is down, on %s', (engine) => {
  let ctx: AppContext;
  let drop: () => Promise<void>;
  let now = new Date('2026-11-03T05:00:10.000Z');
  const tick = (seconds = 30) => (now = new Date(now.getTime() + seconds * 1000));
  let broker: Awaited<ReturnType<typeof startOwnBroker>>;
  let sim: SimulatedSiren;
  let listener: SirenListener;
  let signing: ReturnType<typeof installSigningKey>;

  beforeAll(async () => {
    const port = await freePort();
    broker = await startOwnBroker(port);
    const rt = await openTestRuntime(engine);
    drop = rt.drop;
    ctx = contextFor(
      rt.ctx.db,
      { ...rt.ctx.config, mqttUrl: broker.url, mqttTimeoutMs: 1000, publicUrl: 'https://dabyl.example.kz' },
      { now: () => now },
    );
    signing = installSigningKey(ctx);
    const prefix = `dabyl-test/${randomUUID().slice(0, 8)}/outage`;
    const { commandKey } = await createSiren(
      ctx,
      { userId: null, name: 'test' },
      place('Outage', 76.95, 43.25, prefix),
    );
    listener = new SirenListener(ctx);
    await listener.start();
    sim = await startSimulatedSiren({ url: broker.url, prefix, key: commandKey });
  }, 60_000);

  afterAll(async () => {
    await sim?.stop();
    await listener?.stop();
    await ctx?.channels.close();
    await broker?.stop();
    signing?.remove();
    await drop?.();
  });

  it('fails the delivery for later, loses nothing, and delivers it once the broker is back', async () => {
    const pio = await makePerson(ctx, 'pio', 'pio');
    const auth = await makePerson(ctx, 'auth', 'authoriser');
    await broker.stop();
    const a0 = await createAlert(ctx, pio.info, pio.actor, {
      status: 'Actual',
      hazard: 'flood',
      area: ALMATY_POLYGON,
      areaNames: ALMATY_AREA_NAMES,
      expiresAt: '2026-11-03T11:00:00.000Z',
    });
    const s = await submitAlert(ctx, pio.info, pio.actor, a0.id, a0.version);
    await approveAlert(ctx, auth.info, auth.actor, s.id, s.version, auth.code());
    const dispatcher = new OutboxDispatcher(ctx, { backoffMs: 10_000, log: () => {} });
    await new FanOutWorker(ctx).drain();
    await dispatcher.drain();
    const waiting = await ctx.db.kysely
      .selectFrom('deliveries')
      .selectAll()
      .where('channel', '=', 'siren')
      .execute();
    expect(waiting).toHaveLength(1);
    expect(waiting[0]).toMatchObject({ status: 'pending', attempts: 1, delivered_at: null });
    expect(waiting[0]!.last_error).toMatch(/MQTT broker/);

    broker = await startOwnBroker(Number(new URL(broker.url).port));
    await sim.waitFor(
      (e) => e.event === 'ready' && sim.events.filter((x) => x.event === 'ready').length === 2,
    );
    await until(
      async () => listener.sessions,
      (n) => n >= 2,
    );
    tick(60);
    await until(
      async () => {
        await dispatcher.drain();
        return ctx.db.kysely
          .selectFrom('deliveries')
          .select(['status', 'delivered_at'])
          .where('channel', '=', 'siren')
          .execute();
      },
      (rows) => rows.length === 1 && rows[0]!.status === 'sent',
    );
    const heard = await sim.waitFor((e) => e.event === 'command');
    expect(heard).toMatchObject({ action: 'activate', pattern: 'alert' });
    const acked = await until(
      () =>
        ctx.db.kysely
          .selectFrom('deliveries')
          .select(['delivered_at', 'receipt'])
          .where('channel', '=', 'siren')
          .execute(),
      (rows) => rows[0]!.delivered_at !== null,
    );
    expect(acked).toEqual([{ delivered_at: now.toISOString(), receipt: 'ACK' }]);
    expect(sim.events.filter((e) => e.event === 'command')).toHaveLength(1);
  });
});
