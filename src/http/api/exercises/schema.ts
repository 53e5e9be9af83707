import { Type, type TSchema } from '@sinclair/typebox';
import {
  APPROVAL_STATES,
  DELIVERY_METHODS,
  EVENT_KINDS,
  EXERCISE_ROLES,
  EXERCISE_STATUSES,
  EXERCISE_HAZARDS,
  EXERCISE_TYPES,
  EXTENTS_OF_PLAY,
  VENUE_KINDS,
  ZONE_KINDS,
} from '../../../contract/enums.js';
import { INJECT_STEPS } from '../../../core/evaluation/metrics.js';
import { REVIEWED_FIELDS } from '../../../core/msel/msel.js';
import { Id, Instant, literals, Nullable } from '../common.schema.js';
import { NoPlaySchema } from '../conduct/schema.js';
const Text = (max: number) => Type.String({ maxLength: max });
const OptText = (max: number) => Type.Optional(Nullable(Text(max)));
/** A GeoJSON geometry; its shape is checked by the planning service, which names the problem. */
const Geometry = Type.Object(
  { type: Type.String(), coordinates: Type.Unknown() },
  { additionalProperties: false },
);

export const ProgrammeSchema = Type.Object(
  {
    id: Id,
    name: Type.String(),
    description: Nullable(Type.String()),
    sponsorOrganisationId: Nullable(Type.String()),
    createdAt: Instant,
  },
  { $id: 'Programme' },
);
export const ProgrammeBody = Type.Object(
  { name: Text(200), description: OptText(4000), sponsorOrganisationId: Type.Optional(Nullable(Id)) },
  { additionalProperties: false },
);

export const ExerciseSchema = Type.Object(
  {
    id: Id,
    programmeId: Nullable(Type.String()),
    name: Type.String(),
    type: literals(EXERCISE_TYPES),
    status: literals(EXERCISE_STATUSES),
    timeZone: Type.String(),
    startex: Instant,
    endex: Instant,
    startexLocal: Type.String(),
    endexLocal: Type.String(),
    city: Nullable(Type.String()),
    hazard: Nullable(literals(EXERCISE_HAZARDS)),
    scope: Nullable(Type.String()),
    threat: Nullable(Type.String()),
    scenario: Nullable(
      Type.String({ description: 'null for readers who may not see the controllers’ side' }),
    ),
    sponsor: Nullable(Type.String()),
    pointOfContact: Nullable(Type.String()),
    handling: Nullable(Type.String()),
    leadOrganisationId: Nullable(Type.String()),
    mselApproval: Type.String(),
    version: Type.Integer(),
    allowedTransitions: Type.Array(Type.String()),
    access: Type.Object(
      {
        plan: Type.Boolean(),
        readControllerSide: Type.Boolean(),
        approveMsel: Type.Boolean(),
        recordObservations: Type.Boolean(),
        readObservations: Type.Boolean(),
        conduct: Type.Boolean({ description: 'runs the clock and the injects: the control room' }),
        play: Type.Boolean({ description: 'plays and does not run it: the player view' }),
      },
      { description: "What the reader may do with this exercise, their grants' organisation scope applied" },
    ),
    noPlay: Nullable(NoPlaySchema),
    createdAt: Instant,
    updatedAt: Instant,
  },
  { $id: 'Exercise' },
);

const exerciseFields = {
  programmeId: Type.Optional(Nullable(Id)),
  name: Text(200),
  type: literals(EXERCISE_TYPES),
  timeZone: Type.String({ maxLength: 64, description: 'IANA zone, e.g. Asia/Almaty' }),
  startex: Type.String({ maxLength: 40, description: 'instant with offset, e.g. 2026-10-25T10:00:00+05:00' }),
  endex: Type.String({ maxLength: 40 }),
  city: OptText(100),
  hazard: Type.Optional(Nullable(literals(EXERCISE_HAZARDS))),
  scope: OptText(4000),
  threat: OptText(500),
  scenario: Type.Optional(Nullable(Text(100_000))),
  sponsor: OptText(200),
  pointOfContact: OptText(300),
  handling: OptText(100),
  leadOrganisationId: Type.Optional(Nullable(Id)),
};
export const CreateExerciseBody = Type.Object(exerciseFields, { additionalProperties: false });
export const UpdateExerciseBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1, description: 'the version you read; a stale one is refused' }),
    ...Type.Partial(Type.Object(exerciseFields)).properties,
  },
  { additionalProperties: false },
);
export const StatusBody = Type.Object({ to: literals(EXERCISE_STATUSES) }, { additionalProperties: false });
export const ExerciseQuery = Type.Object(
  {
    programmeId: Type.Optional(Id),
    from: Type.Optional(Type.String({ format: 'date-time' })),
    to: Type.Optional(Type.String({ format: 'date-time' })),
    status: Type.Optional(literals(EXERCISE_STATUSES)),
  },
  { additionalProperties: false },
);

/**
 * How a critical task is measured from the exercise's history: team `teamId` (any team when null)
 * reaches `step` on inject `injectNumber`, within `withinMinutes` of its firing when given.
 */
export const CriterionSchema = Type.Object(
  {
    kind: Type.Literal('inject_step'),
    injectNumber: Type.String({ minLength: 1, maxLength: 20 }),
    step: literals(INJECT_STEPS),
    teamId: Type.Optional(Nullable(Id)),
    withinMinutes: Type.Optional(Nullable(Type.Number({ exclusiveMinimum: 0, maximum: 10_080 }))),
  },
  { additionalProperties: false },
);

export const ObjectiveBody = Type.Object(
  {
    text: Text(2000),
    capabilityTargets: Type.Optional(
      Type.Array(
        Type.Object(
          {
            coreCapabilityId: Type.String({ maxLength: 100 }),
            text: Text(2000),
            criticalTasks: Type.Optional(Type.Array(Text(1000), { maxItems: 50 })),
          },
          { additionalProperties: false },
        ),
        { maxItems: 20 },
      ),
    ),
  },
  { additionalProperties: false },
);
/**
 * A change to an objective. `capabilityTargets`, when sent, is the whole new list in its new order:
 * items with an `id` are kept and changed, items without are added, existing ones left out are removed.
 */
export const ObjectivePatchBody = Type.Object(
  {
    text: Type.Optional(Text(2000)),
    capabilityTargets: Type.Optional(
      Type.Array(
        Type.Object(
          {
            id: Type.Optional(Id),
            coreCapabilityId: Type.String({ maxLength: 100 }),
            text: Text(2000),
            criticalTasks: Type.Optional(
              Type.Array(
                Type.Object(
                  {
                    id: Type.Optional(Id),
                    text: Text(1000),
                    criterion: Type.Optional(Nullable(CriterionSchema)),
                  },
                  { additionalProperties: false },
                ),
                { maxItems: 50 },
              ),
            ),
          },
          { additionalProperties: false },
        ),
        { maxItems: 20 },
      ),
    ),
  },
  { additionalProperties: false, minProperties: 1 },
);
export const VenueBody = Type.Object(
  {
    name: Text(200),
    kind: literals(VENUE_KINDS),
    address: OptText(300),
    point: Type.Object(
      { lon: Type.Number({ minimum: -180, maximum: 180 }), lat: Type.Number({ minimum: -90, maximum: 90 }) },
      { additionalProperties: false },
    ),
    footprint: Type.Optional(Nullable(Geometry)),
  },
  { additionalProperties: false },
);
export const ZoneBody = Type.Object(
  {
    name: Text(200),
    kind: literals(ZONE_KINDS),
    venueId: Type.Optional(Nullable(Id)),
    geometry: Geometry,
    road: OptText(200),
    startsAt: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
    endsAt: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
    notes: OptText(2000),
  },
  { additionalProperties: false },
);
export const ParticipationBody = Type.Object(
  { organisationId: Id, extentOfPlay: literals(EXTENTS_OF_PLAY), notes: OptText(2000) },
  { additionalProperties: false },
);
export const TeamBody = Type.Object(
  { name: Text(200), organisationId: Type.Optional(Nullable(Id)), unitId: Type.Optional(Nullable(Id)) },
  { additionalProperties: false },
);
export const PersonBody = Type.Object(
  {
    name: Text(200),
    role: literals(EXERCISE_ROLES),
    userId: Type.Optional(Nullable(Id)),
    teamId: Type.Optional(Nullable(Id)),
    organisationId: Type.Optional(Nullable(Id)),
    contact: OptText(300),
    venueId: Type.Optional(Nullable(Id)),
  },
  { additionalProperties: false },
);
export const ModuleBody = Type.Object(
  {
    title: Text(200),
    narrative: Text(50_000),
    questions: Type.Optional(Type.Array(Text(1000), { maxItems: 50 })),
  },
  { additionalProperties: false },
);
export const CreatedId = Type.Object({ id: Id });

const PlanGeometry = Type.Object({ type: Type.String(), coordinates: Type.Unknown() });
export const PlanSchema = Type.Object(
  {
    exercise: Type.Ref(ExerciseSchema),
    objectives: Type.Array(
      Type.Object({
        id: Id,
        position: Type.Integer(),
        text: Type.String(),
        capabilityTargets: Type.Array(
          Type.Object({
            id: Id,
            coreCapabilityId: Type.String(),
            text: Type.String(),
            criticalTasks: Type.Array(
              Type.Object({ id: Id, text: Type.String(), criterion: Type.Optional(CriterionSchema) }),
            ),
          }),
        ),
      }),
    ),
    modules: Type.Array(
      Type.Object({
        id: Id,
        position: Type.Integer(),
        title: Type.String(),
        narrative: Type.String(),
        questions: Type.Array(Type.String()),
      }),
    ),
    venues: Type.Array(
      Type.Object({
        id: Id,
        name: Type.String(),
        kind: Type.String(),
        address: Nullable(Type.String()),
        point: Type.Object({ lon: Type.Number(), lat: Type.Number() }),
        footprint: Nullable(PlanGeometry),
      }),
    ),
    zones: Type.Array(
      Type.Object({
        id: Id,
        venueId: Nullable(Type.String()),
        name: Type.String(),
        kind: Type.String(),
        geometry: PlanGeometry,
        road: Nullable(Type.String()),
        startsAt: Nullable(Instant),
        endsAt: Nullable(Instant),
        notes: Nullable(Type.String()),
      }),
    ),
    organisations: Type.Array(
      Type.Object({
        organisationId: Type.String(),
        extentOfPlay: Type.String(),
        notes: Nullable(Type.String()),
      }),
    ),
    teams: Type.Array(
      Type.Object({
        id: Id,
        name: Type.String(),
        organisationId: Nullable(Type.String()),
        unitId: Nullable(Type.String()),
      }),
    ),
    people: Type.Array(
      Type.Object({
        id: Id,
        userId: Nullable(Type.String()),
        name: Type.String(),
        role: Type.String(),
        teamId: Nullable(Type.String()),
        organisationId: Nullable(Type.String()),
        contact: Nullable(Type.String()),
        venueId: Nullable(Type.String()),
      }),
    ),
  },
  { $id: 'ExercisePlan' },
);

export const CapabilitySchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    missionArea: Type.String(),
    description: Type.String(),
    builtin: Type.Boolean(),
  },
  { $id: 'CoreCapability' },
);
export const CapabilityBody = Type.Object(
  { name: Text(200), missionArea: Text(40), description: Text(2000) },
  { additionalProperties: false },
);

const eventFields = {
  number: Type.String({ minLength: 1, maxLength: 20 }),
  kind: literals(EVENT_KINDS),
  offsetMinutes: Type.Integer({ description: 'minutes from STARTEX (H+02:30 is 150)' }),
  scenarioTime: OptText(100),
  from: OptText(200),
  toTeamIds: Type.Optional(Type.Array(Id, { maxItems: 100 })),
  toText: OptText(300),
  method: literals(DELIVERY_METHODS),
  title: Type.String({ minLength: 1, maxLength: 300 }),
  content: Text(20_000),
  expectedAction: OptText(4000),
  objectiveIds: Type.Optional(Type.Array(Id, { maxItems: 50 })),
  criticalTaskIds: Type.Optional(Type.Array(Id, { maxItems: 100 })),
  responsibleControllerId: Type.Optional(Nullable(Id)),
  contingency: Type.Optional(Type.Boolean()),
  controllerNotes: OptText(10_000),
};
export const EventBody = Type.Object(eventFields, { additionalProperties: false });
export const UpdateEventBody = Type.Object(
  { version: Type.Integer({ minimum: 1 }), ...eventFields },
  { additionalProperties: false },
);
export const IdsBody = Type.Object(
  { ids: Type.Optional(Type.Array(Id, { maxItems: 100_000 })) },
  { additionalProperties: false },
);

const eventView: Record<string, TSchema> = {
  id: Id,
  number: Type.String(),
  kind: Type.String(),
  offsetMinutes: Type.Integer(),
  offset: Type.String({ description: 'H+02:30' }),
  scheduledAt: Instant,
  scheduledLocal: Type.String({ description: 'local time in the exercise zone, offset named' }),
  scenarioTime: Nullable(Type.String()),
  from: Nullable(Type.String()),
  toTeamIds: Type.Array(Type.String()),
  toText: Nullable(Type.String()),
  method: Type.String(),
  title: Type.String(),
  content: Type.String(),
  expectedAction: Nullable(Type.String()),
  objectiveIds: Type.Array(Type.String()),
  criticalTaskIds: Type.Array(Type.String()),
  responsibleControllerId: Nullable(Type.String()),
  contingency: Type.Boolean(),
  controllerNotes: Nullable(Type.String()),
  approval: literals(APPROVAL_STATES),
  authorId: Nullable(Type.String()),
  position: Type.Number(),
  version: Type.Integer(),
  approvedBy: Nullable(Type.String()),
  approvedAt: Nullable(Instant),
  changedSinceApproval: Type.Array(literals(REVIEWED_FIELDS)),
  approvedVersion: Nullable(Type.Record(Type.String(), Type.Unknown())),
};
export const MselEventSchema = Type.Object(eventView, { $id: 'MselEvent' });
export const MselSchema = Type.Object(
  {
    exerciseId: Id,
    timeZone: Type.String(),
    approval: Type.String(),
    events: Type.Array(Type.Ref(MselEventSchema)),
    findings: Type.Array(
      Type.Object({
        rule: Type.String(),
        severity: literals(['error', 'warning']),
        eventId: Nullable(Type.String()),
        number: Nullable(Type.String()),
        field: Nullable(Type.String()),
        message: Type.String(),
      }),
    ),
  },
  { $id: 'Msel' },
);
