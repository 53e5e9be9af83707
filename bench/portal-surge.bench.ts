/**
 * The public site under a city-wide surge: 1,000 concurrent connections on loopback against the
 * home page, a notice page and the Atom feed, served by Dabyl (SQLite, demo data, pages rendered
 * once per change), beside raw node:http serving the very same bytes from memory and nginx
 * (2 workers) serving the files `dabyl portal export` wrote. All three in one run.
 * Targets (PERFORMANCE.md): ≥ 0.9× raw node:http; ≥ 0.5× nginx; p99 ≤ 2× nginx's.
 * Run: npx tsx bench/portal-surge.bench.ts   (DURATION=seconds per measurement, CONNECTIONS, WORKERS)
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

interface CannonResult {
  requests: { average: number };
  latency: { p99: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}
// autocannon ships no types; this is the part of its API the bench uses.
const autocannon = createRequire(import.meta.url)('autocannon') as (
  opts: Record<string, unknown>,
) => Promise<CannonResult>;

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const DURATION = Number(process.env.DURATION ?? 10);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 1000);
/** autocannon is one JavaScript thread; on more cores, workers keep it from being the bottleneck. */
const WORKERS = Number(process.env.WORKERS ?? 0);
const NGINX = '/usr/sbin/nginx';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });

async function waitFor(url: string, ms = 120_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer`);
}

function ensureNginx(): void {
  if (existsSync(NGINX)) return;
  console.log('nginx is missing: installing Debian’s nginx-light');
  const r = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'nginx-light'], {
    stdio: 'inherit',
  });
  if (r.status !== 0 || !existsSync(NGINX))
    throw new Error('could not install nginx (apt-get install nginx-light)');
}

function nginxConfig(dir: string, root: string, port: number): string {
  return `worker_processes 2;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
daemon off;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  types {
    text/html html; text/css css; text/javascript js; application/json json;
    application/atom+xml atom; text/calendar ics; application/cap+xml cap;
  }
  charset utf-8;
  charset_types text/css text/javascript application/json application/atom+xml text/calendar application/cap+xml;
  server {
    listen 127.0.0.1:${port} backlog=4096;
    root ${root};
    add_header Cache-Control "public, max-age=30, stale-while-revalidate=300";
    location / { try_files $uri $uri/index.html =404; }
  }
}
`;
}

interface Figures {
  rps: number;
  p99: number;
  errors: number;
  non2xx: number;
}

async function measure(url: string): Promise<Figures> {
  const r = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION,
    pipelining: 1,
    ...(WORKERS > 0 ? { workers: WORKERS } : {}),
  });
  return {
    rps: r.requests.average,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
  };
}

function kill(child: ChildProcess | null): void {
  if (child && child.exitCode === null) child.kill('SIGTERM');
}

async function main() {
  ensureNginx();
  const tmp = mkdtempSync(path.join(tmpdir(), 'dabyl-surge-'));
  // nginx's workers run as an unprivileged user when started as root: they must read the files.
  chmodSync(tmp, 0o755);
  const exportDir = path.join(tmp, 'site');
  const [dabylPort, rawPort, nginxPort] = [await freePort(), await freePort(), await freePort()];
  const env: Record<string, string | undefined> = {
    ...process.env,
    DABYL_DATA_DIR: path.join(tmp, 'data'),
    DABYL_PORT: String(dabylPort),
    DABYL_HOST: '127.0.0.1',
    DABYL_DEMO_DATA: 'true',
    DABYL_LOG_LEVEL: process.env.DABYL_LOG_LEVEL ?? 'warn',
    DABYL_PUBLIC_URL: `http://127.0.0.1:${dabylPort}`,
  };
  delete env.DABYL_DATABASE_URL;
  delete env.DABYL_REDIS_URL;
  const children: ChildProcess[] = [];
  try {
    const dabyl = spawn(process.execPath, [path.join(ROOT, 'bin/dabyl.js'), 'serve'], {
      env,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    children.push(dabyl);
    const base = `http://127.0.0.1:${dabylPort}`;
    await waitFor(`${base}/readyz`);
    const list = (await (await fetch(`${base}/notices.json`)).json()) as { notices: { slug: string }[] };
    const slug = list.notices[0]?.slug;
    if (!slug) throw new Error('the demo data set published no notice');
    const paths = { home: '/ru/', notice: `/ru/notices/${slug}`, atom: '/notices.atom' };

    const exported = spawnSync(
      process.execPath,
      [path.join(ROOT, 'bin/dabyl.js'), 'portal', 'export', exportDir, '--json'],
      {
        env,
        encoding: 'utf8',
      },
    );
    if (exported.status !== 0) throw new Error(`dabyl portal export failed: ${exported.stderr}`);

    // The raw baseline: the same bytes and headers, from memory, in a process of its own.
    const bodies: Record<string, { type: string; etag: string; body: string }> = {};
    for (const p of Object.values(paths)) {
      const res = await fetch(base + p, { headers: { 'accept-encoding': 'identity' } });
      const body = Buffer.from(await res.arrayBuffer()).toString('base64');
      bodies[p] = { type: res.headers.get('content-type')!, etag: res.headers.get('etag')!, body };
    }
    const rawScript = path.join(tmp, 'raw.mjs');
    writeFileSync(
      rawScript,
      `import http from 'node:http';
const pages = ${JSON.stringify(bodies)};
for (const p of Object.values(pages)) p.buf = Buffer.from(p.body, 'base64');
http.createServer((req, res) => {
  const p = pages[req.url];
  if (!p) { res.statusCode = 404; return res.end(); }
  res.writeHead(200, { 'content-type': p.type, etag: p.etag, 'cache-control': 'public, max-age=30, stale-while-revalidate=300', 'content-length': p.buf.length });
  res.end(p.buf);
}).listen(${rawPort}, '127.0.0.1', () => console.log('ready'));
`,
    );
    const raw = spawn(process.execPath, [rawScript], { stdio: ['ignore', 'pipe', 'inherit'] });
    children.push(raw);
    await new Promise((resolve) => raw.stdout!.once('data', resolve));

    for (const d of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(path.join(tmp, d));
    writeFileSync(path.join(tmp, 'nginx.conf'), nginxConfig(tmp, exportDir, nginxPort));
    const nginx = spawn(
      NGINX,
      ['-p', tmp, '-e', path.join(tmp, 'error.log'), '-c', path.join(tmp, 'nginx.conf')],
      {
        stdio: 'inherit',
      },
    );
    children.push(nginx);
    await waitFor(`http://127.0.0.1:${nginxPort}${paths.notice}`);

    const servers = {
      dabyl: base,
      'node:http': `http://127.0.0.1:${rawPort}`,
      nginx: `http://127.0.0.1:${nginxPort}`,
    };
    console.log(
      `${CONNECTIONS} connections, ${DURATION} s each, autocannon ${WORKERS > 0 ? `with ${WORKERS} workers` : 'in one thread'}; notice page ${paths.notice}`,
    );
    const rows: string[] = [];
    for (const [name, p] of Object.entries(paths)) {
      const got: Record<string, Figures> = {};
      for (const [server, url] of Object.entries(servers)) {
        await measure(url + p); // warm-up, discarded: sockets, JIT, page cache
        got[server] = await measure(url + p);
        const g = got[server]!;
        console.log(
          `  ${name.padEnd(6)} ${server.padEnd(9)} ${g.rps.toFixed(0).padStart(7)} req/s  p99 ${String(g.p99).padStart(5)} ms  errors ${g.errors}  non-2xx ${g.non2xx}`,
        );
      }
      const d = got.dabyl!;
      const n = got['node:http']!;
      const x = got.nginx!;
      rows.push(
        `| ${name} | ${d.rps.toFixed(0)} / ${d.p99} ms | ${n.rps.toFixed(0)} / ${n.p99} ms | ${x.rps.toFixed(0)} / ${x.p99} ms | ${(d.rps / n.rps).toFixed(2)}× | ${(d.rps / x.rps).toFixed(2)}× | ${(d.p99 / Math.max(x.p99, 1)).toFixed(2)}× |`,
      );
    }
    console.log(
      '\n| page | Dabyl req/s / p99 | node:http | nginx | vs node:http (≥ 0.9) | vs nginx (≥ 0.5) | p99 vs nginx (≤ 2) |',
    );
    console.log('| --- | --- | --- | --- | --- | --- | --- |');
    for (const r of rows) console.log(r);
  } finally {
    for (const c of children.reverse()) kill(c);
    await new Promise((r) => setTimeout(r, 500));
    rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
