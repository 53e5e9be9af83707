import { Type } from '@sinclair/typebox';
import { ROLES } from '../../../contract/enums.js';
import { PERMISSIONS } from '../../../core/policy/policy.js';
import { Id, Instant, literals, Nullable } from '../common.schema.js';

/* The administration's API shapes (audit log, API tokens, roles, dashboard); the console's types are derived from them. */

export const AuditEntrySchema = Type.Object(
  {
    seq: Type.Integer(),
    at: Instant,
    actorName: Nullable(Type.String()),
    action: Type.String({ description: 'Stable code of what was done' }),
    sentence: Type.String({ description: 'What was done, in the request’s language (Accept-Language)' }),
    subjectType: Nullable(Type.String()),
    subjectId: Nullable(Type.String()),
    detail: Type.Record(Type.String(), Type.Unknown()),
  },
  { $id: 'AuditEntry' },
);
export const TokenSchema = Type.Object(
  {
    id: Id,
    name: Type.String(),
    scopes: Type.Array(Type.String()),
    createdAt: Instant,
    expiresAt: Instant,
    revokedAt: Nullable(Instant),
    lastUsedAt: Nullable(Instant),
  },
  { $id: 'ApiToken' },
);
export const CreateTokenBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    scopes: Type.Array(literals(PERMISSIONS), {
      minItems: 1,
      maxItems: PERMISSIONS.length,
    }),
    expiresInDays: Type.Integer({ minimum: 1, maximum: 366 }),
  },
  { additionalProperties: false },
);

export const RolePermissionsSchema = Type.Object({
  role: literals(ROLES),
  permissions: Type.Array(Type.String()),
});

export const DashboardSchema = Type.Object({
  counts: Type.Object({
    users: Type.Optional(Type.Integer()),
    organisations: Type.Optional(Type.Integer()),
    activeSessions: Type.Optional(Type.Integer()),
    auditEntries: Type.Optional(Type.Integer()),
  }),
  recentAudit: Type.Optional(Type.Array(Type.Ref(AuditEntrySchema))),
});

export const AuditVerificationSchema = Type.Object({
  ok: Type.Boolean(),
  entries: Type.Integer(),
  firstBad: Nullable(Type.Object({ seq: Type.Integer(), problem: Type.String() })),
  head: Type.Union([Type.Object({ seq: Type.Integer(), hash: Type.String() }), Type.Null()], {
    description:
      'the newest entry checked; kept elsewhere, it is the anchor that later shows whether entries were cut off the end',
  }),
});
