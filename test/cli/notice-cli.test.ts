/**
 * `dabyl notice list|show|cap` through the real binary, on a temporary SQLite folder where a notice
 * was drafted by one PIO and published by another through the services first.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dabylInProcess } from '../support/dabyl-bin.js';
import { parseCap } from '../../src/cap/parse.js';
import { loadConfig } from '../../src/config/config.js';
import type { Actor } from '../../src/core/policy/policy.js';
import { sampleSnapshot, sampleText } from '../../src/core/notice/testing.js';
import { openRuntime } from '../../src/runtime.js';
import type { AppContext } from '../../src/services/context.js';
import {
  createNotice,
  publishNotice,
  submitNotice,
  updateNotice,
} from '../../src/services/notices/notices.service.js';

const BIN = fileURLToPath(new URL('../../bin/dabyl.js', import.meta.url));

function dabyl(args: string[], dir: string) {
  const env = Object.fromEntries(
    Object.entries(process.env).filter((e): e is [string, string] => !!e[1] && !e[0].startsWith('DABYL_')),
  );
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...env, DABYL_LOG_LEVEL: 'silent', DABYL_DATA_DIR: dir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Further calls of the command family: the same `main`, in this process (see test/support/dabyl-bin.ts). */
const inProcess = (args: string[], dir: string) => dabylInProcess(args, { DABYL_DATA_DIR: dir });

const pio = (userId: string): Actor => ({
  userId,
  grants: [{ role: 'pio', organisationId: null, exerciseId: null }],
});

describe('dabyl notice', { timeout: 300_000 }, () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'dabyl-notice-cli-'));
  let id = '';
  let slug = '';

  beforeAll(async () => {
    const rt = await openRuntime(loadConfig({ DABYL_DATA_DIR: dir, DABYL_LOG_LEVEL: 'silent' }));
    const ctx: AppContext = { ...rt.ctx, clock: { now: () => new Date('2026-10-20T06:00:00Z') } };
    try {
      const s = sampleSnapshot();
      const a = { userId: 'pio-a', name: 'PIO A' };
      let n = await createNotice(ctx, a, pio('pio-a'), {
        city: s.city,
        timeZone: s.timeZone,
        startsAt: s.startsAt,
        endsAt: s.endsAt,
        texts: { ru: sampleText('ru'), en: sampleText('en') },
        areas: s.areas,
      });
      n = await submitNotice(ctx, a, pio('pio-a'), n.id, n.version);
      n = await publishNotice(ctx, { userId: 'pio-b', name: 'PIO B' }, pio('pio-b'), n.id, n.version);
      // A correction in progress: the CLI shows the working copy, the CAP stays revision 1's.
      n = await updateNotice(ctx, a, pio('pio-a'), n.id, n.version, { texts: { kk: sampleText('kk') } });
      id = n.id;
      slug = n.slug;
    } finally {
      await rt.close();
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists notices as a table with missing languages marked, and as JSON', async () => {
    const table = await dabyl(['notice', 'list'], dir);
    expect(table.code, table.stderr).toBe(0);
    const [header, row] = table.stdout.trim().split('\n');
    expect(header).toMatch(/^ID\s+SLUG\s+STATUS\s+REVISION\s+CITY/);
    expect(row).toContain(slug);
    expect(row).toMatch(/draft\s+1\s+Karaganda/);
    expect(row).toContain('kk ru en');
    const json = await inProcess(['notice', 'list', '--json'], dir);
    expect(JSON.parse(json.stdout)).toMatchObject([{ id, slug, status: 'draft', revision: 1 }]);
  });

  it('shows one notice by id or slug', async () => {
    const byId = await inProcess(['notice', 'show', id, '--json'], dir);
    expect(byId.code, byId.stderr).toBe(0);
    expect(JSON.parse(byId.stdout)).toMatchObject({ id, revisions: [{ revision: 1, kind: 'Alert' }] });
    const bySlug = await inProcess(['notice', 'show', slug], dir);
    expect(bySlug.stdout).toMatch(/^id\s+/);
    expect(bySlug.stdout).toMatch(/revision 1\s+Alert/);
    expect(bySlug.stdout).toContain('closure        Bukhar-Zhyrau avenue — Closed from Gogol street');
  });

  it('prints the stored CAP XML of a revision', async () => {
    const run = await dabyl(['notice', 'cap', id, '--revision', '1'], dir);
    expect(run.code, run.stderr).toBe(0);
    const { alert } = parseCap(run.stdout);
    expect(alert).toMatchObject({ status: 'Actual', msgType: 'Alert' });
    expect(alert.info.map((i) => i.language)).toEqual(['ru-RU', 'en-US']);
    expect((await inProcess(['notice', 'cap', slug], dir)).stdout).toBe(run.stdout);
  });

  it('fails with the right exit codes: unknown notice 4, missing revision 4, bad revision 2', async () => {
    const unknown = await inProcess(['notice', 'show', 'no-such-notice'], dir);
    expect(unknown.code).toBe(4);
    expect(unknown.stderr).toMatch(/not found/);
    expect((await inProcess(['notice', 'cap', id, '--revision', '2'], dir)).code).toBe(4);
    const bad = await inProcess(['notice', 'cap', id, '--revision', 'two'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--revision');
  });
});
