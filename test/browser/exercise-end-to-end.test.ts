import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { startTestSmsc, type TestSmsc } from '../support/smsc.js';
import { startTestSmtp, type TestSmtp } from '../support/smtp.js';
import { prepareKaraganda, USERS } from './exercise-end-to-end.setup.js';
import {
  communicationCheck,
  DESKTOP,
  endex,
  LONG,
  noPlayAndResumePlay,
  offlineObservation,
  pauseAndResume,
  PHONE,
  playerAcknowledgesAndReports,
  replay,
  startexCompressed,
  type Run,
} from './exercise-end-to-end.steps.js';
import { ensureConsoleBuilt, expectNoPageProblems, launchBrowser, newPage, signIn } from './support.js';

/*
 * The demo's Karaganda full-scale exercise from the communication check to its replay, in one run,
 * with the control room open on the director's desk the whole time and never reloaded: the check,
 * STARTEX and the clock at ×60 so that the MSEL's injects fire by the clock, a patrol officer on a
 * phone acknowledging and reporting with a photo, the lead evaluator in a basement recording an
 * observation that arrives exactly once, a pause resumed under the exercise's pause policy, NO PLAY
 * and its resume, ENDEX, and the replay moved through without changing anything. A real SMTP server
 * and a real SMPP server receive every player's messages, each once and marked as exercise traffic.
 */
describe('the demo exercise run end to end', () => {
  let server: TestServer;
  let smtp: TestSmtp;
  let smsc: TestSmsc;
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
    [smtp, smsc] = await Promise.all([startTestSmtp(), startTestSmsc()]);
    [server, browser] = await Promise.all([
      startTestServer({
        demo: true,
        env: {
          DABYL_SMTP_URL: smtp.url,
          DABYL_SMPP_URL: smsc.url,
          // The Cyrillic texts take several parts each: the default 10 a second would make the end wait.
          DABYL_SMPP_RATE: '200',
        },
      }),
      launchBrowser(),
    ]);
    const demo = await prepareKaraganda(server.server.runtime.ctx, server.admin.username, PASSWORD);
    const [control, player, evaluator] = await Promise.all([
      open(USERS.director, DESKTOP),
      open(USERS.patrol, PHONE),
      open(USERS.evaluator, PHONE),
    ]);
    await player.context().grantPermissions(['geolocation']);
    // On the access road to the correctional institution.
    await player.context().setGeolocation({ latitude: 49.84901, longitude: 73.00456 });
    run = { server, peers: { smtp, smsc }, demo, control, player, evaluator };
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await Promise.all([smtp?.close(), smsc?.close()]);
  });

  it('runs the check, STARTEX at ×60, play, an offline observation, a pause, NO PLAY, ENDEX and the replay', async () => {
    await communicationCheck(run);
    await startexCompressed(run);
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
