import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { buildConductExercise } from '../support/conduct.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { startTestSmtp, type TestSmtp } from '../support/smtp.js';
import {
  communicationCheck,
  endex,
  LONG,
  noPlayAndResumePlay,
  offlineObservation,
  pauseAndResume,
  playerAcknowledgesAndReports,
  replay,
  startexAndFireTwo,
  type Run,
} from './exercise-end-to-end.steps.js';
import { ensureConsoleBuilt, expectNoPageProblems, launchBrowser, newPage, signIn } from './support.js';

/*
 * One exercise from the communication check to its replay, in one run, with the control room open
 * on a director's desk the whole time and never reloaded: the check, STARTEX and two injects fired,
 * a patrol officer on a phone acknowledging and reporting with a photo, an evaluator in a basement
 * recording an observation that arrives exactly once, a pause resumed under the exercise's pause
 * policy, NO PLAY and its resume, ENDEX, and the replay moved through without changing anything.
 */
describe('an exercise run end to end', () => {
  let server: TestServer;
  let smtp: TestSmtp;
  let browser: Browser;
  let run: Run;
  const PASSWORD = 'end-to-end passphrase';

  const open = async (username: string, viewport: { width: number; height: number }): Promise<Page> => {
    const page = await newPage(browser);
    // Waits here are for conditions; a loaded CI machine may take long to meet them.
    page.setDefaultTimeout(30_000);
    await page.setViewportSize(viewport);
    await signIn(page, server.url, username, PASSWORD);
    // Signed in once the form is gone, or the next page load can overtake a slow sign-in.
    await page.locator('input[name="password"]').waitFor({ state: 'detached', timeout: LONG });
    return page;
  };

  beforeAll(async () => {
    await ensureConsoleBuilt();
    smtp = await startTestSmtp();
    [server, browser] = await Promise.all([
      startTestServer({ demo: false, env: { DABYL_SMTP_URL: smtp.url } }),
      launchBrowser(),
    ]);
    const ctx = server.server.runtime.ctx;
    const db = ctx.db.kysely;
    const fx = await buildConductExercise(ctx);
    for (const [username, role] of [
      ['director.e2e', 'director'],
      ['patrol.e2e', 'player'],
      ['evaluator.e2e', 'evaluator'],
    ] as const)
      await server.createUser(username, PASSWORD, role);
    const userId = (username: string) =>
      db
        .selectFrom('users')
        .select('id')
        .where('username', '=', username)
        .executeTakeFirstOrThrow()
        .then((u) => u.id);
    await db
      .updateTable('exercise_people')
      .set({ user_id: await userId('patrol.e2e') })
      .where('exercise_id', '=', fx.exerciseId)
      .where('name', '=', 'Patrol officer A')
      .execute();
    await db
      .insertInto('exercise_people')
      .values({
        id: randomUUID(),
        exercise_id: fx.exerciseId,
        user_id: await userId('evaluator.e2e'),
        name: 'Evaluator Dana',
        role: 'evaluator',
        team_id: fx.teams.patrol,
        organisation_id: null,
        contact: null,
      })
      .execute();

    const control = await open('director.e2e', { width: 1280, height: 800 });
    const player = await open('patrol.e2e', { width: 390, height: 844 });
    await player.context().grantPermissions(['geolocation']);
    await player.context().setGeolocation({ latitude: 49.80469, longitude: 73.10938 });
    const evaluator = await open('evaluator.e2e', { width: 390, height: 844 });
    run = { server, smtp, fx, control, player, evaluator };
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await smtp?.close();
  });

  it('runs the check, STARTEX, play, an offline observation, a pause, NO PLAY, ENDEX and the replay', async () => {
    await communicationCheck(run);
    await startexAndFireTwo(run);
    await playerAcknowledgesAndReports(run);
    await offlineObservation(run);
    await pauseAndResume(run);
    await noPlayAndResumePlay(run);
    await endex(run);
    await replay(run);
    expectNoPageProblems(run.control);
    expectNoPageProblems(run.player);
  }, 240_000);
});
