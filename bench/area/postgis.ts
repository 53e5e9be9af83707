/**
 * PostGIS baseline on the local PostgreSQL: the same points in a table with GiST indexes, queried the
 * way an application would (ids back to Node). Installs Debian's PostGIS when it is missing and keeps
 * everything in a schema of its own that is dropped afterwards.
 */
import { execFileSync } from 'node:child_process';
import pg from 'pg';

const SCHEMA = 'bench_area';
const BATCH = 50_000;

/** Makes sure the PostGIS package is on the machine (root needed only when it is not). */
export function ensurePostgisPackage(): void {
  try {
    execFileSync('dpkg', ['-s', 'postgresql-15-postgis-3'], { stdio: 'ignore' });
  } catch {
    console.log('installing postgresql-15-postgis-3 …');
    execFileSync('apt-get', ['install', '-y', 'postgresql-15-postgis-3'], { stdio: 'inherit' });
  }
}

/** A connected PostGIS session with the benchmark schema on its search path. */
export async function openPostgis(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
  await client.query(`CREATE SCHEMA ${SCHEMA}`);
  const existing = await client.query(
    `SELECT extnamespace::regnamespace::text AS schema FROM pg_extension WHERE extname = 'postgis'`,
  );
  const home = (existing.rows[0] as { schema?: string } | undefined)?.schema;
  if (!home) await client.query(`CREATE EXTENSION postgis SCHEMA ${SCHEMA}`);
  await client.query(`SET search_path = ${SCHEMA}${home ? `, ${home}` : ''}, public`);
  return client;
}

/** Loads the points (batched multi-row INSERT from unnest'ed arrays), then indexes and analyses. */
export async function loadPoints(
  client: pg.Client,
  ids: Uint32Array,
  lon: Float64Array,
  lat: Float64Array,
): Promise<number> {
  const t0 = performance.now();
  await client.query(`DROP TABLE IF EXISTS pts`);
  await client.query(`CREATE UNLOGGED TABLE pts (id int4 NOT NULL, geom geometry(Point, 4326) NOT NULL)`);
  for (let i = 0; i < ids.length; i += BATCH) {
    const end = Math.min(ids.length, i + BATCH);
    await client.query(
      `INSERT INTO pts SELECT id, ST_SetSRID(ST_MakePoint(x, y), 4326) FROM unnest($1::int4[], $2::float8[], $3::float8[]) AS u(id, x, y)`,
      [Array.from(ids.subarray(i, end)), Array.from(lon.subarray(i, end)), Array.from(lat.subarray(i, end))],
    );
  }
  await client.query(`CREATE INDEX pts_geom ON pts USING gist (geom)`);
  await client.query(`CREATE INDEX pts_geog ON pts USING gist ((geom::geography))`);
  await client.query(`ANALYZE pts`);
  return performance.now() - t0;
}

/** ST_Contains with the GiST index; ids returned to the client. */
export async function containsIds(client: pg.Client, wkt: string): Promise<number> {
  const res = await client.query({
    text: `SELECT id FROM pts WHERE ST_Contains(ST_GeomFromText($1, 4326), geom)`,
    values: [wkt],
    rowMode: 'array',
  });
  return res.rows.length;
}

/** The same, counted in the server (no transfer): PostGIS's best case. */
export async function containsCount(client: pg.Client, wkt: string): Promise<number> {
  const res = await client.query(
    `SELECT count(*)::int AS n FROM pts WHERE ST_Contains(ST_GeomFromText($1, 4326), geom)`,
    [wkt],
  );
  return (res.rows[0] as { n: number }).n;
}

/** ST_DWithin on geography (spheroid distance) with the geography GiST index; ids returned. */
export async function dwithinIds(
  client: pg.Client,
  c: { lon: number; lat: number; radiusM: number },
): Promise<number> {
  const res = await client.query({
    text: `SELECT id FROM pts WHERE ST_DWithin(geom::geography, ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography, $3)`,
    values: [c.lon, c.lat, c.radiusM],
    rowMode: 'array',
  });
  return res.rows.length;
}

/** ST_DWithin counted in the server. */
export async function dwithinCount(
  client: pg.Client,
  c: { lon: number; lat: number; radiusM: number },
): Promise<number> {
  const res = await client.query(
    `SELECT count(*)::int AS n FROM pts WHERE ST_DWithin(geom::geography, ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography, $3)`,
    [c.lon, c.lat, c.radiusM],
  );
  return (res.rows[0] as { n: number }).n;
}

/** Drops the schema (and the extension if this run created it there). */
export async function closePostgis(client: pg.Client): Promise<void> {
  await client.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
  await client.end();
}

/** WKT for a polygon ring (flat lon/lat). */
export function ringWkt(ring: Float64Array): string {
  const pairs: string[] = [];
  for (let i = 0; i < ring.length; i += 2) pairs.push(`${ring[i]} ${ring[i + 1]}`);
  return `POLYGON((${pairs.join(',')}))`;
}

/** Async timing helper: median of `runs` after a warm-up. */
export async function timeAsync<T>(runs: number, fn: () => Promise<T>): Promise<{ ms: number; result: T }> {
  let result = await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    result = await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)]!, result };
}
