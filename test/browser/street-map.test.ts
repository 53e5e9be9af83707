import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildNotice, storePublished } from '../portal/fixtures.js';
import { encodePng } from '../support/png.js';
import { writePmtiles, type WrittenTile } from '../support/pmtiles.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { expectNoPageProblems, launchBrowser, newPage, screenshot } from './support.js';

/*
 * A resident opens a notice on a server with a street basemap: the closed road and the drill area
 * are drawn over the streets, numbered as in the list, and the map zooms; with JavaScript off, and
 * on paper, the drawing is there instead.
 */

/** Streets: a grid of yellow roads between grey blocks, at the zooms a city map is read at. */
const ROAD: [number, number, number] = [250, 204, 60];
const BLOCK: [number, number, number] = [214, 214, 206];
const CLOSURE: [number, number, number] = [179, 38, 30];
const BOUNDS: [number, number, number, number] = [71.38, 51.05, 71.48, 51.13];

const tileX = (lon: number, z: number) => Math.floor(((lon + 180) / 360) * 2 ** z);
const tileY = (lat: number, z: number) => {
  const r = (lat * Math.PI) / 180;
  return Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * 2 ** z);
};

function streets(): Buffer {
  const png = encodePng(256, (x, y) => (x % 64 < 8 || y % 64 < 8 ? ROAD : BLOCK));
  const tiles: WrittenTile[] = [];
  for (let z = 11; z <= 14; z++) {
    for (let x = tileX(BOUNDS[0], z); x <= tileX(BOUNDS[2], z); x++)
      for (let y = tileY(BOUNDS[3], z); y <= tileY(BOUNDS[1], z); y++) tiles.push({ z, x, y, data: png });
  }
  return writePmtiles(tiles, {
    tileType: 'png',
    bounds: BOUNDS,
    metadata: { attribution: 'Test streets' },
  });
}

/** Whether the map's canvas shows a colour, allowing for blending at the edges of what is drawn. */
async function shows(page: Page, colour: [number, number, number]): Promise<boolean> {
  const png = await page.locator('.street-map canvas').screenshot();
  return page.evaluate(
    async ({ base64, want }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const g = canvas.getContext('2d')!;
      g.drawImage(bitmap, 0, 0);
      const data = g.getImageData(0, 0, bitmap.width, bitmap.height).data;
      for (let i = 0; i < data.length; i += 4 * 3) {
        if (want.every((c, k) => Math.abs(data[i + k]! - c) <= 12)) return true;
      }
      return false;
    },
    { base64: png.toString('base64'), want: colour },
  );
}

async function waitToShow(page: Page, colour: [number, number, number]): Promise<boolean> {
  for (let tries = 0; tries < 30; tries++) {
    if (await shows(page, colour)) return true;
    await page.waitForTimeout(500);
  }
  return false;
}

describe('the street map of a notice', () => {
  let server: TestServer;
  let browser: Browser;
  const dir = mkdtempSync(path.join(tmpdir(), 'dabyl-street-map-'));
  const archive = path.join(dir, 'astana.pmtiles');
  const notice = buildNotice({ slug: 'expo-streets' });
  // An area inside another and a road through both middles: three numbers that belong at one place.
  const square = (half: number) => ({
    type: 'Polygon' as const,
    coordinates: [
      [
        [71.4145 - half, 51.0915 - half / 2],
        [71.4145 + half, 51.0915 - half / 2],
        [71.4145 + half, 51.0915 + half / 2],
        [71.4145 - half, 51.0915 + half / 2],
        [71.4145 - half, 51.0915 - half / 2],
      ],
    ],
  });
  const stacked = buildNotice({ slug: 'expo-stacked' });
  const [area, closure] = stacked.snapshot.areas as [
    (typeof stacked.snapshot.areas)[number],
    (typeof stacked.snapshot.areas)[number],
  ];
  stacked.snapshot.areas = [
    { ...area, geometry: square(0.006) },
    { ...area, id: `${area.id}-inner`, geometry: square(0.002) },
    {
      ...closure,
      geometry: {
        type: 'LineString',
        coordinates: [
          [71.4145, 51.085],
          [71.4145, 51.0915],
          [71.4145, 51.098],
        ],
      },
    },
  ];

  beforeAll(async () => {
    writeFileSync(archive, streets());
    [server, browser] = await Promise.all([
      startTestServer({ demo: false, env: { DABYL_BASEMAP: archive } }),
      launchBrowser(),
    ]);
    await storePublished(server.server.runtime.ctx, notice);
    await storePublished(server.server.runtime.ctx, stacked);
    // The offline layers under the archive are built on first use; build them before the page waits.
    for (const name of ['countries', 'borders', 'cities']) {
      const layer = await fetch(`${server.url}/basemap/${name}.geojson`);
      expect(layer.status).toBe(200);
      // Read whole: an answer left unread keeps its connection busy, and the server's close waits for it.
      await layer.arrayBuffer();
    }
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('draws the closed road and the area over the streets, numbered as listed, and zooms', async () => {
    const page = await newPage(browser, { csp: true });
    // The first visit loads the map's script and its first tiles; on a machine running other
    // tests beside this one that has taken longer than the default ten seconds.
    await page.goto(`${server.url}/ru/notices/expo-streets`, { timeout: 60_000 });
    const map = page.getByRole('region', { name: 'Карта улиц: Учения у EXPO' });
    await page.locator('figure.map.has-street-map').waitFor({ timeout: 60_000 });
    await expect(page.locator('svg.map-wide').isVisible()).resolves.toBe(false);
    // The numbers are the list's: 1 the area, 2 the closed road.
    await expect(map.locator('.street-map-number').allTextContents()).resolves.toEqual(['1', '2']);
    await expect(map.locator('.street-map-number.closure').textContent()).resolves.toBe('2');
    expect(await waitToShow(page, ROAD), 'the streets of the archive').toBe(true);
    expect(await waitToShow(page, CLOSURE), 'the closed road over them').toBe(true);
    await screenshot(page, 'notice-street-map-ru');

    const before = await page.evaluate(() => performance.getEntriesByType('resource').length);
    await map.getByRole('button', { name: 'Отдалить' }).click();
    await map.getByRole('button', { name: 'Приблизить' }).click();
    await map.getByRole('button', { name: 'Приблизить' }).click();
    // The zoom asks for more tiles; on a loaded machine that takes longer than any fixed pause.
    await expect
      .poll(() => page.evaluate((n) => performance.getEntriesByType('resource').length > n, before), {
        timeout: 30_000,
      })
      .toBe(true);
    const tiles = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .filter((e) => e.name.includes('/basemap/tiles/'))
        .map((e) => ({ url: e.name, status: (e as PerformanceResourceTiming).responseStatus })),
    );
    // Status 0: the map cancelled the request when the view moved on (a quick zoom on a busy
    // machine); every tile that was answered must have been answered whole.
    const answered = tiles.filter((t) => t.status !== 0);
    expect(answered.length).toBeGreaterThan(0);
    for (const tile of answered) expect(tile.status, tile.url).toBe(200);
    expectNoPageProblems(page);
    await page.context().close();
  }, 150_000);

  it('sets numbers that belong at one place side by side, none hiding another, at every zoom', async () => {
    const page = await newPage(browser, { csp: true });
    await page.goto(`${server.url}/ru/notices/expo-stacked`, { timeout: 60_000 });
    await page.locator('figure.map.has-street-map').waitFor({ timeout: 60_000 });
    const badges = page.locator('.street-map-number');
    const overlaps = async () => {
      const boxes = await badges.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON()));
      const hit: string[] = [];
      boxes.forEach((a, i) =>
        boxes.slice(0, i).forEach((b, j) => {
          if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1)
            hit.push(`${j + 1}×${i + 1}`);
        }),
      );
      return hit;
    };
    await expect(badges.allTextContents()).resolves.toEqual(['1', '2', '3']);
    expect(await overlaps()).toEqual([]);
    await screenshot(page, 'notice-street-map-stacked');
    await page.getByRole('button', { name: 'Отдалить' }).click();
    await expect.poll(overlaps, { timeout: 10_000 }).toEqual([]);
    expectNoPageProblems(page);
    await page.context().close();
  }, 120_000);

  it('fits a 320-px phone, and leaves the drawing for print', async () => {
    const page = await newPage(browser, { csp: true });
    await page.setViewportSize({ width: 320, height: 700 });
    await page.goto(`${server.url}/kk/notices/expo-streets`);
    await page.locator('figure.map.has-street-map').waitFor({ timeout: 60_000 });
    expect(await waitToShow(page, CLOSURE)).toBe(true);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'notice-street-map-kk-phone');
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.street-map').isVisible()).resolves.toBe(false);
    await expect(page.locator('svg.map-wide').isVisible()).resolves.toBe(true);
    expectNoPageProblems(page);
    await page.context().close();
  }, 150_000);

  it('shows the drawing to a reader without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(`${server.url}/en/notices/expo-streets`);
    await page.locator('svg.map-wide').waitFor();
    await expect(page.locator('.street-map').count()).resolves.toBe(0);
    await page.getByText('Road closed').first().waitFor();
    await context.close();
  }, 60_000);
});
