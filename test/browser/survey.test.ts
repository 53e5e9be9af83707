import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/policy/policy.js';
import { clockCommand } from '../../src/services/conduct/clock.service.js';
import { buildConductExercise, seatUser, PLANNED_START, type ConductFixture } from '../support/conduct.js';
import { startTestServer, type TestServer } from '../support/server.js';
import {
  ensureConsoleBuilt,
  expectAccessible,
  expectNoPageProblems,
  launchBrowser,
  newPage,
  screenshot,
  signIn,
} from './support.js';

/*
 * The hot wash after ENDEX: the survey reached the patrol officer's inbox, and the player view shows
 * a feedback card; they answer on a phone, anonymously; the director opens the survey page and reads
 * the summary, the ratings drawn as a chart.
 */
const controller: Actor = {
  userId: 'c',
  grants: [{ role: 'controller', organisationId: null, exerciseId: null }],
};

describe('the hot-wash survey', () => {
  let server: TestServer;
  let browser: Browser;
  let player: Page;
  let director: Page;
  let fx: ConductFixture;
  let planned: ConductFixture;

  beforeAll(async () => {
    await ensureConsoleBuilt();
    [server, browser] = await Promise.all([startTestServer({ demo: false }), launchBrowser()]);
    const ctx = server.server.runtime.ctx;
    fx = await buildConductExercise(ctx);
    planned = await buildConductExercise(ctx, 'Pavlodar power plant drill');
    await server.createUser('patrol.a', 'patrol passphrase', 'player');
    await server.createUser('director.d', 'director passphrase', 'director');
    await seatUser(ctx, fx.exerciseId, 'patrol.a', 'Patrol officer A');
    const who = { userId: null, name: 'Controller' };
    await clockCommand(ctx, who, controller, fx.exerciseId, {
      command: 'startex',
      confirmName: fx.name,
      plannedStart: PLANNED_START,
      reason: 'training run',
    });
    await clockCommand(ctx, who, controller, fx.exerciseId, { command: 'endex', reason: 'objectives met' });
    player = await newPage(browser);
    await player.setViewportSize({ width: 390, height: 844 });
    await signIn(player, server.url, 'patrol.a', 'patrol passphrase');
    // The sign-in page has a banner too: signed in once its form is gone.
    await player.locator('input[name="password"]').waitFor({ state: 'detached', timeout: 60_000 });
    await player.getByRole('navigation').or(player.getByRole('banner')).first().waitFor();
    director = await newPage(browser);
    await signIn(director, server.url, 'director.d', 'director passphrase');
    await director.getByRole('navigation').waitFor();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lets a player answer in the player view, anonymously, once', async () => {
    // The survey went out through the outbox: it is in the player's inbox.
    const ctx = server.server.runtime.ctx;
    await expect
      .poll(
        async () =>
          (
            await ctx.db.kysely
              .selectFrom('inbox_messages')
              .select('title')
              .where('source_kind', '=', 'survey')
              .execute()
          ).length,
        { timeout: 30_000 },
      )
      .toBe(1);

    await player.goto(`${server.url}/console/play/${fx.exerciseId}`);
    const card = player.getByLabel('Feedback', { exact: true });
    const group = (name: string) => card.getByRole('radiogroup', { name });
    await group('How well did the exercise meet its objectives?').getByLabel('4').check();
    await group('How realistic was the scenario?').getByLabel('5').check();
    await group('How well did the briefings and materials prepare you for your role?')
      .getByLabel('3')
      .check();
    await group('Did the injects reach you in time to act on them?').getByLabel('Yes').check();
    await group('Was coordination with the other agencies adequate?').getByLabel('No').check();
    await card.getByLabel('Strengths: what went well?').fill('The cordon was set within minutes');
    await card.getByLabel('Answer anonymously').check();
    await screenshot(player, 'survey-player-card');
    await card.getByRole('button', { name: 'Send answers' }).click();
    await card.getByText('Thank you: your answers are in, kept anonymous.').waitFor();
    await screenshot(player, 'survey-player-answered');
    await expectAccessible(player, 'player view with the feedback card');
    expectNoPageProblems(player);

    const rows = await ctx.db.kysely.selectFrom('survey_responses').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.user_id).toBeNull();
  }, 120_000);

  it('shows the director the summary per role and question', async () => {
    await director.goto(`${server.url}/console/exercises/${fx.exerciseId}`);
    await director.getByRole('link', { name: 'Survey' }).click();
    await director.getByText('Answers: 1 of 4 participants; anonymous: 1').waitFor();
    const players = director.getByLabel('Players', { exact: true });
    await players.getByText('1 of 3 answered').waitFor();
    const objectives = players.getByTestId('summary-objectives');
    await objectives.getByText('Average 4.00 of 5; ratings: 1').waitFor();
    await objectives.getByRole('img', { name: /Ratings of/ }).waitFor();
    await players.getByTestId('summary-coordination').getByText('Yes: 0 · No: 1').waitFor();
    await players.getByText('The cordon was set within minutes').waitFor();
    // Sent at ENDEX: the questions are shown as they went out, no longer editable.
    await director.getByText('The survey went out at ENDEX; its questions no longer change.').waitFor();
    await screenshot(director, 'survey-summary');
    await expectAccessible(director, 'survey summary');
    expectNoPageProblems(director);
  }, 120_000);

  it('lets the director edit the questions before ENDEX', async () => {
    await director.goto(`${server.url}/console/survey/${planned.exerciseId}`);
    const wording = director.getByRole('textbox', { name: 'Question', exact: true }).first();
    await expect(wording.inputValue()).resolves.toBe('How well did the exercise meet its objectives?');
    await wording.fill('How well did the drill meet its objectives?');
    await director.getByRole('button', { name: 'Add a question' }).click();
    await director
      .getByRole('textbox', { name: 'Question', exact: true })
      .last()
      .fill('Was the power plant site safe to work in?');
    await director.getByRole('button', { name: 'Save questions' }).click();
    await expect
      .poll(async () => {
        const row = await server.server.runtime.ctx.db.kysely
          .selectFrom('surveys')
          .select('questions')
          .where('exercise_id', '=', planned.exerciseId)
          .executeTakeFirst();
        return row?.questions ?? '';
      })
      .toContain('power plant site');
    await screenshot(director, 'survey-editor');
    await expectAccessible(director, 'survey editor');
    expectNoPageProblems(director);
  }, 120_000);
});
