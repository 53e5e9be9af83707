import { Type } from '@sinclair/typebox';
import {
  EVIDENCE_KINDS,
  EVIDENCE_MAX,
  RATED_KINDS,
  RATINGS,
  REASONING_MAX,
} from '../../../core/evaluation/rating.js';
import { ObservationSchema } from '../observations/schema.js';
import { CapabilityId, Id, Instant, literals, Nullable } from '../common.schema.js';

const Lang3 = Type.Object({ kk: Type.String(), ru: Type.String(), en: Type.String() });

export const EvidenceRefSchema = Type.Object(
  {
    kind: literals(EVIDENCE_KINDS),
    id: Id,
  },
  {
    additionalProperties: false,
    description: 'an observation, a fired inject (its run) or a player’s report',
  },
);

/** A capability target's id (a UUID) or a core capability's (GET /core-capabilities). */
const RatedId = Type.String({
  minLength: 1,
  maxLength: 100,
  pattern: CapabilityId.pattern,
  description: 'the capability target or core capability rated',
});

export const RatingSchema = Type.Object(
  {
    subjectKind: literals(RATED_KINDS),
    subjectId: RatedId,
    rating: literals(RATINGS),
    reasoning: Type.String(),
    rater: Type.Object({ id: Type.String(), name: Type.String() }),
    recordedAt: Instant,
    version: Type.Integer({ minimum: 1 }),
    evidence: Type.Array(EvidenceRefSchema),
  },
  { $id: 'Rating' },
);

export const RatingBody = Type.Object(
  {
    subjectKind: literals(RATED_KINDS),
    subjectId: RatedId,
    rating: Type.String({ maxLength: 1, description: 'P, S, M or U (HSEEP)' }),
    reasoning: Type.String({ maxLength: REASONING_MAX, description: 'why this mark: required' }),
    evidence: Type.Array(EvidenceRefSchema, { maxItems: EVIDENCE_MAX }),
    version: Type.Integer({
      minimum: 0,
      description:
        'the version of the rating the evaluator saw as current (0: never rated); another since is refused with 409 rating_stale',
    }),
  },
  { additionalProperties: false },
);

export const AssignmentSchema = Type.Object({
  id: Id,
  userId: Id,
  userName: Type.String(),
  venueId: Nullable(Id),
  teamId: Nullable(Id),
});

export const AssignmentBody = Type.Object(
  {
    userId: Id,
    venueId: Type.Optional(Nullable(Id)),
    teamId: Type.Optional(Nullable(Id)),
  },
  { additionalProperties: false, description: 'neither venue nor team: the whole exercise' },
);

const Progress = Type.Object({
  injectId: Id,
  firedAt: Instant,
  deliveries: Type.Integer(),
  delivered: Type.Integer(),
  deliveredAt: Nullable(Instant),
  acknowledged: Type.Integer(),
  acknowledgedAt: Nullable(Instant),
  links: Type.Object({ sent: Type.Integer(), opened: Type.Integer() }),
  reports: Type.Integer(),
  firstAction: Nullable(
    Type.Object({
      at: Instant,
      author: Type.String(),
      text: Type.String(),
      reportId: Id,
      hasPhoto: Type.Boolean(),
    }),
  ),
});

const NamedCapability = Type.Object({ id: CapabilityId, name: Type.String() });

export const GuideSchema = Type.Object({
  exerciseId: Id,
  name: Type.String(),
  status: Type.String(),
  mayRate: Type.Boolean(),
  mayAssign: Type.Boolean(),
  definitions: Type.Record(Type.String(), Type.Object({ title: Lang3, text: Lang3 }), {
    description: 'the HSEEP definition of each mark, in kk, ru and en',
  }),
  sections: Type.Array(
    Type.Object({
      objective: Type.Object({ id: Id, text: Type.String() }),
      target: Type.Object({ id: Id, text: Type.String() }),
      coreCapability: NamedCapability,
      assigned: Type.Boolean({ description: 'the reader’s own section; these come first' }),
      evaluators: Type.Array(Type.String()),
      criticalTasks: Type.Array(Type.Object({ id: Id, text: Type.String(), observationIds: Type.Array(Id) })),
      objectiveObservationIds: Type.Array(Id),
      injectIds: Type.Array(Id),
    }),
  ),
  coreCapabilities: Type.Array(NamedCapability),
  observations: Type.Array(Type.Ref(ObservationSchema)),
  injects: Type.Array(
    Type.Object({
      id: Id,
      number: Type.String(),
      title: Type.String(),
      teamIds: Type.Array(Id),
      progress: Nullable(Progress),
    }),
  ),
  reports: Type.Array(
    Type.Object({
      id: Id,
      injectId: Id,
      author: Type.String(),
      text: Type.String(),
      teamId: Nullable(Id),
      createdAt: Instant,
    }),
  ),
  assignments: Type.Array(AssignmentSchema),
  ratings: Type.Array(Type.Ref(RatingSchema), { description: 'the current rating of each rated subject' }),
  history: Type.Array(Type.Ref(RatingSchema), { description: 'every version, newest first per subject' }),
});
