import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approveAlert } from '../../src/services/alerts/alerts.service.js';
import { importBoundarySet } from '../../src/services/boundaries/boundaries.service.js';
import { SYSTEM_ACTOR } from '../../src/services/context.js';
import { installSigningKey, makePerson } from '../alerts/harness.js';
import { boundaryFeature, props } from '../boundaries/fixtures.js';
import { startTestServer, type TestServer } from '../support/server.js';
import {
  ensureConsoleBuilt,
  expectNoPageProblems,
  launchBrowser,
  newPage,
  screenshot,
  signIn,
} from './support.js';

const PIO = { username: 'pio.aruzhan', password: 'Pio-Aruzhan-Pass-2026' };

interface Listed {
  id: string;
  names: { en: string };
  approximate: boolean;
}
interface AlertRow {
  id: string;
  version: number;
  msgType: string;
  state: string;
  area: { kind: string; ring?: [number, number][]; region: string; lat?: number; radiusM?: number };
  texts: Record<string, { areaDesc: string }>;
}

/**
 * Setting an alert's area the three ways a PIO does it: drawing on the map (the CAP text follows),
 * picking a district from the demo's approximate boundaries (its outline, region and names follow,
 * and it says the outline is approximate), and placing a circle by a click.
 */
describe("the alert composer's area", { timeout: 180_000 }, () => {
  let server: TestServer;
  let browser: Browser;
  let pio: Page;
  let signing: ReturnType<typeof installSigningKey>;

  beforeAll(async () => {
    await ensureConsoleBuilt();
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    signing = installSigningKey(server.server.runtime.ctx);
    await server.createUser(PIO.username, PIO.password, 'pio');
    pio = await newPage(browser);
    await signIn(pio, server.url, PIO.username, PIO.password);
    await pio.getByRole('navigation').getByRole('link', { name: 'Alerts' }).click();
    await pio.getByRole('heading', { name: 'Public alerts', level: 1 }).waitFor();
  });
  afterAll(async () => {
    signing?.remove();
    await browser?.close();
    await server?.close();
  });

  const map = () => pio.getByRole('region', { name: "Map of the alert's area" });
  const canvas = () => pio.locator('canvas.maplibregl-canvas');
  /** The segmented control's radios are hidden behind their labels, as a person sees them. */
  const mode = (name: string) => pio.locator('label', { hasText: name }).click();
  const mine = async (): Promise<AlertRow[]> =>
    ((await (await pio.request.get(`${server.url}/api/v1/alerts`)).json()) as { items: AlertRow[] }).items;

  it('writes a polygon drawn on the map as CAP points, closed', async () => {
    await map().waitFor();
    await pio.locator('[data-ready="true"]').waitFor();
    const points = pio.getByLabel('Polygon points');
    // A typed ring moves the map to it, so the drawing lands in Almaty.
    await points.fill('43.22,76.88 43.22,76.98 43.28,76.98 43.28,76.88 43.22,76.88');
    await pio.getByRole('button', { name: 'Start again' }).click();
    await expect(points.inputValue()).resolves.toBe('');
    const box = (await canvas().boundingBox())!;
    const at = (dx: number, dy: number) => ({ x: box.width / 2 + dx, y: box.height / 2 + dy });
    await canvas().click({ position: at(-100, -60) });
    await canvas().click({ position: at(100, -60) });
    await canvas().click({ position: at(110, 70) });
    await canvas().dblclick({ position: at(-90, 80) });
    await expect.poll(() => points.inputValue()).toMatch(/^(\S+ ){4}\S+$/);
    const pairs = (await points.inputValue()).split(' ');
    expect(pairs[0]).toBe(pairs[4]);
    for (const pair of pairs) {
      const [lat, lon] = pair.split(',').map(Number) as [number, number];
      expect(lat).toBeGreaterThan(43.1);
      expect(lat).toBeLessThan(43.4);
      expect(lon).toBeGreaterThan(76.7);
      expect(lon).toBeLessThan(77.2);
    }
    await screenshot(pio, 'alerts-composer-drawn');
    expectNoPageProblems(pio);
  });

  it("takes a picked district's outline, region and names, and says the outline is approximate", async () => {
    const listed = (
      (await (await pio.request.get(`${server.url}/api/v1/boundaries?q=Medeu`)).json()) as { items: Listed[] }
    ).items;
    const medeu = listed.find((b) => /Medeu/.test(b.names.en))!;
    expect(medeu.approximate).toBe(true);

    await mode('Pick a place');
    await pio.getByRole('combobox', { name: 'Place' }).fill('Medeu');
    await pio.getByRole('option', { name: /Medeu/ }).click();
    await pio.getByText(/Approximate outline: check on the map/).waitFor();
    await expect.poll(() => pio.getByLabel('Area name in English').inputValue()).toBe(medeu.names.en);
    await expect(pio.getByLabel('Region or city').inputValue()).resolves.toBe('KZ-75');
    await pio.getByLabel('Hazard').selectOption('earthquake');
    await screenshot(pio, 'alerts-composer-place');
    await pio.getByRole('button', { name: 'Submit for approval' }).click();
    await pio
      .getByRole('region', { name: 'Approval queue' })
      .getByText(`Earthquake: ${medeu.names.en}`)
      .waitFor();

    const outline = (await (await pio.request.get(`${server.url}/api/v1/boundaries/${medeu.id}`)).json()) as {
      geometry: { type: string; coordinates: [number, number][][] };
    };
    const [sent] = await mine();
    expect(sent!.area.kind).toBe('polygon');
    expect(sent!.area.region).toBe('KZ-75');
    expect(sent!.area.ring).toEqual(outline.geometry.coordinates[0]);
    expect(sent!.texts.en!.areaDesc).toBe(medeu.names.en);
    expectNoPageProblems(pio);
  });

  it('updates a sent alert in one action: the area picked anew, its names following, into the queue', async () => {
    const ctx = server.server.runtime.ctx;
    const auth = await makePerson(ctx, 'auth.update', 'authoriser');
    const [sent] = await mine();
    await approveAlert(ctx, auth.info, auth.actor, sent!.id, sent!.version, auth.code());
    await pio.reload();
    const all = pio.getByRole('region', { name: 'All alerts' });
    await all.getByRole('button', { name: 'Update', exact: true }).click();
    const dialog = pio.getByRole('dialog');
    // It starts from what was sent: the district's outline, as CAP points.
    await expect.poll(() => dialog.getByLabel('Polygon points').inputValue()).toMatch(/^(\S+ ){4,}\S+$/);
    await dialog.locator('label', { hasText: 'Pick a place' }).click();
    await dialog.getByRole('combobox', { name: 'Place' }).fill('Bostandyq');
    await pio.getByRole('option', { name: /Bostandyq/ }).click();
    await expect.poll(() => dialog.getByLabel('Area name in English').inputValue()).toMatch(/Bostandyq/);
    await dialog.locator('[data-ready="true"]').waitFor();
    await pio.evaluate(() => new Promise((resolve) => setTimeout(resolve, 1500)));
    await screenshot(pio, 'alerts-update');
    await dialog.getByRole('button', { name: 'Submit the update for approval' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const queue = pio.getByRole('region', { name: 'Approval queue' });
    await queue.getByText(/Earthquake: .*Bostandyq/).waitFor();
    await queue.getByText('Update · Earthquake').waitFor();
    const update = (await mine()).find((a) => a.msgType === 'Update')!;
    expect(update.state).toBe('awaiting_approval');
    expect(update.area.kind).toBe('polygon');
    expect(update.area.ring).not.toEqual(sent!.area.ring);
    expectNoPageProblems(pio);
  });

  it('places a circle by a click on the map and a radius', async () => {
    await mode('Circle');
    await canvas().click({ position: { x: 200, y: 150 } });
    await expect.poll(() => pio.getByLabel('Latitude').inputValue()).toMatch(/^\d+\.\d{5}$/);
    await expect(pio.getByLabel('Longitude').inputValue()).resolves.toMatch(/^\d+\.\d{5}$/);
    await pio.getByLabel('Radius, km').fill('3');
    await screenshot(pio, 'alerts-composer-circle');
    expectNoPageProblems(pio);
  });

  it('names the ways, the places and the regions in Kazakh and Russian', async () => {
    for (const [button, mode, place, region] of [
      ['Қазақша', 'Орынды таңдау', 'Медеу ауданы', 'Алматы'],
      ['Русский', 'Выбрать место', 'Медеуский район', 'Алматы'],
    ] as const) {
      await pio.getByRole('button', { name: button }).click();
      await pio.locator('label', { hasText: mode }).click();
      // Picked by its name in this language once (the page was reloaded since the English pick);
      // after that the same pick reads in whichever language the console speaks.
      const input = pio.locator('input[aria-haspopup="listbox"]');
      if (button === 'Қазақша') {
        await input.fill('Медеу');
        await pio.getByRole('option', { name: new RegExp(place) }).click();
      }
      await expect.poll(() => input.inputValue()).toContain(place);
      const chosen = pio.locator('select').filter({ has: pio.locator('option[value="KZ-75"]') });
      await expect(chosen.locator('option:checked').textContent()).resolves.toBe(region);
      await screenshot(pio, `alerts-composer-place-${button === 'Қазақша' ? 'kk' : 'ru'}`);
    }
    await pio.getByRole('button', { name: 'English' }).click();
  });

  it('covers a detailed outline with the points CAP receivers take, and says so', async () => {
    // A district outline of 3,000 points, as a real survey gives, imported beside the demo's.
    const n = 3000;
    const k = Math.cos((43.3 * Math.PI) / 180);
    const outline = Array.from({ length: n }, (_, i): [number, number] => {
      const a = (2 * Math.PI * i) / n;
      const r = 0.08 * (1 + 0.2 * Math.sin(5 * a) + 0.05 * Math.sin(17 * a));
      return [Number((77.1 + (r * Math.cos(a)) / k).toFixed(6)), Number((43.3 + r * Math.sin(a)).toFixed(6))];
    });
    outline.push(outline[0]!);
    await importBoundarySet(server.server.runtime.ctx, SYSTEM_ACTOR, 'surveyed', {
      approximate: false,
      geojson: {
        type: 'FeatureCollection',
        features: [boundaryFeature(props('talgar-survey', 'district', 'Talgar surveyed'), outline)],
      },
    });
    await pio.reload();
    await mode('Pick a place');
    await pio.getByRole('combobox', { name: 'Place' }).fill('Talgar');
    await pio.getByRole('option', { name: /Talgar surveyed/ }).click();
    const notice = pio.getByTestId('alert-area-simplified');
    await expect.poll(() => notice.textContent()).toMatch(/points: 3000 → \d+\)/);
    const points = Number(/→ (\d+)/.exec((await notice.textContent())!)![1]);
    expect(points).toBeLessThanOrEqual(100);
    await pio.getByLabel('Hazard').selectOption('flood');
    await pio.getByRole('button', { name: 'Submit for approval' }).click();
    await pio
      .getByRole('region', { name: 'Approval queue' })
      .getByText(/^Flood.*: Talgar surveyed$/)
      .waitFor();
    // The composer keeps the area after submitting, the map framed on it by now.
    await screenshot(pio, 'alerts-composer-simplified');
    const sent = (await mine()).find((a) => a.texts.en?.areaDesc === 'Talgar surveyed')!;
    expect(sent.area.ring!.length).toBe(points);
    expectNoPageProblems(pio);
  });
});
