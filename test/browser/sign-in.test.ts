import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

describe('signing in to the console', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    await ensureConsoleBuilt();
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("runs under the server's content security policy without a refusal or a script error", async () => {
    const strict = await newPage(browser, { csp: true });
    await signIn(strict, server.url, server.admin.username, server.admin.password);
    await strict.getByRole('heading', { name: 'Dashboard' }).waitFor();
    expectNoPageProblems(strict);
    await strict.context().close();
  });

  it('refuses a wrong password and says so', async () => {
    page = await newPage(browser);
    await signIn(page, server.url, server.admin.username, 'not-the-password');
    // The same words whatever the reason (wrong password, unknown or disabled user, too many attempts).
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toMatch(/Wrong username or password, or too many attempts from this address/);
    await expect.poll(() => page.getByRole('heading', { name: 'Sign in' }).isVisible()).toBe(true);
    await screenshot(page, 'sign-in-wrong-password');
    await expectAccessible(page, 'sign-in with an error');
  });

  it('shows the dashboard to the administrator', async () => {
    await signIn(page, server.url, server.admin.username, server.admin.password);
    const main = page.getByRole('main');
    await main.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await main.getByText('Recent activity').waitFor();
    await page.getByTestId('count-users').waitFor();
    expect(Number(await page.getByTestId('count-users').textContent())).toBeGreaterThan(0);
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    for (const item of ['Dashboard', 'Users', 'Organisations', 'Roles', 'Audit log', 'My API tokens']) {
      await nav.getByRole('link', { name: item }).waitFor();
    }
    await screenshot(page, 'dashboard');
    await expectAccessible(page, 'dashboard');
    expectNoPageProblems(page);
  });

  it('asks before signing out everywhere, naming how many API tokens it revokes, then revokes them', async () => {
    const token = await page.evaluate<string>(`(async () => {
      const session = await (await fetch('/api/v1/auth/session')).json();
      const res = await fetch('/api/v1/tokens', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: JSON.stringify({ name: 'nightly-report', scopes: ['users:read'], expiresInDays: 30 }),
      });
      return (await res.json()).token;
    })()`);
    const withToken = () =>
      page.evaluate<number>(
        `fetch('/api/v1/users', { credentials: 'omit', headers: { authorization: 'Bearer ${token}' } }).then((r) => r.status)`,
      );
    expect(await withToken()).toBe(200);

    const openConfirmation = async () => {
      await page.getByRole('button', { name: /Account menu/ }).click();
      await page.getByRole('menuitem', { name: 'Sign out everywhere' }).click();
      const dialog = page.getByRole('dialog', { name: 'Sign out everywhere?' });
      await dialog.getByText('It also revokes your 1 API token:').waitFor();
      await page.getByRole('menu').waitFor({ state: 'detached' });
      return dialog;
    };
    let dialog = await openConfirmation();
    await dialog.getByText('This ends every session of yours').waitFor();
    await screenshot(page, 'sign-out-everywhere-confirm');
    await expectAccessible(page, 'sign out everywhere confirmation');
    // Cancelling changes nothing.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await withToken()).toBe(200);

    dialog = await openConfirmation();
    await dialog.getByRole('button', { name: 'Sign out everywhere' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await withToken()).toBe(401);
    expectNoPageProblems(page);
  });

  it('says what a password change ends before doing it, and signs out back to the sign-in page', async () => {
    await signIn(page, server.url, server.admin.username, server.admin.password);
    await page.getByRole('main').getByRole('heading', { name: 'Dashboard' }).waitFor();
    // Changing one's own password says first what it ends; the tokens were revoked above.
    await page.getByRole('button', { name: /Account menu/ }).click();
    await page.getByRole('menuitem', { name: 'Change password' }).click();
    const dialog = page.getByRole('dialog', { name: 'Change your password' });
    await page.getByRole('menu').waitFor({ state: 'detached' });
    await dialog
      .getByText(
        'Changing your password signs you out everywhere, this browser too. You have no API tokens to revoke.',
      )
      .waitFor();
    await screenshot(page, 'change-password');
    await expectAccessible(page, 'change password dialog');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: /Account menu/ }).click();
    await page.getByRole('menuitem', { name: 'Sign out', exact: true }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  });
});
