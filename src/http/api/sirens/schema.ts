import { Type, type Static } from '@sinclair/typebox';
import { SIREN_PURPOSES } from '../../../contract/enums.js';
import { Id, Instant, literals, Nullable } from '../common.schema.js';

/* The siren registry and an alert's siren report: the API shapes; the console derives its types. */

export const Purpose = literals(SIREN_PURPOSES);
const Names = Type.Object(
  {
    kk: Type.String({ minLength: 1, maxLength: 200 }),
    ru: Type.String({ minLength: 1, maxLength: 200 }),
    en: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);

export const SirenSchema = Type.Object(
  {
    id: Id,
    organisationId: Nullable(Id),
    name: Names,
    lon: Type.Number(),
    lat: Type.Number(),
    topicPrefix: Type.String(),
    purpose: Purpose,
    demo: Type.Boolean({ description: 'Part of the demo data set, not a real siren' }),
    battery: Nullable(Type.Number({ minimum: 0, maximum: 100 })),
    mains: Nullable(Type.Boolean()),
    fault: Nullable(Type.String()),
    statusAt: Nullable(Instant),
    lastSeenAt: Nullable(Instant),
    version: Type.Integer(),
    createdAt: Instant,
    updatedAt: Instant,
  },
  { $id: 'Siren' },
);

const inputFields = {
  organisationId: Type.Optional(Nullable(Id)),
  name: Names,
  lon: Type.Number({ minimum: -180, maximum: 180 }),
  lat: Type.Number({ minimum: -90, maximum: 90 }),
  topicPrefix: Type.String({ minLength: 1, maxLength: 200, description: 'e.g. kz/almaty/s-014' }),
  purpose: Type.Optional(Purpose),
  demo: Type.Optional(Type.Boolean()),
};
export const CreateSirenBody = Type.Object(inputFields, { additionalProperties: false });
export const UpdateSirenBody = Type.Object(
  {
    ...inputFields,
    version: Type.Integer({ minimum: 1 }),
    rotateKey: Type.Optional(Type.Boolean({ description: 'Make a new command key (answered once)' })),
  },
  { additionalProperties: false },
);

export const SirenWithKey = Type.Object({
  siren: Type.Ref(SirenSchema),
  commandKey: Nullable(
    Type.String({ description: 'The command key for the controller: shown once, never again' }),
  ),
});

export const SirenCommandSchema = Type.Object(
  {
    deliveryId: Type.String(),
    sequence: Type.Integer(),
    sirenId: Nullable(Type.String()),
    name: Nullable(Names),
    topicPrefix: Nullable(Type.String()),
    status: Type.String(),
    queuedAt: Instant,
    handedAt: Nullable(Instant),
    acknowledgedAt: Nullable(Instant),
    receipt: Nullable(Type.String()),
    lastError: Nullable(Type.String()),
    silent: Type.Boolean(),
    battery: Nullable(Type.Number()),
    mains: Nullable(Type.Boolean()),
    fault: Nullable(Type.String()),
  },
  { $id: 'SirenCommand' },
);

export const SirenReportSchema = Type.Object(
  {
    ackTimeoutSeconds: Type.Integer(),
    acknowledged: Type.Integer(),
    waiting: Type.Integer(),
    silent: Type.Integer(),
    commands: Type.Array(Type.Ref(SirenCommandSchema)),
  },
  { $id: 'SirenReport' },
);

export type SirenDto = Static<typeof SirenSchema>;
