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

const NEW_USER = {
  username: 'aigerim.planner',
  name: 'Aigerim Seitkali',
  password: 'Planner-Pass-Karaganda-25',
  newPassword: 'Reset-By-Admin-Pavlodar-21',
};

describe('user administration', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    await ensureConsoleBuilt();
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    page = await newPage(browser);
    await signIn(page, server.url, server.admin.username, server.admin.password);
    await page.getByRole('navigation').getByRole('link', { name: 'Users' }).click();
    await page.getByRole('heading', { name: 'Users' }).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lists the users', async () => {
    await page.getByTestId(`user-${server.admin.username}`).waitFor();
    await screenshot(page, 'users');
    await expectAccessible(page, 'users');
  });

  it('creates a user with a role in an organisation', async () => {
    await page.getByRole('button', { name: 'New user' }).click();
    const dialog = page.getByRole('dialog', { name: 'New user' });
    await dialog.getByLabel('Username').fill(NEW_USER.username);
    await dialog.getByLabel('Full name').fill(NEW_USER.name);
    await dialog.getByLabel('Email').fill('aigerim@example.kz');
    await dialog.getByLabel('Initial password').fill(NEW_USER.password);
    await dialog.getByLabel('Language').selectOption('ru');
    await dialog.getByLabel('Role').selectOption('planner');
    await dialog.getByLabel('Organisation').selectOption({ index: 1 });
    await screenshot(page, 'users-create-dialog');
    await expectAccessible(page, 'create user dialog');
    await dialog.getByRole('button', { name: 'Create user' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const row = page.getByTestId(`user-${NEW_USER.username}`);
    await row.waitFor();
    expect(await row.textContent()).toContain(NEW_USER.name);
    expect(await row.textContent()).toContain('Planner');
  });

  it('shows the server\u2019s reason when a user cannot be created', async () => {
    await page.getByRole('button', { name: 'New user' }).click();
    const dialog = page.getByRole('dialog', { name: 'New user' });
    await dialog.getByLabel('Username').fill(NEW_USER.username);
    await dialog.getByLabel('Full name').fill('Duplicate');
    await dialog.getByLabel('Initial password').fill(NEW_USER.password);
    await dialog.getByRole('button', { name: 'Create user' }).click();
    await dialog.getByRole('alert').waitFor();
    expect(await dialog.getByRole('alert').textContent()).toMatch(/\S/);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });

  it('disables and enables a user, and grants and revokes a role', async () => {
    const row = page.getByTestId(`user-${NEW_USER.username}`);
    await row.getByRole('button', { name: `Disable ${NEW_USER.username}` }).click();
    await row.getByText('Disabled').waitFor();
    await row.getByRole('button', { name: `Enable ${NEW_USER.username}` }).click();
    await row.getByText('Active').waitFor();

    await row.getByRole('button', { name: `Roles of ${NEW_USER.username}` }).click();
    const dialog = page.getByRole('dialog', { name: `Roles of ${NEW_USER.username}` });
    await dialog.getByLabel('Role').selectOption('evaluator');
    await dialog.getByRole('button', { name: 'Grant role' }).click();
    const granted = dialog.getByRole('table').getByRole('row').filter({ hasText: 'Evaluator' });
    await granted.waitFor();
    await screenshot(page, 'users-grants-dialog');
    await expectAccessible(page, 'grants dialog');
    await granted.getByRole('button', { name: 'Revoke' }).click();
    await granted.waitFor({ state: 'detached' });
    await page.keyboard.press('Escape');
  });

  it('resets a user\u2019s password', async () => {
    const row = page.getByTestId(`user-${NEW_USER.username}`);
    await row.getByRole('button', { name: `Reset password of ${NEW_USER.username}` }).click();
    const dialog = page.getByRole('dialog', { name: `New password for ${NEW_USER.username}` });
    // Before anything is done, the dialog says what a new password ends and revokes.
    await dialog
      .getByText(
        `Setting a new password ends every session of ${NEW_USER.username}. They have no API tokens to revoke.`,
      )
      .waitFor();
    await dialog.locator('input[type="password"]').fill(NEW_USER.newPassword);
    await screenshot(page, 'users-reset-password-before');
    await dialog.getByRole('button', { name: 'Reset password' }).click();
    await dialog.getByRole('status').filter({ hasText: 'The password has been changed.' }).waitFor();
    await screenshot(page, 'users-reset-password');
    await expectAccessible(page, 'reset password dialog');
    await dialog.getByRole('button', { name: 'Close' }).first().click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('lets the new user sign in with the password the administrator set', async () => {
    const other = await newPage(browser);
    await signIn(other, server.url, NEW_USER.username, NEW_USER.newPassword);
    await other.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await other.context().close();
  });
});
