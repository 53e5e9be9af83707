import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/services/context.js';
import { touchPortal } from '../../src/services/portal/generation.js';
import { createPortalCache } from '../../src/http/portal/routes.js';
import { ENGINES, openTestRuntime } from '../support/engines.js';
import { buildNotice, storePublished } from './fixtures.js';

describe.each(ENGINES)('the public site rendered once per change on %s', (engine) => {
  let ctx: AppContext;
  let drop: () => Promise<void>;
  let now = new Date('2026-11-02T00:00:00.000Z');

  beforeAll(async () => {
    const rt = await openTestRuntime(engine);
    drop = rt.drop;
    ctx = { ...rt.ctx, clock: { now: () => now } };
  });
  afterAll(() => drop());

  it('renders once, serves the same bytes until the generation moves, then renders again', async () => {
    const notice = buildNotice({ id: 'cache-1', slug: 'cache-drill' });
    await storePublished(ctx, notice);
    // Look at the generation on every request, so the test needs no waiting.
    const cache = createPortalCache(ctx, 'https://dabyl.example.kz', 0);

    const first = await cache.get('/ru/notices/cache-drill');
    expect(first?.body.toString()).toContain('Учения у EXPO');
    expect(cache.renders).toBe(1);
    for (let i = 0; i < 5; i++) expect(await cache.get('/ru/notices/cache-drill')).toBe(first);
    expect(await cache.get('/notices.atom')).toBeDefined();
    expect(cache.renders).toBe(1);

    const home = await cache.get('/ru/');
    await touchPortal(ctx.db.kysely, now);
    const again = await cache.get('/ru/notices/cache-drill');
    expect(cache.renders).toBe(2);
    // Nothing the page shows changed, so it keeps its bytes and validators.
    expect(again).toBe(first);
    expect(await cache.get('/ru/')).toBe(home);

    await storePublished(
      ctx,
      buildNotice({
        id: 'cache-1',
        slug: 'cache-drill',
        revision: 2,
        kind: 'Update',
        publishedAt: '2026-10-21T06:00:00.000Z',
        history: [
          { revision: 1, kind: 'Alert', note: null, publishedAt: '2026-10-20T06:00:00.000Z' },
          { revision: 2, kind: 'Update', note: 'Closure shortened', publishedAt: '2026-10-21T06:00:00.000Z' },
        ],
      }),
    );
    const corrected = await cache.get('/ru/notices/cache-drill');
    expect(cache.renders).toBe(3);
    expect(corrected?.etag).not.toBe(first?.etag);
    expect(corrected?.body.toString()).toContain('Closure shortened');
  });

  it('renders again when a drill starts, without any publication', async () => {
    const cache = createPortalCache(ctx, 'https://dabyl.example.kz', 60_000);
    now = new Date('2026-11-03T03:40:00.000Z');
    const before = (await cache.get('/en/'))!.body.toString();
    expect(before).toMatch(/id="now"[\s\S]*No drill is under way right now/);
    const renders = cache.renders;
    now = new Date('2026-11-03T03:59:59.000Z');
    await cache.get('/en/');
    expect(cache.renders).toBe(renders);
    now = new Date('2026-11-03T04:00:00.000Z');
    const after = (await cache.get('/en/'))!.body.toString();
    expect(cache.renders).toBe(renders + 1);
    expect(after).not.toContain('No drill is under way right now');
  });
});
