import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/policy/policy.js';
import { FanOutWorker } from '../../src/jobs/fanout.worker.js';
import { OutboxDispatcher } from '../../src/jobs/outbox.dispatcher.js';
import { clockCommand } from '../../src/services/conduct/clock.service.js';
import { injectAction, listInjects } from '../../src/services/conduct/injects.service.js';
import type { AppContext } from '../../src/services/context.js';
import { acknowledgeInject } from '../../src/services/play/play.service.js';
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
 * A director sets a critical task's measured criterion in the objectives editor (inject from the
 * MSEL, step, team, time limit), reads it back in words, clears another's; after a short play the
 * Metrics tab judges the task against the criterion set on screen — in English, Russian and Kazakh.
 */
describe('a critical task’s criterion set in the console', () => {
  let server: TestServer;
  let browser: Browser;
  let fx: ConductFixture;
  let ctx: AppContext;
  let now = Date.now();
  const PASSWORD = 'criteria passphrase';
  const controller: Actor = {
    userId: 'u-c',
    grants: [{ role: 'controller', organisationId: null, exerciseId: null }],
  };
  const who = { userId: 'u-c', name: 'Controller' };
  let patrol: Actor & { name: string };

  beforeAll(async () => {
    await ensureConsoleBuilt();
    [server, browser] = await Promise.all([startTestServer({ demo: false }), launchBrowser()]);
    ctx = { ...server.server.runtime.ctx, clock: { now: () => new Date(now) } };
    fx = await buildConductExercise(ctx);
    await server.createUser('director-criteria', PASSWORD, 'director');
    await server.createUser('patrol-criteria', PASSWORD, 'player');
    const db = ctx.db.kysely;
    const user = await db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'patrol-criteria')
      .executeTakeFirstOrThrow();
    await db
      .updateTable('exercise_people')
      .set({ user_id: user.id })
      .where('exercise_id', '=', fx.exerciseId)
      .where('name', '=', 'Patrol officer A')
      .execute();
    patrol = {
      userId: user.id,
      name: 'Patrol officer A',
      grants: [{ role: 'player', organisationId: null, exerciseId: null }],
    };
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
          text: 'Patrol confirms the shooting report',
        },
        {
          id: randomUUID(),
          capability_target_id: target,
          position: 2,
          text: 'Medics report from the scene',
          criterion: JSON.stringify({
            kind: 'inject_step',
            injectNumber: '2',
            step: 'first_action',
            teamId: fx.teams.medics,
            withinMinutes: 10,
          }),
        },
      ])
      .execute();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const SET_TEXT = 'Met when team “Patrol 7” acknowledges inject 3 “Inject 3 title” within 5 min of firing.';

  const openAs = async (language: string, tab: string): Promise<Page> => {
    const page = await newPage(browser);
    await page.setViewportSize({ width: 1280, height: 900 });
    await signIn(page, server.url, 'director-criteria', PASSWORD, language);
    await page.getByRole('navigation').waitFor();
    await page.goto(`${server.url}/console/exercises/${fx.exerciseId}/${tab}`);
    return page;
  };

  it('sets one task’s criterion, shows a refused field at its input, and clears another’s', async () => {
    const page = await openAs('English', 'objectives');
    await page
      .getByText(
        'Met when team “Medics” reports a first action on inject 2 “Inject 2 title” within 10 min of firing.',
      )
      .waitFor();
    await page.getByRole('button', { name: 'Edit objective 1' }).click();
    const form = page.getByRole('form', { name: 'Editing objective 1' });
    const first = form.getByRole('group', { name: 'Measure of Critical task 1.1' });
    await first.getByRole('checkbox', { name: "Judge from the exercise's history" }).check();
    await first.getByLabel('Inject').selectOption({ label: '3. Inject 3 title' });
    await first.getByLabel('Step reached').selectOption({ label: 'Acknowledged' });
    await first.getByLabel('Team').selectOption({ label: 'Patrol 7' });
    const within = first.getByRole('textbox', { name: 'Within (minutes after firing)' });
    await within.fill('0');
    const second = form.getByRole('group', { name: 'Measure of Critical task 1.2' });
    await second.getByRole('checkbox', { name: "Judge from the exercise's history" }).uncheck();
    await form.getByRole('button', { name: 'Save objective' }).click();
    // The server refuses a limit of 0 minutes; the refusal sits at the limit's input.
    await expect.poll(() => within.getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'criteria-editor-refused');
    const described = (await within.getAttribute('aria-describedby'))!
      .split(' ')
      .filter(Boolean)
      .map((id) => `#${id}`)
      .join(',');
    const refusal = page.locator(described).filter({ hasText: /must be/ });
    expect(await refusal.count()).toBe(1);
    expect(await refusal.textContent()).not.toContain('capabilityTargets');
    await expectAccessible(page, 'criterion editor with a refused field');
    await within.fill('5');
    // Changing the draft retires the refusal of the one sent.
    await expect.poll(() => within.getAttribute('aria-invalid')).not.toBe('true');
    await screenshot(page, 'criteria-editor');
    await expectAccessible(page, 'criterion editor');
    await form.getByRole('button', { name: 'Save objective' }).click();
    await form.waitFor({ state: 'hidden' });
    await page.reload();
    await page.getByText(SET_TEXT).waitFor();
    expect(await page.getByText(/Medics” reports a first action/).count()).toBe(0);
    await screenshot(page, 'criteria-objectives-en');
    await page.close();
  });

  it('shows the criterion in Russian and Kazakh on the task', async () => {
    for (const [language, text] of [
      [
        'Русский',
        'Выполнена, когда команда «Patrol 7» подтвердит вводную 3 «Inject 3 title» не позднее 5 мин после выдачи.',
      ],
      [
        'Қазақша',
        '«Patrol 7» тобы 3 «Inject 3 title» кіріспесін берілгеннен кейін 5 мин ішінде растағанда орындалады.',
      ],
    ] as const) {
      const page = await openAs(language, 'objectives');
      await page.getByText(text).waitFor();
      const tag = language === 'Русский' ? 'ru' : 'kk';
      await screenshot(page, `criteria-objectives-${tag}`);
      // The editor in this language, opened from the objective's first button (edit).
      await page.getByRole('listitem').first().getByRole('button').first().click();
      await page.getByRole('form').getByRole('checkbox').first().waitFor();
      expect(await page.getByRole('form').getByRole('checkbox').first().isChecked()).toBe(true);
      await screenshot(page, `criteria-editor-${tag}`);
      await page.close();
    }
  });

  it('judges the task on the Metrics tab against the criterion set on screen', async () => {
    await clockCommand(ctx, who, controller, fx.exerciseId, {
      command: 'startex',
      confirmName: fx.name,
      plannedStart: PLANNED_START,
      reason: 'compressed replay',
    });
    const runs = Object.fromEntries(
      (await listInjects(ctx, controller, fx.exerciseId)).map((r) => [r.number, r.id]),
    );
    await injectAction(ctx, who, controller, fx.exerciseId, runs['3']!, 'fire', 'on cue');
    now += 60_000;
    await new FanOutWorker(ctx).drain();
    await new OutboxDispatcher(ctx).drain();
    now += 2 * 60_000;
    await acknowledgeInject(
      ctx,
      { userId: patrol.userId, name: patrol.name },
      patrol,
      fx.exerciseId,
      runs['3']!,
    );

    const page = await openAs('English', 'metrics');
    await page.getByRole('heading', { name: 'Critical tasks', exact: true }).waitFor();
    const row = page.getByRole('row').filter({ hasText: 'Patrol confirms the shooting report' });
    await row.getByText(SET_TEXT).waitFor();
    expect(await row.textContent()).toContain('Met');
    expect(await row.textContent()).toContain('3:00');
    expect(await row.textContent()).toContain('5:00');
    // The cleared task is left to evaluators.
    expect(
      await page.getByRole('row').filter({ hasText: 'Medics report from the scene' }).textContent(),
    ).toContain('Judged by evaluators');
    // The chart's title is printed in it, not only given to screen readers.
    await page
      .locator('svg text')
      .filter({ hasText: /^Median minutes from firing to acknowledgement/ })
      .first()
      .waitFor();
    await screenshot(page, 'criteria-metrics-en');
    await expectAccessible(page, 'metrics with a criterion');
    await page.close();

    for (const [language, met, tag] of [
      ['Русский', 'Выполнена', 'ru'],
      ['Қазақша', 'Орындалды', 'kk'],
    ] as const) {
      const p = await openAs(language, 'metrics');
      const r = p.getByRole('row').filter({ hasText: 'Patrol confirms the shooting report' });
      await r.getByText(met, { exact: true }).waitFor();
      await screenshot(p, `criteria-metrics-${tag}`);
      await p.close();
    }
  });
});
