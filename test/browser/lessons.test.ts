import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { buildLessons, type LessonsFixture } from '../lessons/fixture.js';
import {
  ensureConsoleBuilt,
  expectAccessible,
  launchBrowser,
  newPage,
  screenshot,
  signIn,
} from './support.js';

/*
 * A director looks for what past exercises taught about cordons: the lessons page finds
 * observations and findings in Kazakh, Russian and English, marks the words found, and narrows by
 * hazard. Then, on an exercise, they write an area for improvement that takes the next reference.
 */
describe('lessons learned and findings in the console', () => {
  let server: TestServer;
  let browser: Browser;
  let fx: LessonsFixture;
  const PASSWORD = 'lessons passphrase';

  beforeAll(async () => {
    await ensureConsoleBuilt();
    [server, browser] = await Promise.all([startTestServer({ demo: false }), launchBrowser()]);
    fx = await buildLessons(server.server.runtime.ctx);
    await server.createUser('director-lessons', PASSWORD, 'director');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const open = async (): Promise<Page> => {
    const page = await newPage(browser);
    await signIn(page, server.url, 'director-lessons', PASSWORD);
    await page.getByRole('navigation').waitFor();
    await page.setViewportSize({ width: 1280, height: 900 });
    return page;
  };

  it('finds lessons across exercises with the match marked, and narrows them by hazard', async () => {
    const page = await open();
    await page.getByRole('navigation').getByRole('link', { name: 'Lessons learned' }).click();
    await page.getByLabel('Words to find').fill('cordon');
    await page.getByRole('button', { name: 'Search' }).click();
    const lessons = page.getByTestId('lesson');
    await page.getByText('2 lessons found').waitFor();
    await expect(lessons.locator('mark').first().textContent()).resolves.toMatch(/cordon/i);
    await lessons.getByText('Area for improvement 1.1').waitFor();
    await screenshot(page, 'lessons-search');
    await expectAccessible(page, 'lessons search');

    await page.getByLabel('Hazard').first().click();
    await page.getByRole('option', { name: 'Fire' }).click();
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByText('1 lesson found').waitFor();
    await lessons.getByText('Pavlodar power plant').waitFor();

    // Kazakh letters, any case.
    await page.getByLabel('Hazard').first().click();
    await page.getByRole('option', { name: 'Fire' }).click();
    await page.getByLabel('Words to find').fill('ҚОРШАУДЫ');
    await page.getByRole('button', { name: 'Search' }).click();
    await lessons.locator('mark', { hasText: 'қоршауды' }).waitFor();
    await page.close();
  });

  it('shows a shipped core capability in the reader’s language, in the lessons and on the findings', async () => {
    const page = await newPage(browser);
    await signIn(page, server.url, 'director-lessons', PASSWORD, 'Русский');
    await page.getByRole('navigation').waitFor();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${server.url}/console/lessons`);
    await page.getByLabel('Слова для поиска').fill('өрт*');
    await page.getByRole('button', { name: 'Найти' }).click();
    const lessons = page.getByTestId('lesson');
    // The answer arrives after the click: wait for it rather than count what is there at once.
    await lessons.first().waitFor();
    await lessons
      .first()
      .getByText(/Борьба с пожарами и их тушение/)
      .waitFor();
    await expect(page.getByText('Fire Management and Suppression').count()).resolves.toBe(0);
    await screenshot(page, 'lessons-search-ru');
    // An administrator's own capability keeps its wording.
    await page.getByRole('combobox', { name: 'Базовая способность' }).click();
    await page.getByRole('option', { name: 'Борьба с пожарами и их тушение' }).waitFor();
    await page.getByRole('option', { name: 'On-scene security, protection and law enforcement' }).waitFor();
    await page.keyboard.press('Escape');

    await page.goto(`${server.url}/console/exercises/${fx.pavlodar.exerciseId}/findings`);
    await page.getByText('1. Борьба с пожарами и их тушение').waitFor();
    await screenshot(page, 'exercise-findings-ru');
    await page.close();
  });

  it('lets a director write an area for improvement that takes the next reference', async () => {
    const page = await open();
    await page.goto(`${server.url}/console/exercises/${fx.karaganda.exerciseId}/findings`);
    await page.getByRole('tab', { name: 'Findings' }).waitFor();
    await screenshot(page, 'exercise-findings-before');
    await page.getByText('Strength 1.1').waitFor();
    await page.getByRole('button', { name: 'Add a finding' }).click();
    await page.getByText('Area for improvement', { exact: true }).last().click();
    await page.getByRole('textbox', { name: /^Finding/ }).fill('Хабарлама медиктерге кешігіп жетті');
    await page
      .getByLabel('Analysis', { exact: true })
      .fill('Root cause: one radio channel for all agencies.');
    await page.getByRole('button', { name: 'Save finding' }).click();
    await page.getByTestId('finding').getByText('Area for improvement 1.2').waitFor();
    await screenshot(page, 'exercise-findings');
    await expectAccessible(page, 'exercise findings');
    await page.close();
  });
});
