/**
 * The exercise map in Chromium under the console's real CSP: the packaged offline basemap draws
 * land, the plan's venue, zone and closure show, and a polygon drawn by clicks comes back as valid
 * GeoJSON. <ExerciseMap> is mounted alone by web/test/map-harness, built here and served on the
 * server's own origin, so no test page ships in the console.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodePng } from '../support/png.js';
import { writePmtiles, type WrittenTile } from '../support/pmtiles.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { expectNoPageProblems, launchBrowser, newPage, screenshot, signIn } from './support.js';

const ROOT = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const HARNESS = '/console/map-harness/';

/**
 * One harness build and one Chromium for the whole file, started by whichever describe needs them
 * first: the harness bundles MapLibre, the slowest step here, and is the same for every basemap.
 */
const HARNESS_DIR = mkdtempSync(path.join(tmpdir(), 'dabyl-map-harness-'));
let harnessBuilt: Promise<void> | undefined;
const harnessBuild = (): Promise<void> => (harnessBuilt ??= buildHarness(HARNESS_DIR));
let launched: Promise<Browser> | undefined;
const sharedBrowser = (): Promise<Browser> => (launched ??= launchBrowser());

afterAll(async () => {
  await (await launched?.catch(() => undefined))?.close();
  rmSync(HARNESS_DIR, { recursive: true, force: true });
});

async function buildHarness(outDir: string): Promise<void> {
  await build({
    configFile: false,
    root: path.join(ROOT, 'web/test/map-harness'),
    base: HARNESS,
    plugins: [react()],
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, assetsInlineLimit: 0, chunkSizeWarningLimit: 5000 },
  });
}

async function api(
  server: TestServer,
  session: { cookie: string; csrf: string },
  url: string,
  body: unknown,
) {
  const res = await fetch(`${server.url}/api/v1${url}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrf },
    body: JSON.stringify(body),
  });
  expect(res.status, `${url}: ${await res.clone().text()}`).toBeLessThan(300);
  return (await res.json()) as { id: string };
}

/** An exercise in Karaganda with a prison, a cordon around it and a closed avenue. */
async function seedExercise(server: TestServer): Promise<string> {
  const login = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: server.admin.username, password: server.admin.password }),
  });
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const session = { cookie, csrf: ((await login.json()) as { csrfToken: string }).csrfToken };
  const programme = await api(server, session, '/programmes', { name: 'Autumn series' });
  const exercise = await api(server, session, '/exercises', {
    programmeId: programme.id,
    name: 'Karaganda prison attack',
    type: 'full-scale',
    timeZone: 'Asia/Almaty',
    startex: '2026-10-25T09:00:00+05:00',
    endex: '2026-10-25T17:00:00+05:00',
  });
  const url = `/exercises/${exercise.id}`;
  await api(server, session, `${url}/venues`, {
    name: 'Karaganda correctional colony',
    kind: 'prison',
    point: { lon: 73.0867, lat: 49.8047 },
  });
  await api(server, session, `${url}/zones`, {
    name: 'Prison cordon',
    kind: 'cordon',
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [73.078, 49.8],
          [73.095, 49.8],
          [73.095, 49.81],
          [73.078, 49.81],
          [73.078, 49.8],
        ],
      ],
    },
  });
  await api(server, session, `${url}/zones`, {
    name: 'Bukhar-Zhyrau Ave closed',
    kind: 'road-closure',
    road: 'Bukhar-Zhyrau Ave',
    geometry: {
      type: 'LineString',
      coordinates: [
        [73.07, 49.795],
        [73.11, 49.815],
      ],
    },
    startsAt: '2026-10-25T08:30:00+05:00',
    endsAt: '2026-10-25T13:00:00+05:00',
  });
  return exercise.id;
}

/** Colours of a grid of canvas pixels, read back from a screenshot of the map's canvas. */
async function canvasColours(page: Page): Promise<Set<string>> {
  const png = await page.locator('canvas.maplibregl-canvas').screenshot();
  const colours = await page.evaluate(async (base64) => {
    // Decoded by hand: the page's CSP refuses a fetch of a data: URL.
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const g = canvas.getContext('2d')!;
    g.drawImage(bitmap, 0, 0);
    const seen = new Set<string>();
    for (let y = 5; y < bitmap.height; y += 20) {
      for (let x = 5; x < bitmap.width; x += 20) {
        const [r, gr, b] = g.getImageData(x, y, 1, 1).data;
        seen.add(`${r},${gr},${b}`);
      }
    }
    return [...seen];
  }, png.toString('base64'));
  return new Set(colours);
}

/** A signed-in page, the real CSP enforced, with the harness answered on the server's origin under that CSP. */
async function openMapHarness(
  browser: Browser,
  server: TestServer,
  outDir: string,
  exerciseId: string,
  query: string,
  readyWithin = 20_000,
): Promise<Page> {
  const page = await newPage(browser, { csp: true });
  const consoleCsp = (await fetch(`${server.url}/console/`)).headers.get('content-security-policy')!;
  expect(consoleCsp).toContain("worker-src 'self' blob:");
  await page.route(`${server.url}${HARNESS}**`, (route) => {
    const wanted = new URL(route.request().url()).pathname.slice(HARNESS.length) || 'index.html';
    const type = wanted.endsWith('.js')
      ? 'text/javascript'
      : wanted.endsWith('.css')
        ? 'text/css'
        : 'text/html';
    return route.fulfill({
      body: readFileSync(path.join(outDir, wanted)),
      headers: { 'content-type': type, 'content-security-policy': consoleCsp },
    });
  });
  await signIn(page, server.url, server.admin.username, server.admin.password);
  await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
  await page.goto(`${server.url}${HARNESS}index.html?exercise=${exerciseId}&${query}`);
  await page.locator('[data-ready="true"]').waitFor({ timeout: readyWithin });
  // Idle means every source has loaded and the frame is drawn.
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 1500)));
  return page;
}

describe('the exercise map', () => {
  let server: TestServer;
  let browser: Browser;
  let exerciseId: string;

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startTestServer({ demo: false }),
      sharedBrowser(),
      harnessBuild(),
    ]);
    exerciseId = await seedExercise(server);
  }, 180_000);

  afterAll(async () => {
    await server?.close();
  });

  const openHarness = (query: string) => openMapHarness(browser, server, HARNESS_DIR, exerciseId, query);

  it('draws the offline basemap with the venue, cordon and closure over it', async () => {
    const page = await openHarness('');
    await page.getByRole('region', { name: 'Exercise map' }).waitFor();
    await page.getByText('Road closure').waitFor();
    const colours = await canvasColours(page);
    // Not one flat colour: land, sea or overlay fills and lines all show.
    expect(colours.size).toBeGreaterThan(5);
    await screenshot(page, 'map-karaganda');

    // Zoomed out to the region: land, and the Caspian Sea well inside the frame.
    for (let i = 0; i < 11; i++) await page.getByRole('button', { name: 'Zoom out' }).click();
    // Zoom animations and tile work take longer on a busy machine: wait for both colours, bounded.
    let wide = await canvasColours(page);
    for (let tries = 0; tries < 20 && !(wide.has('244,241,234') && wide.has('207,227,243')); tries++) {
      await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 750)));
      wide = await canvasColours(page);
    }
    expect(wide.has('244,241,234'), 'land colour').toBe(true);
    expect(wide.has('207,227,243'), 'sea colour').toBe(true);
    await screenshot(page, 'map-kazakhstan');
    expectNoPageProblems(page);
    await page.context().close();
  }, 90_000);

  it('draws once and then rests while nothing it shows changes', async () => {
    // Shown without reports: a default list made anew on every render once set the overlay again
    // after each draw, so the map redrew without end and held a core for as long as it was open.
    const page = await openHarness('');
    await page.locator('[data-drawn="true"]').waitFor({ timeout: 20_000 });
    const flips = await page.evaluate(`new Promise((resolve) => {
      let n = 0;
      const map = document.querySelector('[data-drawn]');
      new MutationObserver((changes) => { n += changes.length; })
        .observe(map, { attributes: true, attributeFilter: ['data-drawn'] });
      setTimeout(() => resolve(n), 2000);
    })`);
    expect(flips).toBe(0);
    await page.context().close();
  }, 60_000);

  it('draws a polygon by clicks and reports it as closed, counter-clockwise GeoJSON', async () => {
    const page = await openHarness('edit=polygon');
    await page.getByText(/Click to add corners/).waitFor();
    const canvas = page.locator('canvas.maplibregl-canvas');
    const box = (await canvas.boundingBox())!;
    const at = (dx: number, dy: number) => ({ x: box.width / 2 + dx, y: box.height / 2 + dy });
    await canvas.click({ position: at(-120, -80) });
    await canvas.click({ position: at(120, -80) });
    await canvas.click({ position: at(140, 90) });
    await canvas.dblclick({ position: at(-100, 100) });
    await page.getByText(/Drag a corner to move it/).waitFor();
    const changes = JSON.parse((await page.getByTestId('changes').textContent()) ?? '[]') as {
      type: string;
      coordinates: [number, number][][];
    }[];
    expect(changes).toHaveLength(1);
    const [polygon] = changes;
    expect(polygon?.type).toBe('Polygon');
    const ring = polygon!.coordinates[0]!;
    expect(ring).toHaveLength(5);
    expect(ring[0]).toEqual(ring[4]);
    for (const [lon, lat] of ring) {
      expect(lon).toBeGreaterThan(72.9);
      expect(lon).toBeLessThan(73.3);
      expect(lat).toBeGreaterThan(49.7);
      expect(lat).toBeLessThan(49.9);
    }
    await screenshot(page, 'map-drawn-polygon');

    // Dragging a corner reports the changed shape once more.
    const corner = at(140, 90);
    await page.mouse.move(box.x + corner.x, box.y + corner.y);
    await page.mouse.down();
    await page.mouse.move(box.x + corner.x + 40, box.y + corner.y + 30, { steps: 5 });
    await page.mouse.up();
    await expect
      .poll(async () => JSON.parse((await page.getByTestId('changes').textContent()) ?? '[]').length)
      .toBe(2);

    // Delete takes away the corner just dragged, leaving a triangle.
    await page.keyboard.press('Delete');
    await expect
      .poll(async () => {
        const all = JSON.parse((await page.getByTestId('changes').textContent()) ?? '[]');
        return all.length === 3 ? all[2].coordinates[0].length : 0;
      })
      .toBe(4);
    expectNoPageProblems(page);
    await page.context().close();
  }, 60_000);
});

/** Sand-coloured world tiles, zoom 0–4, each framed by a darker line so the tiles can be told apart. */
const SAND: [number, number, number] = [233, 214, 160];
function rasterWorld(): Buffer {
  const tiles: WrittenTile[] = [];
  for (let z = 0; z <= 4; z++) {
    const png = encodePng(256, (x, y) => (x < 2 || y < 2 ? [150, 120, 60] : SAND));
    for (let x = 0; x < 2 ** z; x++) for (let y = 0; y < 2 ** z; y++) tiles.push({ z, x, y, data: png });
  }
  return writePmtiles(tiles, { tileType: 'png', metadata: { attribution: 'Test tiles' } });
}

describe('the exercise map on a PMTiles basemap', () => {
  let server: TestServer;
  let browser: Browser;
  let exerciseId: string;
  const outDir = mkdtempSync(path.join(tmpdir(), 'dabyl-map-pmtiles-'));
  const archive = path.join(outDir, 'world.pmtiles');

  beforeAll(async () => {
    writeFileSync(archive, rasterWorld());
    [server, browser] = await Promise.all([
      startTestServer({ demo: false, env: { DABYL_BASEMAP: archive } }),
      sharedBrowser(),
      harnessBuild(),
    ]);
    exerciseId = await seedExercise(server);
    // The offline layers under the archive are built on first use; build them before the page waits.
    for (const name of ['countries', 'borders', 'cities']) {
      const layer = await fetch(`${server.url}/basemap/${name}.geojson`);
      expect(layer.status).toBe(200);
      // Read whole: an answer left unread keeps its connection busy, and the server's close waits for it.
      await layer.arrayBuffer();
    }
  }, 180_000);

  afterAll(async () => {
    await server?.close();
    rmSync(outDir, { recursive: true, force: true });
  });

  it('draws the raster tiles read out of the archive, with no plugin', async () => {
    // A busy machine's software WebGL takes its time over the first frame of country polygons.
    const harness = await openMapHarness(browser, server, HARNESS_DIR, exerciseId, '', 60_000);
    await harness.getByText('Road closure').waitFor();
    // Zoomed out to the region, so that several tiles are on screen.
    for (let i = 0; i < 9; i++) await harness.getByRole('button', { name: 'Zoom out' }).click();
    let colours = await canvasColours(harness);
    for (let tries = 0; tries < 20 && !colours.has(SAND.join(',')); tries++) {
      await harness.evaluate(() => new Promise((resolve) => setTimeout(resolve, 750)));
      colours = await canvasColours(harness);
    }
    expect(colours.has(SAND.join(',')), "the tiles' sand colour").toBe(true);
    // Every tile the page fetched since it opened, from the browser's own resource timing.
    const tiles = await harness.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .filter((e) => e.name.includes('/basemap/tiles/'))
        .map((e) => ({ url: e.name, status: (e as PerformanceResourceTiming).responseStatus })),
    );
    expect(tiles.length).toBeGreaterThan(0);
    for (const tile of tiles) {
      expect(tile.url).toMatch(/\/basemap\/tiles\/\d+\/\d+\/\d+\.png$/);
      expect(tile.status, tile.url).toBe(200);
    }
    await screenshot(harness, 'map-pmtiles-raster');
    expectNoPageProblems(harness);
    await harness.context().close();
  }, 150_000);
});
