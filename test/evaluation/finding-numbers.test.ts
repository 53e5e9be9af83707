import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/services/context.js';
import { SYSTEM_ACTOR } from '../../src/services/context.js';
import {
  createFinding,
  deleteFinding,
  listFindings,
  updateFinding,
} from '../../src/services/evaluation/findings.service.js';
import { findingsRepository } from '../../src/store/findings.repository.js';
import { ENGINES, openTestRuntime } from '../support/engines.js';
import { ADMIN, buildLessons, type LessonsFixture } from '../lessons/fixture.js';

/*
 * A finding's number ("Strength 1.2") is given once within its exercise, capability and kind, however
 * many evaluators add findings at the same moment (migration 0033 and the service's retry).
 */
describe.each(ENGINES)('finding numbers on %s', (engine) => {
  let ctx: AppContext;
  let drop: () => Promise<void>;
  let fx: LessonsFixture;

  beforeAll(async () => {
    const rt = await openTestRuntime(engine);
    ctx = rt.ctx;
    drop = rt.drop;
    fx = await buildLessons(ctx);
  });
  afterAll(async () => drop());

  const add = (kind: 'strength' | 'improvement', text: string) =>
    createFinding(ctx, { userId: null, name: `evaluator ${text}` }, ADMIN, fx.pavlodar.exerciseId, {
      capabilityId: fx.pavlodar.capability,
      kind,
      text,
    });
  const numbered = async (kind: 'strengths' | 'improvements') =>
    (await listFindings(ctx, ADMIN, fx.pavlodar.exerciseId))[0]![kind].map((f) => [f.reference, f.text]);

  it('gives evaluators adding at the same moment distinct, contiguous numbers', async () => {
    const strengths = Array.from({ length: 8 }, (_, i) => `Strength from evaluator ${i + 1}`);
    await Promise.all([
      ...strengths.map((text) => add('strength', text)),
      add('improvement', 'Hydrant pressure was not checked'),
    ]);
    const shown = await numbered('strengths');
    expect(shown.map(([reference]) => reference)).toEqual(strengths.map((_, i) => `1.${i + 1}`));
    expect(shown.map(([, text]) => text).sort()).toEqual([...strengths].sort());
    // The fixture's one area for improvement came first; the concurrent one follows it.
    expect((await numbered('improvements')).map(([reference]) => reference)).toEqual(['1.1', '1.2']);
  });

  it('refuses in the database a number already given, so no writer can give it twice', async () => {
    const taken = await findingsRepository
      .insert(ctx.db.kysely, {
        id: randomUUID(),
        exercise_id: fx.pavlodar.exerciseId,
        core_capability_id: fx.pavlodar.capability,
        kind: 'strength',
        position: 1,
        text: 'A second 1.1',
        analysis: '',
        observation_ids: '[]',
        author_id: null,
        version: 1,
        created_at: '2026-10-25T06:00:00.000Z',
        updated_at: '2026-10-25T06:00:00.000Z',
      })
      .then(
        () => null,
        (err: unknown) => err,
      );
    expect(taken).not.toBeNull();
    expect(findingsRepository.isNumberTaken(taken)).toBe(true);
  });

  it('closes the gap of a removed finding whatever order the engine moves the later ones in', async () => {
    const exerciseId = fx.karaganda.exerciseId;
    // Written last number first, so a table scan meets 5 before 4: moving 5 to 4 first must not clash.
    for (const position of [5, 4, 3, 2])
      await findingsRepository.insert(ctx.db.kysely, {
        id: randomUUID(),
        exercise_id: exerciseId,
        core_capability_id: fx.karaganda.capability,
        kind: 'strength',
        position,
        text: `Strength ${position}`,
        analysis: '',
        observation_ids: '[]',
        author_id: null,
        version: 1,
        created_at: '2026-10-25T06:00:00.000Z',
        updated_at: '2026-10-25T06:00:00.000Z',
      });
    const [first] = (await listFindings(ctx, ADMIN, exerciseId))[0]!.strengths;
    const after = await deleteFinding(ctx, SYSTEM_ACTOR, ADMIN, exerciseId, first!.id);
    expect(after[0]!.strengths.map((f) => [f.reference, f.text])).toEqual(
      [2, 3, 4, 5].map((n, i) => [`1.${i + 1}`, `Strength ${n}`]),
    );
  });

  it('keeps numbers contiguous through an edit, a removal and more adds at once', async () => {
    const before = (await listFindings(ctx, ADMIN, fx.pavlodar.exerciseId))[0]!.strengths;
    const second = before[1]!;
    await updateFinding(ctx, SYSTEM_ACTOR, ADMIN, fx.pavlodar.exerciseId, second.id, {
      version: second.version,
      analysis: 'Root cause: drills were practised beforehand.',
    });
    await deleteFinding(ctx, SYSTEM_ACTOR, ADMIN, fx.pavlodar.exerciseId, before[0]!.id);
    const after = await numbered('strengths');
    expect(after.map(([reference]) => reference)).toEqual(before.slice(1).map((_, i) => `1.${i + 1}`));
    expect(after.map(([, text]) => text)).toEqual(before.slice(1).map((f) => f.text));
    // Numbers freed by the removal are taken again by the next adds, still one each.
    await Promise.all([add('strength', 'Late strength A'), add('strength', 'Late strength B')]);
    expect((await numbered('strengths')).map(([reference]) => reference)).toEqual(
      before.map((_, i) => `1.${i + 1}`).concat(`1.${before.length + 1}`),
    );
  });
});
