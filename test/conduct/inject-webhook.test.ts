import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/policy/policy.js';
import { exerciseHead } from '../../src/core/outbox/traffic.js';
import { FanOutWorker } from '../../src/jobs/fanout.worker.js';
import { OutboxDispatcher } from '../../src/jobs/outbox.dispatcher.js';
import { contextFor } from '../../src/runtime.js';
import { clockCommand } from '../../src/services/conduct/clock.service.js';
import { injectAction, listInjects } from '../../src/services/conduct/injects.service.js';
import type { AppContext } from '../../src/services/context.js';
import { addContact, buildConductExercise, PLANNED_START, type ConductFixture } from '../support/conduct.js';
import { ENGINES, openTestRuntime } from '../support/engines.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

const WEBHOOK_KEY = 'inject-webhook-signing-key-0123456789abcdef';
const BUSY = '/police/dispatch';
const controller: Actor = {
  userId: 'u-c',
  grants: [{ role: 'controller', organisationId: null, exerciseId: null }],
};
const who = { userId: 'u-c', name: 'Controller Aigerim' };

/*
 * An inject reaching a player through their agency's system: a webhook, signed, marked as exercise
 * traffic, with nothing players must not read. The agency answers 503 to the first attempt; the
 * retry carries the same delivery id, so the agency can tell it is the same message, and it is
 * taken once.
 */
describe.each(ENGINES)('an inject to a player’s webhook on %s', (engine) => {
  let ctx: AppContext;
  let hooks: WebhookReceiver;
  let drop: () => Promise<void>;
  let fx: ConductFixture;
  let now = Date.parse(PLANNED_START);
  let busyAnswers = 0;

  beforeAll(async () => {
    // The agency's system is busy for its first request only.
    hooks = await startWebhookReceiver(
      WEBHOOK_KEY,
      () => new Date(now),
      (path) => (path === BUSY && busyAnswers++ === 0 ? 503 : 204),
    );
    const rt = await openTestRuntime(engine);
    drop = rt.drop;
    await rt.ctx.channels.close();
    ctx = contextFor(
      rt.ctx.db,
      { ...rt.ctx.config, webhookSigningKey: WEBHOOK_KEY, webhookAllowHosts: new Set(['127.0.0.1']) },
      { now: () => new Date(now) },
    );
    fx = await buildConductExercise(ctx);
    await addContact(ctx, fx.exerciseId, 'Patrol officer A', {
      channel: 'webhook',
      address: `${hooks.base}${BUSY}`,
      language: 'ru',
    });
  });
  afterAll(async () => {
    await ctx.channels.close();
    await hooks.close();
    await drop();
  });

  it('sends it signed and marked, tries again after a refusal under the same id, and it is taken once', async () => {
    await clockCommand(ctx, who, controller, fx.exerciseId, {
      command: 'startex',
      confirmName: fx.name,
      plannedStart: PLANNED_START,
    });
    const patrol = (await listInjects(ctx, controller, fx.exerciseId)).find((r) => r.number === '3')!;
    await injectAction(ctx, who, controller, fx.exerciseId, patrol.id, 'fire', 'the patrol is in position');
    const fanOut = new FanOutWorker(ctx);
    const dispatcher = new OutboxDispatcher(ctx, { backoffMs: 30_000, log: () => {} });
    await fanOut.drain();
    await dispatcher.drain();
    const delivery = async () =>
      ctx.db.kysely
        .selectFrom('deliveries')
        .select(['id', 'status', 'attempts'])
        .where('source_id', '=', patrol.id)
        .where('channel', '=', 'webhook')
        .executeTakeFirstOrThrow();
    expect(await delivery()).toMatchObject({ status: 'pending', attempts: 1 });

    // After the back-off, the dispatcher tries again.
    now += 60_000;
    await dispatcher.drain();
    const sent = await delivery();
    expect(sent.status).toBe('sent');
    const posts = hooks.received.filter((r) => r.path === BUSY);
    expect(posts).toHaveLength(2);
    // The same message both times: the agency de-duplicates on the delivery's own id.
    expect(posts.map((p) => p.headers['webhook-id'])).toEqual([`msg_${sent.id}`, `msg_${sent.id}`]);
    expect(posts.every((p) => p.verified)).toBe(true);
    const body = JSON.parse(posts[1]!.body) as Record<string, unknown>;
    expect(body).toMatchObject({
      type: 'inject',
      number: '3',
      exercise: true,
      marking: exerciseHead('ru'),
      exerciseName: fx.name,
    });
    // What players must not read never leaves: the expected action and the controllers' notes.
    expect(posts[1]!.body).not.toMatch(/Secret|Trusted agent/);
  });
});
