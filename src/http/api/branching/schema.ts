import { Type } from '@sinclair/typebox';
import { MAX_DELAY_MINUTES, MAX_OPTIONS } from '../../../core/conduct/branching.js';
import { Id, Instant, Nullable } from '../common.schema.js';

const Option = Type.String({ minLength: 1, maxLength: 120 });
const Delay = Type.Integer({
  minimum: 0,
  maximum: MAX_DELAY_MINUTES,
  description: 'minutes of exercise time after the decision or milestone',
});

export const DecisionPointSchema = Type.Object(
  {
    question: Type.String({ minLength: 1, maxLength: 500 }),
    options: Type.Array(Option, { minItems: 2, maxItems: MAX_OPTIONS }),
  },
  { description: 'the question the inject puts to its players when it fires' },
);

export const ReleaseOnSchema = Type.Union(
  [
    Type.Object(
      { kind: Type.Literal('decision'), eventId: Id, option: Option, delayMinutes: Delay },
      {
        additionalProperties: false,
        description: 'fires once this decision point is answered with this option',
      },
    ),
    Type.Object(
      {
        kind: Type.Literal('milestone'),
        milestone: Type.String({ minLength: 1, maxLength: 200 }),
        delayMinutes: Delay,
      },
      { additionalProperties: false, description: 'fires once the controllers mark this milestone reached' },
    ),
  ],
  { description: 'held, hidden from players, until this happens in play' },
);

export const BranchingSchema = Type.Object(
  { eventId: Id, decision: Nullable(DecisionPointSchema), releaseOn: Nullable(ReleaseOnSchema) },
  { $id: 'Branching' },
);

export const BranchingPlanSchema = Type.Object(
  {
    events: Type.Array(Type.Ref(BranchingSchema)),
    milestones: Type.Array(Type.String(), { description: 'the milestones the branching names' }),
  },
  { $id: 'BranchingPlan' },
);

export const BranchingBody = Type.Object(
  {
    decision: Type.Optional(Nullable(DecisionPointSchema)),
    releaseOn: Type.Optional(Nullable(ReleaseOnSchema)),
  },
  { additionalProperties: false, description: 'both null or left out: the event asks and waits for nothing' },
);

export const RunDecisionSchema = Type.Object(
  {
    question: Type.String(),
    options: Type.Array(Type.String()),
    chosen: Nullable(Type.String()),
    by: Nullable(Type.String()),
    at: Nullable(Instant),
    via: Nullable(Type.Union([Type.Literal('player'), Type.Literal('controller')])),
  },
  { description: 'the question the inject puts to its players, and the choice once taken' },
);

export const RunReleaseOnSchema = Type.Union([
  Type.Object({
    kind: Type.Literal('decision'),
    number: Type.String({ description: 'the deciding inject’s number' }),
    option: Type.String(),
    delayMinutes: Type.Integer(),
  }),
  Type.Object({ kind: Type.Literal('milestone'), milestone: Type.String(), delayMinutes: Type.Integer() }),
]);

export const DecisionBody = Type.Object({ option: Option }, { additionalProperties: false });

export const MilestoneSchema = Type.Object(
  {
    name: Type.String(),
    reachedAt: Nullable(Instant),
    reachedBy: Nullable(Type.String()),
    exerciseTime: Nullable(Type.String({ description: '"H+01:20:00"' })),
    waiting: Type.Integer({ minimum: 0, description: 'injects still held waiting for it' }),
  },
  { $id: 'Milestone' },
);

export const MilestoneBody = Type.Object(
  { milestone: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);
