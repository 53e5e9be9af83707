/**
 * The steps of the end-to-end run of the demo's Karaganda exercise (exercise-end-to-end.test.ts), in
 * the order they are played. Each step acts on one side and then looks at the others, which are
 * never reloaded: what they show has to come through the live stream. The clock runs at ×60 from
 * just after STARTEX, so injects keep firing by the clock while the players and the evaluator act;
 * what each step expects of the MSEL is read from the run as it stands, never from a stopwatch.
 */
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { getClock } from '../../src/services/conduct/clock.service.js';
import { encodePng } from '../support/png.js';
import type { TestServer } from '../support/server.js';
import { expected, key, received, type Peers } from './exercise-end-to-end.peers.js';
import { MEDIC, PATROL, PLAYERS, type DemoRun } from './exercise-end-to-end.setup.js';
import { screenshot } from './support.js';

export interface Run {
  server: TestServer;
  peers: Peers;
  demo: DemoRun;
  /** The director running the exercise, at a desk: the control room, opened once. */
  control: Page;
  /** Serik Nurpeisov of the motor patrols, on a phone: the player view, opened once. */
  player: Page;
  /** The lead evaluator, on a phone. */
  evaluator: Page;
}

/** Generous for a shared, loaded machine: every wait is for a condition, never for time to pass. */
export const LONG = 60_000;

export const DESKTOP = { width: 1366, height: 900 };
export const PHONE = { width: 390, height: 844 };

/** Karaganda keeps Asia/Almaty. */
const ZONE = 'Asia/Almaty';

/**
 * From the top: a full-page shot of a scrolled page would paint the sticky header across the
 * middle of it.
 */
async function shot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, name);
}

/** The control room as the director's desk and as a phone show it, to /tmp/e2e-<name>-*.png. */
async function controlRoomShots(run: Run, name: string): Promise<void> {
  const { control } = run;
  for (const [size, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    await control.setViewportSize(viewport);
    await control.evaluate(() => window.scrollTo(0, 0));
    await control.screenshot({ path: `/tmp/e2e-${name}-${size}.png`, fullPage: true });
  }
  await control.setViewportSize(DESKTOP);
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

const pad = (n: number) => String(n).padStart(2, '0');
/** Exercise time as the jump dialog takes it, "H+01:30", and as the control room shows it, "H+01:30:00". */
const hm = (s: number) => `H+${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}`;
const hms = (s: number) => `${hm(s)}:${pad(s % 60)}`;
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const OBSERVATION = 'Patrol crews closed the prison access road in 4 minutes, no cone line';
const REPORT = 'Outer cordon set on the prison access road';

const db = (run: Run) => run.server.server.runtime.ctx.db.kysely;

/** The runs of the exercise's injects, as the database has them now. */
const runs = (run: Run) =>
  db(run)
    .selectFrom('inject_runs')
    .select(['id', 'number', 'title', 'status', 'due_seconds', 'position', 'fired_at', 'fired_how'])
    .where('exercise_id', '=', run.demo.exerciseId)
    .orderBy('due_seconds')
    .orderBy('position')
    .execute();

const titleOf = async (run: Run, number: string) => (await runs(run)).find((r) => r.number === number)!.title;

const injectRow = (run: Run, number: string): Locator =>
  run.control
    .getByRole('table', { name: 'Injects', exact: true })
    .getByRole('row')
    .filter({ has: run.control.getByRole('cell', { name: number, exact: true }) });

/** The player's card of inject `number` ("Inject 3", not "Inject 34"). */
const card = (run: Run, number: string): Locator =>
  run.player.getByLabel(`Inject ${number}`, { exact: true });

/** Waits for one player's message on one channel to have arrived, once. */
const waitForMessage = (run: Run, k: string) =>
  expect.poll(() => received(run.peers, run.demo.name).counts[k] ?? 0, { timeout: LONG, message: k }).toBe(1);

export async function communicationCheck(run: Run): Promise<void> {
  const { control, player, demo, server } = run;
  await control.goto(`${server.url}/console/exercises/${demo.exerciseId}/control`);
  const panel = control.getByRole('region', { name: 'Communication check' });
  await panel.getByRole('button', { name: 'Send a communication check' }).click();
  // Five players in the demo's plan; two are in the phone book, the other three are the ones to call.
  await panel.getByText(/^Round 1, sent at .*: 2 of 5 players reached/).waitFor({ timeout: LONG });
  await expect.poll(() => panel.getByText('No way to reach', { exact: true }).count()).toBe(3);
  for (const p of PLAYERS)
    for (const channel of ['email', 'sms'] as const)
      await waitForMessage(run, key(p, channel, 'comm check 1'));

  await player.goto(`${server.url}/console/play/${demo.exerciseId}`);
  const check = player.getByLabel('Communication check');
  await check.getByRole('button', { name: 'Received' }).click();
  await check.getByText(/^Confirmed at/).waitFor();
  const table = panel.getByRole('table', { name: 'Communication check' });
  const row = (name: string) => table.getByRole('row').filter({ hasText: name });
  await row(PATROL.name).getByText('Confirmed', { exact: true }).waitFor({ timeout: LONG });
  // The SMSC's delivery receipt comes back for the paramedic's phone, who has no account.
  await row(MEDIC.name).getByText('Delivered', { exact: true }).waitFor({ timeout: LONG });
  await panel.getByText(/2 of 5 players reached, 1 confirmed/).waitFor();
  await shot(control, 'e2e-1-comm-check-control-room');
}

/**
 * STARTEX, then ×60 as a controller sets it: the MSEL's first injects (the prison's H+00:10, the
 * patrols' H+00:12, the medics' H+00:20) fire by the clock, nobody pressing "Fire now", and reach the
 * players' inbox, mail box and phone.
 */
export async function startexCompressed(run: Run): Promise<void> {
  const { control, player, demo } = run;
  await control.getByRole('button', { name: 'STARTEX' }).click();
  const dialog = control.getByRole('dialog', { name: 'Start the exercise' });
  await dialog.getByLabel(/Type the exercise’s name to confirm/).fill(demo.name);
  await dialog.getByRole('button', { name: 'STARTEX' }).click();
  // The demo is placed after today: starting now needs a reason.
  await dialog.getByLabel('Reason (kept in the audit log)').fill('Compressed run of the whole exercise');
  // Two of the demo's injects still await review: STARTEX names them, and they are held, not played.
  const unapproved = dialog.getByRole('radiogroup', { name: /Injects not approved yet: 2/ });
  await unapproved.getByText(/^18 · /).waitFor();
  await unapproved.getByText(/^37 · /).waitFor();
  await unapproved.getByLabel('Hold them until a controller releases each').check();
  await dialog.getByRole('button', { name: 'STARTEX' }).click();
  await control.getByText('Clock running', { exact: true }).waitFor({ timeout: LONG });
  const planned = (await runs(run)).length;
  await expect
    .poll(() => control.getByRole('table', { name: 'Injects', exact: true }).getByRole('row').count(), {
      timeout: LONG,
    })
    .toBe(planned + 1);

  const controls = control.getByRole('group', { name: 'Clock controls' });
  await controls.getByText('×60', { exact: true }).click();
  const speed = control.getByRole('dialog', { name: 'Set speed: why?' });
  await speed.getByLabel('Reason (kept in the audit log)').fill('Rehearsal pace: an hour a minute');
  await speed.getByRole('button', { name: 'Set speed ×60' }).click();
  await speed.waitFor({ state: 'detached', timeout: LONG });

  for (const number of ['2', '3'])
    await injectRow(run, number).getByText('Fired', { exact: true }).waitFor({ timeout: LONG });
  const fired = (await runs(run)).filter((r) => ['2', '3'].includes(r.number));
  expect(fired.map((r) => r.fired_how)).toEqual(['clock', 'clock']);

  // No reload on the phone: the inbox event brings the patrols' inject.
  await card(run, '3')
    .getByText(await titleOf(run, '3'))
    .waitFor({ timeout: LONG });
  for (const channel of ['email', 'sms'] as const)
    await waitForMessage(run, key(PATROL, channel, 'inject 3'));
  await shot(player, 'e2e-2-player-phone-injects-arrived');
  await controlRoomShots(run, 'control-room-running');
}

export async function playerAcknowledgesAndReports(run: Run): Promise<void> {
  const { control, player } = run;
  const inject = card(run, '3');
  await inject.getByRole('button', { name: 'Acknowledge' }).click();
  await inject.getByText(/^Acknowledged at/).waitFor({ timeout: LONG });
  await inject.getByLabel('What was done').fill(REPORT);
  await inject.getByRole('button', { name: 'Add my location' }).click();
  await inject.getByText('At 49.84901, 73.00456').waitFor();
  await inject.locator('input[type="file"]').setInputFiles({
    name: 'access-road.png',
    mimeType: 'image/png',
    buffer: encodePng(64, (x, y) => [x * 4, y * 4, 128]),
  });
  await inject.getByRole('button', { name: 'Send report' }).click();
  const report = inject.getByTestId('player-report');
  await report.getByText(REPORT).waitFor({ timeout: LONG });
  const photo = report.getByRole('img', { name: `Photo reported by ${PATROL.name}` });
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
    .filter({ hasText: PATROL.team });
  // More of the patrols' injects may have fired meanwhile: one of them is acknowledged.
  await patrol.getByText(/^1 of \d+ received$/).waitFor({ timeout: LONG });
  // The demo's patrols have one player, seated for this run.
  await patrol.getByText('1 of 1', { exact: true }).waitFor();
  await shot(control, 'e2e-3-control-room-player-reported');

  // Meanwhile the clock reached the medics' H+00:20: the paramedic, who has no account, has it on
  // her mail and phone, and the patrol officer never sees it.
  await injectRow(run, '5').getByText('Fired', { exact: true }).waitFor({ timeout: LONG });
  for (const channel of ['email', 'sms'] as const) await waitForMessage(run, key(MEDIC, channel, 'inject 5'));
  await expect(card(run, '5').count()).resolves.toBe(0);
}

const observationsIn = (run: Run) =>
  db(run)
    .selectFrom('observations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('exercise_id', '=', run.demo.exerciseId)
    .where('text', '=', OBSERVATION)
    .executeTakeFirstOrThrow()
    .then((r) => Number(r.n));

export async function offlineObservation(run: Run): Promise<void> {
  const { control, evaluator, demo, server } = run;
  await evaluator.goto(`${server.url}/console/exercises/${demo.exerciseId}/observations`);
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
 * A pause during which exercise time jumps to the next inject still to fire: nothing fires while
 * paused, the resume dialog states the policy (the default, release in order one a minute, the
 * first at once) and what it will do with each inject that came due, and resuming releases the first.
 */
export async function pauseAndResume(run: Run): Promise<void> {
  const { control, player, demo } = run;
  await control.getByRole('button', { name: 'Pause', exact: true }).click();
  const pause = control.getByRole('dialog', { name: 'Pause: why?' });
  await pause.getByLabel('Reason (kept in the audit log)').fill('Casualty on site');
  await pause.getByRole('button', { name: 'Pause' }).click();
  await control.getByText('Clock paused', { exact: true }).waitFor({ timeout: LONG });
  await player.getByText('Clock paused', { exact: true }).waitFor({ timeout: LONG });

  // Where the clock stopped, and the next inject the MSEL has after it: the jump goes there.
  const stopped = (await getClock(run.server.server.runtime.ctx, demo.director.actor, demo.exerciseId))
    .reading.exerciseSeconds;
  const waiting = (await runs(run)).filter((r) => r.status === 'scheduled');
  const next = waiting.find((r) => r.due_seconds > stopped)!;
  await control.getByRole('button', { name: 'Jump', exact: true }).click();
  const jump = control.getByRole('dialog', { name: 'Jump: why?' });
  await jump.getByLabel('Exercise time to jump to, e.g. H+02:30').fill(hm(next.due_seconds));
  await jump.getByLabel('Reason (kept in the audit log)').fill('The casualty’s evacuation is not played');
  await jump.getByRole('button', { name: 'Jump' }).click();
  await control
    .getByRole('group', { name: 'Exercise time' })
    .getByText(hms(next.due_seconds), { exact: true })
    .waitFor({ timeout: LONG });
  await injectRow(run, next.number).getByText('Scheduled', { exact: true }).waitFor();

  // What came due: the injects at the jump's time, and any the clock reached just as it paused.
  const backlog = waiting.filter((r) => r.due_seconds <= next.due_seconds);
  await control.getByRole('button', { name: 'Resume', exact: true }).click();
  const resume = control.getByRole('dialog', { name: 'Resume the exercise' });
  await resume.getByText('Release in order, one every 60 s').waitFor({ timeout: LONG });
  await resume.getByText(`Injects that came due: ${backlog.length}`, { exact: true }).waitFor();
  const first = backlog[0]!;
  const item = resume.getByRole('listitem').filter({
    hasText: new RegExp(
      `^${escapeRegExp(`${first.number} · ${hms(first.due_seconds)} · ${first.title}`)} — goes at `,
    ),
  });
  await item.waitFor();
  // The first of the backlog goes at once: at the present time, in the exercise's zone as the wall
  // clock shows it (the device's zone would be hours off, or read "PM").
  const goes = (await item.textContent()) ?? '';
  expect(goes).toMatch(/goes at \d\d:\d\d:\d\d$/);
  expect(secondsFromNow(goes.slice(-8), ZONE)).toBeLessThan(600);
  await shot(control, 'e2e-5-control-room-resume-policy');
  await resume.getByLabel('Reason (kept in the audit log)').fill('Back on the timeline after the jump');
  await resume.getByRole('button', { name: 'Resume' }).click();
  await control.getByText('Clock running', { exact: true }).waitFor({ timeout: LONG });
  await injectRow(run, first.number).getByText('Fired', { exact: true }).waitFor({ timeout: LONG });
}

export async function noPlayAndResumePlay(run: Run): Promise<void> {
  const { control, player } = run;
  const title3 = await titleOf(run, '3');
  await control.getByRole('button', { name: 'NO PLAY', exact: true }).click();
  const halt = control.getByRole('dialog', { name: 'NO PLAY: halt the whole exercise?' });
  await halt.getByLabel('Reason (everyone in the exercise sees it)').fill('Real fire at the prison gate');
  await halt.getByRole('button', { name: 'Halt all play' }).click();
  const banner = control.getByTestId('no-play-banner');
  await banner.getByText('Reason: Real fire at the prison gate').waitFor({ timeout: LONG });

  const seen = player.getByRole('alert').filter({ hasText: 'NO PLAY' });
  await seen.getByText('Real fire at the prison gate').waitFor({ timeout: LONG });
  await expect(player.getByRole('button', { name: 'Acknowledge' }).count()).resolves.toBe(0);
  await expect(player.getByText(title3).count()).resolves.toBe(0);
  // Under NO PLAY nothing fires: the list offers no Fire now and no Add inject.
  await expect.poll(() => control.getByRole('button', { name: 'Fire now' }).count()).toBe(0);
  await expect(control.getByRole('button', { name: 'Add inject' }).count()).resolves.toBe(0);
  await shot(player, 'e2e-6-player-phone-no-play');
  await controlRoomShots(run, 'control-room-no-play');

  await control.getByRole('button', { name: 'Resume play' }).click();
  const resume = control.getByRole('dialog', { name: 'Resume play?' });
  await resume.getByText('Pause policy:').waitFor({ timeout: LONG });
  await resume.getByLabel('Reason (kept in the audit log)').fill('Fire out, units back in position');
  await resume.getByRole('button', { name: 'Resume play' }).click();
  await banner.waitFor({ state: 'detached', timeout: LONG });
  await control.getByText('Clock running', { exact: true }).waitFor({ timeout: LONG });
  await seen.waitFor({ state: 'detached', timeout: LONG });
  await card(run, '3').getByText(title3).waitFor({ timeout: LONG });
}

/**
 * ENDEX, and then what the real servers received: every player's message (the check, each inject
 * that fired to their team or to all, the survey ENDEX sends) at the SMTP and at the SMPP server,
 * each exactly once, marked "EXERCISE EXERCISE EXERCISE" first and ending with the exercise's name.
 */
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

  // Every inject that fired did so by the clock (or its pause policy): nobody fired one by hand.
  const fired = (await runs(run)).filter((r) => r.status === 'fired');
  expect(fired.length).toBeGreaterThanOrEqual(4);
  expect(new Set(fired.map((r) => r.fired_how))).toEqual(new Set(['clock']));
  const want = await expected(run.server.server.runtime.ctx, run.demo);
  await expect
    .poll(() => Object.keys(want).filter((k) => !received(run.peers, run.demo.name).counts[k]), {
      timeout: LONG,
    })
    .toEqual([]);
  const got = received(run.peers, run.demo.name);
  expect(got.unmarked).toEqual([]);
  expect(got.counts).toEqual(want);
}

/** What the replay must never change: the clock's history and the injects' states. */
const history = async (run: Run) => ({
  clock: await db(run)
    .selectFrom('clock_events')
    .select(['seq', 'command', 'at'])
    .where('exercise_id', '=', run.demo.exerciseId)
    .orderBy('seq')
    .execute(),
  injects: await db(run)
    .selectFrom('inject_runs')
    .select(['id', 'status', 'fired_at'])
    .where('exercise_id', '=', run.demo.exerciseId)
    .orderBy('id')
    .execute(),
});

export async function replay(run: Run): Promise<void> {
  const { control } = run;
  const before = await history(run);
  const section = control.locator('section[aria-labelledby="replay-title"]');
  const phase = section.getByTestId('replay-phase');
  const injects = section.getByRole('table', { name: 'Injects at this moment' });
  await phase.getByText('Clock stopped (ENDEX)').waitFor({ timeout: LONG });

  await section.getByRole('button', { name: 'To the start' }).click();
  await phase.getByText('Clock not started').waitFor();
  await expect(injects.getByText('Fired', { exact: true }).count()).resolves.toBe(0);
  const position = section.getByTestId('replay-position');
  const total = Number(/of (\d+)/.exec((await position.textContent()) ?? '')?.[1]);
  expect(total).toBeGreaterThan(8);
  await section.getByRole('button', { name: 'One entry forward' }).click();
  await position.getByText(new RegExp(`^Entry 1 of ${total}\\b`)).waitFor();

  // From the end, entry by entry back to while NO PLAY was on: the injects that had fired by then
  // show fired, and nothing fired under it.
  await section.getByRole('button', { name: 'To the end' }).click();
  await phase.getByText('Clock stopped (ENDEX)').waitFor();
  const noPlay = section.getByText('NO PLAY', { exact: true });
  for (let entry = total - 1; entry > 0 && (await noPlay.count()) === 0; entry--) {
    await section.getByRole('button', { name: 'One entry back' }).click();
    await position.getByText(new RegExp(`^Entry ${entry} of ${total}\\b`)).waitFor();
  }
  await noPlay.waitFor();
  // The clock stood still under NO PLAY: nothing in the replay says it ran.
  await expect(section.getByText('Clock running', { exact: true }).count()).resolves.toBe(0);
  const haltedAt = before.clock.find((e) => e.command === 'no-play')!.at;
  const firedBefore = before.injects.filter((r) => r.fired_at !== null && r.fired_at < haltedAt).length;
  await expect(injects.getByText('Fired', { exact: true }).count()).resolves.toBe(firedBefore);
  for (const number of ['2', '3', '5'])
    await injects
      .getByRole('row')
      .filter({ has: control.getByRole('cell', { name: number, exact: true }) })
      .getByText('Fired', { exact: true })
      .waitFor();
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
