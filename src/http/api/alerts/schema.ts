import { Type, type Static, type TLiteral, type TUnion } from '@sinclair/typebox';
import { ALERT_AUDIENCES, ALERT_STATES, ALERT_STATUSES, HAZARDS } from '../../../core/alert/alert.js';
import { ALERT_ACTIONS } from '../../../core/alert/workflow.js';
import { Id, Nullable } from '../common.schema.js';

// Typed as the union of its values, so the console's types (Static<>) keep the literals.
const literals = <T extends string>(values: readonly T[], description: string) =>
  Type.Union(
    values.map((v) => Type.Literal(v)),
    { description },
  ) as unknown as TUnion<TLiteral<T>[]>;

export const AlertStatusSchema = literals(
  ALERT_STATUSES,
  'The CAP status: Actual is real; Exercise and Test belong to an exercise; System and Draft are never sent',
);
export const HazardSchema = literals(HAZARDS, 'The hazard whose template the alert starts from');
export const AudienceSchema = literals(
  ALERT_AUDIENCES,
  "public: residents in the area; exercise: the exercise's own recipients",
);
const StateSchema = literals(
  ALERT_STATES,
  'draft, awaiting_approval, approved (issued, never sent: System and Draft) or sent',
);

const Plain = (max: number, description: string) => Type.String({ maxLength: max, description });

export const AlertTextSchema = Type.Object(
  {
    headline: Plain(160, 'CAP headline'),
    description: Plain(2000, 'What happened'),
    instruction: Plain(2000, 'What to do'),
    areaDesc: Plain(2000, 'The area as people name it'),
  },
  { additionalProperties: false },
);
const Texts = Type.Object(
  {
    kk: Type.Optional(AlertTextSchema),
    ru: Type.Optional(AlertTextSchema),
    en: Type.Optional(AlertTextSchema),
  },
  {
    additionalProperties: false,
    description: 'Per language (kk, ru, en); a missing one starts from the template',
  },
);
const AreaName = Plain(200, "The area's name in this language");
const AreaNames = Type.Object(
  { kk: Type.Optional(AreaName), ru: Type.Optional(AreaName), en: Type.Optional(AreaName) },
  { additionalProperties: false },
);

const Region = Type.String({
  pattern: '^KZ-[0-9A-Z]{2,3}$',
  description: 'ISO 3166-2:KZ code of the region or city',
});
export const AlertAreaSchema = Type.Union(
  [
    Type.Object(
      {
        kind: Type.Literal('polygon'),
        ring: Type.Array(Type.Tuple([Type.Number(), Type.Number()]), {
          minItems: 4,
          maxItems: 5000,
          description: '[longitude, latitude] positions, the last repeating the first',
        }),
        region: Region,
      },
      { additionalProperties: false },
    ),
    Type.Object(
      {
        kind: Type.Literal('circle'),
        lon: Type.Number({ minimum: -180, maximum: 180 }),
        lat: Type.Number({ minimum: -90, maximum: 90 }),
        radiusM: Type.Number({ exclusiveMinimum: 0, description: 'metres' }),
        region: Region,
      },
      { additionalProperties: false },
    ),
  ],
  { description: 'A polygon or a circle, and the region it lies in' },
);

const Expires = Type.String({ format: 'date-time', description: 'When the alert stops applying' });

export const CreateAlertBody = Type.Object(
  {
    status: AlertStatusSchema,
    hazard: HazardSchema,
    exerciseId: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 100 }))),
    audience: Type.Optional(AudienceSchema),
    organisationId: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 100 }))),
    area: AlertAreaSchema,
    areaNames: Type.Optional(AreaNames),
    texts: Type.Optional(Texts),
    expiresAt: Expires,
  },
  { additionalProperties: false },
);

export const PatchAlertBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    hazard: Type.Optional(HazardSchema),
    audience: Type.Optional(AudienceSchema),
    area: Type.Optional(AlertAreaSchema),
    areaNames: Type.Optional(AreaNames),
    texts: Type.Optional(Texts),
    expiresAt: Type.Optional(Expires),
  },
  { additionalProperties: false },
);

export const VersionBody = Type.Object(
  { version: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
);
const Totp = Type.Optional(
  Type.String({ maxLength: 20, description: 'The six-digit code from your authenticator app' }),
);
export const ApproveBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    totp: Totp,
    confirmReach: Type.Optional(
      Type.Integer({
        minimum: 0,
        description:
          'For a wide area: the number of residents and participants it reaches, as shown (reach.residents + reach.participants)',
      }),
    ),
  },
  { additionalProperties: false },
);
export const ReturnBody = Type.Object(
  { version: Type.Integer({ minimum: 1 }), reason: Type.String({ minLength: 1, maxLength: 500 }) },
  { additionalProperties: false },
);
export const CancelBody = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 500, description: 'Why, in CAP note' }), totp: Totp },
  { additionalProperties: false },
);
export const UpdateBody = Type.Object(
  {
    allClear: Type.Optional(Type.Boolean({ description: 'Start from the "all clear" template' })),
    note: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  },
  { additionalProperties: false },
);
export const AlertQuery = Type.Object(
  { state: Type.Optional(StateSchema), status: Type.Optional(AlertStatusSchema) },
  { additionalProperties: false },
);
export const AlertParams = Type.Object({ id: Id });

const ActionState = Type.Object({
  allowed: Type.Boolean(),
  code: Type.Optional(Type.String()),
  reason: Type.Optional(Type.String()),
});

export const AlertSchema = Type.Object(
  {
    id: Id,
    threadId: Id,
    sequence: Type.Integer(),
    msgType: Type.Union([Type.Literal('Alert'), Type.Literal('Update'), Type.Literal('Cancel')]),
    status: AlertStatusSchema,
    organisationId: Nullable(Type.String()),
    exerciseId: Nullable(Type.String()),
    audience: AudienceSchema,
    hazard: HazardSchema,
    state: StateSchema,
    texts: Texts,
    area: AlertAreaSchema,
    expiresAt: Type.String(),
    note: Nullable(Type.String()),
    version: Type.Integer(),
    createdBy: Type.String(),
    submittedBy: Nullable(Type.String()),
    submittedAt: Nullable(Type.String()),
    approvedBy: Nullable(Type.String()),
    approvedAt: Nullable(Type.String()),
    capIdentifier: Nullable(Type.String()),
    signError: Nullable(
      Type.String({ description: 'Why the last approval could not sign it; it was not sent' }),
    ),
    createdAt: Type.String(),
    updatedAt: Type.String(),
    reach: Nullable(
      Type.Object(
        { residents: Type.Integer(), participants: Type.Integer() },
        { description: 'Before approval: whom it would reach if sent now' },
      ),
    ),
    coverage: Type.Object(
      { areaKm2: Type.Integer({ minimum: 0 }), wide: Type.Boolean() },
      {
        description:
          'The area in km²; a wide one (DABYL_ALERT_WIDE_AREA_KM2 or more) is approved only with confirmReach',
      },
    ),
    actions: Type.Object(
      Object.fromEntries(ALERT_ACTIONS.map((a) => [a, ActionState])) as Record<
        (typeof ALERT_ACTIONS)[number],
        typeof ActionState
      >,
    ),
  },
  { $id: 'Alert' },
);

export const TemplateSchema = Type.Object({
  hazard: HazardSchema,
  terms: Type.Object({
    category: Type.String(),
    responseType: Type.String(),
    urgency: Type.String(),
    severity: Type.String(),
    certainty: Type.String(),
  }),
  event: Type.Record(Type.String(), Type.String()),
  text: Type.Record(
    Type.String(),
    Type.Object({ headline: Type.String(), description: Type.String(), instruction: Type.String() }),
  ),
});

export const SecondFactorSchema = Type.Object({
  enrolled: Type.Boolean(),
  pending: Type.Boolean(),
  confirmedAt: Nullable(Type.String()),
});
export const EnrolmentSchema = Type.Object({
  uri: Type.String({ description: 'otpauth:// URI for an authenticator app; shown only now' }),
  secret: Type.String({ description: 'The same secret in base32, for typing by hand' }),
});
export const CodeBody = Type.Object(
  { code: Type.String({ minLength: 1, maxLength: 20 }) },
  { additionalProperties: false },
);
export const EnrolBody = Type.Object(
  {
    code: Type.Optional(
      Type.String({ maxLength: 20, description: 'A current code, when replacing an enrolled factor' }),
    ),
  },
  { additionalProperties: false },
);

export type CreateAlertInput = Static<typeof CreateAlertBody>;

const Count = Type.Integer({ minimum: 0 });
const SinceApproval = Nullable(
  Type.Integer({ minimum: 0, description: 'ms after the message was approved' }),
);

export const AlertDeliveriesSchema = Type.Object(
  {
    threadId: Type.String(),
    latencyEdgesS: Type.Array(Type.Number(), {
      description: 'Upper edges of the latency buckets in seconds (approval → accepted by the provider)',
    }),
    messages: Type.Array(
      Type.Object({
        sequence: Type.Integer({ minimum: 1 }),
        approvedAt: Nullable(Type.String()),
        area: AlertAreaSchema,
        areaNames: Type.Object(
          {
            kk: Type.Optional(Type.String()),
            ru: Type.Optional(Type.String()),
            en: Type.Optional(Type.String()),
          },
          { description: "The area's name per language (CAP areaDesc), for the dashboard's map" },
        ),
        total: Count,
        channels: Type.Array(
          Type.Object({
            channel: Type.String(),
            queued: Count,
            sending: Count,
            sent: Count,
            delivered: Count,
            failed: Count,
            firstAfterMs: SinceApproval,
            lastAfterMs: SinceApproval,
            latency: Type.Array(Count, {
              description: 'Per bucket of latencyEdgesS, then one beyond the last',
            }),
          }),
        ),
      }),
    ),
  },
  { $id: 'AlertDeliveries' },
);

export const AlertPreviewSchema = Type.Object(
  {
    items: Type.Array(
      Type.Object({
        channel: Type.Union([
          Type.Literal('sms'),
          Type.Literal('webpush'),
          Type.Literal('email'),
          Type.Literal('siren'),
          Type.Literal('cellbroadcast'),
          Type.Literal('webhook'),
        ]),
        language: Type.Union([Type.Literal('kk'), Type.Literal('ru'), Type.Literal('en')]),
        message: Type.Object(
          { kind: Type.String() },
          {
            additionalProperties: true,
            description:
              'The channel message as handed to the channel: sms {text}, webpush {title, body, url}, email {subject, text, html}, siren {action, announcement}, cellbroadcast {pages, category, messageId, msgType, area}, webhook {body: the JSON that other agencies’ systems receive, with the CAP message}',
          },
        ),
        sms: Type.Optional(
          Type.Object({
            encoding: Type.Union([Type.Literal('gsm7'), Type.Literal('ucs2')]),
            units: Count,
            characters: Count,
            segments: Count,
            unitsPerSegment: Count,
            remaining: Type.Integer(),
            nonGsm: Type.Array(Type.String()),
          }),
        ),
        cellBroadcast: Type.Optional(
          Type.Object(
            {
              encoding: Type.Union([Type.Literal('gsm7'), Type.Literal('ucs2')]),
              units: Count,
              pages: Count,
              unitsPerPage: Count,
              fits: Type.Boolean(),
              nonGsm: Type.Array(Type.String()),
            },
            {
              description: 'The pages this language costs: 93 GSM-7 or 41 UCS-2 characters each, at most 15',
            },
          ),
        ),
      }),
    ),
  },
  { $id: 'AlertPreview' },
);
