import { randomUUID } from 'node:crypto';
import {
  cleanFindingText,
  FINDING_ANALYSIS_MAX,
  FINDING_TEXT_MAX,
  type FindingKind,
} from '../../core/evaluation/finding.js';
import { can, type Actor, type Permission } from '../../core/policy/policy.js';
import { AppError, badField, forbidden, notFound } from '../../errors.js';
import {
  findingsForExercise,
  findingsRepository,
  type CapabilityFindings,
} from '../../store/findings.repository.js';
import type { FindingRow } from '../../store/finding-tables.js';
import { observationRepository } from '../../store/observation.repository.js';
import { appendAudit } from '../audit.service.js';
import type { ActorInfo, AppContext, Q } from '../context.js';
import { getExerciseRow, readScopeOf } from '../planning/exercises.service.js';

export interface FindingInput {
  capabilityId: string;
  kind: FindingKind;
  text: string;
  analysis?: string | undefined;
  observationIds?: string[] | undefined;
}

export interface FindingChange {
  version: number;
  text?: string | undefined;
  analysis?: string | undefined;
  observationIds?: string[] | undefined;
}

/**
 * Findings are read with the observations they rest on, so by the same people: until the report is
 * final, the exercise's evaluators and directors (decision 0020). An exercise the actor may not read
 * at all is "not found"; one they read but may not evaluate is "forbidden".
 */
async function evaluated(db: Q, actor: Actor, exerciseId: string, permission: Permission) {
  const row = await getExerciseRow(db, exerciseId);
  const scope = await readScopeOf(db, row);
  if (!can(actor, 'exercises:read', scope)) throw notFound('Exercise');
  if (!can(actor, permission, scope))
    throw forbidden(
      permission === 'findings:write'
        ? 'Only the exercise’s evaluators and directors write its strengths and areas for improvement'
        : 'Until the report is final, only the exercise’s evaluators and directors see its findings',
    );
  return row;
}

function clean(value: string, field: string, max: number, required: boolean): string {
  const r = cleanFindingText(value, max, required);
  if ('problem' in r) throw badField(field, r.problem, r.params);
  return r.text;
}

/** Each id must be an observation of this exercise, named once. */
async function checkObservations(db: Q, exerciseId: string, ids: readonly string[]): Promise<void> {
  if (new Set(ids).size !== ids.length) throw badField('observationIds', 'named_twice');
  if (ids.length === 0) return;
  const known = new Set((await observationRepository.ofExercise(db, exerciseId)).map((o) => o.id));
  ids.forEach((id, i) => {
    if (!known.has(id)) throw badField(`observationIds/${i}`, 'no_such_observation');
  });
}

/** The exercise's strengths and areas for improvement, per core capability. */
export async function listFindings(
  ctx: AppContext,
  actor: Actor,
  exerciseId: string,
): Promise<CapabilityFindings[]> {
  await evaluated(ctx.db.kysely, actor, exerciseId, 'observations:read');
  return findingsForExercise(ctx.db.kysely, exerciseId);
}

/** Adds a strength or area for improvement under one of the capabilities the exercise evaluates. */
export async function createFinding(
  ctx: AppContext,
  who: ActorInfo,
  actor: Actor,
  exerciseId: string,
  input: FindingInput,
): Promise<CapabilityFindings[]> {
  const db = ctx.db.kysely;
  await evaluated(db, actor, exerciseId, 'findings:write');
  const capabilities = await findingsRepository.capabilitiesOf(db, exerciseId);
  if (!capabilities.some((c) => c.id === input.capabilityId))
    throw badField('capabilityId', 'capability_not_evaluated');
  const text = clean(input.text, 'text', FINDING_TEXT_MAX, true);
  const analysis = clean(input.analysis ?? '', 'analysis', FINDING_ANALYSIS_MAX, false);
  const observationIds = input.observationIds ?? [];
  await checkObservations(db, exerciseId, observationIds);
  const id = randomUUID();
  const at = ctx.clock.now().toISOString();
  const add = () =>
    db.transaction().execute(async (trx) => {
      const position = await findingsRepository.nextPosition(trx, exerciseId, input.capabilityId, input.kind);
      await findingsRepository.insert(trx, {
        id,
        exercise_id: exerciseId,
        core_capability_id: input.capabilityId,
        kind: input.kind,
        position,
        text,
        analysis,
        observation_ids: JSON.stringify(observationIds),
        author_id: who.userId,
        version: 1,
        created_at: at,
        updated_at: at,
      });
      await appendAudit(ctx, trx, who, {
        action: 'finding.created',
        subjectType: 'finding',
        subjectId: id,
        detail: { exerciseId, capabilityId: input.capabilityId, kind: input.kind, position },
      });
    });
  await withFreeNumber(add);
  return findingsForExercise(db, exerciseId);
}

/** How often an add reads the last number again after losing it to another evaluator. */
const NUMBER_ATTEMPTS = 20;

/**
 * Runs `add` (one whole transaction) until it takes a number nobody else took. Two evaluators may
 * read the same last number at once; the unique index refuses the second insert, which rolls its
 * transaction back (PostgreSQL aborts it in any case), and the next attempt reads the number the
 * first one committed. Each lost attempt means another add was committed, so a few suffice.
 */
async function withFreeNumber(add: () => Promise<void>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await add();
    } catch (err) {
      if (!findingsRepository.isNumberTaken(err)) throw err;
      if (attempt === NUMBER_ATTEMPTS)
        throw new AppError(
          'conflict',
          409,
          'Too many findings were being added at once to number this one; add it again',
        );
    }
  }
}

async function findingOf(db: Q, exerciseId: string, findingId: string): Promise<FindingRow> {
  const row = await findingsRepository.byId(db, findingId);
  if (!row || row.exercise_id !== exerciseId) throw notFound('The finding');
  return row;
}

const stale = () =>
  new AppError(
    'conflict',
    409,
    'Someone changed this finding since you opened it; reload to see their change',
    'version',
  );

/** Changes a finding's text, analysis or evidence, if nobody changed it since `version`. */
export async function updateFinding(
  ctx: AppContext,
  who: ActorInfo,
  actor: Actor,
  exerciseId: string,
  findingId: string,
  change: FindingChange,
): Promise<CapabilityFindings[]> {
  const db = ctx.db.kysely;
  await evaluated(db, actor, exerciseId, 'findings:write');
  const row = await findingOf(db, exerciseId, findingId);
  const text = change.text === undefined ? row.text : clean(change.text, 'text', FINDING_TEXT_MAX, true);
  const analysis =
    change.analysis === undefined
      ? row.analysis
      : clean(change.analysis, 'analysis', FINDING_ANALYSIS_MAX, false);
  if (change.observationIds) await checkObservations(db, exerciseId, change.observationIds);
  const observationIds = change.observationIds ? JSON.stringify(change.observationIds) : row.observation_ids;
  await db.transaction().execute(async (trx) => {
    const done = await findingsRepository.update(trx, findingId, change.version, {
      text,
      analysis,
      observation_ids: observationIds,
      updated_at: ctx.clock.now().toISOString(),
    });
    if (!done) throw stale();
    await appendAudit(ctx, trx, who, {
      action: 'finding.updated',
      subjectType: 'finding',
      subjectId: findingId,
      detail: { exerciseId, version: change.version + 1 },
    });
  });
  return findingsForExercise(db, exerciseId);
}

/** Removes a finding; the later ones of its capability and kind move up a number. */
export async function deleteFinding(
  ctx: AppContext,
  who: ActorInfo,
  actor: Actor,
  exerciseId: string,
  findingId: string,
): Promise<CapabilityFindings[]> {
  const db = ctx.db.kysely;
  await evaluated(db, actor, exerciseId, 'findings:write');
  await db.transaction().execute(async (trx) => {
    const row = await findingOf(trx, exerciseId, findingId);
    await findingsRepository.delete(trx, row);
    await appendAudit(ctx, trx, who, {
      action: 'finding.deleted',
      subjectType: 'finding',
      subjectId: findingId,
      detail: { exerciseId, kind: row.kind, text: row.text },
    });
  });
  return findingsForExercise(db, exerciseId);
}
