import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConductExercise, seatUser, type ConductFixture } from '../support/conduct.js';
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
 * Branching from plan to play: a planner makes inject 1 ask "storm or negotiate?" and makes inject 3
 * wait for "Storm" and inject 4 for "Negotiate", in the MSEL's event form. In the control room the
 * waiting injects say what they wait for; a patrol officer, at a phone's width in a second browser
 * context, answers the question; the control room shows the answer, inject 3 released and inject 4
 * skipped, without reloading. A milestone marked in the control room releases what waits for it.
 */
describe('branching injects', () => {
  let server: TestServer;
  let browser: Browser;
  let control: Page;
  let player: Page;
  let fx: ConductFixture;
  let exerciseUrl: string;

  beforeAll(async () => {
    await ensureConsoleBuilt();
    [server, browser] = await Promise.all([startTestServer({ demo: false }), launchBrowser()]);
    const ctx = server.server.runtime.ctx;
    fx = await buildConductExercise(ctx);
    exerciseUrl = `${server.url}/console/exercises/${fx.exerciseId}`;
    await server.createUser('patrol.a', 'patrol passphrase', 'player');
    await seatUser(ctx, fx.exerciseId, 'patrol.a', 'Patrol officer A');
    control = await newPage(browser);
    await signIn(control, server.url, server.admin.username, server.admin.password);
    await control.getByRole('navigation').waitFor();
    player = await newPage(browser);
    await player.setViewportSize({ width: 390, height: 844 });
    await signIn(player, server.url, 'patrol.a', 'patrol passphrase');
    await player.locator('input[name="password"]').waitFor({ state: 'detached', timeout: 60_000 });
    await player.getByRole('navigation').or(player.getByRole('banner')).first().waitFor();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const editEvent = async (number: string) => {
    await control.getByRole('button', { name: `Details of ${number}` }).click();
    const dialog = control.getByRole('dialog', { name: `Edit event ${number}` });
    await dialog.getByRole('group', { name: 'Branching' }).waitFor();
    return dialog;
  };
  const save = async (dialog: ReturnType<Page['getByRole']>) => {
    await dialog.getByRole('button', { name: 'Save event' }).click();
    await dialog.waitFor({ state: 'hidden' });
  };

  it('lets a planner give an inject a question and make others wait for its options', async () => {
    await control.goto(`${exerciseUrl}/msel`);
    await control.getByRole('tab', { name: 'MSEL', selected: true }).waitFor();
    let dialog = await editEvent('1');
    await dialog.getByLabel('Players decide when this inject is sent').check();
    await dialog.getByLabel(/^Question to the players/).fill('Storm the building or negotiate?');
    await dialog.getByLabel(/^Options, one per line/).fill('Storm\nNegotiate');
    await screenshot(control, 'branching-decision-point');
    await save(dialog);

    for (const [number, option] of [
      ['3', 'Storm'],
      ['4', 'Negotiate'],
    ] as const) {
      dialog = await editEvent(number);
      await dialog.getByLabel('Sent only when').selectOption('decision');
      await dialog
        .getByLabel(/^Question of inject/)
        .selectOption({ label: '1 — Storm the building or negotiate?' });
      await dialog.getByLabel(/^Option chosen/).selectOption(option);
      if (number === '3') {
        await dialog.getByRole('group', { name: 'Branching' }).scrollIntoViewIfNeeded();
        await screenshot(control, 'branching-waits-for-decision');
        await expectAccessible(control, 'event form with branching');
      }
      await save(dialog);
    }
    dialog = await editEvent('C1');
    await dialog.getByLabel('Sent only when').selectOption('milestone');
    await dialog.getByLabel(/^Milestone/).fill('Perimeter secured');
    await save(dialog);

    // A choice that would never play out is refused, naming it, and the form stays open.
    dialog = await editEvent('1');
    await dialog.getByLabel(/^Options, one per line/).fill('Storm\nWait');
    await dialog.getByRole('button', { name: 'Save event' }).click();
    await dialog.getByText(/an inject waits for the option “Negotiate”/).waitFor();
    await control.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  }, 120_000);

  it('shows what each inject waits for, takes the players’ answer live and releases its branch', async () => {
    // The planning edits sent the events back to review; the exercise starts on its plan as it stands.
    await control.goto(`${exerciseUrl}/control`);
    await control.getByRole('button', { name: 'STARTEX' }).click();
    const startex = control.getByRole('dialog', { name: 'Start the exercise' });
    await startex.getByLabel(/Type the exercise’s name to confirm/).fill(fx.name);
    await startex.getByRole('button', { name: 'STARTEX' }).click();
    // Far from the planned date: the server asks why before the clock starts.
    await startex.getByText(/more than an hour from the planned one also needs a reason/).waitFor();
    await startex.getByLabel('Reason (kept in the audit log)').fill('Branching rehearsal');
    await startex.getByLabel('Play them as written, at their times').check();
    await startex.getByRole('button', { name: 'STARTEX' }).click();
    await control.getByText('Clock running', { exact: true }).waitFor();
    const row = (title: string) => control.getByRole('row').filter({ hasText: title });
    await row('Inject 3 title').getByText('Waits for inject 1: “Storm”').waitFor();
    await row('Inject 4 title').getByText('Waits for inject 1: “Negotiate”').waitFor();
    await row('Inject C1 title').getByText('Waits for the milestone “Perimeter secured”').waitFor();
    await row('Inject 1 title').getByRole('button', { name: 'Fire now' }).click();
    await row('Inject 1 title').getByText('Fired', { exact: true }).waitFor();

    await player.goto(`${server.url}/console/play/${fx.exerciseId}`);
    const card = player.getByLabel('Inject 1');
    await card.getByText('Storm the building or negotiate?').waitFor({ timeout: 30_000 });
    // What waits is hidden: inject 3 and 4 are nowhere on the player's screen.
    await expect(player.getByText('Inject 3 title', { exact: false }).count()).resolves.toBe(0);
    await screenshot(player, 'branching-player-question-phone');
    await expectAccessible(player, 'player view with a question');
    await card.getByRole('button', { name: 'Storm', exact: true }).click();
    await card.getByText('Decision: “Storm” by Patrol officer A').waitFor();

    // The control room, not reloaded, shows the answer and both branches.
    await row('Inject 1 title').getByText('Chosen: “Storm” by Patrol officer A').waitFor({ timeout: 30_000 });
    await row('Inject 4 title').getByText('Skipped', { exact: true }).waitFor();
    await expect
      .poll(
        async () =>
          (await row('Inject 3 title')
            .getByText(/^(Scheduled|Fired)$/)
            .count()) > 0,
        { timeout: 30_000 },
      )
      .toBe(true);
    await screenshot(control, 'branching-control-room-decided');
    expectNoPageProblems(player);
  }, 120_000);

  it('releases what waits for a milestone when a controller marks it', async () => {
    const panel = control.getByRole('region', { name: 'Milestones' });
    await panel.getByText('Injects waiting for it: 1').waitFor();
    await panel.getByRole('button', { name: 'Mark “Perimeter secured” reached' }).click();
    await panel.getByText(/^Reached at H\+\d\d:\d\d:\d\d by /).waitFor();
    const c1 = control.getByRole('row').filter({ hasText: 'Inject C1 title' });
    // Released with no delay: it may already have fired by the time the row is read.
    await c1
      .getByText(/^(Scheduled|Fired)$/)
      .first()
      .waitFor();
    await screenshot(control, 'branching-milestone-reached');
    await expectAccessible(control, 'control room with milestones');
    expectNoPageProblems(control);
  }, 60_000);

  it('speaks Kazakh and Russian in the player’s question', async () => {
    for (const [lang, heading] of [
      ['Қазақша', 'Топтың шешімі'],
      ['Русский', 'Решение вашей команды'],
    ] as const) {
      const page = await newPage(browser);
      await page.setViewportSize({ width: 390, height: 844 });
      await signIn(page, server.url, 'patrol.a', 'patrol passphrase', lang);
      await page.locator('input[name="password"]').waitFor({ state: 'detached', timeout: 60_000 });
      await page.goto(`${server.url}/console/play/${fx.exerciseId}`);
      await page.getByText(heading).first().waitFor({ timeout: 30_000 });
      await screenshot(page, `branching-player-${lang === 'Русский' ? 'ru' : 'kk'}`);
      await page.close();
    }
  }, 90_000);
});
