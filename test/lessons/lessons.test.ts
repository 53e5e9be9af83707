import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/policy/policy.js';
import type { AppContext } from '../../src/services/context.js';
import { SYSTEM_ACTOR } from '../../src/services/context.js';
import {
  deleteFinding,
  listFindings,
  updateFinding,
} from '../../src/services/evaluation/findings.service.js';
import { searchLessons, type Lesson } from '../../src/services/lessons/lessons.service.js';
import { findingsForExercise } from '../../src/store/findings.repository.js';
import { ENGINES, openTestRuntime } from '../support/engines.js';
import { ADMIN, buildLessons, observe, type LessonsFixture } from './fixture.js';

const words = (l: Lesson) => l.snippet.map((p) => p.text).join('');
const marked = (l: Lesson) => l.snippet.filter((p) => p.match).map((p) => p.text.toLowerCase());

describe.each(ENGINES)('lessons learned on %s', (engine) => {
  let ctx: AppContext;
  let drop: () => Promise<void>;
  let fx: LessonsFixture;
  let evaluatorA: Actor;
  let directorB: Actor;

  beforeAll(async () => {
    const rt = await openTestRuntime(engine);
    ctx = rt.ctx;
    drop = rt.drop;
    fx = await buildLessons(ctx);
    evaluatorA = { userId: 'ea', grants: [{ role: 'evaluator', organisationId: fx.orgA, exerciseId: null }] };
    directorB = { userId: 'db', grants: [{ role: 'director', organisationId: fx.orgB, exerciseId: null }] };
  });
  afterAll(async () => drop());

  const search = (q: string, more: Record<string, string> = {}, actor: Actor = ADMIN) =>
    searchLessons(ctx, actor, { q, ...more });

  it('finds Russian text in any case and marks the match', async () => {
    const { items } = await search('ОЦЕПИЛ');
    expect(items.map((i) => i.id)).toEqual([fx.karaganda.observations[0]]);
    expect(marked(items[0]!)).toEqual(['оцепил']);
    expect(items[0]!.exercise.name).toBe('Karaganda school seizure');
    expect(items[0]!.capabilities.map((c) => c.id)).toEqual([fx.karaganda.capability]);
  });

  it('finds Kazakh words with their own letters, and by prefix', async () => {
    expect((await search('қоршауды')).items.map((i) => i.id)).toEqual([fx.karaganda.observations[1]]);
    const prefix = await search('өрт*');
    expect(prefix.items.map((i) => i.exercise.city)).toEqual(['Pavlodar', 'Pavlodar']);
    expect(prefix.items.map((i) => i.kind).sort()).toEqual(['improvement', 'observation']);
  });

  it('finds English words in observations and findings alike, with the finding’s reference', async () => {
    const { items } = await search('medics');
    expect(items.map((i) => i.kind).sort()).toEqual(['improvement', 'observation']);
    const afi = items.find((i) => i.kind === 'improvement')!;
    expect(afi.reference).toBe('1.1');
    expect(words(afi)).toContain('Radio handover');
  });

  it('searches a finding’s analysis too', async () => {
    expect((await search('talk group')).items.map((i) => i.kind)).toEqual(['improvement']);
    expect((await search('маршруты')).items.map((i) => i.kind)).toEqual(['strength']);
  });

  it('reads a quoted phrase as words in order', async () => {
    expect((await search('"school gate"')).items).toHaveLength(1);
    expect((await search('"gate school"')).items).toHaveLength(0);
  });

  it('filters by hazard, city, organisation, capability and kind', async () => {
    expect((await search('cordon', { hazard: 'fire' })).items.map((i) => i.exercise.city)).toEqual([
      'Pavlodar',
    ]);
    expect((await search('cordon', { hazard: 'flood' })).items).toEqual([]);
    expect((await search('cordon', { city: 'Karaganda' })).items.map((i) => i.kind)).toEqual(['improvement']);
    expect((await search('cordon', { organisationId: fx.orgB })).items.map((i) => i.id)).toEqual([
      fx.pavlodar.observations[1],
    ]);
    // An observation counts for a capability through its critical task or its objective.
    const security = await search('школы қоршауды', { capabilityId: fx.karaganda.capability });
    expect(security.items).toEqual([]);
    const any = await Promise.all(
      ['периметр*', 'қоршауды'].map((q) => search(q, { capabilityId: fx.karaganda.capability })),
    );
    expect(any.map((r) => r.items.length)).toEqual([2, 1]);
    expect((await search('периметр*', { kind: 'strength' })).items.map((i) => i.kind)).toEqual(['strength']);
    expect((await search('периметр', { capabilityId: fx.pavlodar.capability })).items).toEqual([]);
  });

  it('shows a reader scoped to organisation A nothing of organisation B, and the other way round', async () => {
    const a = await search('cordon', {}, evaluatorA);
    expect(a.items.every((i) => i.exercise.id === fx.karaganda.exerciseId)).toBe(true);
    expect(a.items.length).toBeGreaterThan(0);
    const b = await search('cordon', {}, directorB);
    expect(b.items.map((i) => i.exercise.id)).toEqual([fx.pavlodar.exerciseId]);
    expect((await search('өрт', {}, evaluatorA)).items).toEqual([]);
    const player: Actor = {
      userId: 'p',
      grants: [{ role: 'player', organisationId: null, exerciseId: null }],
    };
    expect((await search('cordon', {}, player)).items).toEqual([]);
  });

  it('takes full-text syntax characters as plain separators, never as an error', async () => {
    for (const q of [
      `"unclosed`,
      `cordon AND OR NOT`,
      `NEAR(cordon medics)`,
      `cordon' & | ! ( ) :* <-> \\`,
      `*cordon`,
      `col:cordon ^cordon {cordon}`,
      `'; drop table findings; --`,
    ])
      await expect(search(q)).resolves.toBeDefined();
    expect((await search(`cordon' & | !`)).items.length).toBeGreaterThan(0);
    await expect(search(`" ( ) * :`)).rejects.toMatchObject({ code: 'invalid_input', field: 'q' });
  });

  it('keeps the index in step with changes and removals', async () => {
    const id = await observe(ctx, fx.karaganda.exerciseId, 'Вертолёт приземлился на стадионе');
    expect((await search('вертолёт')).items.map((i) => i.id)).toEqual([id]);
    await ctx.db.kysely
      .updateTable('observations')
      .set({ text: 'Тікұшақ стадионға қонды' })
      .where('id', '=', id)
      .execute();
    expect((await search('вертолёт')).items).toEqual([]);
    expect((await search('тікұшақ')).items.map((i) => i.id)).toEqual([id]);
    await ctx.db.kysely.deleteFrom('observations').where('id', '=', id).execute();
    expect((await search('тікұшақ')).items).toEqual([]);

    const afi = (await listFindings(ctx, ADMIN, fx.karaganda.exerciseId))[0]!.improvements[0]!;
    await updateFinding(ctx, SYSTEM_ACTOR, ADMIN, fx.karaganda.exerciseId, afi.id, {
      version: afi.version,
      text: 'Radio interoperability broke down',
    });
    expect((await search('interoperability')).items.map((i) => i.id)).toEqual([afi.id]);
    expect((await search('handover')).items).toEqual([]);
  });

  it('gives the report each capability’s strengths and areas for improvement with references', async () => {
    const report = await findingsForExercise(ctx.db.kysely, fx.karaganda.exerciseId);
    expect(report).toHaveLength(1);
    expect(report[0]!.capabilityName).toMatch(/On-scene security/);
    expect(report[0]!.strengths.map((s) => [s.reference, s.observationIds])).toEqual([
      ['1.1', [fx.karaganda.observations[0]]],
    ]);
    expect(report[0]!.improvements.map((s) => s.reference)).toEqual(['1.1']);
  });

  it('renumbers what follows a removed finding', async () => {
    const { createFinding } = await import('../../src/services/evaluation/findings.service.js');
    const add = (text: string) =>
      createFinding(ctx, SYSTEM_ACTOR, ADMIN, fx.pavlodar.exerciseId, {
        capabilityId: fx.pavlodar.capability,
        kind: 'strength',
        text,
      });
    await add('First');
    await add('Second');
    const third = await add('Third');
    const [first] = third[0]!.strengths;
    const after = await deleteFinding(ctx, SYSTEM_ACTOR, ADMIN, fx.pavlodar.exerciseId, first!.id);
    expect(after[0]!.strengths.map((s) => [s.reference, s.text])).toEqual([
      ['1.1', 'Second'],
      ['1.2', 'Third'],
    ]);
  });
});
