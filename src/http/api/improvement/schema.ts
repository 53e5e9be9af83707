import { Type, type Static } from '@sinclair/typebox';
import {
  CAPABILITY_ELEMENTS,
  IMPROVEMENT_STATUSES,
  PROPOSAL_STATES,
} from '../../../core/improvement/improvement.js';
import { CapabilityId, Id, Instant, literals, Nullable } from '../common.schema.js';

const Day = Type.String({ maxLength: 10, description: 'a calendar date, 2026-12-03' });
const Status = literals(IMPROVEMENT_STATUSES);

export const ImprovementItemSchema = Type.Object(
  {
    id: Id,
    exerciseId: Id,
    exerciseName: Type.String(),
    observationId: Nullable(Id),
    capabilityId: CapabilityId,
    capabilityName: Type.String(),
    element: literals(CAPABILITY_ELEMENTS),
    issue: Type.String({ description: 'the area for improvement' }),
    correctiveAction: Type.String(),
    organisationId: Id,
    organisationName: Type.String(),
    contactEmail: Nullable(Type.String()),
    owner: Type.Object({ userId: Nullable(Id), name: Type.String() }),
    startOn: Day,
    dueOn: Day,
    status: Status,
    statusChangedAt: Instant,
    overdue: Type.Boolean({ description: 'still to be done and its due day is past' }),
    testIn: Nullable(
      Type.Object({
        exerciseId: Id,
        exerciseName: Type.String(),
        state: literals(PROPOSAL_STATES),
        objectiveId: Nullable(Id),
      }),
    ),
    version: Type.Integer({
      description: 'send it back with a change: a change by someone else meanwhile is refused',
    }),
    mayManage: Type.Boolean(),
    moves: Type.Array(Status, { description: 'the statuses this reader may move it to' }),
  },
  { $id: 'ImprovementItem' },
);

export const ImprovementBody = Type.Object(
  {
    exerciseId: Id,
    observationId: Type.Optional(Nullable(Id)),
    capabilityId: CapabilityId,
    element: Type.String({ maxLength: 40, description: CAPABILITY_ELEMENTS.join(', ') }),
    issue: Type.String({ maxLength: 2000 }),
    correctiveAction: Type.String({ maxLength: 2000 }),
    organisationId: Id,
    contactEmail: Type.Optional(Nullable(Type.String({ maxLength: 254 }))),
    owner: Type.Object(
      {
        userId: Type.Optional(Nullable(Id)),
        name: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
      },
      { additionalProperties: false, description: 'a user, or only a named person' },
    ),
    startOn: Day,
    dueOn: Day,
    testInExerciseId: Type.Optional(Nullable(Id)),
  },
  {
    additionalProperties: false,
    description:
      'A corrective action. Directors and planners raise any; an evaluator only from an observation (observationId).',
  },
);

export const ImprovementQuery = Type.Object(
  {
    status: Type.Optional(Status),
    organisationId: Type.Optional(Id),
    capabilityId: Type.Optional(CapabilityId),
    exerciseId: Type.Optional(Id),
    overdue: Type.Optional(literals(['true', 'false'] as const)),
  },
  { additionalProperties: false },
);

export const StatusBody = Type.Object(
  { status: Type.String({ maxLength: 20 }), version: Type.Optional(Type.Integer()) },
  { additionalProperties: false },
);

export const TestInBody = Type.Object(
  {
    exerciseId: Nullable(Id),
    version: Type.Optional(Type.Integer()),
  },
  { additionalProperties: false, description: 'the later exercise to test it in; null: in none' },
);

export const DecisionBody = Type.Object(
  { decision: literals(['accept', 'dismiss'] as const) },
  { additionalProperties: false },
);

export const DecisionSchema = Type.Object({
  itemId: Id,
  state: literals(['accepted', 'dismissed'] as const),
  objectiveId: Nullable(Id),
});

export type ImprovementBodyType = Static<typeof ImprovementBody>;
