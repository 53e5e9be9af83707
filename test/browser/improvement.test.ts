import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayOf } from '../../src/core/improvement/improvement.js';
import type { Actor } from '../../src/core/policy/policy.js';
import { SYSTEM_ACTOR } from '../../src/services/context.js';
import { createItem } from '../../src/services/improvement/items.service.js';
import { createOrganisation } from '../../src/services/organisations.service.js';
import { exerciseRow } from '../support/exercise-row.js';
import { startTestServer, type TestServer } from '../support/server.js';
import {
  ensureConsoleBuilt,
  expectAccessible,
  launchBrowser,
  newPage,
  screenshot,
  signIn,
} from './support.js';

const admin: Actor = { userId: 'test', grants: [{ role: 'admin', organisationId: null, exerciseId: null }] };
const DAY = 86_400_000;

/*
 * A director follows the improvement plan across exercises: the overdue item of the autumn
 * full-scale is found with the filter and moved on; on the spring exercise's objectives screen the
 * item proposed to be tested there becomes a real objective in one click.
 */
describe('the improvement plan', () => {
  let server: TestServer;
  let browser: Browser;
  const autumn = randomUUID();
  const spring = randomUUID();
  let overdueId = '';
  const PASSWORD = 'improvement passphrase';

  beforeAll(async () => {
    await ensureConsoleBuilt();
    [server, browser] = await Promise.all([startTestServer({ demo: false }), launchBrowser()]);
    const ctx = server.server.runtime.ctx;
    await server.createUser('director-ip', PASSWORD, 'director');
    const db = ctx.db.kysely;
    const hq = await createOrganisation(ctx, SYSTEM_ACTOR, { name: 'Karaganda city HQ', kind: 'police' });
    const medics = await createOrganisation(ctx, SYSTEM_ACTOR, {
      name: 'Emergency medicine',
      kind: 'health',
    });
    const now = Date.now();
    const exercise = (id: string, name: string, at: number, status: string) =>
      exerciseRow({
        id,
        name,
        status,
        startex: new Date(at).toISOString(),
        endex: new Date(at + DAY / 3).toISOString(),
        city: 'Karaganda',
        lead_organisation_id: hq.id,
        created_at: new Date(now).toISOString(),
      });
    await db
      .insertInto('exercises')
      .values([
        exercise(autumn, 'Karaganda full-scale', now - 40 * DAY, 'completed'),
        exercise(spring, 'Karaganda spring follow-up', now + 100 * DAY, 'draft'),
      ])
      .execute();
    const capability = randomUUID();
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
    const base = {
      exerciseId: autumn,
      capabilityId: capability,
      startOn: dayOf(new Date(now - 30 * DAY)),
    };
    overdueId = (
      await createItem(ctx, SYSTEM_ACTOR, admin, {
        ...base,
        element: 'planning',
        issue: 'Ambulances waited 25 minutes at the cordon for a police escort',
        correctiveAction: 'Agree an escort procedure between police and emergency medicine',
        organisationId: hq.id,
        owner: { name: 'Colonel Serik Abenov' },
        dueOn: dayOf(new Date(now - 3 * DAY)),
        testInExerciseId: spring,
      })
    ).id;
    await createItem(ctx, SYSTEM_ACTOR, admin, {
      ...base,
      element: 'equipment',
      issue: 'Crews could not reach the police on the radio',
      correctiveAction: 'Equip every ambulance crew with a police-band radio',
      organisationId: medics.id,
      owner: { name: 'Dr Aliya Nurlanovna' },
      dueOn: dayOf(new Date(now + 60 * DAY)),
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const open = async (path: string): Promise<Page> => {
    const page = await newPage(browser);
    await signIn(page, server.url, 'director-ip', PASSWORD);
    await page.getByRole('navigation').waitFor();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${server.url}/console/${path}`);
    return page;
  };

  it('lists items across exercises, filters the overdue one and moves it on', async () => {
    const page = await open('improvement');
    await page.getByRole('heading', { name: 'Improvement plan' }).waitFor();
    const rows = page.locator('[data-testid^="improvement-"]');
    await expect.poll(() => rows.count()).toBe(2);
    const late = page.getByTestId(`improvement-${overdueId}`);
    await late.getByText('Overdue').waitFor();
    await late.getByText('To be tested in Karaganda spring follow-up (proposed)').waitFor();
    await screenshot(page, 'improvement-plan');
    await expectAccessible(page, 'improvement plan');

    await page.getByLabel('Overdue only').check();
    await expect.poll(() => rows.count()).toBe(1);
    await page
      .getByLabel('Change the status of “Agree an escort procedure between police and emergency medicine”')
      .selectOption('in_progress');
    await late.getByText('In progress').waitFor();
    const audit = await server.server.runtime.ctx.db.kysely
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'improvement.status')
      .execute();
    expect(audit).toHaveLength(1);
    await screenshot(page, 'improvement-plan-overdue');
  }, 120_000);

  it('makes the proposed item an objective of the later exercise', async () => {
    const page = await open(`exercises/${spring}/objectives`);
    const proposal = page.getByTestId(`proposal-${overdueId}`);
    await proposal.getByText('From Karaganda full-scale · On-scene security').waitFor();
    await screenshot(page, 'improvement-proposed-objective');
    await proposal.getByRole('button', { name: 'Make it an objective' }).click();
    await page
      .getByRole('heading', { name: /Agree an escort procedure between police and emergency medicine/ })
      .waitFor();
    await expect.poll(() => proposal.count()).toBe(0);
    await screenshot(page, 'improvement-objective-accepted');
  }, 120_000);
});
