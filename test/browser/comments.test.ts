import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { solveChallenge } from '../../src/core/comment/proof-of-work.js';
import { listPublicNotices } from '../../src/services/notices/public-notices.service.js';
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

const PIO = { username: 'pio.dana', password: 'Pio-Dana-Pass-2026' };
const TEXT = 'Будет ли перекрыта улица Достык утром?\nМне нужно на работу к 8:00 🙂';

/**
 * A resident reads a demo notice in Russian under the site's real CSP, says it was useful and posts
 * a comment (the proof-of-work runs in the page); it is held. A PIO approves it in the console and
 * the resident then sees it under the notice.
 */
describe('comments from the public to the console', { timeout: 180_000 }, () => {
  let server: TestServer;
  let browser: Browser;
  let resident: Page;
  let pio: Page;
  let noticeUrl = '';

  beforeAll(async () => {
    await ensureConsoleBuilt();
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    await server.createUser(PIO.username, PIO.password, 'pio');
    const notices = await listPublicNotices(server.server.runtime.ctx);
    const notice = notices.find((n) => n.kind !== 'Cancel' && n.snapshot.texts.ru)!;
    noticeUrl = `${server.url}/ru/notices/${encodeURIComponent(notice.slug)}`;
    resident = await newPage(browser, { csp: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the approved demo comments and counts characters as the reader types', async () => {
    await resident.goto(noticeUrl);
    const comments = resident.locator('#comments');
    await comments.getByRole('heading', { name: /Комментарии \(\d+\)/ }).waitFor();
    expect(await comments.locator('.comment').count()).toBeGreaterThan(0);
    expect(await comments.locator('.comment').allInnerTexts()).not.toContain('@');
    await resident.getByLabel('Комментарий', { exact: true }).fill(TEXT);
    // 62 code points, the emoji one of them, the line break one.
    await expect
      .poll(() => resident.locator('#comment-counter').innerText())
      // Russian groups thousands with a no-break space.
      .toMatch(new RegExp(`^${[...TEXT].length} / 1\\s500$`, 'u'));
  });

  it('takes one "useful" answer and thanks the reader', async () => {
    await resident.goto(noticeUrl);
    await resident.locator('#useful').getByRole('button', { name: 'Да' }).click();
    await resident.waitForURL(/\?voted=1#voted$/);
    await resident.getByText('Спасибо за ответ.').waitFor();
  });

  it('posts a comment, solving the proof-of-work in the page, and says it is held', async () => {
    await resident.goto(noticeUrl);
    await resident.getByLabel('Имя').fill('Дана <b>');
    await resident.getByLabel('Электронная почта').fill('dana.resident@example.kz');
    await resident.getByLabel('Комментарий', { exact: true }).fill(TEXT);
    await resident.getByRole('button', { name: 'Отправить комментарий' }).click();
    await resident.waitForURL(/\?comment=held#comment-held$/, { timeout: 60_000 });
    await resident.getByText('Ваш комментарий ожидает проверки').waitFor();
    await screenshot(resident, 'comment-held');
    expectNoPageProblems(resident);
    // axe is injected as an inline script, which the site's CSP refuses: check on a page without it.
    const checker = await newPage(browser);
    await checker.goto(resident.url());
    await checker.getByText('Ваш комментарий ожидает проверки').waitFor();
    await expectAccessible(checker, 'notice page with comments');
    await checker.close();
  });

  it('solves the proof-of-work without crypto.subtle, as over plain http on a network name', async () => {
    const plain = await newPage(browser, { csp: true });
    await plain.addInitScript('Object.defineProperty(window.crypto, "subtle", { value: undefined })');
    await plain.goto(noticeUrl);
    await plain.getByLabel('Имя').fill('Арман');
    await plain.getByLabel('Электронная почта').fill('arman.resident@example.kz');
    await plain.getByLabel('Комментарий', { exact: true }).fill('Спасибо!');
    await plain.getByRole('button', { name: 'Отправить комментарий' }).click();
    await plain.waitForURL(/\?comment=held#comment-held$/, { timeout: 90_000 });
    expectNoPageProblems(plain);
    await plain.close();
  });

  it('lets a PIO approve it in the console, and the resident then sees it', async () => {
    pio = await newPage(browser);
    await signIn(pio, server.url, PIO.username, PIO.password);
    await pio.getByRole('navigation').getByRole('link', { name: 'Comments' }).click();
    await pio.getByRole('heading', { name: 'Comments', level: 1 }).waitFor();
    const card = pio.getByRole('article', { name: 'Дана <b>' });
    await card.waitFor();
    expect(await card.locator('.comment-text').innerText()).toBe(TEXT);
    expect(await card.locator('b').count()).toBe(0);
    await card.locator('time').getByText('just now').waitFor();
    await screenshot(pio, 'comments-queue');
    await expectAccessible(pio, 'comments queue');
    await card.getByRole('button', { name: 'Approve' }).click();
    await card.waitFor({ state: 'detached' });
    await pio.getByText(/^Approved \(\d+\)$/).click();
    await pio.getByRole('article', { name: 'Дана <b>' }).waitFor();

    await expect
      .poll(
        async () => {
          await resident.goto(noticeUrl);
          return resident.locator('#comments .comment-name').allInnerTexts();
        },
        { timeout: 30_000 },
      )
      .toContain('Дана <b>');
    expectNoPageProblems(pio);
  });

  it('shows a comment posted meanwhile in the open queue, from the live stream, without polling', async () => {
    await pio.getByText(/^Waiting \(\d+\)$/).click();
    await pio.getByTestId('live-state').and(pio.locator('[data-state="live"]')).waitFor();
    const asked: string[] = [];
    pio.on('request', (r) => {
      if (new URL(r.url()).pathname.startsWith('/api/v1/comments')) asked.push(r.url());
    });
    // A resident posts while the moderator watches the queue (the form, as the site's page sends it).
    const c = (await (await fetch(`${server.url}/portal/challenge`)).json()) as {
      challenge: string;
      difficulty: number;
    };
    const form = new URLSearchParams({
      website: '',
      challenge: c.challenge,
      nonce: solveChallenge(c.challenge, c.difficulty),
      name: 'Ерлан',
      email: 'erlan.resident@example.kz',
      body: 'Сирена будет в 10:00?',
    });
    const posted = await fetch(`${noticeUrl}/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
      redirect: 'manual',
    });
    expect(posted.status).toBe(303);
    await pio.getByRole('article', { name: 'Ерлан' }).waitFor();
    // The queue was read again after the post: the stream said so (the screen has no timer of its own).
    expect(asked.length).toBeGreaterThan(0);
    await screenshot(pio, 'comments-live');
  });

  it("tells how long ago each comment came in Kazakh, in the console's words", async () => {
    const kk = await newPage(browser);
    await signIn(kk, server.url, PIO.username, PIO.password, 'Қазақша');
    await kk.getByRole('navigation').getByRole('link', { name: 'Пікірлер' }).click();
    await kk.getByText(/^Мақұлданған \(\d+\)$/).click();
    const ages = kk.locator('article time');
    await ages.first().waitFor();
    for (const age of await ages.allInnerTexts())
      expect(age).toMatch(/^(\d+ (минут|сағат|күн) бұрын|жаңа ғана)$/);
    await kk.close();
  });
});
