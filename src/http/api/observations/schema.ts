import { Type } from '@sinclair/typebox';
import { PHOTO_MAX_BYTES, PHOTO_TYPES, TEXT_MAX } from '../../../core/observation/observation.js';
import { Id, Instant, literals, Nullable } from '../common.schema.js';

const Place = Type.Object(
  {
    lon: Type.Number({ minimum: -180, maximum: 180 }),
    lat: Type.Number({ minimum: -90, maximum: 90 }),
  },
  { additionalProperties: false, description: 'where it was observed (WGS 84)' },
);

export const ObservationBody = Type.Object(
  {
    observedAt: Type.String({
      maxLength: 40,
      description:
        'the instant the evaluator observed it (the device’s clock), not when it was sent: the three clocks are read at it',
    }),
    text: Type.String({ minLength: 1, maxLength: TEXT_MAX, description: 'what was observed; kept as typed' }),
    venueId: Type.Optional(Nullable(Id)),
    teamId: Type.Optional(Nullable(Id)),
    objectiveIds: Type.Optional(Type.Array(Id, { maxItems: 50 })),
    criticalTaskIds: Type.Optional(Type.Array(Id, { maxItems: 200 })),
    place: Type.Optional(Nullable(Place)),
    photo: Type.Optional(
      Nullable(
        Type.Object(
          {
            type: literals(PHOTO_TYPES),
            data: Type.String({
              minLength: 4,
              description: `the picture in base64; at most ${PHOTO_MAX_BYTES / 1048576} MiB decoded, and a JPEG, PNG or WebP by its bytes`,
            }),
          },
          { additionalProperties: false },
        ),
      ),
    ),
  },
  {
    additionalProperties: false,
    description:
      'One observation. Sending it again under the same id (a replay) stores nothing new and answers the same; the same id with other content is refused (409 observation_conflict).',
  },
);

export const ObservationSchema = Type.Object(
  {
    id: Id,
    exerciseId: Id,
    author: Type.String(),
    text: Type.String(),
    observedAt: Instant,
    exerciseTime: Type.String({ description: 'H+02:30:05' }),
    exerciseSeconds: Type.Integer(),
    scenarioTime: Nullable(Type.String({ description: 'the scenario’s local date and time' })),
    venueId: Nullable(Id),
    teamId: Nullable(Id),
    place: Nullable(Place),
    objectiveIds: Type.Array(Id),
    criticalTaskIds: Type.Array(Id),
    photo: Type.Boolean({ description: 'a photo is kept: GET …/observations/{observationId}/photo' }),
    receivedAt: Instant,
  },
  { $id: 'Observation' },
);

const Named = Type.Object({ id: Id, name: Type.String() });

export const ObservationFormSchema = Type.Object({
  exerciseId: Id,
  name: Type.String(),
  status: Type.String(),
  assigned: Type.Object({
    teamIds: Type.Array(Id, { description: 'the teams the plan assigns this evaluator to' }),
    venueIds: Type.Array(Id, { description: 'the venues the plan posts this evaluator at' }),
  }),
  venues: Type.Array(Named),
  teams: Type.Array(Named),
  objectives: Type.Array(
    Type.Object({
      id: Id,
      text: Type.String(),
      criticalTasks: Type.Array(
        Type.Object({ id: Id, text: Type.String(), capabilityTarget: Type.String() }),
      ),
    }),
  ),
});
