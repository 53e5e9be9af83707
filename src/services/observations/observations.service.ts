import { parseScenarioStart } from '../../core/conduct/clock.js';
import {
  fingerprint,
  photoTypeOf,
  PHOTO_MAX_BYTES,
  stampObservation,
  TEXT_MAX,
  type ObservationContent,
} from '../../core/observation/observation.js';
import { can, type Actor } from '../../core/policy/policy.js';
import { AppError, badField, forbidden, notFound } from '../../errors.js';
import { conductRepository } from '../../store/conduct.repository.js';
import { observationRepository } from '../../store/observation.repository.js';
import type { ObservationRow } from '../../store/observation-tables.js';
import { planRepository } from '../../store/plan.repository.js';
import { appendAudit } from '../audit.service.js';
import { historyOf } from '../conduct/conduct.js';
import type { ActorInfo, AppContext, Q } from '../context.js';
import { appendEvent } from '../events/events.service.js';
import { getExerciseRow, readScopeOf, type ExerciseScope } from '../planning/exercises.service.js';

/** What an evaluator's device sends; the id is the device's own. */
export interface ObservationInput {
  observedAt: string;
  text: string;
  venueId?: string | null | undefined;
  teamId?: string | null | undefined;
  objectiveIds?: string[] | undefined;
  criticalTaskIds?: string[] | undefined;
  place?: { lon: number; lat: number } | null | undefined;
  photo?: { type: string; data: string } | null | undefined;
}

export interface Observation {
  id: string;
  exerciseId: string;
  author: string;
  text: string;
  observedAt: string;
  exerciseTime: string;
  exerciseSeconds: number;
  scenarioTime: string | null;
  venueId: string | null;
  teamId: string | null;
  place: { lon: number; lat: number } | null;
  objectiveIds: string[];
  criticalTaskIds: string[];
  photo: boolean;
  receivedAt: string;
}

const toObservation = (r: ObservationRow): Observation => ({
  id: r.id,
  exerciseId: r.exercise_id,
  author: r.author_name,
  text: r.text,
  observedAt: r.observed_at,
  exerciseTime: r.exercise_time,
  exerciseSeconds: r.exercise_seconds,
  scenarioTime: r.scenario_time,
  venueId: r.venue_id,
  teamId: r.team_id,
  place: r.lon === null || r.lat === null ? null : { lon: r.lon, lat: r.lat },
  objectiveIds: JSON.parse(r.objective_ids) as string[],
  criticalTaskIds: JSON.parse(r.critical_task_ids) as string[],
  photo: r.photo_type !== null,
  receivedAt: r.received_at,
});

/**
 * The exercise and where it lives, if the actor holds `permission` there. One they may not even read
 * is "not found" (as everywhere in planning); one they read but may not observe is "forbidden".
 */
async function observed(
  db: Q,
  actor: Actor,
  exerciseId: string,
  permission: 'observations:read' | 'observations:record',
) {
  const row = await getExerciseRow(db, exerciseId);
  const scope: ExerciseScope = await readScopeOf(db, row);
  if (!can(actor, 'exercises:read', scope)) throw notFound('Exercise');
  if (!can(actor, permission, scope))
    throw forbidden(
      permission === 'observations:record'
        ? 'Only the exercise’s evaluators record observations'
        : 'Until the report is final, only the exercise’s evaluators and directors see its observations',
    );
  return row;
}

/** Observation text: trimmed, line breaks kept, other control characters refused; markup is data. */
function cleanObservationText(value: string): string {
  const text = value.normalize('NFC').replace(/\r\n?/g, '\n').trim();
  if (!text) throw badField('text', 'observation_text_empty');
  if (text.length > TEXT_MAX) throw badField('text', 'max_length', { max: TEXT_MAX });
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  if (/[\u0000-\u0008\u000b-\u001f\u007f]/.test(text)) throw badField('text', 'no_control_characters');
  return text;
}

function checkPhoto(photo: { type: string; data: string }): void {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(photo.data) || photo.data.length % 4 !== 0)
    throw badField('photo.data', 'not_base64_picture', { encoding: 'base64' });
  const bytes = Buffer.from(photo.data, 'base64');
  if (bytes.length === 0) throw badField('photo.data', 'not_empty');
  if (bytes.length > PHOTO_MAX_BYTES)
    throw new AppError(
      'photo_too_large',
      413,
      `The photo is ${(bytes.length / 1048576).toFixed(1)} MiB; at most ${PHOTO_MAX_BYTES / 1048576} MiB is taken`,
      'photo.data',
    );
  const actual = photoTypeOf(bytes);
  if (actual === null)
    throw new AppError(
      'photo_type',
      415,
      'The photo must be a JPEG, PNG or WebP picture; its bytes are none of these',
      'photo.data',
    );
  if (actual !== photo.type)
    throw badField('photo.type', 'photo_type_mismatch', { declared: photo.type, actual });
}

/** Each id must name something of this exercise; the first that does not is named. */
function checkIds(field: string, ids: readonly string[], known: ReadonlySet<string>): void {
  ids.forEach((id, i) => {
    if (!known.has(id)) throw badField(`${field}/${i}`, 'not_of_exercise');
  });
  if (new Set(ids).size !== ids.length) throw badField(field, 'named_twice');
}

/**
 * Records an observation under the id its device gave it. The same sending again (a replay after a
 * lost answer, or the offline queue flushing twice) stores nothing and answers the same; the same
 * id with another content is refused as a conflict. Stamped in the three clocks at the instant
 * observed; audited; announced on the live stream to those who may read observations.
 */
export async function recordObservation(
  ctx: AppContext,
  who: ActorInfo,
  actor: Actor,
  exerciseId: string,
  id: string,
  input: ObservationInput,
): Promise<Observation> {
  const db = ctx.db.kysely;
  const exercise = await observed(db, actor, exerciseId, 'observations:record');
  const observedAt = Date.parse(input.observedAt);
  if (!Number.isFinite(observedAt)) throw badField('observedAt', 'not_an_instant');
  const content: ObservationContent = {
    observedAt,
    text: cleanObservationText(input.text),
    venueId: input.venueId ?? null,
    teamId: input.teamId ?? null,
    objectiveIds: input.objectiveIds ?? [],
    criticalTaskIds: input.criticalTaskIds ?? [],
    place: input.place ?? null,
    photo: input.photo ?? null,
  };
  const print = fingerprint(content);

  // A replay is answered before anything else is checked: the exercise may have moved on since.
  const earlier = await observationRepository.byId(db, id);
  if (earlier) return sameOrConflict(earlier, exerciseId, who, print);

  const [venues, teams, objectives] = await Promise.all([
    planRepository.venues(db, exerciseId),
    planRepository.teams(db, exerciseId),
    planRepository.objectives(db, exerciseId),
  ]);
  if (content.venueId && !venues.some((v) => v.id === content.venueId))
    throw badField('venueId', 'not_a_venue_of_exercise');
  if (content.teamId && !teams.some((t) => t.id === content.teamId))
    throw badField('teamId', 'not_a_team_of_exercise');
  checkIds('objectiveIds', content.objectiveIds, new Set(objectives.map((o) => o.id)));
  const targets = await planRepository.capabilityTargets(
    db,
    objectives.map((o) => o.id),
  );
  const tasks = await planRepository.criticalTasks(
    db,
    targets.map((t) => t.id),
  );
  checkIds('criticalTaskIds', content.criticalTaskIds, new Set(tasks.map((t) => t.id)));
  if (content.photo) checkPhoto(content.photo);

  const [events, clock] = await Promise.all([
    conductRepository.events(db, exerciseId),
    conductRepository.clock(db, exerciseId),
  ]);
  const now = ctx.clock.now();
  const stamped = stampObservation(
    historyOf(events),
    clock?.scenario_start ? parseScenarioStart(clock.scenario_start) : null,
    observedAt,
    now.getTime(),
  );
  if ('refused' in stamped)
    throw new AppError(
      stamped.refused.code,
      409,
      `${stamped.refused.field}: ${stamped.refused.reason}`,
      stamped.refused.field,
    );
  const { reading } = stamped;

  return db.transaction().execute(async (trx) => {
    const stored = await observationRepository.insertOnce(
      trx,
      {
        id,
        exercise_id: exerciseId,
        author_id: who.userId ?? '',
        author_name: who.name ?? '',
        fingerprint: print,
        text: content.text,
        observed_at: new Date(Math.min(observedAt, now.getTime())).toISOString(),
        exercise_seconds: reading.exerciseSeconds,
        exercise_time: reading.exercise,
        scenario_time: reading.scenario,
        venue_id: content.venueId,
        team_id: content.teamId,
        lon: content.place?.lon ?? null,
        lat: content.place?.lat ?? null,
        objective_ids: JSON.stringify(content.objectiveIds),
        critical_task_ids: JSON.stringify(content.criticalTaskIds),
        photo_type: content.photo?.type ?? null,
        received_at: now.toISOString(),
      },
      content.photo,
    );
    const row = (await observationRepository.byId(trx, id))!;
    // Two sendings at once: the one that lost the insert answers as a replay would.
    if (!stored) return sameOrConflict(row, exerciseId, who, print);
    await appendAudit(ctx, trx, who, {
      action: 'observation.recorded',
      subjectType: 'observation',
      subjectId: id,
      detail: { exerciseId, exerciseTime: reading.exercise, observedAt: row.observed_at },
    });
    await appendEvent(ctx, trx, {
      type: 'observation.recorded',
      organisationId: exercise.lead_organisation_id,
      exerciseId,
      subjectType: 'observation',
      subjectId: id,
      payload: { exerciseTime: reading.exercise },
    });
    return toObservation(row);
  });
}

function sameOrConflict(row: ObservationRow, exerciseId: string, who: ActorInfo, print: string): Observation {
  if (row.exercise_id !== exerciseId || row.author_id !== (who.userId ?? '') || row.fingerprint !== print)
    throw new AppError(
      'observation_conflict',
      409,
      'An observation with this id was already recorded with other content; a new observation needs a new id',
      'id',
    );
  return toObservation(row);
}

/** The exercise's observations, latest first: for its evaluators and directors only. */
export async function listObservations(ctx: AppContext, actor: Actor, exerciseId: string) {
  await observed(ctx.db.kysely, actor, exerciseId, 'observations:read');
  return (await observationRepository.ofExercise(ctx.db.kysely, exerciseId)).map(toObservation);
}

/** The photo of one observation, as its bytes and type. */
export async function observationPhoto(
  ctx: AppContext,
  actor: Actor,
  exerciseId: string,
  observationId: string,
): Promise<{ type: string; bytes: Buffer }> {
  await observed(ctx.db.kysely, actor, exerciseId, 'observations:read');
  const row = await observationRepository.byId(ctx.db.kysely, observationId);
  const photo =
    row?.exercise_id === exerciseId
      ? await observationRepository.photo(ctx.db.kysely, observationId)
      : undefined;
  if (!photo) throw notFound('The photo');
  return { type: photo.content_type, bytes: Buffer.from(photo.data, 'base64') };
}

/** The exercise roles that evaluate (the plan's participants list). */
const EVALUATING_ROLES = ['evaluator', 'lead-evaluator'];

/** What the observation form offers: the evaluator's own teams first, then every venue, team and task. */
export interface ObservationForm {
  exerciseId: string;
  name: string;
  status: string;
  assigned: { teamIds: string[]; venueIds: string[] };
  venues: { id: string; name: string }[];
  teams: { id: string; name: string }[];
  objectives: {
    id: string;
    text: string;
    criticalTasks: { id: string; text: string; capabilityTarget: string }[];
  }[];
}

export async function observationForm(
  ctx: AppContext,
  who: ActorInfo,
  actor: Actor,
  exerciseId: string,
): Promise<ObservationForm> {
  const db = ctx.db.kysely;
  const exercise = await observed(db, actor, exerciseId, 'observations:record');
  const [venues, teams, objectives, people] = await Promise.all([
    planRepository.venues(db, exerciseId),
    planRepository.teams(db, exerciseId),
    planRepository.objectives(db, exerciseId),
    planRepository.people(db, exerciseId),
  ]);
  const targets = await planRepository.capabilityTargets(
    db,
    objectives.map((o) => o.id),
  );
  const tasks = await planRepository.criticalTasks(
    db,
    targets.map((t) => t.id),
  );
  const mine = people.filter((p) => p.user_id === who.userId && EVALUATING_ROLES.includes(p.role));
  return {
    exerciseId,
    name: exercise.name,
    status: exercise.status,
    assigned: {
      teamIds: [...new Set(mine.flatMap((p) => (p.team_id ? [p.team_id] : [])))],
      venueIds: [...new Set(mine.flatMap((p) => (p.venue_id ? [p.venue_id] : [])))],
    },
    venues: venues.map((v) => ({ id: v.id, name: v.name })),
    teams: teams.map((t) => ({ id: t.id, name: t.name })),
    objectives: objectives.map((o) => ({
      id: o.id,
      text: o.text,
      criticalTasks: targets
        .filter((t) => t.objective_id === o.id)
        .flatMap((t) =>
          tasks
            .filter((k) => k.capability_target_id === t.id)
            .map((k) => ({ id: k.id, text: k.text, capabilityTarget: t.text })),
        ),
    })),
  };
}
