import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/policy/policy.js';
import { FanOutWorker } from '../../src/jobs/fanout.worker.js';
import { OutboxDispatcher } from '../../src/jobs/outbox.dispatcher.js';
import { clockCommand } from '../../src/services/conduct/clock.service.js';
import { injectAction, listInjects } from '../../src/services/conduct/injects.service.js';
import type { AppContext } from '../../src/services/context.js';
import { acknowledgeInject, reportOnInject } from '../../src/services/play/play.service.js';
import { buildConductExercise, PLANNED_START, type ConductFixture } from '../support/conduct.js';
import { startTestServer, type TestServer } from '../support/server.js';
import {
  ensureConsoleBuilt,
  expectAccessible,
  launchBrowser,
  newPage,
  screenshot,
  signIn,
} from './support.js';

/*
 * A director opens the exercise's metrics after a short compressed play: the per-team charts, each
 * inject's steps per team, and a critical task judged against its target; a player is not offered them.
 */
describe('the metrics panel', () => {
  let server: TestServer;
  let browser: Browser;
  let fx: ConductFixture;
  const PASSWORD = 'metrics passphrase';
  const controller: Actor = {
    userId: 'u-c',
    grants: [{ role: 'controller', organisationId: null, exerciseId: null }],
  };
  const who = { userId: 'u-c', name: 'Controller' };

  beforeAll(async () => {
    await ensureConsoleBuilt();
    [server, browser] = await Promise.all([startTestServer({ demo: false }), launchBrowser()]);
    let now = Date.now();
    const ctx: AppContext = { ...server.server.runtime.ctx, clock: { now: () => new Date(now) } };
    const advance = (minutes: number) => (now += minutes * 60_000);
    fx = await buildConductExercise(ctx);
    for (const role of ['director', 'player']) await server.createUser(`${role}-metrics`, PASSWORD, role);
    const db = ctx.db.kysely;
    const players: Record<string, Actor & { name: string }> = {};
    for (const [username, seat] of [
      ['patrol-metrics', 'Patrol officer A'],
      ['medic-metrics', 'Paramedic'],
    ] as const) {
      await server.createUser(username, PASSWORD, 'player');
      const user = await db
        .selectFrom('users')
        .select('id')
        .where('username', '=', username)
        .executeTakeFirstOrThrow();
      await db
        .updateTable('exercise_people')
        .set({ user_id: user.id })
        .where('exercise_id', '=', fx.exerciseId)
        .where('name', '=', seat)
        .execute();
      players[username] = {
        userId: user.id,
        name: seat,
        grants: [{ role: 'player', organisationId: null, exerciseId: null }],
      };
    }
    const capability = randomUUID();
    const objective = randomUUID();
    const target = randomUUID();
    await db
      .insertInto('core_capabilities')
      .values({
        id: capability,
        name: 'On-scene security',
        mission_area: 'response',
        description: '',
        builtin: 0,
      })
      .execute();
    await db
      .insertInto('objectives')
      .values({ id: objective, exercise_id: fx.exerciseId, position: 1, text: 'Cordon within 10 minutes' })
      .execute();
    await db
      .insertInto('capability_targets')
      .values({
        id: target,
        objective_id: objective,
        core_capability_id: capability,
        position: 1,
        text: 'Outer cordon',
      })
      .execute();
    await db
      .insertInto('critical_tasks')
      .values([
        {
          id: randomUUID(),
          capability_target_id: target,
          position: 1,
          text: 'Patrol acknowledges the shooting report within 5 minutes',
          criterion: JSON.stringify({
            kind: 'inject_step',
            injectNumber: '3',
            step: 'acknowledged',
            teamId: fx.teams.patrol,
            withinMinutes: 5,
          }),
        },
        {
          id: randomUUID(),
          capability_target_id: target,
          position: 2,
          text: 'Medics act on the first report within 3 minutes',
          criterion: JSON.stringify({
            kind: 'inject_step',
            injectNumber: '1',
            step: 'first_action',
            teamId: fx.teams.medics,
            withinMinutes: 3,
          }),
        },
      ])
      .execute();
    await clockCommand(ctx, who, controller, fx.exerciseId, {
      command: 'startex',
      confirmName: fx.name,
      plannedStart: PLANNED_START,
      reason: 'compressed replay',
    });
    const runs = Object.fromEntries(
      (await listInjects(ctx, controller, fx.exerciseId)).map((r) => [r.number, r.id]),
    );
    const deliver = async () => {
      await new FanOutWorker(ctx).drain();
      await new OutboxDispatcher(ctx).drain();
    };
    const play = (p: string) => ({ userId: players[p]!.userId, name: players[p]!.name });
    await injectAction(ctx, who, controller, fx.exerciseId, runs['1']!, 'fire', 'on cue');
    await injectAction(ctx, who, controller, fx.exerciseId, runs['3']!, 'fire', 'on cue');
    advance(1);
    await deliver();
    advance(2);
    await acknowledgeInject(
      ctx,
      play('patrol-metrics'),
      players['patrol-metrics']!,
      fx.exerciseId,
      runs['3']!,
    );
    advance(1);
    await acknowledgeInject(ctx, play('medic-metrics'), players['medic-metrics']!, fx.exerciseId, runs['1']!);
    await reportOnInject(ctx, play('patrol-metrics'), players['patrol-metrics']!, fx.exerciseId, runs['3']!, {
      text: 'Cordon set',
    });
    advance(3);
    await reportOnInject(ctx, play('medic-metrics'), players['medic-metrics']!, fx.exerciseId, runs['1']!, {
      text: 'Triage point open',
    });
    await reportOnInject(ctx, play('patrol-metrics'), players['patrol-metrics']!, fx.exerciseId, runs['1']!, {
      text: 'Road closed',
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows a director the measured times, charts and critical tasks', async () => {
    const page = await newPage(browser);
    await page.setViewportSize({ width: 1280, height: 900 });
    await signIn(page, server.url, 'director-metrics', PASSWORD);
    await page.getByRole('navigation').waitFor();
    await page.goto(`${server.url}/console/exercises/${fx.exerciseId}/metrics`);
    await page.getByRole('heading', { name: 'Response times per team' }).waitFor();
    await page
      .getByRole('img', { name: 'Median minutes from firing to acknowledgement, per team' })
      .waitFor();
    await page.getByText('Patrol acknowledges the shooting report within 5 minutes').waitFor();
    const rows = page.getByRole('row');
    expect(await rows.filter({ hasText: 'Patrol acknowledges' }).textContent()).toContain('Met');
    expect(await rows.filter({ hasText: 'Medics act' }).textContent()).toContain('Not met');
    await page.getByText('1 of 2 measured tasks met (50%)').waitFor();
    await screenshot(page, 'metrics-panel');
    await expectAccessible(page, 'metrics panel');
    await page.close();
  });

  it('does not offer the metrics to a player', async () => {
    const page = await newPage(browser);
    await signIn(page, server.url, 'player-metrics', PASSWORD);
    await page.getByRole('navigation').waitFor();
    await page.goto(`${server.url}/console/exercises/${fx.exerciseId}`);
    await page.getByRole('tab', { name: 'Overview' }).waitFor();
    expect(await page.getByRole('tab', { name: 'Metrics' }).count()).toBe(0);
    await page.close();
  });
});
