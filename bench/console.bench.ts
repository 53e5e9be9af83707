/**
 * The console's own targets (../shared/PERFORMANCE.md, "console"; issue 13 §6), in Debian's Chromium
 * (headless, software WebGL, 1280 × 800), each beside a bare page doing the same in the same browser:
 *
 * - **The exercise map.** From the navigation to the demo's Karaganda exercise's Venues tab until the
 *   map is drawn: MapLibre idle with the plan's venues, zones and closures over the packaged basemap
 *   (`data-drawn` on the map, `web/src/map/ExerciseMap.tsx`). First visit (the console's own code
 *   cached from signing in, the map's chunk not yet), reload, and a click on the tab in the console
 *   as loaded (from the exercise's Overview). The baseline is raw MapLibre (its dist bundle) in a bare
 *   page of the same size: made framed on the plan's places, which it adds as soon as the style is
 *   in, drawn with layers of the same kinds on the same style, the basemap's requests proxied to the
 *   same server; for the click, the map is made in the bare page already loaded. Target: ≤ 1 s.
 * - **The MSEL grid of 5,000 injects**, scrolled by STEP px a frame for FRAMES frames, as a steady
 *   wheel would, the frame times read from requestAnimationFrame. A frame is dropped when an interval
 *   spans more than one refresh (each interval counts the refreshes it skipped). The baseline is a
 *   plain 5,000-row table of the same texts in a scroller of the same size. Target: none dropped.
 *
 * Run: npx tsx bench/console.bench.ts   (RUNS=5 FRAMES=300 STEP=40)
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { exerciseWithInjects } from '../test/browser/planningFixtures.js';
import { ensureConsoleBuilt, launchBrowser, signIn } from '../test/browser/support.js';
import { startTestServer, type TestServer } from '../test/support/server.js';

type Geometry = { type: string; coordinates: unknown };
interface MapVenue {
  name: string;
  point: { lon: number; lat: number };
  footprint?: Geometry | null;
}
interface MapZone {
  kind: string;
  geometry: Geometry;
}
interface FeatureCollection {
  type: 'FeatureCollection';
  features: { type: 'Feature'; properties: Record<string, string>; geometry: Geometry }[];
}

/**
 * The plan's places as plain GeoJSON for the bare page (the console's own feature code is built for
 * the browser): venue points and footprints, zones with their kind.
 */
function planFeatures(venues: readonly MapVenue[], zones: readonly MapZone[]): FeatureCollection {
  const feature = (geometry: Geometry, kind: string, name = '') => ({
    type: 'Feature' as const,
    properties: { kind, name },
    geometry,
  });
  return {
    type: 'FeatureCollection',
    features: [
      ...venues.map((v) =>
        feature({ type: 'Point', coordinates: [v.point.lon, v.point.lat] }, 'venue', v.name),
      ),
      ...venues.flatMap((v) => (v.footprint ? [feature(v.footprint, 'footprint')] : [])),
      ...zones.map((z) => feature(z.geometry, z.kind)),
    ],
  };
}

/** West, south, east, north of every position in the collection. */
function boundsOf(c: FeatureCollection): [number, number, number, number] {
  const box: [number, number, number, number] = [180, 90, -180, -90];
  const visit = (v: unknown): void => {
    if (Array.isArray(v) && typeof v[0] === 'number') {
      const [x, y] = v as [number, number];
      box[0] = Math.min(box[0], x);
      box[1] = Math.min(box[1], y);
      box[2] = Math.max(box[2], x);
      box[3] = Math.max(box[3], y);
    } else if (Array.isArray(v)) v.forEach(visit);
  };
  for (const f of c.features) visit(f.geometry.coordinates);
  return box;
}

/** Layers of the console's kinds (fills, lines, venue dots and names, the names' font as the console's). */
const BARE_LAYERS = [
  { id: 'fill', type: 'fill', source: 'plan', filter: ['==', ['geometry-type'], 'Polygon'], paint: { 'fill-color': '#1c7ed6', 'fill-opacity': 0.15 } },
  { id: 'outline', type: 'line', source: 'plan', filter: ['==', ['geometry-type'], 'Polygon'], paint: { 'line-color': '#1c7ed6', 'line-width': 2 } },
  { id: 'closure', type: 'line', source: 'plan', filter: ['==', ['geometry-type'], 'LineString'], paint: { 'line-color': '#c92a2a', 'line-width': 4, 'line-dasharray': [2, 1] } },
  { id: 'venue', type: 'circle', source: 'plan', filter: ['==', ['geometry-type'], 'Point'], paint: { 'circle-radius': 7, 'circle-color': '#5f3dc4', 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2 } },
  { id: 'venue-name', type: 'symbol', source: 'plan', filter: ['==', ['get', 'kind'], 'venue'], layout: { 'text-field': ['get', 'name'], 'text-font': ['DejaVu Sans Bold', 'Arial Bold', 'sans-serif'], 'text-size': 13, 'text-anchor': 'top', 'text-offset': [0, 0.8], 'text-max-width': 12 }, paint: { 'text-color': '#1a1b1e', 'text-halo-color': '#ffffff', 'text-halo-width': 2 } },
]; // prettier-ignore

const RUNS = Number(process.env.RUNS ?? 5);
const FRAMES = Number(process.env.FRAMES ?? 300);
const STEP = Number(process.env.STEP ?? 40);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MAPLIBRE = path.join(ROOT, 'node_modules/maplibre-gl/dist');
const VIEWPORT = { width: 1280, height: 800 };

/**
 * Records when anything on the page first says `data-drawn="true"`, in ms from navigation start.
 * A string: a function handed over would carry the name helpers tsx adds, which the page lacks.
 */
const DRAWN_PROBE = `
  new MutationObserver(() => {
    if (window.drawnAt === undefined && document.querySelector('[data-drawn="true"]')) window.drawnAt = performance.now();
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-drawn'] });
`;

async function context(browser: Browser): Promise<BrowserContext> {
  const ctx = await browser.newContext({ locale: 'en-US', viewport: VIEWPORT, serviceWorkers: 'block' });
  await ctx.addInitScript(DRAWN_PROBE);
  return ctx;
}

async function drawnAfter(page: Page, go: () => Promise<unknown>): Promise<number> {
  await go();
  await page.waitForFunction(() => (window as { drawnAt?: number }).drawnAt !== undefined, null, {
    timeout: 60_000,
  });
  return page.evaluate(() => (window as { drawnAt?: number }).drawnAt!);
}

/** From just before `act` (a click, in a page already loaded) to the map drawn, in ms. */
async function drawnAfterClick(page: Page, act: () => Promise<unknown>): Promise<number> {
  await page.evaluate('window.drawnAt = undefined; window.clickAt = performance.now()');
  await act();
  await page.waitForFunction(() => (window as { drawnAt?: number }).drawnAt !== undefined, null, {
    timeout: 60_000,
  });
  return (await page.evaluate('window.drawnAt - window.clickAt')) as number;
}

interface MapScene {
  features: FeatureCollection;
  box: [number, number, number, number];
  size: { width: number; height: number };
}

function baselineMapPage(scene: MapScene): string {
  const data = JSON.stringify({ ...scene, layers: BARE_LAYERS, source: 'plan' }).replace(/</g, '\\u003c');
  return `<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="/maplibre-gl.css">
<style>body{margin:0}#map{width:${scene.size.width}px;height:${scene.size.height}px}</style></head>
<body><div id="map"></div><script src="/maplibre-gl.js"></script><script>
const d = ${data};
window.start = () => {
  const map = new maplibregl.Map({ container: 'map', style: '/basemap/style.json',
    bounds: d.box, fitBoundsOptions: { padding: 48, maxZoom: 15 },
    transformRequest: (url) => ({ url: new URL(url, location.href).href }) });
  map.once('style.load', () => {
    map.addSource(d.source, { type: 'geojson', data: d.features });
    for (const layer of d.layers) map.addLayer(layer);
    map.once('idle', () => document.getElementById('map').setAttribute('data-drawn', 'true'));
  });
};
// "?later": made when the bench says, in a page already loaded (as a tab opened in the console).
if (!location.search.includes('later')) window.start();
</script></body></html>`;
}

interface Row {
  number: string;
  time: string;
  delivery: string;
  title: string;
  expected: string;
}

function baselineTablePage(rows: readonly Row[], size: { width: number; height: number }): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const body = rows
    .map(
      (r) =>
        `<tr><td>${esc(r.number)}</td><td>${esc(r.time)}</td><td>${esc(r.delivery)}</td><td>${esc(r.title)}</td><td>${esc(r.expected)}</td><td>Draft</td></tr>`,
    )
    .join('');
  return `<!doctype html><html><head><meta charset="utf-8"><style>
body{margin:0;font:14px system-ui,sans-serif}#scroller{width:${size.width}px;height:${size.height}px;overflow:auto}
table{border-collapse:collapse;min-width:860px;width:100%}td{border-bottom:1px solid #ddd;padding:6px 8px;white-space:nowrap}
</style></head><body><div id="scroller"><table><tbody>${body}</tbody></table></div></body></html>`;
}

/** The bare pages, MapLibre's bundle, and everything else passed through to Dabyl (the basemap). */
async function baselineServer(
  target: string,
  pages: Map<string, () => string>,
): Promise<{ url: string; close(): void }> {
  const upstream = new URL(target);
  const server = http.createServer((req, res) => {
    const page = pages.get((req.url ?? '').split('?')[0]!);
    if (page) return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page());
    if (req.url === '/maplibre-gl.js' || req.url === '/maplibre-gl.css') {
      const type = req.url.endsWith('.js') ? 'text/javascript' : 'text/css';
      return void res
        .writeHead(200, { 'content-type': type, 'cache-control': 'max-age=3600' })
        .end(readFileSync(path.join(MAPLIBRE, req.url)));
    }
    const pass = http.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        path: req.url,
        method: req.method,
        headers: req.headers,
      },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    pass.on('error', () => res.writeHead(502).end());
    req.pipe(pass);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => server.close() };
}

interface FrameStats {
  frames: number;
  dropped: number;
  longest: number;
  p95: number;
}

/** Scrolls `selector` by STEP px a frame for FRAMES frames and reads the frame intervals. */
async function scrollFrames(page: Page, selector: string): Promise<FrameStats> {
  // A string, as the probe above: no helper names from tsx inside the page.
  const times = (await page.evaluate(`new Promise((resolve) => {
    const el = document.querySelector(${JSON.stringify(selector)});
    const seen = [];
    const tick = (t) => {
      seen.push(t);
      if (seen.length > ${FRAMES}) return resolve(seen);
      el.scrollBy(0, ${STEP});
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })`)) as number[];
  const gaps = times.slice(1).map((t, i) => t - times[i]!);
  const sorted = [...gaps].sort((a, b) => a - b);
  // The display's refresh as Chromium paces it here: the median interval (16.7 ms at 60 Hz).
  const refresh = sorted[Math.floor(sorted.length / 2)]!;
  const dropped = gaps.reduce((n, g) => n + Math.max(0, Math.round(g / refresh) - 1), 0);
  return {
    frames: gaps.length,
    dropped,
    longest: sorted.at(-1)!,
    p95: sorted[Math.floor(sorted.length * 0.95)]!,
  };
}

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number): string => `${x.toFixed(0)} ms`;

async function karaganda(
  page: Page,
  server: TestServer,
): Promise<{ id: string; venues: MapVenue[]; zones: MapZone[] }> {
  const list = (await (await page.request.get(`${server.url}/api/v1/exercises`)).json()) as {
    items: { id: string; name: string }[];
  };
  const found = list.items.find((e) => e.name.startsWith('Karaganda'));
  if (!found) throw new Error('the demo data has no Karaganda exercise');
  const plan = (await (await page.request.get(`${server.url}/api/v1/exercises/${found.id}/plan`)).json()) as {
    venues: MapVenue[];
    zones: MapZone[];
  };
  return { id: found.id, venues: plan.venues, zones: plan.zones };
}

async function main(): Promise<void> {
  await ensureConsoleBuilt();
  const server = await startTestServer({ env: { DABYL_CHECK_RESPONSES: 'false' } });
  const browser = await launchBrowser();
  const bare = new Map<string, () => string>();
  const baseline = await baselineServer(server.url, bare);
  try {
    const signedIn = async (): Promise<Page> => {
      const page = await (await context(browser)).newPage();
      await signIn(page, server.url, server.admin.username, server.admin.password);
      await page.getByRole('navigation').first().waitFor();
      return page;
    };

    // ---- the exercise map ----
    const first = await signedIn();
    const plan = await karaganda(first, server);
    const venuesUrl = `${server.url}/console/exercises/${plan.id}/venues`;
    await drawnAfter(first, () => first.goto(venuesUrl));
    const size = await first.locator('[data-drawn="true"]').evaluate((el) => {
      const r = el.getBoundingClientRect();
      return { width: Math.round(r.width), height: Math.round(r.height) };
    });
    await first.context().close();
    const features = planFeatures(plan.venues, plan.zones);
    bare.set('/map', () => baselineMapPage({ features, box: boundsOf(features), size }));
    console.log(
      `exercise map: ${features.features.length} features (${plan.venues.length} venues, ${plan.zones.length} zones), ` +
        `${size.width} × ${size.height} px; ${RUNS} runs, the two sides alternating`,
    );

    const ours = { first: [] as number[], reload: [] as number[], tab: [] as number[] };
    const raw = { first: [] as number[], reload: [] as number[], tab: [] as number[] };
    for (let run = 0; run < RUNS; run++) {
      const sides = [
        async () => {
          const page = await signedIn();
          ours.first.push(await drawnAfter(page, () => page.goto(venuesUrl)));
          ours.reload.push(await drawnAfter(page, () => page.reload()));
          // From the exercise's Overview, in the console as loaded: a click on the map's tab.
          await page.goto(venuesUrl.replace(/venues$/, 'overview'));
          const tab = page.getByRole('tab', { name: 'Venues & map' });
          await tab.waitFor();
          // A person reads the overview before opening another tab; the console loads the map's
          // code when the page is idle (at most 2 s after), which a click at once would not show.
          await page.waitForTimeout(3000);
          ours.tab.push(await drawnAfterClick(page, () => tab.click()));
          await page.context().close();
        },
        async () => {
          const page = await (await context(browser)).newPage();
          raw.first.push(await drawnAfter(page, () => page.goto(`${baseline.url}/map`)));
          raw.reload.push(await drawnAfter(page, () => page.reload()));
          await page.goto(`${baseline.url}/map?later`);
          await page.waitForTimeout(3000);
          raw.tab.push(await drawnAfterClick(page, () => page.evaluate('window.start()')));
          await page.context().close();
        },
      ];
      for (const side of run % 2 ? sides.reverse() : sides) await side();
    }
    const named = { first: 'first visit', reload: 'reload     ', tab: "tab's click" };
    for (const visit of ['first', 'reload', 'tab'] as const) {
      const o = median(ours[visit]);
      const r = median(raw[visit]);
      console.log(
        `  ${named[visit]}: Dabyl ${ms(o)} (runs ${ours[visit].map(ms).join(', ')}), ` +
          `raw MapLibre ${ms(r)} (runs ${raw[visit].map(ms).join(', ')}), ${(o / r).toFixed(2)}×; ` +
          `target ≤ 1 s: ${o <= 1000 ? 'met' : 'missed'}`,
      );
    }

    // ---- the MSEL grid of 5,000 injects ----
    const exerciseId = await exerciseWithInjects(server, 5000);
    const grid = await signedIn();
    await grid.goto(`${server.url}/console/exercises/${exerciseId}/msel`);
    await grid.getByTestId('msel-row').first().waitFor({ timeout: 60_000 });
    const scroller = '[data-testid="msel-grid"] > div';
    const gridSize = await grid.locator(scroller).evaluate((el) => ({
      width: Math.round(el.clientWidth),
      height: Math.round(el.clientHeight),
    }));
    const rows = await msel5000(grid, server, exerciseId);
    bare.set('/msel', () => baselineTablePage(rows, gridSize));
    const table = await (await context(browser)).newPage();
    await table.goto(`${baseline.url}/msel`);

    const oursGrid: FrameStats[] = [];
    const rawGrid: FrameStats[] = [];
    for (let run = 0; run < RUNS; run++) {
      for (const [page, sel, into] of [
        [grid, scroller, oursGrid],
        [table, '#scroller', rawGrid],
      ] as const) {
        await page.locator(sel).evaluate((el) => el.scrollTo(0, 0));
        await page.waitForTimeout(200);
        into.push(await scrollFrames(page, sel));
      }
    }
    const show = (xs: FrameStats[]) =>
      `dropped ${xs.map((x) => x.dropped).join(' / ')} of ${xs[0]!.frames} frames, ` +
      `p95 ${median(xs.map((x) => x.p95)).toFixed(1)} ms, longest ${median(xs.map((x) => x.longest)).toFixed(1)} ms (medians)`;
    console.log(
      `MSEL grid, 5,000 injects, ${STEP} px a frame, ${gridSize.width} × ${gridSize.height} px, ${RUNS} runs:`,
    );
    console.log(`  Dabyl's grid: ${show(oursGrid)}`);
    console.log(`  plain table : ${show(rawGrid)}`);
    const oursDropped = median(oursGrid.map((x) => x.dropped));
    console.log(
      `  dropped frames, median run: Dabyl ${oursDropped}, plain table ${median(rawGrid.map((x) => x.dropped))}; ` +
        `target none: ${oursDropped === 0 ? 'met' : 'missed'}`,
    );
  } finally {
    baseline.close();
    await browser.close();
    await server.close();
  }
}

/** The grid's rows as the console shows them, read from the API, for the plain table to show. */
async function msel5000(page: Page, server: TestServer, exerciseId: string): Promise<Row[]> {
  const msel = (await (
    await page.request.get(`${server.url}/api/v1/exercises/${exerciseId}/msel`)
  ).json()) as {
    events: {
      number: string;
      offsetMinutes: number;
      method: string;
      from: string;
      title: string;
      expectedAction: string | null;
    }[];
  };
  const hm = (m: number) =>
    `H+${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  return msel.events.map((e) => ({
    number: e.number,
    time: hm(e.offsetMinutes),
    delivery: `${e.from} → ${e.method}`,
    title: e.title,
    expected: e.expectedAction ?? '',
  }));
}

await main();
