/**
 * The steps of the end-to-end run of an exercise (exercise-end-to-end.test.ts), in the order they
 * are played. Each step acts on one side and then looks at the others, which are never reloaded:
 * what they show has to come through the live stream.
 */
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { ConductFixture } from '../support/conduct.js';
import { encodePng } from '../support/png.js';
import type { TestServer } from '../support/server.js';
import type { TestSmtp } from '../support/smtp.js';
import { screenshot } from './support.js';

export interface Run {
  server: TestServer;
  smtp: TestSmtp;
  fx: ConductFixture;
  /** The director running the exercise, at a desk: the control room, opened once. */
  control: Page;
  /** Patrol officer A, on a phone: the player view, opened once. */
  player: Page;
  /** An evaluator, on a phone. */
  evaluator: Page;
}

/** Generous for a shared, loaded machine: every wait is for a condition, never for time to pass. */
export const LONG = 60_000;

/** The fixture's exercise is in Karaganda. */
const ZONE = 'Asia/Almaty';

/**
 * From the top: a full-page shot of a scrolled page would paint the sticky header across the
 * middle of it.
 */
async function shot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, name);
}

/** How far a "HH:MM:SS" reading is from the present moment in `timeZone`, in seconds, across midnight. */
function secondsFromNow(reading: string, timeZone: string): number {
  const now = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).format(new Date());
  const seconds = (hms: string) => hms.split(':').reduce((sum, part) => sum * 60 + Number(part), 0);
  const apart = Math.abs(seconds(reading) - seconds(now)) % 86_400;
  return Math.min(apart, 86_400 - apart);
}

const OBSERVATION = 'Patrol 7 closed the road to the gate in 4 minutes, no cone line';
const REPORT = 'Cordon set at the prison gate';

const injectRow = (run: Run, number: string): Locator =>
  run.control
    .getByRole('table', { name: 'Injects' })
    .getByRole('row')
    .filter({ hasText: `Inject ${number} title` });

/** The e-mails the SMTP server has received for `address` whose subject matches `subject`. */
const mailsTo = (run: Run, address: string, subject: RegExp) =>
  run.smtp.mails.filter(
    (m) =>
      [m.to]
        .flat()
        .map((a) => a?.text ?? '')
        .join(',')
        .includes(address) && subject.test(m.subject ?? ''),
  );

const waitForMail = (run: Run, address: string, subject: RegExp) =>
  expect.poll(() => mailsTo(run, address, subject).length, { timeout: LONG }).toBe(1);

export async function communicationCheck(run: Run): Promise<void> {
  const { control, player, fx, server } = run;
  await control.goto(`${server.url}/console/exercises/${fx.exerciseId}/control`);
  const panel = control.getByRole('region', { name: 'Communication check' });
  await panel.getByRole('button', { name: 'Send a communication check' }).click();
  await panel.getByText(/^Round 1, sent at .*: 3 of 3 players reached/).waitFor({ timeout: LONG });
  for (const address of [
    'patrol-a@police.example.kz',
    'patrol-b@police.example.kz',
    'medic@ambulance.example.kz',
  ])
    await waitForMail(run, address, /^EXERCISE EXERCISE EXERCISE.*Karaganda full-scale/);

  await player.goto(`${server.url}/console/play/${fx.exerciseId}`);
  const card = player.getByLabel('Communication check');
  await card.getByRole('button', { name: 'Received' }).click();
  await card.getByText(/^Confirmed at/).waitFor();
  const officer = panel.getByRole('table', { name: 'Communication check' }).getByRole('row').filter({
    hasText: 'Patrol officer A',
  });
  await officer.getByText('Confirmed', { exact: true }).waitFor({ timeout: LONG });
  await panel.getByText(/3 of 3 players reached, 1 confirmed/).waitFor();
  await shot(control, 'e2e-1-comm-check-control-room');
}

export async function startexAndFireTwo(run: Run): Promise<void> {
  const { control, player, fx } = run;
  await control.getByRole('button', { name: 'STARTEX' }).click();
  const dialog = control.getByRole('dialog', { name: 'Start the exercise' });
  await dialog.getByLabel(/Type the exercise’s name to confirm/).fill(fx.name);
  await dialog.getByRole('button', { name: 'STARTEX' }).click();
  // The fixture's planned start is in October: starting today needs a reason.
  await dialog.getByLabel('Reason (kept in the audit log)').fill('Compressed run of the whole exercise');
  await dialog.getByRole('button', { name: 'STARTEX' }).click();
  await control.getByText('Clock running', { exact: true }).waitFor({ timeout: LONG });
  await expect
    .poll(() => control.getByRole('table', { name: 'Injects' }).getByRole('row').count(), { timeout: LONG })
    .toBe(6);

  // Time is compressed by firing by hand what the MSEL has at H+00:10 (everyone) and H+00:30 (patrol).
  for (const number of ['1', '3']) {
    await injectRow(run, number).getByRole('button', { name: 'Fire now' }).click();
    await injectRow(run, number).getByText('Fired', { exact: true }).waitFor({ timeout: LONG });
  }
  // No reload on the phone: the inbox event brings both.
  await player.getByLabel('Inject 3').getByText('Inject 3 title').waitFor({ timeout: LONG });
  await player.getByLabel('Inject 1').getByText('Inject 1 title').waitFor({ timeout: LONG });
  await waitForMail(run, 'patrol-a@police.example.kz', /^EXERCISE EXERCISE EXERCISE.* 3: Inject 3 title$/);
  await waitForMail(run, 'medic@ambulance.example.kz', /^EXERCISE EXERCISE EXERCISE.* 1: Inject 1 title$/);
  await shot(player, 'e2e-2-player-phone-injects-arrived');
}

export async function playerAcknowledgesAndReports(run: Run): Promise<void> {
  const { control, player } = run;
  const card = player.getByLabel('Inject 3');
  await card.getByRole('button', { name: 'Acknowledge' }).click();
  await card.getByText(/^Acknowledged at/).waitFor({ timeout: LONG });
  await card.getByLabel('What was done').fill(REPORT);
  await card.getByRole('button', { name: 'Add my location' }).click();
  await card.getByText('At 49.80469, 73.10938').waitFor();
  await card.locator('input[type="file"]').setInputFiles({
    name: 'gate.png',
    mimeType: 'image/png',
    buffer: encodePng(64, (x, y) => [x * 4, y * 4, 128]),
  });
  await card.getByRole('button', { name: 'Send report' }).click();
  const report = card.getByTestId('player-report');
  await report.getByText(REPORT).waitFor({ timeout: LONG });
  const photo = report.getByRole('img', { name: 'Photo reported by Patrol officer A' });
  await expect
    .poll(() => photo.evaluate((img: HTMLImageElement) => img.naturalWidth), { timeout: LONG })
    .toBe(64);
  await shot(player, 'e2e-3-player-phone-reported');

  // The control room, untouched since it was opened, follows.
  const progress = injectRow(run, '3').getByTestId('inject-progress');
  await progress.getByText(/^Acknowledged: \d\d:\d\d:\d\d/).waitFor({ timeout: LONG });
  await progress.getByText(/^First action: \d\d:\d\d:\d\d/).waitFor({ timeout: LONG });
  await control
    .getByRole('table', { name: 'Reports and observations with a place' })
    .getByText(REPORT)
    .waitFor({ timeout: LONG });
  const patrol = control
    .getByRole('table', { name: 'Teams' })
    .getByRole('row')
    .filter({ hasText: 'Patrol 7' });
  await patrol.getByText('1 of 2 received').waitFor({ timeout: LONG });
  // Patrol 7 has two players, one with an account; the evaluator watching it is not one of them.
  await patrol.getByText('1 of 2', { exact: true }).waitFor();
  await shot(control, 'e2e-3-control-room-player-reported');
}

const observationsIn = (run: Run) =>
  run.server.server.runtime.ctx.db.kysely
    .selectFrom('observations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('exercise_id', '=', run.fx.exerciseId)
    .where('text', '=', OBSERVATION)
    .executeTakeFirstOrThrow()
    .then((r) => Number(r.n));

export async function offlineObservation(run: Run): Promise<void> {
  const { control, evaluator, fx, server } = run;
  await evaluator.goto(`${server.url}/console/exercises/${fx.exerciseId}/observations`);
  const text = evaluator.getByLabel('What you observed');
  await text.waitFor({ timeout: LONG });
  await shot(evaluator, 'e2e-4-observation-form-phone');

  await evaluator.context().setOffline(true);
  await evaluator.getByRole('status').getByText('No network').waitFor();
  await text.fill(OBSERVATION);
  await evaluator.getByRole('button', { name: 'Save observation' }).click();
  const queued = evaluator.getByTestId('queued-observation');
  await queued.getByText('Waiting to send').waitFor();
  await shot(evaluator, 'e2e-4-observation-form-phone-offline');
  expect(await observationsIn(run)).toBe(0);

  await evaluator.context().setOffline(false);
  await evaluator.getByTestId('observation').getByText(OBSERVATION).waitFor({ timeout: LONG });
  await expect.poll(() => queued.count(), { timeout: LONG }).toBe(0);
  expect(await observationsIn(run)).toBe(1);
  await expect(evaluator.getByTestId('observation').filter({ hasText: OBSERVATION }).count()).resolves.toBe(
    1,
  );
  await shot(evaluator, 'e2e-4-observation-sent-phone');

  // The director reads observations: the log shows it arrive.
  await control
    .getByRole('table', { name: 'Exercise log' })
    .getByRole('row')
    .filter({ hasText: 'Recorded an observation' })
    .first()
    .waitFor({ timeout: LONG });
}

/**
 * A pause during which exercise time jumps past inject 2 (H+00:20): nothing fires while paused,
 * the resume dialog states the policy (the default, release in order one a minute, the first at
 * once) and what it will do with inject 2, and resuming releases it.
 */
export async function pauseAndResume(run: Run): Promise<void> {
  const { control, player } = run;
  await control.getByRole('button', { name: 'Pause', exact: true }).click();
  const pause = control.getByRole('dialog', { name: 'Pause: why?' });
  await pause.getByLabel('Reason (kept in the audit log)').fill('Casualty on site');
  await pause.getByRole('button', { name: 'Pause' }).click();
  await control.getByText('Clock paused', { exact: true }).waitFor({ timeout: LONG });
  await player.getByText('Clock paused', { exact: true }).waitFor({ timeout: LONG });

  await control.getByRole('button', { name: 'Jump', exact: true }).click();
  const jump = control.getByRole('dialog', { name: 'Jump: why?' });
  await jump.getByLabel('Exercise time to jump to, e.g. H+02:30').fill('H+00:25');
  await jump.getByLabel('Reason (kept in the audit log)').fill('The casualty’s evacuation is not played');
  await jump.getByRole('button', { name: 'Jump' }).click();
  await control.getByText('H+00:25:00', { exact: true }).waitFor({ timeout: LONG });
  await injectRow(run, '2').getByText('Scheduled', { exact: true }).waitFor();

  await control.getByRole('button', { name: 'Resume', exact: true }).click();
  const resume = control.getByRole('dialog', { name: 'Resume the exercise' });
  await resume.getByText('Release in order, one every 60 s').waitFor({ timeout: LONG });
  await resume.getByText('Injects that came due: 1').waitFor();
  const backlog = resume
    .getByRole('listitem')
    .filter({ hasText: /^2 · H\+00:20:00 · Inject 2 title — goes at / });
  await backlog.waitFor();
  // The first of the backlog goes at once: at the present time, in the exercise's zone as the wall
  // clock shows it (the device's zone would be hours off, or read "PM").
  const goes = (await backlog.textContent()) ?? '';
  expect(goes).toMatch(/goes at \d\d:\d\d:\d\d$/);
  expect(secondsFromNow(goes.slice(-8), ZONE)).toBeLessThan(600);
  await shot(control, 'e2e-5-control-room-resume-policy');
  await resume.getByRole('button', { name: 'Resume' }).click();
  await control.getByText('Clock running', { exact: true }).waitFor({ timeout: LONG });
  // The first of the backlog goes at once; inject 4 (H+01:00) is still ahead and keeps its time.
  await injectRow(run, '2').getByText('Fired', { exact: true }).waitFor({ timeout: LONG });
  await injectRow(run, '4').getByText('Scheduled', { exact: true }).waitFor();
  await waitForMail(run, 'medic@ambulance.example.kz', /^EXERCISE EXERCISE EXERCISE.* 2: Inject 2 title$/);
  // Inject 2 is the medics': the patrol officer never sees it.
  await expect(player.getByText('Inject 2 title').count()).resolves.toBe(0);
}

export async function noPlayAndResumePlay(run: Run): Promise<void> {
  const { control, player } = run;
  await control.getByRole('button', { name: 'NO PLAY', exact: true }).click();
  const halt = control.getByRole('dialog', { name: 'NO PLAY: halt the whole exercise?' });
  await halt.getByLabel('Reason (everyone in the exercise sees it)').fill('Real fire at the prison gate');
  await halt.getByRole('button', { name: 'Halt all play' }).click();
  const banner = control.getByTestId('no-play-banner');
  await banner.getByText('Reason: Real fire at the prison gate').waitFor({ timeout: LONG });

  const seen = player.getByRole('alert').filter({ hasText: 'NO PLAY' });
  await seen.getByText('Real fire at the prison gate').waitFor({ timeout: LONG });
  await expect(player.getByRole('button', { name: 'Acknowledge' }).count()).resolves.toBe(0);
  await expect(player.getByText('Inject 3 title').count()).resolves.toBe(0);
  // Under NO PLAY nothing fires: the list offers no Fire now and no Add inject.
  await expect.poll(() => control.getByRole('button', { name: 'Fire now' }).count()).toBe(0);
  await expect(control.getByRole('button', { name: 'Add inject' }).count()).resolves.toBe(0);
  await shot(player, 'e2e-6-player-phone-no-play');
  await shot(control, 'e2e-6-control-room-no-play');

  await control.getByRole('button', { name: 'Resume play' }).click();
  const resume = control.getByRole('dialog', { name: 'Resume play?' });
  await resume.getByText('Pause policy:').waitFor({ timeout: LONG });
  await resume.getByLabel('Reason (kept in the audit log)').fill('Fire out, units back in position');
  await resume.getByRole('button', { name: 'Resume play' }).click();
  await banner.waitFor({ state: 'detached', timeout: LONG });
  await control.getByText('Clock running', { exact: true }).waitFor({ timeout: LONG });
  await seen.waitFor({ state: 'detached', timeout: LONG });
  await player.getByLabel('Inject 3').getByText('Inject 3 title').waitFor({ timeout: LONG });
}

export async function endex(run: Run): Promise<void> {
  const { control } = run;
  await control.getByRole('button', { name: 'ENDEX', exact: true }).click();
  const dialog = control.getByRole('dialog', { name: 'ENDEX: why?' });
  await dialog.getByLabel('Reason (kept in the audit log)').fill('All objectives played');
  await dialog.getByRole('button', { name: 'ENDEX' }).click();
  await control.getByText('Clock stopped (ENDEX)', { exact: true }).first().waitFor({ timeout: LONG });
  // After ENDEX an inject that never fired offers nothing to do.
  await expect.poll(() => control.getByRole('button', { name: 'Fire now' }).count()).toBe(0);
  await expect(control.getByRole('button', { name: 'Skip' }).count()).resolves.toBe(0);
}

/** What the replay must never change: the clock's history and the injects' states. */
const history = async (run: Run) => {
  const db = run.server.server.runtime.ctx.db.kysely;
  const id = run.fx.exerciseId;
  return {
    clock: await db
      .selectFrom('clock_events')
      .select(['seq', 'command'])
      .where('exercise_id', '=', id)
      .execute(),
    injects: await db
      .selectFrom('inject_runs')
      .select(['id', 'status', 'fired_at'])
      .where('exercise_id', '=', id)
      .orderBy('id')
      .execute(),
  };
};

export async function replay(run: Run): Promise<void> {
  const { control } = run;
  const before = await history(run);
  const section = control.locator('section[aria-labelledby="replay-title"]');
  const phase = section.getByTestId('replay-phase');
  const injects = section.getByRole('table', { name: 'Injects at this moment' });
  const state = (number: string) => injects.getByRole('row').filter({ hasText: `Inject ${number} title` });
  await phase.getByText('Clock stopped (ENDEX)').waitFor({ timeout: LONG });

  await section.getByRole('button', { name: 'To the start' }).click();
  await phase.getByText('Clock not started').waitFor();
  await expect(injects.getByText('Fired', { exact: true }).count()).resolves.toBe(0);
  const position = section.getByTestId('replay-position');
  const total = Number(/of (\d+)/.exec((await position.textContent()) ?? '')?.[1]);
  expect(total).toBeGreaterThan(8);
  // Entry by entry to the moment NO PLAY came on: the first three injects had gone, not the fourth.
  const noPlay = section.getByText('NO PLAY', { exact: true });
  for (let entry = 1; entry <= total && (await noPlay.count()) === 0; entry++) {
    await section.getByRole('button', { name: 'One entry forward' }).click();
    await position.getByText(new RegExp(`^Entry ${entry} of ${total}\\b`)).waitFor();
  }
  await noPlay.waitFor();
  for (const number of ['1', '2', '3']) await state(number).getByText('Fired', { exact: true }).waitFor();
  await state('4').getByText('Scheduled', { exact: true }).waitFor();
  await shot(control, 'e2e-8-control-room-replay-no-play');

  // The scrubber, from the keyboard: to the last entry.
  await section.getByRole('slider').focus();
  await control.keyboard.press('End');
  await phase.getByText('Clock stopped (ENDEX)').waitFor();
  await position.getByText(new RegExp(`^Entry ${total} of ${total}\\b`)).waitFor();
  // Read-only: no control is offered in the replay and moving through it changed nothing.
  for (const name of ['Fire now', 'Hold', 'Skip', 'Release', 'Edit'])
    await expect(section.getByRole('button', { name, exact: true }).count()).resolves.toBe(0);
  expect(await history(run)).toEqual(before);
  await shot(control, 'e2e-8-control-room-replay-end');
}
