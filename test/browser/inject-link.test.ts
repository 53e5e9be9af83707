import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/policy/policy.js';
import { clockCommand } from '../../src/services/conduct/clock.service.js';
import { setBranching } from '../../src/services/planning/branching.service.js';
import { buildConductExercise, PLANNED_START, type ConductFixture } from '../support/conduct.js';
import { encodePng } from '../support/png.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { startTestSmtp, type TestSmtp } from '../support/smtp.js';
import {
  ensureConsoleBuilt,
  expectAccessible,
  expectNoPageProblems,
  launchBrowser,
  newPage,
  screenshot,
  signIn,
} from './support.js';

/*
 * A patrol officer with no Dabyl account, on a phone: the controller fires an inject from the
 * control room; its e-mail reaches a real SMTP server with a link; the officer opens it in a
 * browser with no session, sees the inject in Russian marked as an exercise, says "received",
 * answers the inject's question and reports with a photo picked with a button in Russian (the
 * browser's own file box speaks the phone's language, with scripts off it is all there is) and the
 * place the phone gives, corrected by hand. The control room shows the acknowledgement, the
 * first action and the report's place on its map without a reload, and the photo is there for the
 * controllers, byte for byte. The same page in Kazakh, refusing an empty report, a GIF and a latitude
 * out of range by name; a mistyped link is refused in words. The position script runs under the
 * site's own script policy, and with scripts off the place is typed and sent all the same.
 */
const controller: Actor = {
  userId: 'u-c',
  grants: [{ role: 'controller', organisationId: null, exerciseId: null }],
};
const planner: Actor = {
  userId: 'u-p',
  grants: [{ role: 'planner', organisationId: null, exerciseId: null }],
};
const LINK = /\/i\/([A-Za-z0-9_-]{22})/;
/** A small picture as a phone's camera would hand it over: a blue square with a red diagonal. */
const PHOTO = encodePng(48, (x, y) => (Math.abs(x - y) < 3 ? [220, 30, 30] : [40, 90, 200]));

describe('an inject opened from its link by a player without an account', () => {
  let server: TestServer;
  let smtp: TestSmtp;
  let browser: Browser;
  let control: Page;
  let phone: Page;
  let fx: ConductFixture;
  let token = '';

  beforeAll(async () => {
    await ensureConsoleBuilt();
    smtp = await startTestSmtp();
    [server, browser] = await Promise.all([
      startTestServer({ demo: false, env: { DABYL_SMTP_URL: smtp.url } }),
      launchBrowser(),
    ]);
    const ctx = server.server.runtime.ctx;
    fx = await buildConductExercise(ctx);
    await setBranching(ctx, { userId: 'u-p', name: 'Planner' }, planner, fx.exerciseId, fx.events['3']!.id, {
      decision: {
        question: 'Let the bus leave the prison?',
        options: ['Allow under shadowing', 'Block at the gate'],
      },
    });
    await clockCommand(ctx, { userId: null, name: 'Controller' }, controller, fx.exerciseId, {
      command: 'startex',
      confirmName: fx.name,
      plannedStart: PLANNED_START,
      reason: 'training run',
      // The decision just given to inject 3 sent it back to review: it plays as written.
      unapproved: 'play',
    });
    control = await newPage(browser);
    await signIn(control, server.url, server.admin.username, server.admin.password);
    await control.getByRole('navigation').waitFor();
    // A phone with no session: the link is its only key.
    phone = await newPage(browser);
    await phone.setViewportSize({ width: 390, height: 844 });
    // The phone stands at the prison gate and lets the page ask where it is.
    await phone.context().grantPermissions(['geolocation'], { origin: server.url });
    await phone.context().setGeolocation({ latitude: 49.8047, longitude: 73.1094, accuracy: 12 });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await smtp?.close();
  });

  it('takes "received", the team’s decision and a report from the link, shown live in the control room', async () => {
    await control.goto(`${server.url}/console/exercises/${fx.exerciseId}/control`);
    const row = control.getByRole('row').filter({ hasText: 'Inject 3 title' });
    await row.getByRole('button', { name: 'Fire now' }).click();
    await row.getByText('Fired', { exact: true }).waitFor();

    const mails = await smtp.waitFor(2);
    const toA = mails.find((m) => !Array.isArray(m.to) && m.to?.text === 'patrol-a@police.example.kz')!;
    token = LINK.exec(toA.text ?? '')![1]!;

    await phone.goto(`${server.url}/i/${token}`);
    await phone.getByRole('heading', { name: 'Вводная 3: Inject 3 title' }).waitFor();
    await phone.getByText(/^EXERCISE EXERCISE EXERCISE/).waitFor();
    await phone.getByText('Report of a shooting near the prison gate (3).').waitFor();
    await phone.getByRole('button', { name: 'Получил(а)' }).click();
    await phone.getByText('Получение подтверждено. Контролёры это видят.').waitFor();
    await phone.getByText(/Вы подтвердили получение в \d/).waitFor();

    await phone.getByRole('button', { name: 'Block at the gate' }).click();
    await phone.getByText(/Выбрано: «Block at the gate», выбрал\(а\) Patrol officer A/).waitFor();

    await phone.getByLabel('Что сделано').fill('Cordon at the gate, bus stopped, negotiator called');
    // The photo is picked with a button in the page's language, not the browser's own file box.
    expect(await phone.getByLabel('Фото (если есть)').isVisible()).toBe(false);
    await phone.getByText('Фото не выбрано', { exact: true }).waitFor();
    const pick = async (name: string) => {
      const [chooser] = await Promise.all([
        phone.waitForEvent('filechooser'),
        phone.getByRole('button', { name: 'Выбрать фото' }).click(),
      ]);
      await chooser.setFiles({ name, mimeType: 'image/png', buffer: PHOTO });
      await phone.getByText(name, { exact: true }).waitFor();
    };
    await pick('wrong.png');
    // A wrong picture taken back leaves no file to send, then the right one is picked.
    await phone.getByRole('button', { name: 'Убрать фото' }).click();
    await phone.getByText('Фото не выбрано', { exact: true }).waitFor();
    expect(await phone.getByLabel('Фото (если есть)').inputValue()).toBe('');
    await pick('gate.png');
    await phone.getByText('Одно изображение JPEG, PNG или WebP, до 5 МБ.', { exact: false }).waitFor();
    // The place from the phone's position: the script fills both boxes, as a player would type them.
    const place = phone.getByRole('group', { name: 'Где вы находитесь (если знаете)' });
    await place.getByRole('button', { name: 'Определить моё местоположение' }).click();
    await place.getByText('Местоположение подставлено, точность около 12 м.', { exact: false }).waitFor();
    expect(await place.getByLabel('Широта').inputValue()).toBe('49,80470');
    expect(await place.getByLabel('Долгота').inputValue()).toBe('73,10940');
    // The player corrects the longitude by hand, with a decimal comma.
    await place.getByLabel('Долгота').fill('73,1101');
    // With a box still focused, the click after a full-page screenshot did not submit: leave it first.
    await place.getByLabel('Долгота').blur();
    await screenshot(phone, 'inject-link-photo-phone-ru');
    await phone.getByRole('button', { name: 'Отправить доклад' }).click();
    await phone.getByText('Ваш доклад записан.').waitFor();
    await phone.getByText('Cordon at the gate, bus stopped, negotiator called').waitFor();
    const sentReport = phone
      .getByRole('listitem')
      .filter({ hasText: 'Cordon at the gate, bus stopped, negotiator called' });
    await sentReport.getByText(/· С фото/).waitFor();
    await sentReport.getByText(/· Место: 49,8047; 73,1101/).waitFor();
    await screenshot(phone, 'inject-link-phone-ru');
    await expectAccessible(phone, 'inject link page');
    expectNoPageProblems(phone);

    // The controllers' table moved with no reload.
    const progress = row.getByTestId('inject-progress');
    await progress.getByText(/^Acknowledged: \d\d:\d\d:\d\d/).waitFor({ timeout: 30_000 });
    await progress.getByText(/^First action: \d\d:\d\d:\d\d/).waitFor();
    await progress.getByText('Link opened: 1 of 2').waitFor();
    // The report's place is on the control room's map, and in the list under it.
    const map = control.locator('section[aria-labelledby="control-map-title"]');
    const places = map.getByRole('table', { name: 'Reports and observations with a place' });
    await places.getByRole('button', { name: 'Cordon at the gate, bus stopped, negotiator called' }).click();
    await map
      .getByTestId('chosen-sighting')
      .getByText('Patrol officer A (Patrol 7)', { exact: false })
      .waitFor();
    await screenshot(control, 'inject-link-control-room');

    const mapped = await control.evaluate(async (exerciseId) => {
      const res = await fetch(`/api/v1/exercises/${exerciseId}/control/places`);
      return ((await res.json()) as { reports: { text: string; lat: number; lon: number }[] }).reports;
    }, fx.exerciseId);
    expect(mapped.map((r) => [r.text, r.lat, r.lon])).toEqual([
      ['Cordon at the gate, bus stopped, negotiator called', 49.8047, 73.1101],
    ]);

    // The photo reached the controllers as the phone sent it, type and bytes.
    const sent = await control.evaluate(async (exerciseId) => {
      const res = await fetch(`/api/v1/exercises/${exerciseId}/injects/progress`);
      const { items } = (await res.json()) as {
        items: { firstAction: { reportId: string; hasPhoto: boolean } | null }[];
      };
      // Inject 3 is the only one fired.
      const first = items.find((i) => i.firstAction !== null)!.firstAction!;
      const photo = await fetch(`/api/v1/exercises/${exerciseId}/play/reports/${first.reportId}/photo`);
      return {
        hasPhoto: first.hasPhoto,
        type: photo.headers.get('content-type'),
        bytes: [...new Uint8Array(await photo.arrayBuffer())],
      };
    }, fx.exerciseId);
    expect(sent.hasPhoto).toBe(true);
    expect(sent.type).toBe('image/png');
    expect(Buffer.from(sent.bytes).equals(PHOTO)).toBe(true);
  }, 120_000);

  it('shows the page in Kazakh, refuses an empty report by name, and a mistyped link in words', async () => {
    await phone.goto(`${server.url}/kk/i/${token}`);
    await phone.getByRole('heading', { name: 'Кіріспе 3: Inject 3 title' }).waitFor();
    await phone.getByRole('button', { name: 'Баяндаманы жіберу' }).click();
    await phone.getByRole('alert').getByText('Жібермес бұрын не істелгенін жазыңыз.').waitFor();
    await screenshot(phone, 'inject-link-phone-kk');

    // A GIF is not a photo Dabyl takes: refused by name, the text kept to send again.
    await phone.getByLabel('Не істелді').fill('Кордон қойылды');
    await phone.getByLabel('Фотосурет (бар болса)').setInputFiles({
      name: 'gate.gif',
      mimeType: 'image/gif',
      buffer: Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1'),
    });
    await phone.getByRole('button', { name: 'Баяндаманы жіберу' }).click();
    await phone
      .getByRole('alert')
      .getByText(/^Тіркелген файл JPEG, PNG немесе WebP суреті емес/)
      .waitFor();
    expect(await phone.getByLabel('Не істелді').inputValue()).toBe('Кордон қойылды');
    await expectAccessible(phone, 'inject link page with a refused photo');

    // A latitude out of range is refused by its box; the text and both numbers stay as typed.
    await phone.getByLabel('Ендік').fill('94,5');
    await phone.getByLabel('Бойлық').fill('73,1094');
    await phone.getByRole('button', { name: 'Баяндаманы жіберу' }).click();
    await phone
      .getByRole('alert')
      .getByText(/^Ендік −90 мен 90 градус аралығында болуы керек, сондықтан баяндама жазылмады/)
      .waitFor();
    expect(await phone.getByLabel('Не істелді').inputValue()).toBe('Кордон қойылды');
    expect(await phone.getByLabel('Ендік').inputValue()).toBe('94,5');
    expect(await phone.getByLabel('Бойлық').inputValue()).toBe('73,1094');
    expect(await phone.getByLabel('Ендік').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(phone, 'inject link page with a refused place');
    await screenshot(phone, 'inject-link-place-refused-kk');
    // The same page on a wide screen, with the photo field.
    await phone.setViewportSize({ width: 1280, height: 800 });
    await screenshot(phone, 'inject-link-photo-desktop-kk');
    await phone.setViewportSize({ width: 390, height: 844 });

    const wrong = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    const res = await phone.goto(`${server.url}/en/i/${wrong}`);
    expect(res?.status()).toBe(404);
    await phone.getByRole('heading', { name: 'This link does not open an inject' }).waitFor();
  }, 60_000);

  it('fills the place under the site’s own script policy, and takes it typed with scripts off', async () => {
    // The server's Content-Security-Policy enforced: the script is the site's own, nothing inline.
    const strict = await newPage(browser, { csp: true });
    await strict.setViewportSize({ width: 390, height: 844 });
    await strict.context().grantPermissions(['geolocation'], { origin: server.url });
    await strict.context().setGeolocation({ latitude: 49.80512, longitude: 73.11034, accuracy: 30 });
    await strict.goto(`${server.url}/en/i/${token}`);
    await strict.getByRole('button', { name: 'Use my position' }).click();
    await strict.getByText('Your position is filled in, to within about 30 m.', { exact: false }).waitFor();
    expect(await strict.getByLabel('Latitude').inputValue()).toBe('49.80512');
    expect(await strict.getByLabel('Longitude').inputValue()).toBe('73.11034');
    expectNoPageProblems(strict);
    // Refused by the phone: the boxes stay as they were and the page says what to do.
    await strict.context().clearPermissions();
    await strict.getByLabel('Latitude').fill('49.8');
    await strict.getByRole('button', { name: 'Use my position' }).click();
    await strict.getByText('Your position could not be found', { exact: false }).waitFor();
    expect(await strict.getByLabel('Latitude').inputValue()).toBe('49.8');
    await strict.context().close();

    // No script at all: no button, and the boxes typed by hand are sent with the report.
    const context = await browser.newContext({
      javaScriptEnabled: false,
      locale: 'ru-RU',
      viewport: { width: 390, height: 844 },
    });
    const plain = await context.newPage();
    await plain.goto(`${server.url}/ru/i/${token}`);
    await plain.getByLabel('Что сделано').waitFor();
    expect(await plain.getByRole('button', { name: 'Определить моё местоположение' }).isVisible()).toBe(
      false,
    );
    // The browser's own file box, as it is: the only way to a photo without the page's script.
    expect(await plain.getByLabel('Фото (если есть)').isVisible()).toBe(true);
    expect(await plain.getByRole('button', { name: 'Выбрать фото' }).isVisible()).toBe(false);
    await plain.getByLabel('Что сделано').fill('Second cordon at the car park');
    await plain.getByLabel('Широта').fill(' 49,8061 ');
    await plain.getByLabel('Долгота').fill('73,1122');
    await plain.getByRole('button', { name: 'Отправить доклад' }).click();
    await plain.getByText('Ваш доклад записан.').waitFor();
    await plain
      .getByRole('listitem')
      .filter({ hasText: 'Second cordon at the car park' })
      .getByText(/· Место: 49,8061; 73,1122/)
      .waitFor();
    await context.close();
    // It reaches the control room's map with no reload.
    const places = control
      .locator('section[aria-labelledby="control-map-title"]')
      .getByRole('table', { name: 'Reports and observations with a place' });
    await places.getByRole('button', { name: 'Second cordon at the car park' }).waitFor({ timeout: 30_000 });
  }, 60_000);
});
