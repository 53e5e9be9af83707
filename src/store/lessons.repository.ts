import { sql, type Kysely, type RawBuilder } from 'kysely';
import { MARK_END, MARK_START } from '../core/lessons/query.js';
import type { Engine } from './db.js';
import type { Database } from './schema.js';

type Q = Kysely<Database>;

/** What narrows a lessons search; the match itself is already in the engine's syntax. */
export interface LessonSearch {
  /** An FTS5 MATCH expression (SQLite) or to_tsquery text (PostgreSQL), from core/lessons/query.ts. */
  match: string;
  /** The exercises the reader may see; null: every exercise. */
  exerciseIds: readonly string[] | null;
  kind?: 'observation' | 'strength' | 'improvement' | undefined;
  capabilityId?: string | undefined;
  hazard?: string | undefined;
  organisationId?: string | undefined;
  city?: string | undefined;
  limit: number;
}

export interface LessonHit {
  kind: string;
  subject_id: string;
  /** The matched text around the match, each matched word between MARK_START and MARK_END. */
  snippet: string;
  /** Higher is better, comparable only within one search. */
  score: number;
  exercise_id: string;
  capability_id: string | null;
  position: number | null;
  critical_task_ids: string | null;
  objective_ids: string | null;
  at: string;
  exercise_name: string;
  city: string | null;
  hazard: string | null;
  startex: string;
}

/**
 * The capability filter for an observation: one of its critical tasks, or one of its objectives,
 * belongs to a target of that capability. JSON arrays are opened with each engine's function.
 */
function observationHasCapability(engine: Engine, capabilityId: string): RawBuilder<unknown> {
  const each = (column: RawBuilder<unknown>) =>
    engine === 'sqlite'
      ? sql`json_each(${column}) j`
      : sql`jsonb_array_elements_text(${column}::jsonb) j(value)`;
  return sql`(exists (select 1 from ${each(sql.ref('i.critical_task_ids'))}
      join critical_tasks ct on ct.id = j.value
      join capability_targets t on t.id = ct.capability_target_id
      where t.core_capability_id = ${capabilityId})
    or exists (select 1 from ${each(sql.ref('i.objective_ids'))}
      join capability_targets t on t.objective_id = j.value
      where t.core_capability_id = ${capabilityId}))`;
}

function filters(engine: Engine, s: LessonSearch): RawBuilder<unknown> {
  const where: RawBuilder<unknown>[] = [sql`1 = 1`];
  if (s.exerciseIds) where.push(sql`e.id in (${sql.join(s.exerciseIds.map((id) => sql`${id}`))})`);
  if (s.kind) where.push(sql`i.kind = ${s.kind}`);
  if (s.hazard) where.push(sql`e.hazard = ${s.hazard}`);
  if (s.city) where.push(sql`e.city = ${s.city}`);
  if (s.organisationId)
    where.push(sql`(e.lead_organisation_id = ${s.organisationId} or exists (
      select 1 from exercise_organisations eo where eo.exercise_id = e.id and eo.organisation_id = ${s.organisationId}))`);
  if (s.capabilityId)
    where.push(
      sql`((i.kind <> 'observation' and i.capability_id = ${s.capabilityId}) or (i.kind = 'observation' and ${observationHasCapability(engine, s.capabilityId)}))`,
    );
  return sql.join(where, sql` and `);
}

/** SQLite: the FTS5 table filled by migration 0031's triggers, ranked by BM25. */
function sqliteSearch(s: LessonSearch): RawBuilder<LessonHit> {
  return sql<LessonHit>`with hits as (
      select d.kind as kind, d.subject_id as subject_id,
        snippet(lessons_fts, 0, ${MARK_START}, ${MARK_END}, '…', 24) as snippet,
        -bm25(lessons_fts) as score
      from lessons_fts join lesson_documents d on d.id = lessons_fts.rowid
      where lessons_fts match ${s.match}
    ), items as (
      select h.kind, h.subject_id, h.snippet, h.score, o.exercise_id, null as capability_id, null as position,
        o.critical_task_ids, o.objective_ids, o.observed_at as at
      from hits h join observations o on o.id = h.subject_id where h.kind = 'observation'
      union all
      select f.kind, h.subject_id, h.snippet, h.score, f.exercise_id, f.core_capability_id, f.position,
        null, null, f.updated_at
      from hits h join findings f on f.id = h.subject_id where h.kind <> 'observation'
    )
    select i.*, e.name as exercise_name, e.city, e.hazard, e.startex
    from items i join exercises e on e.id = i.exercise_id
    where ${filters('sqlite', s)}
    order by i.score desc, i.subject_id
    limit ${s.limit}`;
}

/**
 * PostgreSQL: the expressions match migration 0031's GIN indexes exactly (to_tsvector('simple', …)),
 * so the planner uses them; the snippet is cut only for the rows returned.
 */
function postgresSearch(s: LessonSearch): RawBuilder<LessonHit> {
  const headline = `StartSel="${MARK_START}", StopSel="${MARK_END}", MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;
  return sql<LessonHit>`with q as (select to_tsquery('simple', ${s.match}) as q),
    items as (
      select 'observation'::text as kind, o.id as subject_id, o.text as body,
        ts_rank(to_tsvector('simple', o.text), q.q) as score, o.exercise_id,
        null::text as capability_id, null::integer as position, o.critical_task_ids, o.objective_ids,
        o.observed_at as at
      from observations o, q where to_tsvector('simple', o.text) @@ q.q
      union all
      select f.kind, f.id, f.text || ' ' || f.analysis,
        ts_rank(to_tsvector('simple', f.text || ' ' || f.analysis), q.q), f.exercise_id,
        f.core_capability_id, f.position, null, null, f.updated_at
      from findings f, q where to_tsvector('simple', f.text || ' ' || f.analysis) @@ q.q
    )
    select i.kind, i.subject_id, ts_headline('simple', i.body, (select q from q), ${headline}) as snippet,
      i.score, i.exercise_id, i.capability_id, i.position, i.critical_task_ids, i.objective_ids, i.at,
      e.name as exercise_name, e.city, e.hazard, e.startex
    from items i join exercises e on e.id = i.exercise_id
    where ${filters('postgres', s)}
    order by i.score desc, i.subject_id
    limit ${s.limit}`;
}

/** Full-text search over observations and findings, each engine with its own index. */
export const lessonsRepository = {
  search: async (db: Q, engine: Engine, s: LessonSearch): Promise<LessonHit[]> => {
    if (s.exerciseIds && s.exerciseIds.length === 0) return [];
    const rows = (await (engine === 'sqlite' ? sqliteSearch(s) : postgresSearch(s)).execute(db)).rows;
    return rows.map((r) => ({
      ...r,
      score: Number(r.score),
      position: r.position === null ? null : Number(r.position),
    }));
  },

  /** The core capability of each critical task and of each objective named. */
  capabilityLinks: async (
    db: Q,
    taskIds: readonly string[],
    objectiveIds: readonly string[],
  ): Promise<{ tasks: Map<string, string[]>; objectives: Map<string, string[]> }> => {
    const add = (m: Map<string, string[]>, k: string, v: string) => m.set(k, [...(m.get(k) ?? []), v]);
    const tasks = new Map<string, string[]>();
    const objectives = new Map<string, string[]>();
    if (taskIds.length)
      for (const r of await db
        .selectFrom('critical_tasks as ct')
        .innerJoin('capability_targets as t', 't.id', 'ct.capability_target_id')
        .select(['ct.id', 't.core_capability_id'])
        .where('ct.id', 'in', taskIds)
        .execute())
        add(tasks, r.id, r.core_capability_id);
    if (objectiveIds.length)
      for (const r of await db
        .selectFrom('capability_targets')
        .select(['objective_id', 'core_capability_id'])
        .where('objective_id', 'in', objectiveIds)
        .execute())
        add(objectives, r.objective_id, r.core_capability_id);
    return { tasks, objectives };
  },
};
