import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { buildReportExercise, type ReportFixture } from '../aar/fixture.js';
import {
  ensureConsoleBuilt,
  expectAccessible,
  launchBrowser,
  newPage,
  screenshot,
  signIn,
} from './support.js';

/*
 * A director drafts the after-action report in one action, writes its summary, makes it final,
 * shares it and exports it; the report's charts are drawn on the screen and in the HTML export.
 */
describe('the report tab', () => {
  let server: TestServer;
  let browser: Browser;
  let fx: ReportFixture;
  const PASSWORD = 'report passphrase';

  beforeAll(async () => {
    await ensureConsoleBuilt();
    [server, browser] = await Promise.all([startTestServer({ demo: false }), launchBrowser()]);
    const ctx = server.server.runtime.ctx;
    fx = await buildReportExercise(ctx);
    await fx.observe('Patrol 7 closed the avenue at H+00:08');
    await server.createUser('director-aar', PASSWORD, 'director');
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('walks a director from the draft to the final, shared, exported report', async () => {
    const page = await newPage(browser);
    await signIn(page, server.url, 'director-aar', PASSWORD);
    // Signed in, with the language picked on the sign-in page saved, before the next page loads.
    await page.getByRole('navigation').waitFor();
    await page.goto(`${server.url}/console/exercises/${fx.exerciseId}/report`);
    await page.getByRole('tab', { name: 'Report' }).waitFor({ timeout: 60_000 });
    await screenshot(page, 'report-empty');
    await page.getByText('No report yet').waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Draft the report' }).click();
    await page.getByText('Drafted from 1 observations').waitFor({ timeout: 60_000 });
    await page.getByRole('img', { name: 'Exercise timeline' }).waitFor();

    await page
      .getByRole('textbox', { name: 'Executive summary' })
      .fill('The cordon held; radio coverage failed.');
    await page.getByRole('button', { name: 'Save summary' }).click();
    await page.getByRole('button', { name: 'Save summary' }).isDisabled();
    await page.getByRole('button', { name: 'Make final' }).click();
    await page.getByText('Final', { exact: true }).first().waitFor();
    const share = page.getByRole('switch', { name: 'Shared with players' });
    await share.click({ force: true });
    await expect.poll(() => share.isChecked()).toBe(true);
    await expectAccessible(page, 'report');
    await screenshot(page, 'report-final');

    const html = await page.request.get(
      `${server.url}/api/v1/exercises/${fx.exerciseId}/report/export?format=html&version=1`,
    );
    expect(html.status()).toBe(200);
    const text = await html.text();
    expect(text).toContain('The cordon held; radio coverage failed.');
    expect(text).toContain('<svg');
    const docx = await page.request.get(
      `${server.url}/api/v1/exercises/${fx.exerciseId}/report/export?format=docx`,
    );
    expect(docx.status()).toBe(200);
    expect((await docx.body()).subarray(0, 2).toString('latin1')).toBe('PK');
    const report = await newPage(browser);
    await report.setContent(text);
    await screenshot(report, 'report-html');
  }, 120_000);
});
