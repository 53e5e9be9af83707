import { Type } from '@sinclair/typebox';
import { EXERCISE_HAZARDS, LESSON_KINDS } from '../../../contract/enums.js';
import { QUERY_MAX } from '../../../core/lessons/query.js';
import { CapabilityId, Id, Instant, literals, Nullable } from '../common.schema.js';

export const LessonQuery = Type.Object(
  {
    q: Type.String({
      minLength: 1,
      maxLength: QUERY_MAX,
      description:
        'words to find, all of them; "a phrase" in quotes, word* for a prefix; any other punctuation only separates words',
    }),
    kind: Type.Optional(literals(LESSON_KINDS)),
    capabilityId: Type.Optional(CapabilityId),
    hazard: Type.Optional(literals(EXERCISE_HAZARDS)),
    organisationId: Type.Optional(Id),
    city: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20 })),
  },
  { additionalProperties: false },
);

const Piece = Type.Object({ text: Type.String(), match: Type.Boolean() });

export const LessonSchema = Type.Object(
  {
    kind: literals(LESSON_KINDS),
    id: Id,
    reference: Nullable(Type.String({ description: 'a finding’s "1.2"; null for an observation' })),
    snippet: Type.Array(Piece, { description: 'the text around the match, matched words flagged' }),
    score: Type.Number({ description: 'higher is better; comparable within one answer only' }),
    at: Instant,
    exercise: Type.Object({
      id: Id,
      name: Type.String(),
      city: Nullable(Type.String()),
      hazard: Nullable(Type.String()),
      startex: Instant,
    }),
    capabilities: Type.Array(Type.Object({ id: CapabilityId, name: Type.String() })),
  },
  { $id: 'Lesson' },
);

export const LessonResults = Type.Object({
  items: Type.Array(Type.Ref(LessonSchema)),
  more: Type.Boolean({ description: 'more matched than the limit' }),
});

const Named = Type.Object({ id: Id, name: Type.String() });

export const LessonFiltersSchema = Type.Object({
  cities: Type.Array(Type.String()),
  organisations: Type.Array(Named),
  capabilities: Type.Array(Type.Object({ id: CapabilityId, name: Type.String() })),
});
