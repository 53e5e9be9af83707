import { mkdirSync } from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLessons, type LessonsFixture } from '../lessons/fixture.js';
import { startTestServer, type TestServer } from '../support/server.js';
import {
  ensureConsoleBuilt,
  expectAccessible,
  launchBrowser,
  newPage,
  screenshot,
  signIn,
} from './support.js';

const SHOTS = process.env.DABYL_SHOTS_DIR;

/** A form field by its label, whether or not the label carries the required mark. */
const field = (scope: Locator, label: string): Locator =>
  scope.getByLabel(new RegExp(`^${label.replace(/[()]/g, '\\$&')}( \\*)?$`));

/** The shared screenshot, and a copy where the person checking this change asked for one. */
async function shot(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  if (SHOTS) {
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  }
}

/*
 * A director turns an area for improvement of the Karaganda school seizure into a corrective
 * action: the form opens with the exercise, the capability and the observation the finding rests
 * on; a refused field is named beside it; the item then shows under the finding and on the
 * improvement plan, linked to its observation. An evaluator, who writes findings but does not
 * manage the plan, is offered neither action.
 */
describe('raising improvement items in the console', () => {
  let server: TestServer;
  let browser: Browser;
  let fx: LessonsFixture;
  const PASSWORD = 'raise passphrase';

  beforeAll(async () => {
    await ensureConsoleBuilt();
    [server, browser] = await Promise.all([startTestServer({ demo: false }), launchBrowser()]);
    fx = await buildLessons(server.server.runtime.ctx);
    await server.createUser('director-raise', PASSWORD, 'director');
    await server.createUser('evaluator-raise', PASSWORD, 'evaluator');
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const open = async (user: string, path: string, language = 'English'): Promise<Page> => {
    const page = await newPage(browser);
    await signIn(page, server.url, user, PASSWORD, language);
    await page.getByRole('navigation').waitFor();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${server.url}/console/${path}`);
    return page;
  };

  const items = () =>
    server.server.runtime.ctx.db.kysely
      .selectFrom('improvement_items')
      .select([
        'id',
        'exercise_id',
        'observation_id',
        'capability_id',
        'issue',
        'corrective_action',
        'element',
      ])
      .execute();

  it('raises an item from an area for improvement, linked to the observation it rests on', async () => {
    const page = await open('director-raise', `exercises/${fx.karaganda.exerciseId}/findings`);
    const finding = page
      .getByTestId('finding')
      .filter({ hasText: 'Radio handover between police and medics failed' });
    await finding
      .getByRole('button', { name: 'Raise improvement item from area for improvement 1.1' })
      .click();
    const dialog = page.getByRole('dialog', { name: 'Raise an improvement item' });
    // Prefilled from the finding: its exercise, capability, first observation, text and the lead organisation.
    // The exercise and capability lists load after the dialog opens; a native select reads empty until
    // its option arrives, so these are awaited like the others.
    await expect.poll(() => field(dialog, 'Exercise').inputValue()).toBe(fx.karaganda.exerciseId);
    await expect.poll(() => field(dialog, 'Core capability').inputValue()).toBe(fx.karaganda.capability);
    await expect.poll(() => field(dialog, 'Observation').inputValue()).toBe(fx.karaganda.observations[2]);
    await expect
      .poll(() => field(dialog, 'Observation').locator('option:checked').textContent())
      .toMatch(/^H\+01:00:00 — Medics triaged casualties at the school gate/);
    await expect(field(dialog, 'Area for improvement').inputValue()).resolves.toBe(
      'Radio handover between police and medics failed',
    );
    await expect.poll(() => field(dialog, 'Responsible organisation').inputValue()).toBe(fx.orgA);

    // Nothing else filled: each required field says so beside it, and nothing is sent.
    await dialog.getByRole('button', { name: 'Raise item' }).click();
    await field(dialog, 'Corrective action').and(page.locator('[aria-invalid="true"]')).waitFor();
    await expect(dialog.getByText('Required', { exact: true }).count()).resolves.toBe(4);
    expect(await items()).toEqual([]);

    await field(dialog, 'Capability element').selectOption('equipment');
    await field(dialog, 'Corrective action').fill(
      'Set up a shared police and ambulance talk group and train both dispatch desks on it',
    );
    await field(dialog, 'Owner').fill('Major Dana Seitkali');
    await field(dialog, 'Due date').fill('2027-03-31');
    // The server refuses the e-mail address: the problem shows under that field, not in a banner.
    await field(dialog, 'Contact e-mail').fill('radio desk');
    await dialog.getByRole('button', { name: 'Raise item' }).click();
    const email = field(dialog, 'Contact e-mail');
    await expect.poll(() => email.getAttribute('aria-invalid')).toBe('true');
    await dialog.getByText('is not an e-mail address').waitFor();
    await shot(page, 'improvement-raise-field-error-en');
    await expectAccessible(page, 'raise improvement item');

    await email.fill('radio.desk@police.kz');
    await dialog.getByRole('button', { name: 'Raise item' }).click();
    await dialog.waitFor({ state: 'hidden' });
    // Under the finding at once, no reload.
    await finding
      .getByTestId('raised-item')
      .getByText('Set up a shared police and ambulance talk group and train both dispatch desks on it')
      .waitFor();
    await shot(page, 'improvement-raised-under-finding-en');
    expect(await items()).toEqual([
      expect.objectContaining({
        exercise_id: fx.karaganda.exerciseId,
        observation_id: fx.karaganda.observations[2],
        capability_id: fx.karaganda.capability,
        issue: 'Radio handover between police and medics failed',
        element: 'equipment',
      }),
    ]);

    await page.getByRole('navigation').getByRole('link', { name: 'Improvement plan' }).click();
    const [item] = await items();
    const row = page.getByTestId(`improvement-${item!.id}`);
    await row.getByText('Set up a shared police and ambulance talk group').waitFor();
    const source = row.getByTestId('observation-source');
    await source.getByText('Raised from the observation at H+01:00:00:').waitFor();
    await source.getByRole('link', { name: /Medics triaged casualties at the school gate/ }).waitFor();
    await shot(page, 'improvement-plan-linked-observation-en');
    await page.close();
  }, 180_000);

  it('raises an item on the improvement plan, which the table shows at once', async () => {
    const page = await open('director-raise', 'improvement');
    await page.getByRole('heading', { name: 'Improvement plan' }).waitFor();
    const rows = page.locator('[data-testid^="improvement-"]');
    await rows.first().waitFor();
    const before = await rows.count();
    await page.getByRole('button', { name: 'Raise improvement item' }).click();
    const dialog = page.getByRole('dialog', { name: 'Raise an improvement item' });
    await field(dialog, 'Exercise').selectOption({ label: 'Pavlodar power plant' });
    await field(dialog, 'Observation').selectOption({
      label: 'H+01:00:00 — Cordon around the turbine hall was never set',
    });
    await field(dialog, 'Core capability').selectOption({ label: 'Fire Management and Suppression' });
    await field(dialog, 'Capability element').selectOption('training');
    await field(dialog, 'Area for improvement').fill('The cordon around the turbine hall was never set');
    await field(dialog, 'Corrective action').fill('Train the station guard to set the inner cordon');
    await field(dialog, 'Responsible organisation').selectOption({ label: 'Pavlodar fire service' });
    await field(dialog, 'Owner').fill('Captain Arman Zhaksylykov');
    await field(dialog, 'Start date').fill('2027-02-01');
    await field(dialog, 'Due date').fill('2027-01-15');
    await dialog.getByRole('button', { name: 'Raise item' }).click();
    await dialog.getByText('The due date cannot be before the start date.').waitFor();
    await field(dialog, 'Due date').fill('2027-04-30');
    await shot(page, 'improvement-raise-form-en');
    await dialog.getByRole('button', { name: 'Raise item' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('status').getByText('Train the station guard to set the inner cordon').waitFor();
    await expect.poll(() => rows.count()).toBe(before + 1);
    await rows
      .filter({ hasText: 'Train the station guard' })
      .getByText(/Cordon around the turbine hall/)
      .waitFor();
    await shot(page, 'improvement-plan-after-raise-en');
    await page.close();
  }, 180_000);

  it('offers neither action to an evaluator, who writes findings but does not manage the plan', async () => {
    const page = await open('evaluator-raise', `exercises/${fx.karaganda.exerciseId}/findings`);
    const finding = page
      .getByTestId('finding')
      .filter({ hasText: 'Radio handover between police and medics failed' });
    await finding.getByRole('button', { name: 'Edit' }).waitFor();
    await expect(page.getByRole('button', { name: /Raise improvement item/ }).count()).resolves.toBe(0);
    await page.goto(`${server.url}/console/improvement`);
    await page.getByRole('heading', { name: 'Improvement plan' }).waitFor();
    await page.locator('[data-testid^="improvement-"]').first().waitFor();
    await expect(page.getByRole('button', { name: /Raise improvement item/ }).count()).resolves.toBe(0);
    await page.close();
  }, 180_000);

  it('reads in Kazakh and Russian', async () => {
    for (const [language, code, raise, title] of [
      ['Қазақша', 'kk', '1.1 жетілдіру саласын жетілдіру жоспарына енгізу', 'Жаңа жетілдіру тармағы'],
      ['Русский', 'ru', 'Внести в план улучшений область для улучшения 1.1', 'Новый пункт плана улучшений'],
    ] as const) {
      const page = await open('director-raise', `exercises/${fx.karaganda.exerciseId}/findings`, language);
      // Tall enough for the whole form to show on the screenshot.
      await page.setViewportSize({ width: 1280, height: 1400 });
      await page.getByRole('button', { name: raise }).click();
      const dialog = page.getByRole('dialog', { name: title });
      await dialog.getByRole('button').last().click();
      await dialog.locator('[aria-invalid="true"]').first().waitFor();
      await shot(page, `improvement-raise-form-${code}`);
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
      await shot(page, `improvement-findings-${code}`);
      await page.goto(`${server.url}/console/improvement`);
      await page.getByTestId('observation-source').first().waitFor();
      await shot(page, `improvement-plan-${code}`);
      await page.close();
    }
  }, 180_000);
});
