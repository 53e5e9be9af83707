import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportPortal, fileFor } from '../../src/http/portal/export.js';
import type { AppContext } from '../../src/services/context.js';
import { openTestRuntime } from '../support/engines.js';
import { buildNotice, storePublished } from './fixtures.js';

describe('dabyl portal export', () => {
  let ctx: AppContext;
  let drop: () => Promise<void>;
  const out = mkdtempSync(path.join(tmpdir(), 'dabyl-export-'));
  const dir = path.join(out, 'site');

  beforeAll(async () => {
    const rt = await openTestRuntime('sqlite');
    ctx = rt.ctx;
    drop = rt.drop;
    await storePublished(ctx, buildNotice({ id: 'ex-1', slug: 'expo' }), '<alert>expo</alert>');
    await storePublished(
      ctx,
      buildNotice({ id: 'ex-2', slug: 'karaganda', langs: ['ru'] }),
      '<alert>k</alert>',
    );
  });
  afterAll(async () => {
    await drop();
    rmSync(out, { recursive: true, force: true });
  });

  it('writes every notice page in three languages, the feeds, CAP messages and assets', async () => {
    const seen: number[] = [];
    const result = await exportPortal(ctx, dir, {
      baseUrl: 'https://cdn.example.kz',
      onProgress: (done) => seen.push(done),
    });
    expect(seen.at(-1)).toBe(result.files);
    for (const lang of ['kk', 'ru', 'en']) {
      expect(existsSync(path.join(dir, lang, 'index.html'))).toBe(true);
      for (const slug of ['expo', 'karaganda'])
        expect(existsSync(path.join(dir, lang, 'notices', slug, 'index.html')), `${lang} ${slug}`).toBe(true);
      expect(existsSync(path.join(dir, lang, '404.html'))).toBe(true);
    }
    for (const feed of [
      'notices.atom',
      'notices.ics',
      'notices.json',
      'notices/ex-1.cap',
      'notices/ex-2.ics',
    ])
      expect(existsSync(path.join(dir, feed)), feed).toBe(true);
    expect(readFileSync(path.join(dir, 'notices/ex-1.cap'), 'utf8')).toBe('<alert>expo</alert>');
    expect(readFileSync(path.join(dir, 'notices.atom'), 'utf8')).toContain(
      'href="https://cdn.example.kz/notices/ex-1.cap"',
    );
    expect(readFileSync(path.join(dir, 'index.html'), 'utf8')).toContain('url=/kk/');
  });

  it('is served as it is by an ordinary static file server', async () => {
    const app = Fastify();
    await app.register(fastifyStatic, { root: dir });
    const page = await app.inject('/en/notices/expo/');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Drill at the EXPO centre');
    const css = /href="(\/portal\/assets\/portal\.\w+\.css)"/.exec(page.body)?.[1];
    expect(css).toBeDefined();
    const sheet = await app.inject(css!);
    expect(sheet.statusCode).toBe(200);
    expect(sheet.headers['content-type']).toMatch(/^text\/css/);
    expect((await app.inject('/notices.atom')).statusCode).toBe(200);
    await app.close();
  });

  it('keeps every written file inside the folder', () => {
    expect(fileFor('/ru/notices/expo')).toBe(path.join('ru', 'notices', 'expo', 'index.html'));
    expect(fileFor('/ru/notices/%2E%2E')).toBeNull();
    expect(fileFor('/ru/notices/a%2Fb')).toBeNull();
  });
});
