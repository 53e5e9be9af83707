import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEvaluationExercise, type EvaluationFixture } from '../evaluation/fixture.js';
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
 * An evaluator walks from an observation to a rating with its evidence: the observation shows under
 * the critical task it concerns, the rating is given with its HSEEP mark, reasoning and the
 * observation as evidence, and the evidence opens in one click. A director reads it; a player is
 * never offered the tab.
 */
describe('the evaluation guide', () => {
  let server: TestServer;
  let browser: Browser;
  let fx: EvaluationFixture;
  const PASSWORD = 'evaluation passphrase';

  beforeAll(async () => {
    await ensureConsoleBuilt();
    [server, browser] = await Promise.all([startTestServer({ demo: false }), launchBrowser()]);
    fx = await buildEvaluationExercise(server.server.runtime.ctx);
    for (const role of ['evaluator', 'director', 'player'])
      await server.createUser(`${role}-eeg`, PASSWORD, role);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const open = async (user: string): Promise<Page> => {
    const page = await newPage(browser);
    await signIn(page, server.url, user, PASSWORD);
    await page.getByRole('navigation').waitFor();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${server.url}/console/exercises/${fx.exerciseId}/evaluation`);
    return page;
  };

  it('takes an evaluator from an observation to a rating with its evidence, one click away', async () => {
    const page = await open('evaluator-eeg');
    const cordon = page.getByRole('region', { name: 'Outer cordon set' });
    await cordon.getByText('Close the road').waitFor();
    // The observation under the task it concerns opens in one click.
    await cordon
      .getByRole('button', { name: /Patrol 7 closed the road/ })
      .first()
      .click();
    const dialog = page.getByRole('dialog');
    await dialog
      .getByTestId('evidence-observation')
      .getByText('Patrol 7 closed the road 12 minutes after the inject')
      .waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    await cordon.getByRole('radio', { name: /^S — Performed with some challenges/ }).check();
    await cordon
      .getByLabel('Reasoning')
      .fill('The road was closed 12 minutes after the inject; the target was 10.');
    await cordon.getByRole('checkbox', { name: /Observation H\+00:42:00/ }).check();
    await cordon.getByRole('checkbox', { name: /Inject 3/ }).check();
    await screenshot(page, 'evaluation-rating-form');
    await cordon.getByRole('button', { name: 'Save rating' }).click();

    const current = cordon.getByTestId('current-rating');
    await current.getByText('S', { exact: true }).waitFor();
    await current.getByText(/version 1/).waitFor();
    const rows = await server.server.runtime.ctx.db.kysely
      .selectFrom('ratings')
      .select(['rating', 'version'])
      .where('exercise_id', '=', fx.exerciseId)
      .execute();
    expect(rows).toEqual([{ rating: 'S', version: 1 }]);
    // The evidence of the saved rating: click it, see the observation.
    await current.getByRole('button', { name: /Patrol 7 closed the road/ }).click();
    await dialog.getByText('Patrol 7 closed the road 12 minutes after the inject').waitFor();
    await screenshot(page, 'evaluation-evidence-observation');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await current.getByRole('button', { name: /Inject 3/ }).click();
    await dialog.getByText(/^Fired:/).waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await expectAccessible(page, 'evaluation guide');
  }, 180_000);

  it('shows a director the ratings without the form, prints for paper, and hides the tab from a player', async () => {
    const director = await open('director-eeg');
    await director.getByTestId('current-rating').first().waitFor();
    await expect(director.getByRole('button', { name: 'Save rating' }).count()).resolves.toBe(0);
    await screenshot(director, 'evaluation-director');
    const print = await newPage(browser);
    await print.context().addCookies(await director.context().cookies());
    await print.goto(`${server.url}/api/v1/exercises/${fx.exerciseId}/evaluation/print?lang=ru`);
    await print.getByText('Критические задачи').first().waitFor();
    await screenshot(print, 'evaluation-print-ru');
    const player = await open('player-eeg');
    await player.getByRole('tab', { name: 'Overview' }).waitFor();
    await expect(player.getByRole('tab', { name: 'Evaluation' }).count()).resolves.toBe(0);
  }, 180_000);
});
