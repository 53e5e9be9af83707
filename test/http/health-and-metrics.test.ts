import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ demo: false });
});
afterAll(async () => server?.close());

describe('health, readiness, metrics and headers', () => {
  it('answers /healthz and /readyz with the database and migrations checked', async () => {
    expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'ready',
      checks: { database: 'ok', migrations: 'ok' },
    });
  });

  it('exposes request durations and the job queue on /metrics', async () => {
    await fetch(`${server.url}/api/v1/auth/session`);
    const text = await (await fetch(`${server.url}/metrics`)).text();
    expect(text).toMatch(
      /dabyl_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/auth\/session",status="401"\} \d+/,
    );
    expect(text).toMatch(/dabyl_jobs\{name="sessions\.purge",state="(waiting|delayed|completed)"\} \d+/);
  });

  it('shows the embedded database’s WAL: its size, its checkpoint thread and its restarts', async () => {
    const text = await (await fetch(`${server.url}/metrics`)).text();
    expect(text).toMatch(/^dabyl_sqlite_wal_bytes \d+$/m);
    expect(text).toMatch(/^dabyl_sqlite_checkpoint_thread_up 1$/m);
    for (const name of [
      'dabyl_sqlite_checkpoints_total',
      'dabyl_sqlite_wal_restarts_total',
      'dabyl_sqlite_wal_truncations_total',
      'dabyl_sqlite_wal_restart_hold_seconds_total',
    ])
      expect(text).toMatch(new RegExp(`^# TYPE ${name} counter$`, 'm'));
  });

  it('uses the standard process_ and nodejs_ names, and dabyl_ for everything of its own', async () => {
    await fetch(`${server.url}/healthz`);
    const text = await (await fetch(`${server.url}/metrics`)).text();
    for (const name of [
      'process_cpu_seconds_total',
      'process_resident_memory_bytes',
      'process_start_time_seconds',
      'nodejs_eventloop_lag_seconds',
      'nodejs_heap_size_used_bytes',
      'nodejs_version_info',
    ])
      expect(text).toMatch(new RegExp(`^# TYPE ${name} `, 'm'));
    const names = [...text.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1]!);
    expect(names).toContain('dabyl_http_request_duration_seconds');
    expect(names.filter((n) => !/^(process_|nodejs_|dabyl_)/.test(n))).toEqual([]);
    expect(names.filter((n) => /^dabyl_(process|nodejs)_/.test(n))).toEqual([]);
  });

  it('sends security headers and echoes a sane request id', async () => {
    const res = await fetch(`${server.url}/api/v1/auth/session`, {
      headers: { 'x-request-id': 'trace-123' },
    });
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('x-request-id')).toBe('trace-123');
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const odd = await fetch(`${server.url}/healthz`, { headers: { 'x-request-id': '<script>' } });
    expect(odd.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('redirects / by Accept-Language, Kazakh when nothing matches', async () => {
    const ru = await fetch(`${server.url}/`, {
      headers: { 'accept-language': 'ru-RU,ru;q=0.9,en;q=0.5' },
      redirect: 'manual',
    });
    expect(ru.headers.get('location')).toBe('/ru/');
    const other = await fetch(`${server.url}/`, { headers: { 'accept-language': 'de' }, redirect: 'manual' });
    expect(other.headers.get('location')).toBe('/kk/');
    const page = await (await fetch(`${server.url}/en/`)).text();
    expect(page).toContain('hreflang="kk"');
  });
});
