import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import {
  ensureConsoleBuilt,
  expectAccessible,
  launchBrowser,
  newPage,
  screenshot,
  signIn,
} from './support.js';

describe('the administrator’s other screens', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    await ensureConsoleBuilt();
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    page = await newPage(browser);
    await signIn(page, server.url, server.admin.username, server.admin.password);
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const open = async (link: string) => {
    await page.getByRole('navigation').getByRole('link', { name: link }).click();
    await page.getByRole('main').getByRole('heading', { name: link, level: 1 }).waitFor();
  };

  it('creates an organisation and adds a unit to it', async () => {
    await open('Organisations');
    await page.getByRole('button', { name: 'New organisation' }).click();
    const dialog = page.getByRole('dialog', { name: 'New organisation' });
    await dialog.getByLabel(/^Name/).fill('Pavlodar Province Emergency Department');
    await dialog.getByLabel('Short name').fill('ESD Pavlodar');
    await dialog.getByLabel('Kind').selectOption('emergency-situations');
    await expectAccessible(page, 'new organisation dialog');
    await dialog.getByRole('button', { name: 'Create organisation' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await page.getByRole('button', { name: 'Add unit to Pavlodar Province Emergency Department' }).click();
    const unit = page.getByRole('dialog');
    await unit.getByLabel('Unit name').fill('Rescue team 1');
    await unit.getByRole('button', { name: 'Add unit' }).click();
    await unit.waitFor({ state: 'hidden' });
    await page.getByRole('row').filter({ hasText: 'Rescue team 1' }).waitFor();
    await screenshot(page, 'organisations');
    await expectAccessible(page, 'organisations');
  });

  it('shows which role gives which permission', async () => {
    await open('Roles');
    await page.getByRole('columnheader', { name: 'Administrator' }).waitFor();
    // Named in words; the code is the label's tooltip, for those who script the API.
    await page.getByRole('rowheader', { name: 'Manage users and their roles' }).waitFor();
    await expect(page.getByTitle('users:manage').innerText()).resolves.toBe('Manage users and their roles');
    await screenshot(page, 'roles');
    await expectAccessible(page, 'roles');
  });

  it('lists the audit log and verifies its chain', async () => {
    await open('Audit log');
    await page.getByRole('cell', { name: 'Signed in', exact: true }).first().waitFor();
    await page.getByRole('button', { name: 'Verify chain' }).click();
    await page.getByTestId('verify-result').getByText('Chain intact').waitFor();
    await screenshot(page, 'audit');
    await expectAccessible(page, 'audit log');
  });

  it('creates an API token, shows it once, and revokes it', async () => {
    await open('My API tokens');
    await page.getByLabel(/^Name/).fill('exercise-import');
    await page.getByRole('checkbox', { name: 'View organisations' }).check();
    await page.getByRole('button', { name: 'Create token' }).click();
    const secret = await page.getByTestId('new-token').textContent();
    expect(secret?.trim().length).toBeGreaterThan(20);
    await screenshot(page, 'tokens');
    await expectAccessible(page, 'tokens');

    const status = await page.evaluate<number>(
      `fetch('/api/v1/organisations', { credentials: 'omit', headers: { authorization: 'Bearer ${secret?.trim()}' } }).then((r) => r.status)`,
    );
    expect(status).toBe(200);

    await page.getByRole('button', { name: 'I have stored it' }).click();
    expect(await page.getByTestId('new-token').count()).toBe(0);
    await page.getByRole('button', { name: 'Revoke exercise-import' }).click();
    await page.getByRole('row').filter({ hasText: 'exercise-import' }).getByText('Revoked').waitFor();
  });

  it('signs out everywhere, ending this session too', async () => {
    await page.getByRole('button', { name: /Account menu/ }).click();
    await page.getByRole('menuitem', { name: 'Sign out everywhere' }).click();
    // Its one token was revoked above, so there is none left to revoke.
    const dialog = page.getByRole('dialog', { name: 'Sign out everywhere?' });
    await dialog.getByText('You have no API tokens, so none are revoked.').waitFor();
    await dialog.getByRole('button', { name: 'Sign out everywhere' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    const status = await page.evaluate<number>(`fetch('/api/v1/auth/session').then((r) => r.status)`);
    expect(status).toBe(401);
  });
});
