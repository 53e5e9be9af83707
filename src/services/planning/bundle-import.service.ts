import { randomUUID } from 'node:crypto';
import { EXERCISE_STATUSES } from '../../core/exercise/exercise.js';
import { checkGeometry } from '../../core/exercise/geometry.js';
import { APPROVAL_STATES, type ApprovedSnapshot } from '../../core/msel/msel.js';
import { can, type Actor } from '../../core/policy/policy.js';
import { AppError, badField, forbidden, refusedAs, refusedGeometry } from '../../errors.js';
import { exerciseRepository, programmeRepository } from '../../store/exercise.repository.js';
import { mselRepository } from '../../store/msel.repository.js';
import { planRepository } from '../../store/plan.repository.js';
import { appendAudit, recordAudit } from '../audit.service.js';
import type { ActorInfo, AppContext, Q } from '../context.js';
import { cleanText } from '../text.js';
import { checkBundleShape } from './bundle.schema.js';
import type { ExerciseBundle } from './bundle.service.js';
import { createExercise, parseInstant } from './exercises.service.js';
import { checkEventInput } from './msel.service.js';
import { checkBranching, type Branching, type ReleaseOn } from '../../core/conduct/branching.js';
import { branchingRepository } from '../../store/branching.repository.js';
import type { MselEventRow } from '../../store/schema.js';
import { pacer } from '../../store/turns.js';
import { EXERCISE_ROLES, EXTENTS_OF_PLAY, VENUE_KINDS, ZONE_KINDS } from './plan.service.js';

const oneOf = (value: string, allowed: readonly string[], field: string) => {
  if (!allowed.includes(value)) throw badField(field, 'one_of', { allowed: allowed.join(', ') });
  return value;
};
const opt = (v: string | null, field: string, max: number) =>
  v === null || v.trim() === '' ? null : cleanText(v, field, max);

/** Old id → new id for everything the bundle defines; a reference to anything else is refused. */
class IdMap {
  private readonly map = new Map<string, string>();
  define(old: string, field: string): string {
    if (this.map.has(old)) throw badField(field, 'bundle_id_twice', { id: old });
    const fresh = randomUUID();
    this.map.set(old, fresh);
    return fresh;
  }
  ref(old: string, field: string): string {
    const fresh = this.map.get(old);
    if (!fresh) throw badField(field, 'bundle_ref_undefined', { id: old });
    return fresh;
  }
  refs(olds: string[], field: string): string[] {
    return olds.map((o, i) => this.ref(o, `${field}[${i}]`));
  }
}

/** Keeps a reference to an installation-wide record (organisation, unit, user) only if it exists here. */
async function known(
  db: Q,
  table: 'organisations' | 'units' | 'users',
  id: string | null,
): Promise<string | null> {
  if (!id) return null;
  return (await db.selectFrom(table).select('id').where('id', '=', id).executeTakeFirst()) ? id : null;
}

/**
 * Creates a new exercise from a bundle, all or nothing: every item gets a fresh id, every reference
 * is rewritten, every field passes the same checks as when typed in. Returns the new exercise id.
 */
export async function importBundle(
  ctx: AppContext,
  actor: ActorInfo,
  policy: Actor,
  bundle: ExerciseBundle,
): Promise<string> {
  if (!can(policy, 'exercises:plan')) throw forbidden('You may not create exercises');
  await checkBundleShape(bundle);
  const x = bundle.exercise;
  // The bundle's lead organisation stays where this installation has it and the importer plans
  // there; else the exercise is the importer's own, as one created by hand would be. A bundle never
  // makes an exercise led by an organisation the importer does not act for.
  const lead =
    x.leadOrganisationId &&
    (await known(ctx.db.kysely, 'organisations', x.leadOrganisationId)) &&
    can(policy, 'exercises:plan', { organisationId: x.leadOrganisationId })
      ? x.leadOrganisationId
      : undefined;
  // The header goes through the same checks (type, zone, times) as an exercise created by hand.
  const created = await createExercise(
    ctx,
    actor,
    {
      name: x.name,
      type: x.type,
      timeZone: x.timeZone,
      startex: x.startex,
      endex: x.endex,
      city: x.city,
      scope: x.scope,
      threat: x.threat,
      scenario: x.scenario,
      sponsor: x.sponsor,
      pointOfContact: x.pointOfContact,
      handling: x.handling,
      leadOrganisationId: lead,
    },
    policy,
  );
  try {
    await ctx.db.kysely.transaction().execute((trx) => fill(ctx, trx, actor, created.id, bundle));
  } catch (err) {
    // createExercise committed on its own; take it back so a refused bundle leaves nothing behind,
    // and say so in the audit log, which keeps the creation it cannot forget.
    await exerciseRepository.delete(ctx.db.kysely, created.id);
    await recordAudit(ctx, actor, {
      action: 'exercise.import_refused',
      subjectType: 'exercise',
      subjectId: created.id,
      detail: { reason: err instanceof AppError ? err.detail : 'internal error' },
    });
    throw err;
  }
  return created.id;
}

/** Rows of the MSEL written per statement: a statement's time is a stretch the event loop cannot turn in. */
const MSEL_ROWS_PER_INSERT = 50;

async function fill(ctx: AppContext, trx: Q, actor: ActorInfo, exerciseId: string, b: ExerciseBundle) {
  const ids = new IdMap();
  // On SQLite every statement answers in the same call: without these turns a large bundle's
  // checks and writes would hold the event loop for seconds, whatever was waiting.
  const pace = pacer();
  const x = b.exercise;
  oneOf(x.status, EXERCISE_STATUSES, 'exercise.status');
  oneOf(x.mselApproval, APPROVAL_STATES, 'exercise.mselApproval');
  const programmeId =
    x.programmeId && (await programmeRepository.get(trx, x.programmeId)) ? x.programmeId : null;
  await trx
    .updateTable('exercises')
    .set({
      programme_id: programmeId,
      status: x.status,
      msel_approval: x.mselApproval,
      msel_approved_by: x.mselApprovedBy,
      msel_approved_at: x.mselApprovedAt,
    })
    .where('id', '=', exerciseId)
    .execute();

  const capabilities = new Set((await planRepository.coreCapabilities(trx)).map((c) => c.id));
  for (const [i, o] of b.objectives.entries()) {
    await pace();
    const f = `objectives[${i}]`;
    const id = ids.define(o.id, `${f}.id`);
    await planRepository.insertObjective(trx, {
      id,
      exercise_id: exerciseId,
      position: i + 1,
      text: cleanText(o.text, `${f}.text`, 2000),
    });
    for (const [j, t] of o.capabilityTargets.entries()) {
      await pace();
      const g = `${f}.capabilityTargets[${j}]`;
      if (!capabilities.has(t.coreCapabilityId))
        throw badField(`${g}.coreCapabilityId`, 'no_such_core_capability');
      const targetId = ids.define(t.id, `${g}.id`);
      await planRepository.insertTarget(trx, {
        id: targetId,
        objective_id: id,
        core_capability_id: t.coreCapabilityId,
        text: cleanText(t.text, `${g}.text`, 2000),
      });
      for (const [k, task] of t.criticalTasks.entries()) {
        await pace();
        await planRepository.insertTask(trx, {
          id: ids.define(task.id, `${g}.criticalTasks[${k}].id`),
          capability_target_id: targetId,
          position: k + 1,
          text: cleanText(task.text, `${g}.criticalTasks[${k}].text`, 1000),
        });
      }
    }
  }
  for (const [i, m] of b.modules.entries()) {
    await pace();
    await planRepository.insertModule(trx, {
      id: ids.define(m.id, `modules[${i}].id`),
      exercise_id: exerciseId,
      position: i + 1,
      title: cleanText(m.title, `modules[${i}].title`, 200),
      narrative: m.narrative.slice(0, 50_000),
      questions: JSON.stringify(
        m.questions.map((q, j) => cleanText(q, `modules[${i}].questions[${j}]`, 1000)),
      ),
    });
  }
  for (const [i, v] of b.venues.entries()) {
    await pace();
    const f = `venues[${i}]`;
    const point = checkGeometry({ type: 'Point', coordinates: [v.point.lon, v.point.lat] }, `${f}.point`, [
      'Point',
    ]);
    if ('error' in point) throw refusedGeometry(`${f}.point`, point);
    const footprint = v.footprint
      ? checkGeometry(v.footprint, `${f}.footprint`, ['Polygon', 'MultiPolygon'])
      : null;
    if (footprint && 'error' in footprint) throw refusedGeometry(`${f}.footprint`, footprint);
    await planRepository.insertVenue(trx, {
      id: ids.define(v.id, `${f}.id`),
      exercise_id: exerciseId,
      name: cleanText(v.name, `${f}.name`, 200),
      kind: oneOf(v.kind, VENUE_KINDS, `${f}.kind`),
      address: opt(v.address, `${f}.address`, 300),
      lon: v.point.lon,
      lat: v.point.lat,
      footprint: footprint ? JSON.stringify(footprint) : null,
    });
  }
  for (const [i, z] of b.zones.entries()) {
    await pace();
    const f = `zones[${i}]`;
    const geometry = checkGeometry(z.geometry, `${f}.geometry`, [
      'LineString',
      'MultiLineString',
      'Polygon',
      'MultiPolygon',
    ]);
    if ('error' in geometry) throw refusedGeometry(`${f}.geometry`, geometry);
    await planRepository.insertZone(trx, {
      id: ids.define(z.id, `${f}.id`),
      exercise_id: exerciseId,
      venue_id: z.venueId ? ids.ref(z.venueId, `${f}.venueId`) : null,
      name: cleanText(z.name, `${f}.name`, 200),
      kind: oneOf(z.kind, ZONE_KINDS, `${f}.kind`),
      geometry: JSON.stringify(geometry),
      road: opt(z.road, `${f}.road`, 200),
      starts_at: z.startsAt ? parseInstant(z.startsAt, `${f}.startsAt`) : null,
      ends_at: z.endsAt ? parseInstant(z.endsAt, `${f}.endsAt`) : null,
      notes: opt(z.notes, `${f}.notes`, 2000),
    });
  }
  for (const [i, p] of b.participations.entries()) {
    await pace();
    const organisationId = await known(trx, 'organisations', p.organisationId);
    if (!organisationId) continue; // an organisation this installation does not have cannot take part here
    await planRepository.upsertOrganisation(trx, {
      exercise_id: exerciseId,
      organisation_id: organisationId,
      extent_of_play: oneOf(p.extentOfPlay, EXTENTS_OF_PLAY, `participations[${i}].extentOfPlay`),
      notes: opt(p.notes, `participations[${i}].notes`, 2000),
    });
  }
  for (const [i, t] of b.teams.entries()) {
    await pace();
    await planRepository.insertTeam(trx, {
      id: ids.define(t.id, `teams[${i}].id`),
      exercise_id: exerciseId,
      name: cleanText(t.name, `teams[${i}].name`, 200),
      organisation_id: await known(trx, 'organisations', t.organisationId),
      unit_id: await known(trx, 'units', t.unitId),
    });
  }
  for (const [i, p] of b.people.entries()) {
    await pace();
    await planRepository.insertPerson(trx, {
      id: ids.define(p.id, `people[${i}].id`),
      exercise_id: exerciseId,
      user_id: await known(trx, 'users', p.userId),
      name: cleanText(p.name, `people[${i}].name`, 200),
      role: oneOf(p.role, EXERCISE_ROLES, `people[${i}].role`),
      team_id: p.teamId ? ids.ref(p.teamId, `people[${i}].teamId`) : null,
      organisation_id: await known(trx, 'organisations', p.organisationId),
      contact: opt(p.contact, `people[${i}].contact`, 300),
      venue_id: p.venueId ? ids.ref(p.venueId, `people[${i}].venueId`) : null,
    });
  }
  const now = ctx.clock.now().toISOString();
  const remap = (
    e: Pick<
      ExerciseBundle['msel'][number],
      'toTeamIds' | 'objectiveIds' | 'criticalTaskIds' | 'responsibleControllerId'
    >,
    f: string,
  ) => ({
    toTeamIds: ids.refs(e.toTeamIds, `${f}.toTeamIds`),
    objectiveIds: ids.refs(e.objectiveIds, `${f}.objectiveIds`),
    criticalTaskIds: ids.refs(e.criticalTaskIds, `${f}.criticalTaskIds`),
    responsibleControllerId: e.responsibleControllerId
      ? ids.ref(e.responsibleControllerId, `${f}.responsibleControllerId`)
      : null,
  });
  const rows: MselEventRow[] = [];
  for (const [i, e] of b.msel.entries()) {
    await pace();
    const f = `msel[${i}]`;
    oneOf(e.approval, APPROVAL_STATES, `${f}.approval`);
    const snapshot: ApprovedSnapshot | null = e.approvedVersion
      ? { ...e.approvedVersion, ...remap(e.approvedVersion, `${f}.approvedVersion`) }
      : null;
    rows.push({
      id: ids.define(e.id, `${f}.id`),
      exercise_id: exerciseId,
      ...checkEventInput({ ...e, ...remap(e, f) }, `${f}.`),
      position: i + 1,
      approval: e.approval,
      approved_snapshot: snapshot ? JSON.stringify(snapshot) : null,
      approved_by: e.approvedBy,
      approved_at: e.approvedAt,
      author_id: e.authorId,
      version: 1,
      created_at: now,
      updated_at: now,
    });
  }
  for (let i = 0; i < rows.length; i += MSEL_ROWS_PER_INSERT) {
    await pace();
    await mselRepository.insertMany(trx, rows.slice(i, i + MSEL_ROWS_PER_INSERT));
  }
  await restoreBranching(trx, exerciseId, b, ids, now, pace);
  await appendAudit(ctx, trx, actor, {
    action: 'exercise.imported',
    subjectType: 'exercise',
    subjectId: exerciseId,
    detail: { from: x.id, objectives: b.objectives.length, events: rows.length },
  });
}

/**
 * The MSEL's branching, its event ids remapped, each checked against the others as planning checks
 * it (an option offered, no chain waiting on itself), so a bundle cannot bring in a branch that would
 * never play out.
 */
async function restoreBranching(
  trx: Q,
  exerciseId: string,
  b: ExerciseBundle,
  ids: { ref(old: string, field: string): string },
  now: string,
  pace: () => Promise<void> | undefined,
): Promise<void> {
  const all: { i: number; branching: Branching }[] = [];
  for (const [i, e] of b.msel.entries()) {
    await pace();
    const x = e.branching;
    if (!x || (!x.decision && !x.releaseOn)) continue;
    const f = `msel[${i}].branching`;
    const r = x.releaseOn as {
      kind: string;
      eventId?: string;
      option?: string;
      milestone?: string;
      delayMinutes: number;
    } | null;
    const releaseOn: ReleaseOn | null = !r
      ? null
      : r.kind === 'decision'
        ? {
            kind: 'decision',
            eventId: ids.ref(r.eventId ?? '', `${f}.releaseOn.eventId`),
            option: cleanText(r.option ?? '', `${f}.releaseOn.option`, 120),
            delayMinutes: r.delayMinutes,
          }
        : {
            kind: 'milestone',
            milestone: cleanText(r.milestone ?? '', `${f}.releaseOn.milestone`, 200),
            delayMinutes: r.delayMinutes,
          };
    const decision = x.decision
      ? {
          question: cleanText(x.decision.question, `${f}.decision.question`, 500),
          options: x.decision.options.map((o, k) => cleanText(o, `${f}.decision.options[${k}]`, 120)),
        }
      : null;
    all.push({ i, branching: { eventId: ids.ref(e.id, `msel[${i}].id`), decision, releaseOn } });
  }
  // What an inject waits for is checked first: a wrong option is named where it was written, not as
  // an option the decision point lacks.
  const waitingFirst = [...all].sort(
    (a, b) => Number(!a.branching.releaseOn) - Number(!b.branching.releaseOn),
  );
  for (const { i, branching } of waitingFirst) {
    await pace();
    const [problem] = checkBranching(
      branching,
      all.filter((o) => o.branching !== branching).map((o) => o.branching),
    );
    if (problem) throw badField(`msel[${i}].branching.${problem.field}`, problem.code, problem.detail);
    const r = branching.releaseOn;
    await branchingRepository.save(trx, {
      event_id: branching.eventId,
      exercise_id: exerciseId,
      question: branching.decision?.question ?? null,
      options: branching.decision ? JSON.stringify(branching.decision.options) : null,
      release_kind: r?.kind ?? null,
      release_event_id: r?.kind === 'decision' ? r.eventId : null,
      release_option: r?.kind === 'decision' ? r.option : null,
      release_milestone: r?.kind === 'milestone' ? r.milestone : null,
      delay_minutes: r?.delayMinutes ?? 0,
      updated_at: now,
    });
  }
}

/** Reads a bundle file's text, naming what is wrong with it rather than failing on a stack trace. */
export function parseBundle(text: string): ExerciseBundle {
  try {
    return JSON.parse(text) as ExerciseBundle;
  } catch (err) {
    throw refusedAs('bundle', `is not JSON: ${(err as Error).message}`, 'not_json');
  }
}
