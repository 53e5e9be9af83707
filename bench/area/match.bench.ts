/**
 * Geo match: our point index against a plain scan + PIP, kdbush + PIP and PostGIS, on the same seeded
 * points in one run. Also index build time against kdbush's.
 *
 *   npx tsx bench/area/match.bench.ts                 # 1M points, with PostGIS
 *   npx tsx bench/area/match.bench.ts --sizes=1e6,1e7 # also 10M (PostGIS load takes minutes)
 *   npx tsx bench/area/match.bench.ts --no-postgis    # in-process baselines only
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { CircleRegion } from '../../src/core/area/circle.region.js';
import { PointIndex } from '../../src/core/area/point.index.js';
import { PolygonRegion } from '../../src/core/area/polygon.region.js';
import { buildKdbush, kdbushCircle, kdbushPolygon, scanCircle, scanPolygon } from './baselines.js';
import { CITY, cityPolygon, subscriberPoints, timeIt } from './fixtures.js';
import * as postgis from './postgis.js';

const args = process.argv.slice(2);
const sizes = (args.find((a) => a.startsWith('--sizes='))?.slice(8) ?? '1e6').split(',').map(Number);
const withPostgis = !args.includes('--no-postgis');
const dbUrl = process.env.DABYL_TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

interface Row {
  n: number;
  workload: string;
  ours: number;
  baseline: string;
  theirs: number;
  target: string;
}
const rows: Row[] = [];

function report(
  n: number,
  workload: string,
  ours: number,
  baseline: string,
  theirs: number,
  target: string,
): void {
  rows.push({ n, workload, ours, baseline, theirs, target });
  const ratio = ours / theirs;
  console.log(
    `${(n / 1e6).toFixed(0)}M  ${workload.padEnd(8)} ours ${ours.toFixed(1).padStart(8)} ms | ${baseline.padEnd(26)} ${theirs.toFixed(1).padStart(8)} ms | ours/base ${ratio.toFixed(3)} (${(1 / ratio).toFixed(1)}× faster)  target ${target}`,
  );
}

const polygon = cityPolygon(360);
const ring = polygon.rings[0]!;
const circle = { lon: CITY.lon + 0.02, lat: CITY.lat - 0.01, radiusM: 10_000 };

async function runSize(n: number): Promise<void> {
  const runs = n > 2e6 ? 3 : 7;
  const { ids, lon, lat } = subscriberPoints(n);
  console.log(
    `\n== ${n.toLocaleString('en')} points, ${ring.length / 2 - 1}-vertex polygon, ${circle.radiusM / 1000} km circle (median of ${runs})`,
  );

  const build = timeIt(runs, () => PointIndex.build(ids, lon, lat));
  const kdBuild = timeIt(runs, () => buildKdbush(lon, lat));
  report(n, 'build', build.ms, 'kdbush build', kdBuild.ms, '≤ 1.2');
  const index = build.result;
  const kd = kdBuild.result;
  console.log(`    index memory ${(index.memoryBytes() / n).toFixed(1)} bytes/point`);

  const region = new PolygonRegion([polygon]);
  const ours = timeIt(runs, () => index.query(region));
  const scan = timeIt(runs, () => scanPolygon(ids, lon, lat, ring));
  const kdq = timeIt(runs, () => kdbushPolygon(kd, ids, lon, lat, ring));
  console.log(
    `    polygon hits: ours ${ours.result.length}, scan ${scan.result.length}, kdbush ${kdq.result.length}`,
  );
  report(n, 'polygon', ours.ms, 'scan+PIP', scan.ms, '≤ 0.5');
  report(n, 'polygon', ours.ms, 'kdbush+PIP', kdq.ms, '≤ 0.5');

  const cRegion = new CircleRegion({ kind: 'circle', ...circle });
  const oursC = timeIt(runs, () => index.query(cRegion));
  const scanC = timeIt(runs, () => scanCircle(ids, lon, lat, circle));
  const kdC = timeIt(runs, () => kdbushCircle(kd, ids, lon, lat, circle));
  console.log(
    `    circle hits: ours ${oursC.result.length}, scan ${scanC.result.length}, kdbush ${kdC.result.length}`,
  );
  report(n, 'circle', oursC.ms, 'scan+geodesic', scanC.ms, '—');
  report(n, 'circle', oursC.ms, 'kdbush+geodesic', kdC.ms, '—');

  if (!withPostgis) return;
  const client = await postgis.openPostgis(dbUrl);
  try {
    const loadMs = await postgis.loadPoints(client, ids, lon, lat);
    console.log(`    PostGIS load + GiST indexes: ${(loadMs / 1000).toFixed(1)} s`);
    const wkt = postgis.ringWkt(ring);
    const pgRuns = n > 2e6 ? 3 : 5;
    const pgIds = await postgis.timeAsync(pgRuns, () => postgis.containsIds(client, wkt));
    const pgCount = await postgis.timeAsync(pgRuns, () => postgis.containsCount(client, wkt));
    console.log(`    PostGIS polygon hits: ${pgIds.result} (count ${pgCount.result})`);
    report(n, 'polygon', ours.ms, 'PostGIS ST_Contains ids', pgIds.ms, '≤ 0.2 (≥5× faster)');
    report(n, 'polygon', ours.ms, 'PostGIS ST_Contains count', pgCount.ms, '(server-only, for reference)');
    const pgC = await postgis.timeAsync(pgRuns, () => postgis.dwithinIds(client, circle));
    const pgCc = await postgis.timeAsync(pgRuns, () => postgis.dwithinCount(client, circle));
    console.log(`    PostGIS circle hits: ${pgC.result} (count ${pgCc.result})`);
    report(n, 'circle', oursC.ms, 'PostGIS ST_DWithin ids', pgC.ms, '≤ 0.05 (≥20× faster)');
    report(n, 'circle', oursC.ms, 'PostGIS ST_DWithin count', pgCc.ms, '(server-only, for reference)');
  } finally {
    await postgis.closePostgis(client);
  }
}

if (withPostgis) postgis.ensurePostgisPackage();
console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, node ${process.version}`);
for (const n of sizes) await runSize(n);
mkdirSync('bench/out', { recursive: true });
writeFileSync('bench/out/area-match.json', JSON.stringify({ at: new Date().toISOString(), rows }, null, 2));
