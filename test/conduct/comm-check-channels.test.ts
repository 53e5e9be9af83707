import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/policy/policy.js';
import { EXERCISE_HEAD } from '../../src/core/outbox/traffic.js';
import { FanOutWorker } from '../../src/jobs/fanout.worker.js';
import { OutboxDispatcher } from '../../src/jobs/outbox.dispatcher.js';
import { contextFor } from '../../src/runtime.js';
import {
  commCheck,
  startCommCheck,
  type CommCheckView,
} from '../../src/services/conduct/comm-check.service.js';
import type { AppContext } from '../../src/services/context.js';
import { addContact, buildConductExercise, PLANNED_START, type ConductFixture } from '../support/conduct.js';
import { ENGINES, openTestRuntime } from '../support/engines.js';
import { startTestSmsc, type TestSmsc } from '../support/smsc.js';
import { startTestSmtp, type TestSmtp } from '../support/smtp.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

const controller: Actor = {
  userId: 'u-c',
  grants: [{ role: 'controller', organisationId: null, exerciseId: null }],
};
const who = { userId: 'u-c', name: 'Controller Aigerim' };
const WEBHOOK_KEY = 'comm-check-webhook-signing-key-0123456789';
/** The path of an agency whose system has gone: it answers every message with 410 Gone. */
const GONE = '/gone/patrol-b';

/** Waits for the check to say what `ok` wants; the test's timeout is the only limit. */
async function until(read: () => Promise<CommCheckView>, ok: (v: CommCheckView) => boolean) {
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Each player's ways as "channel state", in the order the control room lists them. */
const waysOf = (view: CommCheckView) =>
  Object.fromEntries(view.people.map((p) => [p.name, p.ways.map((w) => `${w.channel} ${w.state}`)]));

/**
 * The communication check over every channel a player is in the phone book on, not only e-mail,
 * against real peers on both engines: an SMPP server that sends delivery receipts back, and
 * agencies' webhook receivers that verify the signature, one of which has gone (410). The check
 * shows, per player and channel, who received it and who did not, and why.
 */
describe.each(ENGINES)('communication check over SMS and webhooks on %s', (engine) => {
  let ctx: AppContext;
  let smtp: TestSmtp;
  let smsc: TestSmsc;
  let hooks: WebhookReceiver;
  let drop: () => Promise<void>;
  let fx: ConductFixture;
  const now = Date.parse(PLANNED_START) - 3_600_000;

  beforeAll(async () => {
    [smtp, smsc] = await Promise.all([startTestSmtp(), startTestSmsc()]);
    hooks = await startWebhookReceiver(
      WEBHOOK_KEY,
      () => new Date(now),
      (path) => (path === GONE ? 410 : 204),
    );
    const rt = await openTestRuntime(engine);
    drop = rt.drop;
    await rt.ctx.channels.close();
    const loopback = new Set(['127.0.0.1']);
    ctx = contextFor(
      rt.ctx.db,
      {
        ...rt.ctx.config,
        smtpUrl: smtp.url,
        smpp: { ...rt.ctx.config.smpp, url: smsc.url, ratePerSecond: 1000, timeoutMs: 2_000 },
        webhookSigningKey: WEBHOOK_KEY,
        webhookAllowHosts: loopback,
      },
      { now: () => new Date(now) },
    );
    fx = await buildConductExercise(ctx);
    const add = (name: string, channel: string, address: string, language: string) =>
      addContact(ctx, fx.exerciseId, name, { channel, address, language });
    await add('Patrol officer A', 'sms', '+77011230001', 'ru');
    await add('Patrol officer B', 'webhook', `${hooks.base}${GONE}`, 'kk');
    await add('Paramedic', 'sms', '+77011230003', 'en');
    await add('Paramedic', 'webhook', `${hooks.base}/ambulance/medic`, 'en');
    // The controller's phone hears nothing: the check is for players.
    await add('Controller', 'sms', '+77011230009', 'ru');
  });
  afterAll(async () => {
    await ctx.channels.close();
    await Promise.all([smtp.close(), smsc.close(), hooks.close()]);
    await drop();
  });

  it('sends every player a marked test SMS and a signed webhook, and lists each way as received or not', async () => {
    const started = await startCommCheck(ctx, who, controller, fx.exerciseId);
    expect(started.counts).toMatchObject({ people: 3, waiting: 7 });
    await new FanOutWorker(ctx).drain();
    // Three e-mails, two SMS, two webhooks; the one to the agency that has gone is refused.
    expect(await new OutboxDispatcher(ctx).drain()).toBe(7);

    const sms = await smsc.waitForMessages(2);
    expect(sms.map((m) => m.destination).sort()).toEqual(['77011230001', '77011230003']);
    const ru = sms.find((m) => m.destination === '77011230001')!;
    expect(ru.text.split('\n')).toEqual([
      `${EXERCISE_HEAD} - УЧЕНИЯ`,
      `Проверка связи (раунд 1): ${fx.name}`,
      expect.stringMatching(/^Это проверка перед началом учения/),
      `-- ${EXERCISE_HEAD}: ${fx.name}`,
    ]);
    // Cyrillic goes as UCS-2.
    expect(ru.dataCoding).toBe(8);
    const en = sms.find((m) => m.destination === '77011230003')!;
    expect(en.text).toMatch(new RegExp(`^${EXERCISE_HEAD} - DRILL\nCommunication check \\(round 1\\)`));

    const posts = await hooks.waitFor(2);
    expect(posts.map((p) => p.path).sort()).toEqual(['/ambulance/medic', GONE]);
    // Signed for each receiver with its own secret, under its delivery's id (a retry's too).
    expect(posts.every((p) => p.verified)).toBe(true);
    const hookDeliveries = await ctx.db.kysely
      .selectFrom('deliveries')
      .select('id')
      .where('channel', '=', 'webhook')
      .where('source_kind', '=', 'comm_check')
      .execute();
    expect(posts.map((p) => p.headers['webhook-id']).sort()).toEqual(
      hookDeliveries.map((d) => `msg_${d.id}`).sort(),
    );
    const medic = posts.find((p) => p.path === '/ambulance/medic')!;
    expect(JSON.parse(medic.body)).toMatchObject({
      type: 'comm_check',
      exerciseId: fx.exerciseId,
      round: 1,
      exercise: true,
      marking: `${EXERCISE_HEAD} - DRILL`,
      exerciseName: fx.name,
    });

    // The SMSC's delivery receipts come back and mark the SMS delivered.
    const view = await until(
      () => commCheck(ctx, controller, fx.exerciseId),
      (v) => v.counts.delivered === 2,
    );
    expect(waysOf(view)).toEqual({
      Paramedic: ['email sent', 'sms delivered', 'webhook sent'],
      'Patrol officer A': ['email sent', 'sms delivered'],
      'Patrol officer B': ['email sent', 'webhook failed'],
    });
    const gone = view.people.find((p) => p.name === 'Patrol officer B')!.ways[1]!;
    expect(gone).toMatchObject({ address: `${hooks.base}${GONE}`, at: null });
    expect(gone.problem).toContain('410');
    expect(view.counts).toMatchObject({
      people: 3,
      reached: 3,
      sent: 4,
      delivered: 2,
      failed: 1,
      waiting: 0,
    });
    // Each reached once on each way: nothing to the controller, nothing twice.
    expect(smsc.messages).toHaveLength(2);
    expect(hooks.received).toHaveLength(2);
    expect(smtp.mails).toHaveLength(3);
  });

  it('shows a player reached on no way as not received', async () => {
    // Patrol officer B's e-mail leaves the phone book: only the webhook of the agency that has gone is left.
    await ctx.db.kysely
      .deleteFrom('exercise_contacts')
      .where('exercise_id', '=', fx.exerciseId)
      .where('channel', '=', 'email')
      .where('address', '=', 'patrol-b@police.example.kz')
      .execute();
    await startCommCheck(ctx, who, controller, fx.exerciseId);
    await new FanOutWorker(ctx).drain();
    await new OutboxDispatcher(ctx).drain();
    const view = await until(
      () => commCheck(ctx, controller, fx.exerciseId),
      (v) => v.counts.delivered === 2,
    );
    expect(view.round!.number).toBe(2);
    const officer = view.people.find((p) => p.name === 'Patrol officer B')!;
    expect(officer).toMatchObject({ reached: false, ways: [{ channel: 'webhook', state: 'failed' }] });
    expect(view.counts).toMatchObject({ people: 3, reached: 2, failed: 1 });
  });
});
