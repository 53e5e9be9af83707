import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelMessage } from '../../src/channels/channel.js';
import { formatExerciseTime } from '../../src/core/conduct/clock.js';
import { EXERCISE_HEAD } from '../../src/core/outbox/traffic.js';
import type { Actor } from '../../src/core/policy/policy.js';
import { defineWakes } from '../../src/jobs/builtin.js';
import { FanOutWorker } from '../../src/jobs/fanout.worker.js';
import { OutboxDispatcher } from '../../src/jobs/outbox.dispatcher.js';
import { EmbeddedScheduler } from '../../src/jobs/schedule/embedded.scheduler.js';
import { contextFor } from '../../src/runtime.js';
import { clockCommand } from '../../src/services/conduct/clock.service.js';
import { startCommCheck } from '../../src/services/conduct/comm-check.service.js';
import { INJECT_TOPIC } from '../../src/services/conduct/conduct.js';
import { listInjects } from '../../src/services/conduct/injects.service.js';
import type { AppContext } from '../../src/services/context.js';
import {
  addContact,
  buildConductExercise,
  injectRow,
  PLANNED_START,
  type ConductFixture,
} from '../support/conduct.js';
import { ENGINES, openTestRuntime } from '../support/engines.js';
import { startTestSmsc, type TestSmsc } from '../support/smsc.js';
import { startTestSmtp, type TestSmtp } from '../support/smtp.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

const controller: Actor = {
  userId: 'u-c',
  grants: [{ role: 'controller', organisationId: null, exerciseId: null }],
};
const who = { userId: 'u-c', name: 'Controller Aigerim' };
const T0 = Date.parse(PLANNED_START);
const WEBHOOK_KEY = 'rehearsal-webhook-signing-key-0123456789';
const SPEED = 60;
/** The wall-clock step: exercise minutes at ×60 are whole seconds, so every inject's instant is a step. */
const STEP_MS = 250;

/**
 * A rehearsal of a whole MSEL at ×60, on both engines: six injects over ten exercise-minutes to
 * players on e-mail, SMS and a webhook, fired by the real scheduler from the clock's own wakes.
 * Wall time is the test's: it moves a quarter-second at a time (fifteen exercise-seconds) and
 * waits at each step until every wake then due has been handled, so each firing can be held to the
 * exact exercise time of its schedule without a sleep or a timed assertion. Real SMTP, SMPP and
 * webhook peers stand by, reachable (the communication check before STARTEX gets through), and
 * hear nothing of the rehearsal: every inject's message is kept in the sink instead.
 */
describe.each(ENGINES)('a rehearsal of the whole MSEL at ×60 on %s', (engine) => {
  let now = T0 - 600_000;
  const clock = { now: () => new Date(now) };
  let ctx: AppContext;
  let smtp: TestSmtp;
  let smsc: TestSmsc;
  let hooks: WebhookReceiver;
  let drop: () => Promise<void>;
  let fx: ConductFixture;
  /** Number, exercise minute and teams of each inject of the MSEL, in MSEL order. */
  let msel: { number: string; minutes: number; teams: string[] }[];

  beforeAll(async () => {
    [smtp, smsc] = await Promise.all([startTestSmtp(), startTestSmsc()]);
    hooks = await startWebhookReceiver(WEBHOOK_KEY, clock.now);
    const rt = await openTestRuntime(engine);
    drop = rt.drop;
    await rt.ctx.channels.close();
    ctx = contextFor(
      rt.ctx.db,
      {
        ...rt.ctx.config,
        smtpUrl: smtp.url,
        smpp: { ...rt.ctx.config.smpp, url: smsc.url, ratePerSecond: 1000, timeoutMs: 2_000 },
        webhookSigningKey: WEBHOOK_KEY,
        webhookAllowHosts: new Set(['127.0.0.1']),
      },
      clock,
    );
    fx = await buildConductExercise(ctx, 'Temirtau rehearsal');
    const { patrol, medics } = fx.teams;
    msel = [
      { number: '1', minutes: 1, teams: [] },
      { number: '2', minutes: 2, teams: [medics] },
      { number: '3', minutes: 4, teams: [patrol] },
      { number: '4', minutes: 5, teams: [] },
      { number: '5', minutes: 7, teams: [medics] },
      { number: '6', minutes: 10, teams: [] },
    ];
    // The fixture's MSEL gives way to a short one: ten exercise-minutes are ten seconds at ×60.
    await ctx.db.kysely.deleteFrom('msel_events').where('exercise_id', '=', fx.exerciseId).execute();
    await ctx.db.kysely
      .insertInto('msel_events')
      .values(
        msel.map((m, position) =>
          injectRow(fx.exerciseId, m.number, {
            position,
            offset_minutes: m.minutes,
            to_team_ids: JSON.stringify(m.teams),
          }),
        ),
      )
      .execute();
    const add = (name: string, channel: string, address: string, language: string) =>
      addContact(ctx, fx.exerciseId, name, { channel, address, language });
    await add('Patrol officer A', 'sms', '+77011240001', 'ru');
    await add('Patrol officer B', 'webhook', `${hooks.base}/police/patrol-7`, 'kk');
    await add('Paramedic', 'sms', '+77011240003', 'en');
  });
  afterAll(async () => {
    await ctx.channels.close();
    await Promise.all([smtp.close(), smsc.close(), hooks.close()]);
    await drop();
  });

  it('fires every inject once, in MSEL order, at its exercise time, into the sink and to no real address', async () => {
    const fanOut = new FanOutWorker(ctx);
    const dispatcher = new OutboxDispatcher(ctx);
    // The peers are live: the communication check before STARTEX reaches each of them.
    await startCommCheck(ctx, who, controller, fx.exerciseId);
    await fanOut.drain();
    await dispatcher.drain();
    await Promise.all([smtp.waitFor(3), smsc.waitForMessages(2), hooks.waitFor(1)]);
    const heard = { mails: smtp.mails.length, sms: smsc.parts.length, hooks: hooks.received.length };

    now = T0;
    await clockCommand(ctx, who, controller, fx.exerciseId, {
      command: 'startex',
      confirmName: fx.name,
      plannedStart: PLANNED_START,
      rehearsal: true,
    });
    await clockCommand(ctx, who, controller, fx.exerciseId, {
      command: 'speed',
      speed: SPEED,
      reason: 'rehearse the MSEL in ten seconds',
    });
    // Each inject's wake is booked at its exercise time on the compressed clock.
    const wakes = await ctx.db.kysely
      .selectFrom('wakes')
      .select(['key', 'at'])
      .where('topic', '=', INJECT_TOPIC)
      .where('key', 'like', `${fx.exerciseId}/%`)
      .execute();
    const runs = await listInjects(ctx, controller, fx.exerciseId);
    const dueOf = new Map(runs.map((r) => [r.id, r.dueSeconds]));
    expect(wakes.map((w) => Date.parse(w.at) - T0).sort((a, b) => a - b)).toEqual(
      msel.map((m) => (m.minutes * 60_000) / SPEED),
    );
    for (const w of wakes)
      expect(Date.parse(w.at)).toBe(T0 + (dueOf.get(w.key.split('/')[1]!)! * 1000) / SPEED);

    const scheduler = new EmbeddedScheduler(ctx.db, { clock, pollMs: 50 });
    defineWakes(scheduler, ctx);
    await scheduler.start();
    /** Until every wake of the exercise due by now has run: what a step of wall time lets happen. */
    const settled = async () => {
      for (;;) {
        const open = await ctx.db.kysely
          .selectFrom('wakes')
          .select(['at', 'status'])
          .where('topic', '=', INJECT_TOPIC)
          .where('key', 'like', `${fx.exerciseId}/%`)
          .where('status', 'in', ['pending', 'running'])
          .execute();
        if (open.every((w) => Date.parse(w.at) > now)) return;
        await new Promise((r) => setTimeout(r, 10));
      }
    };
    try {
      const end = T0 + (10 * 60_000) / SPEED;
      for (now = T0; now <= end; now += STEP_MS) {
        scheduler.nudge();
        await settled();
        await fanOut.drain();
        await dispatcher.drain();
      }
    } finally {
      await scheduler.stop();
    }

    // Every inject fired by the clock, once, at the exercise time of its schedule to the second.
    const after = await listInjects(ctx, controller, fx.exerciseId);
    expect(after.map((r) => [r.number, r.status, r.firedHow])).toEqual(
      msel.map((m) => [m.number, 'fired', 'clock']),
    );
    for (const r of after) expect(Date.parse(r.firedAt!)).toBe(T0 + (r.dueSeconds * 1000) / SPEED);
    const fired = await ctx.db.kysely
      .selectFrom('audit_log')
      .select(['subject_id', 'detail'])
      .where('action', '=', 'inject.fired')
      .orderBy('seq')
      .execute();
    const numberOf = new Map(after.map((r) => [r.id, r.number]));
    expect(fired.map((f) => numberOf.get(f.subject_id!))).toEqual(msel.map((m) => m.number));
    expect(fired.map((f) => (JSON.parse(f.detail) as { exerciseTime: string }).exerciseTime)).toEqual(
      msel.map((m) => formatExerciseTime(m.minutes * 60_000)),
    );

    // Each inject's messages are in the sink, kept as it fired, in MSEL order, each marked.
    const kept = await ctx.db.kysely
      .selectFrom('rehearsal_messages as s')
      .innerJoin('deliveries as d', 'd.id', 's.delivery_id')
      .select(['d.source_id', 'd.mode', 'd.status', 's.channel', 's.address', 's.message', 's.created_at'])
      .where('d.source_kind', '=', 'inject')
      .orderBy('s.created_at')
      .execute();
    const runOf = new Map(after.map((r) => [r.id, r]));
    const order = kept.map((k) => runOf.get(k.source_id)!.number);
    expect(order.filter((n, i) => n !== order[i - 1])).toEqual(msel.map((m) => m.number));
    for (const k of kept) {
      expect(k).toMatchObject({ mode: 'rehearsal', status: 'sent' });
      expect(k.created_at).toBe(runOf.get(k.source_id)!.firedAt);
      expect(markingOf(JSON.parse(k.message) as ChannelMessage)).toMatch(new RegExp(`^${EXERCISE_HEAD}`));
    }
    // Every team's players on every way they have: three e-mails, two SMS, one webhook.
    const ways = (n: string) =>
      kept
        .filter((k) => runOf.get(k.source_id)!.number === n)
        .map((k) => k.channel)
        .sort();
    expect(ways('1')).toEqual(['email', 'email', 'email', 'sms', 'sms', 'webhook']);
    expect(ways('2')).toEqual(['email', 'sms']);
    expect(ways('3')).toEqual(['email', 'email', 'sms', 'webhook']);
    expect(kept).toHaveLength(26);
    expect(new Set(kept.map((k) => `${k.source_id} ${k.channel} ${k.address}`)).size).toBe(26);

    // Nothing of the rehearsal reached a real peer.
    expect({ mails: smtp.mails.length, sms: smsc.parts.length, hooks: hooks.received.length }).toEqual(heard);
  });
});

/** The text a reader would see first, on whichever channel the message was for. */
function markingOf(m: ChannelMessage): string {
  switch (m.kind) {
    case 'email':
      return m.subject;
    case 'sms':
      return m.text;
    case 'webhook':
      return String((m.body as { marking?: unknown }).marking ?? '');
    default:
      return JSON.stringify(m);
  }
}
