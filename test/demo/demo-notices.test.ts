import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCap } from '../../src/cap/parse.js';
import { validateCap } from '../../src/cap/validate/validate.js';
import type { AppContext } from '../../src/services/context.js';
import { loadDemoData } from '../../src/services/demo.service.js';
import {
  getNoticeCap,
  listPublicNotices,
  publicState,
} from '../../src/services/notices/public-notices.service.js';
import { ENGINES, openTestRuntime } from '../support/engines.js';

/** The series placed well after the real clock, so every drill is still to come. */
const AS_OF = new Date('2027-02-02T12:00:00+05:00');

describe.each(ENGINES)('the demo notices on %s', (engine) => {
  let ctx: AppContext;
  let drop: () => Promise<void>;
  let added = 0;

  beforeAll(async () => {
    const rt = await openTestRuntime(engine);
    ({ ctx, drop } = rt);
    added = (await loadDemoData(ctx, { asOf: AS_OF })).notices;
  });
  afterAll(async () => drop?.());

  it('publishes Astana city centre, EXPO, Karaganda and Pavlodar in kk, ru and en, from their exercises', async () => {
    expect(added).toBe(4);
    const notices = await listPublicNotices(ctx);
    expect(notices.map((n) => n.snapshot.texts.en?.title)).toEqual([
      'Counter-terrorism drills in central Astana: road closures',
      'Counter-terrorism drill in Pavlodar: CHP-3 and the Palace of Culture',
      'Full-scale counter-terrorism exercise in Karaganda region',
      'Counter-terrorism drill at the EXPO exhibition centre',
    ]);
    for (const n of notices) {
      expect(n).toMatchObject({ revision: 1, kind: 'Alert' });
      expect(Object.keys(n.snapshot.texts).sort()).toEqual(['en', 'kk', 'ru']);
      expect(n.snapshot.exerciseId).not.toBeNull();
      expect(n.snapshot.areas.some((a) => a.kind === 'closure')).toBe(true);
      expect(publicState(n, ctx.clock.now())).toBe('upcoming');
      const xml = (await getNoticeCap(ctx, n.id))!;
      const { alert } = parseCap(xml);
      expect(alert.status).toBe('Actual');
      expect(alert.info.map((i) => i.language)).toEqual(['kk-KZ', 'ru-RU', 'en-US']);
      const errors = validateCap(alert, { profiles: ['dabyl'], now: ctx.clock.now() }).filter(
        (f) => f.severity === 'error',
      );
      expect(errors).toEqual([]);
    }
    const closures = notices[0]!.snapshot.areas.filter((a) => a.kind === 'closure');
    expect(closures.map((a) => a.texts.en?.name)).toContain('Turan avenue at Astana Arena');
    expect(closures.map((a) => a.texts.kk?.name)).toContain('«Астана Арена» тұсындағы Тұран даңғылы');
    // Each closure is described in words in every language, and no internal zone name went public.
    for (const n of notices)
      for (const a of n.snapshot.areas)
        for (const lang of ['kk', 'ru', 'en'] as const) {
          expect(a.texts[lang]?.name, `${n.slug} ${a.id} ${lang}`).toBeTruthy();
          if (a.kind === 'closure') expect(a.texts[lang]?.description).toBeTruthy();
          expect(JSON.stringify(a.texts)).not.toMatch(/hostage|convoy/i);
        }
  });

  it('has each drafted by the demo PIO and published by the demo authoriser', async () => {
    const rows = await ctx.db.kysely
      .selectFrom('notice_revisions')
      .innerJoin('users as d', 'd.id', 'notice_revisions.drafted_by')
      .innerJoin('users as p', 'p.id', 'notice_revisions.published_by')
      .select(['d.username as drafter', 'p.username as publisher'])
      .execute();
    expect(rows).toHaveLength(4);
    for (const r of rows) expect(r).toEqual({ drafter: 'pio.esd', publisher: 'authoriser.esd' });
  });

  it('adds no notice on a second load', async () => {
    const again = await loadDemoData(ctx, { asOf: new Date('2027-03-01T12:00:00+05:00') });
    expect(again.notices).toBe(0);
    expect(await listPublicNotices(ctx)).toHaveLength(4);
  });
});
