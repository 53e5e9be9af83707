import type { PlanGeometry } from '../../core/exercise/geometry.js';
import type { ApprovedSnapshot } from '../../core/msel/msel.js';
import type { Actor } from '../../core/policy/policy.js';
import { forbidden } from '../../errors.js';
import { planRepository } from '../../store/plan.repository.js';
import type { AppContext, Q } from '../context.js';
import type { MselEventRow, VenueTable } from '../../store/schema.js';
import { mapInTurns, nextTurn } from '../../store/turns.js';
import { mayReadControllerSide, readableExercise } from './exercises.service.js';
import { toEvent } from './msel.service.js';
import { toVenue } from './plan.service.js';
import { branchingOf } from './branching.service.js';
import type { Branching } from '../../core/conduct/branching.js';
import { branchingRepository } from '../../store/branching.repository.js';

/** Marks a file as an exercise bundle, and which shape of one. */
export const BUNDLE_FORMAT = 'dabyl.exercise-bundle';
export const BUNDLE_VERSION = 1;

/**
 * A whole exercise as one JSON document: everything planned, the MSEL with its approval state, and
 * the ids that tie it together. Ids are the source installation's; an import gives every item a new
 * one and rewrites every reference. Organisations, units and users are referenced, not copied: they
 * belong to the installation, and an import keeps a reference only where the target knows the id.
 */
export interface ExerciseBundle {
  format: typeof BUNDLE_FORMAT;
  version: typeof BUNDLE_VERSION;
  exportedAt: string;
  exercise: {
    id: string;
    programmeId: string | null;
    name: string;
    type: string;
    status: string;
    timeZone: string;
    startex: string;
    endex: string;
    city: string | null;
    scope: string | null;
    threat: string | null;
    scenario: string | null;
    sponsor: string | null;
    pointOfContact: string | null;
    handling: string | null;
    leadOrganisationId: string | null;
    mselApproval: string;
    mselApprovedBy: string | null;
    mselApprovedAt: string | null;
  };
  objectives: {
    id: string;
    text: string;
    capabilityTargets: {
      id: string;
      coreCapabilityId: string;
      text: string;
      criticalTasks: { id: string; text: string }[];
    }[];
  }[];
  modules: { id: string; title: string; narrative: string; questions: string[] }[];
  venues: {
    id: string;
    name: string;
    kind: string;
    address: string | null;
    point: { lon: number; lat: number };
    footprint: PlanGeometry | null;
  }[];
  zones: {
    id: string;
    venueId: string | null;
    name: string;
    kind: string;
    geometry: PlanGeometry;
    road: string | null;
    startsAt: string | null;
    endsAt: string | null;
    notes: string | null;
  }[];
  participations: { organisationId: string; extentOfPlay: string; notes: string | null }[];
  teams: { id: string; name: string; organisationId: string | null; unitId: string | null }[];
  people: {
    id: string;
    userId: string | null;
    name: string;
    role: string;
    teamId: string | null;
    organisationId: string | null;
    contact: string | null;
    /** Left out by older bundles and when they are posted nowhere. */
    venueId?: string | null;
  }[];
  msel: {
    id: string;
    number: string;
    kind: string;
    offsetMinutes: number;
    scenarioTime: string | null;
    from: string | null;
    toTeamIds: string[];
    toText: string | null;
    method: string;
    title: string;
    content: string;
    expectedAction: string | null;
    objectiveIds: string[];
    criticalTaskIds: string[];
    responsibleControllerId: string | null;
    contingency: boolean;
    controllerNotes: string | null;
    approval: string;
    approvedVersion: ApprovedSnapshot | null;
    approvedBy: string | null;
    approvedAt: string | null;
    authorId: string | null;
    /** Its question and what it waits for (decision 0038); left out by older bundles. */
    branching?: Pick<Branching, 'decision' | 'releaseOn'> | null;
  }[];
}

// Ids and references to items of this exercise change on import, so they take no part.
const contentOf = (i: object) =>
  JSON.stringify({ ...i, id: undefined, venueId: undefined, teamId: undefined });
const sortedBy = <T>(keyed: (readonly [string, T])[]): T[] =>
  keyed.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([, i]) => i);

/** Orders items whose table keeps no position by their content, so two exports of one plan match. */
const byContent = <T extends object>(items: T[]): T[] =>
  sortedBy(items.map((i) => [contentOf(i), i] as const));

/** {@link byContent} for items of megabytes each (venues' detailed footprints), a few between turns. */
const byContentInTurns = async <T extends object>(items: T[]): Promise<T[]> =>
  sortedBy(await mapInTurns(items, (i) => [contentOf(i), i] as const, VENUE_PAGE));

/** The bundle of an exercise; it holds the MSEL and scenario, so only the controllers' side may take it. */
export async function exportBundle(
  ctx: AppContext,
  policy: Actor,
  exerciseId: string,
): Promise<ExerciseBundle> {
  const db = ctx.db.kysely;
  const { row: x, scope } = await readableExercise(db, policy, exerciseId);
  if (!mayReadControllerSide(policy, scope))
    throw forbidden('An exercise bundle holds the MSEL: controllers, evaluators and planners only');
  const objectives = await planRepository.objectives(db, exerciseId);
  const branching = new Map(
    (await branchingRepository.planned(db, exerciseId)).map((r) => [r.event_id, branchingOf(r)]),
  );
  const targets = await planRepository.capabilityTargets(
    db,
    objectives.map((o) => o.id),
  );
  const tasks = await planRepository.criticalTasks(
    db,
    targets.map((t) => t.id),
  );
  // Footprints of 2,000 points parse in milliseconds each: a few at a time, the loop turning between.
  const venues = await byContentInTurns(
    await mapInTurns(await venuesInPages(db, exerciseId), toVenue, VENUE_PAGE),
  );
  const msel = await mapInTurns(await mselInPages(db, exerciseId), (r) => {
    const e = toEvent(r);
    const b = branching.get(r.id);
    return {
      id: e.id,
      number: e.number,
      kind: e.kind,
      offsetMinutes: e.offsetMinutes,
      scenarioTime: e.scenarioTime,
      from: e.from,
      toTeamIds: e.toTeamIds,
      toText: e.toText,
      method: e.method,
      title: e.title,
      content: e.content,
      expectedAction: e.expectedAction,
      objectiveIds: e.objectiveIds,
      criticalTaskIds: e.criticalTaskIds,
      responsibleControllerId: e.responsibleControllerId,
      contingency: e.contingency,
      controllerNotes: e.controllerNotes,
      approval: e.approval,
      approvedVersion: r.approved_snapshot ? (JSON.parse(r.approved_snapshot) as ApprovedSnapshot) : null,
      approvedBy: r.approved_by,
      approvedAt: r.approved_at,
      authorId: r.author_id,
      // Left out when there is none, so a bundle without branching reads as older bundles do.
      ...(b ? { branching: { decision: b.decision, releaseOn: b.releaseOn } } : {}),
    };
  });
  return {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    exportedAt: ctx.clock.now().toISOString(),
    exercise: {
      id: x.id,
      programmeId: x.programme_id,
      name: x.name,
      type: x.type,
      status: x.status,
      timeZone: x.time_zone,
      startex: x.startex,
      endex: x.endex,
      city: x.city,
      scope: x.scope,
      threat: x.threat,
      scenario: x.scenario,
      sponsor: x.sponsor,
      pointOfContact: x.point_of_contact,
      handling: x.handling,
      leadOrganisationId: x.lead_organisation_id,
      mselApproval: x.msel_approval,
      mselApprovedBy: x.msel_approved_by,
      mselApprovedAt: x.msel_approved_at,
    },
    objectives: objectives.map((o) => ({
      id: o.id,
      text: o.text,
      capabilityTargets: byContent(
        targets
          .filter((t) => t.objective_id === o.id)
          .map((t) => ({
            id: t.id,
            coreCapabilityId: t.core_capability_id,
            text: t.text,
            criticalTasks: tasks
              .filter((k) => k.capability_target_id === t.id)
              .map((k) => ({ id: k.id, text: k.text })),
          })),
      ),
    })),
    modules: (await planRepository.modules(db, exerciseId)).map((m) => ({
      id: m.id,
      title: m.title,
      narrative: m.narrative,
      questions: JSON.parse(m.questions) as string[],
    })),
    venues,
    zones: byContent(
      (await planRepository.zones(db, exerciseId)).map((z) => ({
        id: z.id,
        venueId: z.venue_id,
        name: z.name,
        kind: z.kind,
        geometry: JSON.parse(z.geometry) as PlanGeometry,
        road: z.road,
        startsAt: z.starts_at,
        endsAt: z.ends_at,
        notes: z.notes,
      })),
    ),
    participations: byContent(
      (await planRepository.organisations(db, exerciseId)).map((p) => ({
        organisationId: p.organisation_id,
        extentOfPlay: p.extent_of_play,
        notes: p.notes,
      })),
    ),
    teams: byContent(
      (await planRepository.teams(db, exerciseId)).map((t) => ({
        id: t.id,
        name: t.name,
        organisationId: t.organisation_id,
        unitId: t.unit_id,
      })),
    ),
    people: byContent(
      (await planRepository.people(db, exerciseId)).map((p) => ({
        id: p.id,
        userId: p.user_id,
        name: p.name,
        role: p.role,
        teamId: p.team_id,
        organisationId: p.organisation_id,
        contact: p.contact,
        ...(p.venue_id ? { venueId: p.venue_id } : {}),
      })),
    ),
    msel,
  };
}

/*
 * A large exercise's MSEL (1,800 events of long texts) and detailed venue outlines came back from
 * SQLite in one synchronous call each, holding the event loop for 300 ms: they are read a page of
 * ids at a time, the loop turning between pages.
 */
const PAGE = 200;
/** A venue's footprint may hold thousands of points: fewer to a page. */
const VENUE_PAGE = 10;

async function pagesOf<T extends { id: string }>(
  ids: readonly string[],
  read: (page: string[]) => Promise<T[]>,
  size = PAGE,
): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += size) {
    if (i > 0) await nextTurn();
    const page = ids.slice(i, i + size);
    const byId = new Map((await read(page)).map((r) => [r.id, r]));
    for (const id of page) if (byId.has(id)) out.push(byId.get(id)!);
  }
  return out;
}

/** The MSEL in its order (as mselRepository.list gives it), a page at a time. */
async function mselInPages(db: Q, exerciseId: string): Promise<MselEventRow[]> {
  const ids = await db
    .selectFrom('msel_events')
    .select('id')
    .where('exercise_id', '=', exerciseId)
    .orderBy('position')
    .orderBy('offset_minutes')
    .execute();
  return pagesOf(
    ids.map((r) => r.id),
    (page) => db.selectFrom('msel_events').selectAll().where('id', 'in', page).execute(),
  );
}

async function venuesInPages(db: Q, exerciseId: string): Promise<VenueTable[]> {
  const ids = await db.selectFrom('venues').select('id').where('exercise_id', '=', exerciseId).execute();
  return pagesOf(
    ids.map((r) => r.id),
    (page) => db.selectFrom('venues').selectAll().where('id', 'in', page).execute(),
    VENUE_PAGE,
  );
}
