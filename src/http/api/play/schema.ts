import { Type } from '@sinclair/typebox';
import { PHOTO_TYPES } from '../../../core/play/photo.js';
import { Id, Instant, Nullable } from '../common.schema.js';
import { ClockSchema } from '../conduct/schema.js';

export const PlayerReportSchema = Type.Object(
  {
    id: Id,
    author: Type.String(),
    text: Type.String({
      description: 'as the player wrote it; the console shows it as text, never as markup',
    }),
    hasPhoto: Type.Boolean({ description: 'GET …/play/reports/{reportId}/photo serves it' }),
    latitude: Nullable(Type.Number()),
    longitude: Nullable(Type.Number()),
    createdAt: Instant,
  },
  { $id: 'PlayerReport' },
);

export const PlayerInjectSchema = Type.Object(
  {
    id: Id,
    number: Type.String(),
    title: Type.String({ description: 'as delivered, marked as exercise traffic' }),
    body: Type.String(),
    firedAt: Nullable(Instant),
    deliveredAt: Instant,
    acknowledgedAt: Nullable(Instant),
    reports: Type.Array(Type.Ref(PlayerReportSchema), { description: "the team's reports on it" }),
    decision: Nullable(
      Type.Object(
        {
          question: Type.String(),
          options: Type.Array(Type.String()),
          chosen: Nullable(Type.String()),
          by: Nullable(Type.String()),
        },
        { description: 'the question it puts to the team, and the team’s choice once taken' },
      ),
    ),
  },
  { $id: 'PlayerInject' },
);

export const PlayerCommCheckSchema = Type.Object(
  {
    round: Type.Integer({ minimum: 1 }),
    title: Type.String(),
    body: Type.String(),
    deliveredAt: Instant,
    confirmedAt: Nullable(Instant),
  },
  { $id: 'PlayerCommCheck', description: 'the latest communication check in the player’s inbox' },
);

export const PlayerViewSchema = Type.Object(
  {
    exerciseId: Id,
    name: Type.String(),
    timeZone: Type.String(),
    player: Type.String({ description: "the player's name in the exercise" }),
    team: Nullable(Type.Object({ id: Id, name: Type.String() })),
    clock: ClockSchema.properties.reading,
    noPlay: Nullable(
      Type.Object(
        { at: Instant, reason: Nullable(Type.String()) },
        { description: 'play is halted and hidden' },
      ),
    ),
    injects: Type.Array(Type.Ref(PlayerInjectSchema), {
      description: "the player's own team's fired injects, newest first; empty under NO PLAY",
    }),
    commCheck: Nullable(Type.Ref(PlayerCommCheckSchema)),
  },
  { $id: 'PlayerView' },
);

export const ReportBody = Type.Object(
  {
    text: Type.String({ minLength: 1, maxLength: 4000, description: 'what was done' }),
    photo: Type.Optional(
      Nullable(
        Type.Object(
          {
            type: Type.Union(PHOTO_TYPES.map((t) => Type.Literal(t))),
            data: Type.String({ description: 'the picture, base64; at most 5 MiB once decoded' }),
          },
          { additionalProperties: false },
        ),
      ),
    ),
    location: Type.Optional(
      Nullable(
        Type.Object(
          {
            latitude: Type.Number({ minimum: -90, maximum: 90 }),
            longitude: Type.Number({ minimum: -180, maximum: 180 }),
          },
          { additionalProperties: false },
        ),
      ),
    ),
  },
  { additionalProperties: false },
);

export const InjectProgressSchema = Type.Object(
  {
    injectId: Id,
    firedAt: Instant,
    deliveries: Type.Integer({ description: 'deliveries on every channel' }),
    delivered: Type.Integer({ description: 'of them handed over to their channel' }),
    deliveredAt: Nullable(Instant),
    acknowledged: Type.Integer({ description: 'players who acknowledged it' }),
    acknowledgedAt: Nullable(Instant),
    links: Type.Object(
      { sent: Type.Integer(), opened: Type.Integer() },
      { description: 'players without an account: sent a link to the inject, and of them who opened it' },
    ),
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
  },
  { $id: 'InjectProgress' },
);

export const LinkedInjectSchema = Type.Object(
  {
    exerciseName: Type.String(),
    timeZone: Type.String(),
    player: Type.String({ description: "the person's name in the exercise" }),
    team: Nullable(Type.String()),
    language: Type.String({ description: 'the language of the message that carried the link' }),
    clock: ClockSchema.properties.reading,
    noPlay: Nullable(
      Type.Object(
        { at: Instant, reason: Nullable(Type.String()) },
        { description: 'play is halted and hidden' },
      ),
    ),
    inject: Nullable(
      Type.Object(
        {
          number: Type.String(),
          title: Type.String(),
          body: Type.String(),
          firedAt: Nullable(Instant),
          acknowledgedAt: Nullable(Instant),
          decision: Nullable(
            Type.Object({
              question: Type.String(),
              options: Type.Array(Type.String()),
              chosen: Nullable(Type.String()),
              by: Nullable(Type.String()),
            }),
          ),
        },
        { description: 'null under NO PLAY' },
      ),
    ),
    reports: Type.Array(Type.Ref(PlayerReportSchema), { description: "the team's reports on the inject" }),
    expiresAt: Nullable(Instant),
  },
  {
    $id: 'LinkedInject',
    description: 'the one inject a link sent to a player without an account opens, and their team’s reports',
  },
);
