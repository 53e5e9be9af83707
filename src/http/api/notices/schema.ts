import { Type, type Static } from '@sinclair/typebox';
import { NOTICE_LANGUAGES, NOTICE_STATUSES } from '../../../contract/enums.js';
import {
  TEXT_LIMITS,
  AREA_DESCRIPTION_MAX,
  AREA_NAME_MAX,
  MAX_AREAS,
} from '../../../core/notice/validate.js';
import { Id, Instant, literals, Nullable } from '../common.schema.js';

const Text = (max: number, description?: string) =>
  Type.String({ maxLength: max, ...(description ? { description } : {}) });
/** An instant with an offset or Z; a bare local time is refused by the service, naming the field. */
const When = Type.String({
  maxLength: 40,
  description: 'ISO 8601 with an offset, e.g. 2026-10-25T09:00:00+05:00',
});
/** A GeoJSON geometry; its shape is checked by the service, which names the problem. */
const Geometry = Type.Object(
  { type: Type.String({ maxLength: 20 }), coordinates: Type.Unknown() },
  { additionalProperties: false },
);
const Lang = literals(NOTICE_LANGUAGES);
const LanguageStatus = literals(['missing', 'incomplete', 'complete'] as const);
const Status = literals(NOTICE_STATUSES);
const Kind = literals(['Alert', 'Update', 'Cancel'] as const);

const ListItems = Type.Array(Text(TEXT_LIMITS.listItem), { maxItems: TEXT_LIMITS.listItems });

export const NoticeTextBody = Type.Object(
  {
    title: Type.Optional(Text(TEXT_LIMITS.title)),
    summary: Type.Optional(Text(TEXT_LIMITS.summary)),
    seeAndHear: Type.Optional(Text(TEXT_LIMITS.seeAndHear, 'What residents will see and hear')),
    doList: Type.Optional(ListItems),
    dontList: Type.Optional(ListItems),
    contacts: Type.Optional(Text(TEXT_LIMITS.contacts)),
  },
  { additionalProperties: false },
);

const AreaTextBody = Type.Object(
  {
    name: Text(AREA_NAME_MAX, 'The public name of the place'),
    description: Type.Optional(
      Text(AREA_DESCRIPTION_MAX, 'For a closure: the road, from where to where, and the way round'),
    ),
  },
  { additionalProperties: false },
);

export const NoticeAreaBody = Type.Object(
  {
    id: Type.Optional(Type.String({ maxLength: 64 })),
    kind: literals(['area', 'closure'] as const),
    texts: Type.Optional(
      Type.Object(
        { kk: Type.Optional(AreaTextBody), ru: Type.Optional(AreaTextBody), en: Type.Optional(AreaTextBody) },
        {
          additionalProperties: false,
          description:
            "What residents read about this place per language; never copied from the exercise's zone",
        },
      ),
    ),
    geometry: Geometry,
    startsAt: Type.Optional(Nullable(When)),
    endsAt: Type.Optional(Nullable(When)),
    zoneId: Type.Optional(Nullable(Id)),
  },
  { additionalProperties: false },
);

const patchFields = {
  city: Type.Optional(Nullable(Text(100))),
  timeZone: Type.Optional(Text(64, 'IANA time zone, e.g. Asia/Almaty')),
  startsAt: Type.Optional(When),
  endsAt: Type.Optional(When),
  texts: Type.Optional(
    Type.Object(
      {
        kk: Type.Optional(Nullable(NoticeTextBody)),
        ru: Type.Optional(Nullable(NoticeTextBody)),
        en: Type.Optional(Nullable(NoticeTextBody)),
      },
      { additionalProperties: false, description: 'Per language; null removes it, absent keeps it' },
    ),
  ),
  areas: Type.Optional(Type.Array(NoticeAreaBody, { maxItems: MAX_AREAS })),
};

export const CreateNoticeBody = Type.Object(
  {
    exerciseId: Type.Optional(Nullable(Id)),
    organisationId: Type.Optional(
      Nullable({ ...Id, description: "The publishing organisation; absent: the exercise's lead, or yours" }),
    ),
    zoneIds: Type.Optional(Type.Array(Id, { maxItems: MAX_AREAS })),
    ...patchFields,
  },
  { additionalProperties: false },
);
export type CreateNoticeBody = Static<typeof CreateNoticeBody>;

export const PatchNoticeBody = Type.Object(
  { version: Type.Integer({ minimum: 1 }), ...patchFields },
  { additionalProperties: false },
);

export const VersionBody = Type.Object(
  { version: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
);
export const PublishBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    note: Type.Optional(
      Nullable(Text(500, 'What a correction changed (an Update); written for you if absent')),
    ),
  },
  { additionalProperties: false },
);
export const ReasonBody = Type.Object(
  { version: Type.Optional(Type.Integer({ minimum: 1 })), reason: Text(1000) },
  { additionalProperties: false },
);

export const NoticeQuery = Type.Object(
  {
    status: Type.Optional(Status),
    exerciseId: Type.Optional(Id),
    city: Type.Optional(Text(100)),
    from: Type.Optional(Instant),
    to: Type.Optional(Instant),
  },
  { additionalProperties: false },
);
export const IdOrSlugParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 120 }) });
export const CapParams = Type.Object({ id: Id });
export const PreviewQuery = Type.Object(
  { lang: Type.Union([Lang], { description: 'The language of the page', default: 'kk' }) },
  { additionalProperties: false },
);
export const CapQuery = Type.Object(
  { revision: Type.Optional(Type.Integer({ minimum: 1 })) },
  { additionalProperties: false },
);

export const NoticeTextSchema = Type.Object({
  title: Type.String(),
  summary: Type.String(),
  seeAndHear: Type.String(),
  doList: Type.Array(Type.String()),
  dontList: Type.Array(Type.String()),
  contacts: Type.String(),
});
const AreaTextSchema = Type.Object({ name: Type.String(), description: Type.String() });
export const NoticeAreaSchema = Type.Object({
  id: Type.String(),
  kind: literals(['area', 'closure'] as const),
  texts: Type.Object({
    kk: Type.Optional(AreaTextSchema),
    ru: Type.Optional(AreaTextSchema),
    en: Type.Optional(AreaTextSchema),
  }),
  geometry: Type.Object({ type: Type.String(), coordinates: Type.Unknown() }),
  startsAt: Nullable(Type.String()),
  endsAt: Nullable(Type.String()),
  zoneId: Nullable(Type.String()),
});
const Languages = Type.Object({ kk: LanguageStatus, ru: LanguageStatus, en: LanguageStatus });
const ActionState = Type.Object({
  allowed: Type.Boolean(),
  code: Type.Optional(Type.String()),
  reason: Type.Optional(Type.String()),
});

export const NoticeSummarySchema = Type.Object(
  {
    id: Id,
    slug: Type.String(),
    exerciseId: Nullable(Type.String()),
    status: Status,
    city: Nullable(Type.String()),
    timeZone: Type.String(),
    startsAt: Type.String(),
    endsAt: Type.String(),
    title: Nullable(Type.String()),
    revision: Type.Integer(),
    version: Type.Integer(),
    languages: Languages,
    areas: Type.Integer(),
    closures: Type.Integer(),
    updatedAt: Type.String(),
  },
  { $id: 'NoticeSummary' },
);

export const NoticeSchema = Type.Object(
  {
    id: Id,
    slug: Type.String(),
    exerciseId: Nullable(Type.String()),
    organisationId: Nullable(Type.String()),
    status: Status,
    city: Nullable(Type.String()),
    timeZone: Type.String(),
    startsAt: Type.String(),
    endsAt: Type.String(),
    texts: Type.Object({
      kk: Type.Optional(NoticeTextSchema),
      ru: Type.Optional(NoticeTextSchema),
      en: Type.Optional(NoticeTextSchema),
    }),
    areas: Type.Array(NoticeAreaSchema),
    revision: Type.Integer(),
    version: Type.Integer(),
    languages: Languages,
    problems: Type.Array(Type.Object({ path: Type.String(), rule: Type.String(), message: Type.String() })),
    actions: Type.Object({
      edit: ActionState,
      submit: ActionState,
      return: ActionState,
      publish: ActionState,
      cancel: ActionState,
    }),
    createdBy: Nullable(Type.String()),
    submittedBy: Nullable(Type.String()),
    submittedAt: Nullable(Type.String()),
    createdAt: Type.String(),
    updatedAt: Type.String(),
    revisions: Type.Array(
      Type.Object({
        revision: Type.Integer(),
        kind: Kind,
        note: Nullable(Type.String()),
        publishedAt: Type.String(),
        publishedBy: Nullable(Type.String()),
        draftedBy: Nullable(Type.String()),
        capIdentifier: Type.String(),
      }),
    ),
    publicUrls: Type.Object({
      kk: Type.Optional(Type.String()),
      ru: Type.Optional(Type.String()),
      en: Type.Optional(Type.String()),
    }),
  },
  { $id: 'Notice' },
);

export const NoticeHistorySchema = Type.Object({
  items: Type.Array(
    Type.Object({
      seq: Type.Integer(),
      at: Type.String(),
      actorName: Nullable(Type.String()),
      action: Type.String(),
      sentence: Type.String({ description: 'What was done, in the request’s language (Accept-Language)' }),
      detail: Type.Record(Type.String(), Type.Unknown()),
    }),
  ),
});

export { Lang };
