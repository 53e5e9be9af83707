import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/policy/policy.js';
import { clockCommand } from '../../src/services/conduct/clock.service.js';
import { injectAction, listInjects } from '../../src/services/conduct/injects.service.js';
import { SYSTEM_ACTOR } from '../../src/services/context.js';
import { findUserByUsername, setPassword } from '../../src/services/users.service.js';
import { EXERCISE_TABS } from '../../web/src/pages/exercises/tabs.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { allowedLatin, leaksOnScreens } from './latin-words.js';
import { ensureConsoleBuilt, launchBrowser, newPage, screenshot, signIn } from './support.js';

const PASSWORD = 'a demo passphrase to try a role';
const controller: Actor = {
  userId: 'walk',
  grants: [{ role: 'controller', organisationId: null, exerciseId: null }],
};

/** The demo's people whose screens a resident-facing or field role meets, and the exercise each plays in. */
const PEOPLE = [
  { username: 'player.patrol', exercise: /expo/i, extra: (id: string) => [`play/${id}`, `survey/${id}`] },
  { username: 'observer.karaganda', exercise: /full-scale/i, extra: (id: string) => [`survey/${id}`] },
  { username: 'pio.esd', exercise: null, extra: () => [] },
] as const;

/*
 * The screens a player, an observer and a public-information officer reach, each signed in as the
 * demo's own person, in Kazakh and in Russian: what the menu offers them, each tab of their
 * exercise (a tab they may not open says so in their language too), the player's live view with
 * injects that have fired, and a notice for the PIO. No English sentence and no raw code, as on the
 * administrator's walk (languages-throughout.test.ts).
 */
describe('Kazakh and Russian for each role', () => {
  let server: TestServer;
  let browser: Browser;
  let allowed: Set<string>;

  beforeAll(async () => {
    await ensureConsoleBuilt();
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    allowed = allowedLatin();
    const ctx = server.server.runtime.ctx;
    for (const { username } of PEOPLE)
      await setPassword(ctx, SYSTEM_ACTOR, (await findUserByUsername(ctx, username))!.id, PASSWORD);
    // The Expo exercise under way, every inject fired: the player's view then has something on it.
    const expo = (
      await ctx.db.kysely.selectFrom('exercises').select(['id', 'name', 'startex']).execute()
    ).find((e) => /expo/i.test(e.name))!;
    const who = { userId: null, name: 'Controller' };
    await clockCommand(ctx, who, controller, expo.id, {
      command: 'startex',
      confirmName: expo.name,
      plannedStart: expo.startex,
      reason: 'a walk through every screen',
      // The demo's Expo MSEL awaits approval: played as written, so the player's view has injects.
      unapproved: 'play',
    });
    for (const run of await listInjects(ctx, controller, expo.id))
      if (run.status === 'scheduled') await injectAction(ctx, who, controller, expo.id, run.id, 'fire');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it.each(
    PEOPLE.flatMap((p) =>
      (['Қазақша', 'Русский'] as const).map((language) => [p.username, language, p] as const),
    ),
  )(
    "shows %s's screens with no English and no raw code in %s",
    async (username, language, person) => {
      const page = await newPage(browser);
      await signIn(page, server.url, username, PASSWORD, language);
      const nav = page.getByRole('navigation');
      await nav.waitFor();
      const menu = await nav
        .locator('a[href^="/console"]')
        .evaluateAll((links) =>
          links.map((a) => (a as HTMLAnchorElement).pathname.replace(/^\/console\/?/, '')),
        );
      const get = (api: string) =>
        page.evaluate(async (url) => {
          const res = await fetch(url, { credentials: 'include' });
          return res.ok ? ((await res.json()) as { items: { id: string; name?: string }[] }).items : [];
        }, api);
      const screens = [...new Set(['', ...menu])];
      if (person.exercise) {
        const exercise = (await get('/api/v1/exercises')).find((e) => person.exercise.test(e.name ?? ''));
        expect(exercise, `${username} sees their exercise`).toBeDefined();
        screens.push(
          ...EXERCISE_TABS.map((tab) => `exercises/${exercise!.id}/${tab}`),
          ...person.extra(exercise!.id),
        );
      }
      const notice = (await get('/api/v1/notices'))[0];
      if (notice) screens.push(`notices/${notice.id}`);
      const leaks = await leaksOnScreens(page, server.url, screens, allowed, async (screen) => {
        if (screen.startsWith('play/'))
          await screenshot(page, `languages-${username}-${language === 'Қазақша' ? 'kk' : 'ru'}-play`);
      });
      expect(screens.length).toBeGreaterThan(3);
      expect(leaks).toEqual([]);
      await page.close();
    },
    300_000,
  );
});
