/**
 * The public site under a city-wide surge: 1,000 concurrent connections on loopback against the
 * home page, a notice page and the Atom feed, served by Dabyl (SQLite, demo data, pages rendered
 * once per change), beside raw node:http serving the very same bytes from memory and nginx
 * (2 workers) serving the files `dabyl portal export` wrote. All three in one run. The load comes
 * from wrk (C, one thread), pinned to the last core while the servers are pinned to the others, so
 * the load generator is not the bottleneck it was when it shared a JavaScript thread's budget.
 * Targets (PERFORMANCE.md): ≥ 0.9× raw node:http; ≥ 0.5× nginx; p99 ≤ 2× nginx's.
 * Run: npx tsx bench/portal-surge.bench.ts   (DURATION=seconds per measurement, CONNECTIONS, ROUNDS)
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import net from 'node:net';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const DURATION = Number(process.env.DURATION ?? 10);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 1000);
/** Measurements of each server per page; the table gives each one's median. */
const ROUNDS = Math.max(1, Number(process.env.ROUNDS ?? 3));
const NGINX = '/usr/sbin/nginx';
const WRK = '/usr/bin/wrk';
const CORES = cpus().length;
/** The servers on every core but the last, the load generator on the last (one core: no pinning). */
const pinned = (cores: string, command: string, args: string[]): [string, string[]] =>
  CORES > 1 && existsSync('/usr/bin/taskset')
    ? ['taskset', ['-c', cores, command, ...args]]
    : [command, args];
const SERVER_CORES = CORES > 2 ? `0-${CORES - 2}` : '0';
const LOAD_CORE = String(CORES - 1);

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

/**
 * Dabyl is measured as built: `bin/dabyl.js` falls back to the TypeScript sources whenever a
 * source file is newer than the build, and a surge measured through the source loader is not the
 * server people run. A build older than the sources is measured all the same, with a warning.
 */
function checkBuild(): string {
  const entry = path.join(ROOT, 'dist/src/cli/main.js');
  if (!existsSync(entry)) throw new Error('no build: run `npm run build:server` first');
  const newest = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce((m, e) => {
      const p = path.join(dir, e.name);
      return Math.max(m, e.isDirectory() ? newest(p) : e.name.endsWith('.ts') ? statSync(p).mtimeMs : 0);
    }, 0);
  if (newest(path.join(ROOT, 'src')) > statSync(entry).mtimeMs)
    console.log('warning: a source file is newer than the build; measuring the build as it is');
  return '1';
}

function ensureTools(): void {
  const missing = [
    [NGINX, 'nginx-light'],
    [WRK, 'wrk'],
  ].filter(([bin]) => !existsSync(bin!));
  if (missing.length === 0) return;
  const pkgs = missing.map(([, pkg]) => pkg!);
  console.log(`missing: installing Debian’s ${pkgs.join(', ')}`);
  const r = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', ...pkgs], { stdio: 'inherit' });
  if (r.status !== 0 || missing.some(([bin]) => !existsSync(bin!)))
    throw new Error(`could not install ${pkgs.join(', ')} (apt-get install ${pkgs.join(' ')})`);
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
  /** Connections the kernel found no room for in a server's accept queue during the measurement. */
  overflows: number;
}

/**
 * The kernel's count of handshakes dropped because a listener's accept queue was full: each such
 * connection waits for the SYN-ACK to be sent again (1 s, then 2 s more), which is what a p99 of
 * about 3 s looks like. Linux only; 0 elsewhere.
 */
function listenOverflows(): number {
  try {
    const [names, values] = readFileSync('/proc/net/netstat', 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('TcpExt:'))
      .map((l) => l.split(/\s+/));
    const at = names!.indexOf('ListenOverflows');
    return at > 0 ? Number(values![at]) : 0;
  } catch {
    return 0;
  }
}

/** wrk's figures: requests a second, the 99th percentile in ms, socket errors and non-2xx/3xx. */
function parseWrk(out: string): Omit<Figures, 'overflows'> {
  const unit = { us: 0.001, ms: 1, s: 1000, m: 60_000 } as Record<string, number>;
  const p99 = /^\s*99%\s+([\d.]+)(us|ms|s|m)\s*$/m.exec(out);
  const rps = /^Requests\/sec:\s+([\d.]+)/m.exec(out);
  if (!p99 || !rps) throw new Error(`wrk said:\n${out}`);
  const sockets = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(out);
  return {
    rps: Number(rps[1]),
    p99: Number(p99[1]) * unit[p99[2]!]!,
    // Read errors are the server closing kept-alive sockets at the end, not failures.
    errors: sockets ? Number(sockets[1]) + Number(sockets[3]) + Number(sockets[4]) : 0,
    non2xx: non2xx ? Number(non2xx[1]) : 0,
  };
}

function measure(url: string): Figures {
  const [cmd, args] = pinned(LOAD_CORE, WRK, [
    '-t1',
    `-c${CONNECTIONS}`,
    `-d${DURATION}s`,
    '--latency',
    '--timeout',
    '10s',
    url,
  ]);
  const before = listenOverflows();
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`wrk failed: ${r.stderr}`);
  return { ...parseWrk(r.stdout), overflows: listenOverflows() - before };
}

/** Each figure's median over the rounds, taken on its own. */
function median(all: Figures[]): Figures {
  const mid = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const m = sorted.length >> 1;
    return sorted.length % 2 ? sorted[m]! : (sorted[m - 1]! + sorted[m]!) / 2;
  };
  return {
    rps: mid(all.map((f) => f.rps)),
    p99: mid(all.map((f) => f.p99)),
    errors: all.reduce((sum, f) => sum + f.errors, 0),
    non2xx: all.reduce((sum, f) => sum + f.non2xx, 0),
    overflows: all.reduce((sum, f) => sum + f.overflows, 0),
  };
}

function kill(child: ChildProcess | null): void {
  if (child && child.exitCode === null) child.kill('SIGTERM');
}

async function main() {
  ensureTools();
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
    const bin = path.join(ROOT, 'bin/dabyl.js');
    const dabyl = spawn(...pinned(SERVER_CORES, process.execPath, [bin, 'serve']), {
      env: { ...env, DABYL_FROM_BUILD: checkBuild() },
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

    // The raw baselines: the same bytes from memory, in a process of their own; one with the four
    // headers a bare server would send, one with every header Dabyl sends (its security headers, the
    // validators, a request id), so the table tells header work from Dabyl's own path.
    const OWN = new Set(['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding']);
    const bodies: Record<string, { type: string; etag: string; body: string; headers: [string, string][] }> =
      {};
    for (const p of Object.values(paths)) {
      const res = await fetch(base + p, { headers: { 'accept-encoding': 'identity' } });
      const body = Buffer.from(await res.arrayBuffer()).toString('base64');
      const headers: [string, string][] = [];
      res.headers.forEach((value, name) => {
        if (!OWN.has(name) && name !== 'x-request-id') headers.push([name, value]);
      });
      bodies[p] = { type: res.headers.get('content-type')!, etag: res.headers.get('etag')!, body, headers };
    }
    const rawScript = path.join(tmp, 'raw.mjs');
    writeFileSync(
      rawScript,
      `import http from 'node:http';
import { randomUUID } from 'node:crypto';
const pages = ${JSON.stringify(bodies)};
for (const p of Object.values(pages)) p.buf = Buffer.from(p.body, 'base64');
const all = process.argv[2] === 'all';
http.createServer((req, res) => {
  const p = pages[req.url];
  if (!p) { res.statusCode = 404; return res.end(); }
  if (all) {
    for (const [name, value] of p.headers) res.setHeader(name, value);
    res.setHeader('x-request-id', randomUUID());
    res.setHeader('content-length', p.buf.length);
    res.statusCode = 200;
  } else res.writeHead(200, { 'content-type': p.type, etag: p.etag, 'cache-control': 'public, max-age=30, stale-while-revalidate=300', 'content-length': p.buf.length });
  res.end(p.buf);
}).listen(Number(process.argv[3]), '127.0.0.1', () => console.log('ready'));
`,
    );
    const rawAllPort = await freePort();
    for (const [mode, port] of [
      ['bare', rawPort],
      ['all', rawAllPort],
    ] as const) {
      const raw = spawn(...pinned(SERVER_CORES, process.execPath, [rawScript, mode, String(port)]), {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      children.push(raw);
      await new Promise((resolve) => raw.stdout!.once('data', resolve));
    }

    for (const d of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(path.join(tmp, d));
    writeFileSync(path.join(tmp, 'nginx.conf'), nginxConfig(tmp, exportDir, nginxPort));
    const nginx = spawn(
      ...pinned(SERVER_CORES, NGINX, [
        '-p',
        tmp,
        '-e',
        path.join(tmp, 'error.log'),
        '-c',
        path.join(tmp, 'nginx.conf'),
      ]),
      { stdio: 'inherit' },
    );
    children.push(nginx);
    await waitFor(`http://127.0.0.1:${nginxPort}${paths.notice}`);

    const servers = {
      dabyl: base,
      'node:http': `http://127.0.0.1:${rawPort}`,
      'node:http+': `http://127.0.0.1:${rawAllPort}`,
      nginx: `http://127.0.0.1:${nginxPort}`,
    };
    console.log(
      `${CONNECTIONS} connections, ${DURATION} s each, median of ${ROUNDS}, wrk in one thread${CORES > 1 ? ` on core ${LOAD_CORE}, servers on ${SERVER_CORES}` : ''}; notice page ${paths.notice}`,
    );
    const rows: string[] = [];
    for (const [name, p] of Object.entries(paths)) {
      const runs: Record<string, Figures[]> = {};
      // Rounds alternate the servers, so a burst of noise on the machine lands on all of them.
      for (let round = 1; round <= ROUNDS; round++) {
        for (const [server, url] of Object.entries(servers)) {
          measure(url + p); // warm-up, discarded: sockets, JIT, page cache
          const g = measure(url + p);
          (runs[server] ??= []).push(g);
          console.log(
            `  ${name.padEnd(6)} ${server.padEnd(10)} ${g.rps.toFixed(0).padStart(7)} req/s  p99 ${g.p99.toFixed(1).padStart(7)} ms  errors ${g.errors}  non-2xx ${g.non2xx}  accept-queue overflows ${g.overflows}${ROUNDS > 1 ? `  (round ${round})` : ''}`,
          );
        }
      }
      const [d, n, h, x] = ['dabyl', 'node:http', 'node:http+', 'nginx'].map((s) => median(runs[s]!));
      rows.push(
        `| ${name} | ${d!.rps.toFixed(0)} / ${d!.p99.toFixed(1)} ms | ${n!.rps.toFixed(0)} / ${n!.p99.toFixed(1)} ms | ${h!.rps.toFixed(0)} / ${h!.p99.toFixed(1)} ms | ${x!.rps.toFixed(0)} / ${x!.p99.toFixed(1)} ms | ${(d!.rps / n!.rps).toFixed(2)}× | ${(d!.rps / h!.rps).toFixed(2)}× | ${(d!.rps / x!.rps).toFixed(2)}× | ${(d!.p99 / Math.max(x!.p99, 0.1)).toFixed(2)}× |`,
      );
    }
    console.log(
      "\n| page | Dabyl req/s / p99 | node:http (4 headers) | node:http (Dabyl's headers) | nginx | vs node:http (≥ 0.9) | vs node:http, same headers | vs nginx (≥ 0.5) | p99 vs nginx (≤ 2) |",
    );
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const r of rows) console.log(r);
  } finally {
    for (const c of children.reverse()) kill(c);
    await new Promise((r) => setTimeout(r, 500));
    rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
