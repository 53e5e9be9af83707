import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/policy/policy.js';
import { AppError } from '../../src/errors.js';
import { FanOutWorker } from '../../src/jobs/fanout.worker.js';
import { OutboxDispatcher } from '../../src/jobs/outbox.dispatcher.js';
import { contextFor } from '../../src/runtime.js';
import { clockCommand } from '../../src/services/conduct/clock.service.js';
import { injectAction, listInjects } from '../../src/services/conduct/injects.service.js';
import { manualPrompts, markPromptDelivered } from '../../src/services/conduct/manual-prompts.service.js';
import type { AppContext } from '../../src/services/context.js';
import { addContact } from '../../src/services/planning/phone-book.service.js';
import { buildConductExercise, PLANNED_START, type ConductFixture } from '../support/conduct.js';
import { ENGINES, openTestRuntime } from '../support/engines.js';
import { startTestSmtp, type TestSmtp } from '../support/smtp.js';

const grant = (role: string, exerciseId: string | null = null): Actor => ({
  userId: `u-${role}`,
  grants: [{ role: role as 'controller', organisationId: null, exerciseId }],
});
const director = grant('director');
const who = { userId: 'u-controller', name: 'Controller Asel' };

async function outcome(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'accepted';
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
}

/**
 * The manual channel on both engines: a medic reached only by radio gets the medics' inject as a
 * prompt on the control room's screen — what to say, to whom, on which channel, marked as exercise
 * traffic — and the delivery counts as delivered once a controller presses "delivered".
 */
describe.each(ENGINES)('the manual channel on %s', (engine) => {
  let ctx: AppContext;
  let smtp: TestSmtp;
  let drop: () => Promise<void>;
  let fx: ConductFixture;
  const now = Date.parse(PLANNED_START);

  beforeAll(async () => {
    smtp = await startTestSmtp();
    const rt = await openTestRuntime(engine);
    drop = rt.drop;
    ctx = contextFor(rt.ctx.db, { ...rt.ctx.config, smtpUrl: smtp.url }, { now: () => new Date(now) });
    fx = await buildConductExercise(ctx);
    const medic = await ctx.db.kysely
      .selectFrom('exercise_people')
      .select('id')
      .where('exercise_id', '=', fx.exerciseId)
      .where('name', '=', 'Paramedic')
      .executeTakeFirstOrThrow();
    await addContact(ctx, who, grant('controller'), fx.exerciseId, medic.id, {
      channel: 'manual',
      address: 'Radio, ambulance net channel 4',
      language: 'ru',
    });
    await clockCommand(ctx, who, director, fx.exerciseId, {
      command: 'startex',
      confirmName: fx.name,
      plannedStart: PLANNED_START,
    });
  });
  afterAll(async () => {
    await ctx.channels.close();
    await smtp.close();
    await drop();
  });

  it('puts the inject on the control room’s screen as a call to make, marked as a drill', async () => {
    const inject = (await listInjects(ctx, director, fx.exerciseId)).find((r) => r.number === '2')!;
    await injectAction(ctx, who, grant('controller'), fx.exerciseId, inject.id, 'fire');
    await new FanOutWorker(ctx).drain();
    // The medic's e-mail and their radio prompt.
    expect(await new OutboxDispatcher(ctx).drain()).toBe(2);
    const [prompt, ...rest] = await manualPrompts(ctx, grant('evaluator'), fx.exerciseId);
    expect(rest).toEqual([]);
    expect(prompt).toMatchObject({
      name: 'Paramedic',
      address: 'Radio, ambulance net channel 4',
      sourceKind: 'inject',
      deliveredAt: null,
    });
    expect(prompt!.script).toMatch(/^EXERCISE EXERCISE EXERCISE - УЧЕНИЯ\nВводная 2: Inject 2 title/);
    expect(prompt!.script).toContain('Karaganda full-scale');
    expect(await outcome(manualPrompts(ctx, grant('player', fx.exerciseId), fx.exerciseId))).toBe(
      'forbidden',
    );
  });

  it('counts the delivery once a controller made the call, once', async () => {
    const [prompt] = await manualPrompts(ctx, director, fx.exerciseId);
    expect(
      await outcome(markPromptDelivered(ctx, who, grant('evaluator'), fx.exerciseId, prompt!.deliveryId)),
    ).toBe('forbidden');
    const done = await markPromptDelivered(ctx, who, grant('controller'), fx.exerciseId, prompt!.deliveryId);
    expect(done).toMatchObject({ deliveredAt: new Date(now).toISOString(), deliveredBy: 'Controller Asel' });
    const again = await markPromptDelivered(ctx, who, grant('controller'), fx.exerciseId, prompt!.deliveryId);
    expect(again.deliveredAt).toBe(done.deliveredAt);
    const delivery = await ctx.db.kysely
      .selectFrom('deliveries')
      .select(['status', 'delivered_at'])
      .where('id', '=', prompt!.deliveryId)
      .executeTakeFirstOrThrow();
    expect(delivery).toEqual({ status: 'sent', delivered_at: done.deliveredAt });
    const audit = await ctx.db.kysely
      .selectFrom('audit_log')
      .select('actor_name')
      .where('action', '=', 'manual.delivered')
      .execute();
    expect(audit).toEqual([{ actor_name: 'Controller Asel' }]);
    expect(
      await outcome(markPromptDelivered(ctx, who, grant('controller'), fx.exerciseId, randomUUID())),
    ).toBe('not_found');
  });
});
