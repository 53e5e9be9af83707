import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/policy/policy.js';
import { AppError } from '../../src/errors.js';
import type { ActorInfo } from '../../src/services/context.js';
import { assignEvaluator, evaluationGuide } from '../../src/services/evaluation/eeg.service.js';
import {
  isReportFinal,
  recordRating,
  type RatingInput,
} from '../../src/services/evaluation/ratings.service.js';
import { finaliseReport, generateReport } from '../../src/services/aar/aar.service.js';
import { createUser } from '../../src/services/users.service.js';
import { SYSTEM_ACTOR } from '../../src/services/context.js';
import { currentRatings } from '../../src/store/evaluation.repository.js';
import { ENGINES, openTestRuntime } from '../support/engines.js';
import { buildEvaluationExercise, type EvaluationFixture } from './fixture.js';

type Rt = Awaited<ReturnType<typeof openTestRuntime>>;

describe.each(ENGINES)('P/S/M/U ratings on %s', (engine) => {
  let rt: Rt;
  let fx: EvaluationFixture;
  const people: Record<string, { info: ActorInfo; actor: Actor }> = {};

  const rate = (as: string, input: Partial<RatingInput> = {}) =>
    recordRating(rt.ctx, people[as]!.info, people[as]!.actor, fx.exerciseId, {
      subjectKind: 'capability_target',
      subjectId: fx.targets.cordon,
      rating: 'S',
      reasoning: 'Road closed 12 minutes after the inject; the target was 10.',
      evidence: [
        { kind: 'observation', id: fx.observations.cordon },
        { kind: 'inject', id: fx.inject },
        { kind: 'player_report', id: fx.report },
      ],
      version: 0,
      ...input,
    });
  const refusal = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch (e) {
      if (e instanceof AppError) return { code: e.code, status: e.status, field: e.field, fault: e.fault };
      throw e;
    }
    throw new Error('was not refused');
  };

  beforeAll(async () => {
    rt = await openTestRuntime(engine);
    fx = await buildEvaluationExercise(rt.ctx);
    for (const [name, role] of [
      ['eva', 'evaluator'],
      ['ben', 'evaluator'],
      ['dir', 'director'],
    ] as const) {
      const user = await createUser(rt.ctx, SYSTEM_ACTOR, null, {
        username: name,
        displayName: `${name} one`,
        password: 'rating passphrase',
        grants: [{ role, exerciseId: fx.exerciseId }],
      });
      people[name] = {
        info: { userId: user.id, name: user.displayName },
        actor: { userId: user.id, grants: [{ role, organisationId: null, exerciseId: fx.exerciseId }] },
      };
    }
  });
  afterAll(async () => rt?.drop());

  it('keeps every change as a new version, the latest current, with rater, time and evidence', async () => {
    const first = await rate('eva');
    expect(first).toMatchObject({ rating: 'S', version: 1, rater: { name: 'eva one' } });
    const second = await rate('ben', {
      rating: 'M',
      version: 1,
      evidence: [{ kind: 'observation', id: fx.observations.cordon }],
    });
    expect(second.version).toBe(2);
    const current = await currentRatings(rt.ctx.db.kysely, fx.exerciseId);
    expect(current).toEqual([
      {
        subjectKind: 'capability_target',
        subjectId: fx.targets.cordon,
        rating: 'M',
        reasoning: 'Road closed 12 minutes after the inject; the target was 10.',
        rater: { id: people.ben!.info.userId, name: 'ben one' },
        recordedAt: expect.any(String),
        version: 2,
        evidence: [{ kind: 'observation', id: fx.observations.cordon }],
      },
    ]);
    const guide = await evaluationGuide(rt.ctx, people.dir!.actor, fx.exerciseId);
    expect(guide.history.map((h) => [h.version, h.rating, h.evidence.length])).toEqual([
      [2, 'M', 1],
      [1, 'S', 3],
    ]);
    const audit = await rt.ctx.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'subject_id'])
      .where('action', '=', 'rating.recorded')
      .execute();
    expect(audit).toHaveLength(2);
  });

  it('refuses a stale version with 409 rather than overwrite', async () => {
    expect(await refusal(rate('eva', { rating: 'P', version: 1 }))).toEqual({
      code: 'rating_stale',
      status: 409,
      field: 'version',
    });
    // Two evaluators at once from the same version: one wins, the other is told.
    const both = await Promise.allSettled([
      rate('eva', { subjectKind: 'core_capability', subjectId: fx.capability, rating: 'P' }),
      rate('ben', { subjectKind: 'core_capability', subjectId: fx.capability, rating: 'U' }),
    ]);
    expect(both.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = both.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect((lost.reason as AppError).code).toBe('rating_stale');
  });

  it('names the field of bad input: the mark, the reasoning, evidence from elsewhere, the subject', async () => {
    const target = { subjectId: fx.targets.triage };
    expect(await refusal(rate('eva', { ...target, rating: 'X' }))).toMatchObject({
      status: 422,
      field: 'rating',
    });
    expect(await refusal(rate('eva', { ...target, reasoning: ' ok ' }))).toMatchObject({
      field: 'reasoning',
    });
    expect(
      await refusal(rate('eva', { ...target, evidence: [{ kind: 'inject', id: fx.observations.triage }] })),
    ).toMatchObject({ field: 'evidence/0/id' });
    expect(await refusal(rate('eva', { subjectId: fx.objective }))).toMatchObject({ field: 'subjectId' });
  });

  it('names what is wrong by its catalogue key, so Kazakh and Russian readers get it in their words', async () => {
    const target = { subjectId: fx.targets.triage };
    const faultOf = async (p: Promise<unknown>) => (await refusal(p)).fault;
    expect(await faultOf(rate('eva', { ...target, rating: 'X' }))).toEqual({
      problem: 'one_of',
      params: { allowed: 'P, S, M, U' },
    });
    expect(await faultOf(rate('eva', { ...target, reasoning: ' ok ' }))).toMatchObject({
      problem: 'reasoning_too_short',
    });
    expect(
      await faultOf(rate('eva', { ...target, evidence: [{ kind: 'inject', id: fx.observations.triage }] })),
    ).toEqual({ problem: 'no_such_inject' });
    const cordon = { kind: 'observation' as const, id: fx.observations.cordon };
    expect(await faultOf(rate('eva', { ...target, evidence: [cordon, cordon] }))).toEqual({
      problem: 'named_twice',
    });
    expect(await faultOf(rate('eva', { subjectId: fx.objective }))).toEqual({
      problem: 'not_a_capability_target',
    });
  });

  it('lets a director read but not rate', async () => {
    expect(await refusal(rate('dir', { subjectId: fx.targets.triage }))).toMatchObject({ status: 403 });
    expect(await isReportFinal(rt.ctx.db.kysely, fx.exerciseId)).toBe(false);
  });

  it('builds the guide from the chain, observations under their tasks, the evaluator’s section first', async () => {
    await assignEvaluator(rt.ctx, people.dir!.info, people.dir!.actor, fx.exerciseId, {
      userId: people.ben!.info.userId!,
      teamId: fx.teams.medics,
    });
    const guide = await evaluationGuide(rt.ctx, people.ben!.actor, fx.exerciseId);
    expect(guide.sections.map((s) => [s.target.text, s.assigned])).toEqual([
      ['Casualties triaged', true],
      ['Outer cordon set', false],
    ]);
    const cordon = guide.sections[1]!;
    expect(cordon.criticalTasks.map((k) => [k.text, k.observationIds])).toEqual([
      ['Close the road', [fx.observations.cordon]],
      ['Hold the perimeter', []],
    ]);
    expect(cordon.injectIds).toEqual([fx.inject]);
    expect(guide.injects[0]).toMatchObject({ id: fx.inject, progress: { reports: 1 } });
    expect(guide.reports.map((r) => r.id)).toEqual([fx.report]);
    expect(guide.mayRate).toBe(true);
    expect(guide.mayAssign).toBe(false);
  });
  it('keeps the ratings a final report printed: rating again waits for a new draft', async () => {
    const dir = people.dir!;
    const draft = await generateReport(rt.ctx, dir.info, dir.actor, fx.exerciseId);
    const final = await finaliseReport(rt.ctx, dir.info, dir.actor, fx.exerciseId, draft.version);
    expect(final.status).toBe('final');
    expect(await isReportFinal(rt.ctx.db.kysely, fx.exerciseId)).toBe(true);
    const [current] = (await currentRatings(rt.ctx.db.kysely, fx.exerciseId)).filter(
      (r) => r.subjectId === fx.targets.cordon,
    );
    expect(
      await refusal(rate('eva', { subjectId: fx.targets.cordon, version: current?.version ?? 0 })),
    ).toMatchObject({ status: 409, code: 'report_final' });
  });
});
