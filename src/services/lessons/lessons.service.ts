import { LESSON_KINDS } from '../../contract/enums.js';
import { isExerciseHazard } from '../../core/exercise/hazard.js';
import { mayFindLessonsOf } from '../../core/lessons/access.js';
import {
  parseLessonQuery,
  snippetPieces,
  toFts5,
  toTsquery,
  type SnippetPiece,
} from '../../core/lessons/query.js';
import { organisationsWhere, type Actor } from '../../core/policy/policy.js';
import { badField } from '../../errors.js';
import { exerciseRepository } from '../../store/exercise.repository.js';
import { findingsRepository } from '../../store/findings.repository.js';
import { lessonsRepository, type LessonHit } from '../../store/lessons.repository.js';
import { organisationRepository } from '../../store/organisation.repository.js';
import { planRepository } from '../../store/plan.repository.js';
import type { AppContext, Q } from '../context.js';
import { readScopesOf } from '../planning/exercises.service.js';

export type LessonKind = (typeof LESSON_KINDS)[number];

export interface LessonFilter {
  q: string;
  kind?: string | undefined;
  capabilityId?: string | undefined;
  hazard?: string | undefined;
  organisationId?: string | undefined;
  city?: string | undefined;
  limit?: number | undefined;
}

export interface Lesson {
  kind: LessonKind;
  id: string;
  /** "1.2" for a finding (Strength 1.2); null for an observation. */
  reference: string | null;
  snippet: SnippetPiece[];
  score: number;
  at: string;
  exercise: { id: string; name: string; city: string | null; hazard: string | null; startex: string };
  capabilities: { id: string; name: string }[];
}

export const LESSONS_LIMIT = 50;

/**
 * The exercises whose lessons the actor may find; null: all of them (an unscoped reader). Decided
 * by the policy exercise by exercise, as the exercise list is.
 */
async function findableExercises(db: Q, actor: Actor): Promise<string[] | null> {
  if (organisationsWhere(actor, 'observations:read') === 'everywhere') return null;
  const rows = await exerciseRepository.list(db);
  const scopes = await readScopesOf(db, rows);
  return rows.filter((r) => mayFindLessonsOf(actor, scopes.get(r.id)!)).map((r) => r.id);
}

function checkFilter(f: LessonFilter): { kind?: LessonKind } {
  if (f.hazard !== undefined && !isExerciseHazard(f.hazard)) throw badField('hazard', 'unknown_hazard');
  if (f.kind !== undefined && !(LESSON_KINDS as readonly string[]).includes(f.kind))
    throw badField('kind', 'one_of', { allowed: LESSON_KINDS.join(', ') });
  return f.kind ? { kind: f.kind as LessonKind } : {};
}

/**
 * Lessons learned across past exercises: observations, strengths and areas for improvement whose
 * text matches every word asked, best first, with the matched words marked in a snippet. Only what
 * the reader may see is searched (core/lessons/access.ts).
 */
export async function searchLessons(
  ctx: AppContext,
  actor: Actor,
  filter: LessonFilter,
): Promise<{ items: Lesson[]; more: boolean }> {
  const db = ctx.db.kysely;
  const { kind } = checkFilter(filter);
  const query = parseLessonQuery(filter.q);
  if (query.terms.length === 0) throw badField('q', 'no_search_words');
  // An unknown capability would find nothing, which reads as "no lessons": say it instead.
  if (
    filter.capabilityId !== undefined &&
    !(await db
      .selectFrom('core_capabilities')
      .select('id')
      .where('id', '=', filter.capabilityId)
      .executeTakeFirst())
  )
    throw badField('capabilityId', 'no_such_core_capability');
  const limit = Math.min(filter.limit ?? 20, LESSONS_LIMIT);
  const hits = await lessonsRepository.search(db, ctx.db.engine, {
    match: ctx.db.engine === 'sqlite' ? toFts5(query) : toTsquery(query),
    exerciseIds: await findableExercises(db, actor),
    kind,
    capabilityId: filter.capabilityId,
    hazard: filter.hazard,
    organisationId: filter.organisationId,
    city: filter.city?.trim() || undefined,
    limit: limit + 1,
  });
  const shown = hits.slice(0, limit);
  return { items: await present(db, shown), more: hits.length > limit };
}

/** Capability names and finding references for the hits shown. */
async function present(db: Q, hits: LessonHit[]): Promise<Lesson[]> {
  const ids = (h: LessonHit, column: 'critical_task_ids' | 'objective_ids') =>
    h[column] ? (JSON.parse(h[column]) as string[]) : [];
  const links = await lessonsRepository.capabilityLinks(
    db,
    hits.flatMap((h) => ids(h, 'critical_task_ids')),
    hits.flatMap((h) => ids(h, 'objective_ids')),
  );
  const capabilitiesOf = (h: LessonHit): string[] => {
    if (h.capability_id) return [h.capability_id];
    const byTask = ids(h, 'critical_task_ids').flatMap((t) => links.tasks.get(t) ?? []);
    const found = byTask.length
      ? byTask
      : ids(h, 'objective_ids').flatMap((o) => links.objectives.get(o) ?? []);
    return [...new Set(found)];
  };
  const names = await findingsRepository.capabilityNames(db, [...new Set(hits.flatMap(capabilitiesOf))]);
  // A finding's reference needs its capability's number in its exercise.
  const numbers = new Map<string, string[]>();
  for (const exerciseId of new Set(hits.filter((h) => h.kind !== 'observation').map((h) => h.exercise_id)))
    numbers.set(
      exerciseId,
      (await findingsRepository.capabilitiesOf(db, exerciseId)).map((c) => c.id),
    );
  return hits.map((h) => {
    const order = numbers.get(h.exercise_id) ?? [];
    const n = h.capability_id ? order.indexOf(h.capability_id) + 1 : 0;
    return {
      kind: h.kind as LessonKind,
      id: h.subject_id,
      reference: h.kind === 'observation' || h.position === null || n === 0 ? null : `${n}.${h.position}`,
      snippet: snippetPieces(h.snippet),
      score: h.score,
      at: h.at,
      exercise: {
        id: h.exercise_id,
        name: h.exercise_name,
        city: h.city,
        hazard: h.hazard,
        startex: h.startex,
      },
      capabilities: capabilitiesOf(h).map((id) => ({ id, name: names.get(id) ?? id })),
    };
  });
}

/** What the search page offers to filter by: the cities and organisations of findable exercises. */
export async function lessonFilters(ctx: AppContext, actor: Actor) {
  const db = ctx.db.kysely;
  const findable = await findableExercises(db, actor);
  const rows = (await exerciseRepository.list(db)).filter(
    (r) => findable === null || findable.includes(r.id),
  );
  const scopes = await readScopesOf(db, rows);
  const orgIds = new Set(rows.flatMap((r) => scopes.get(r.id)!.organisationIds ?? []));
  const organisations = (await organisationRepository.list(db)).filter((o) => orgIds.has(o.id));
  return {
    cities: [...new Set(rows.flatMap((r) => (r.city ? [r.city] : [])))].sort((a, b) => a.localeCompare(b)),
    organisations: organisations.map((o) => ({ id: o.id, name: o.name })),
    capabilities: (await planRepository.coreCapabilities(db)).map((c) => ({ id: c.id, name: c.name })),
  };
}
