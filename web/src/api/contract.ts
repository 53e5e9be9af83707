/**
 * The API's shapes and enumerations as the server declares them, and nothing else: every type here
 * is derived with `Static` from the TypeBox schema that validates and documents the route, and every
 * list is the server's own (src/contract/enums.ts). The console never keeps a copy; a change on the
 * server changes these types, and `tsc -p web` shows every screen it touches. The schema modules
 * are imported for their types only, so none of the server's code reaches the bundle.
 */
import type { Static } from '@sinclair/typebox';
import type { MapGeometry } from '../map';
import type * as alerts from '../../../src/http/api/alerts/schema';
import type * as auth from '../../../src/http/api/auth/schema';
import type * as comments from '../../../src/http/api/comments/schema';
import type * as notices from '../../../src/http/api/notices/schema';
import type * as spreadsheets from '../../../src/http/api/exercises/spreadsheet.schema';
import type * as organisations from '../../../src/http/api/organisations/schema';
import type * as outbox from '../../../src/http/api/outbox/schema';
import type * as sirens from '../../../src/http/api/sirens/schema';
import type * as system from '../../../src/http/api/system/schema';
import type * as users from '../../../src/http/api/users/schema';

export {
  ALERT_STATES,
  ALERT_STATUSES,
  APPROVAL_STATES,
  CHANNEL_KINDS,
  COMMENT_STATUSES,
  DELIVERY_METHODS,
  DELIVERY_STATUSES,
  EVENT_KINDS,
  EXERCISE_ROLES,
  EXERCISE_STATUSES,
  EXERCISE_TYPES,
  EXTENTS_OF_PLAY,
  FANOUT_STATUSES,
  HAZARDS,
  LOCALES,
  NOTICE_LANGUAGES,
  NOTICE_STATUSES,
  ORGANISATION_KINDS,
  PHONE_BOOK_CHANNELS,
  RECIPIENT_KINDS,
  ROLES,
  SHEET_KINDS,
  SIREN_PURPOSES,
  TRAFFIC_MODES,
  VENUE_KINDS,
  ZONE_KINDS,
} from '../../../src/contract/enums';

// The outbox (/api/v1/outbox…, /api/v1/subscribers/stats).
export type DeliveryCounts = Static<typeof outbox.Counts>;
export type ChannelState = Static<typeof outbox.OutboxSchema>['channels'][number];
export type DeadLetter = Static<typeof outbox.DeadLetter>;
export type FanOut = Static<typeof outbox.FanOut>;
export type SubscriberStats = Static<typeof outbox.StatsSchema>;

// People and access (/api/v1/auth…, /users, /organisations, /roles, /audit, /tokens, /dashboard).
export type Grant = Static<typeof users.GrantSchema>;
export type User = Static<typeof users.UserSchema>;
export type Session = Static<typeof auth.SessionSchema>;
export type Unit = Static<typeof organisations.UnitSchema>;
export type Organisation = Static<typeof organisations.OrganisationSchema>;
export type RolePermissions = Static<typeof system.RolePermissionsSchema>;
export type AuditEntry = Static<typeof system.AuditEntrySchema>;
export type AuditVerification = Static<typeof system.AuditVerificationSchema>;
export type Dashboard = Static<typeof system.DashboardSchema>;
export type ApiToken = Static<typeof system.TokenSchema>;

// Public notices (/api/v1/notices…). A notice area's geometry is checked by the service, not the
// schema (which says only "a GeoJSON geometry"); the console reads it as the map's geometry.
type WithMapGeometry<T> = Omit<T, 'geometry'> & { geometry: MapGeometry };
export type NoticeText = Static<typeof notices.NoticeTextSchema>;
export type NoticeArea = WithMapGeometry<Static<typeof notices.NoticeAreaSchema>>;
export type NoticeSummary = Static<typeof notices.NoticeSummarySchema>;
export type Notice = Omit<Static<typeof notices.NoticeSchema>, 'areas'> & { areas: NoticeArea[] };
export type NoticeHistoryEntry = Static<typeof notices.NoticeHistorySchema>['items'][number];
/** What an edit sends: every field but the version the edit is made against, which goes beside it. */
export type NoticePatch = Omit<Static<typeof notices.PatchNoticeBody>, 'version'>;

// Comment moderation (/api/v1/comments…).
export type ModeratedComment = Static<typeof comments.ModeratedCommentSchema>;
export type CommentCounts = Static<typeof comments.CommentCountsSchema>;
export type BlockedAddress = Static<typeof comments.BlockedAddressSchema>;

/** The schema modules themselves, for request bodies a screen builds (`Static<typeof users.CreateUserBody>`). */
export type { system, users };

// Spreadsheet import (/api/v1/exercises/{id}/{msel,participants,venues}/import).
export type ImportIssue = Static<typeof spreadsheets.ImportIssueSchema>;
export type ImportReport = Static<typeof spreadsheets.ImportReportSchema>;
/** The language a spreadsheet export is written in. */
export type ExportLanguage = NonNullable<Static<typeof spreadsheets.ExportQuery>['lang']>;

/** A public alert as the console shows it (the route's own schema). */
export type Alert = Static<typeof alerts.AlertSchema>;

/** What an alert's sent messages did per channel. */
export type AlertDeliveries = Static<typeof alerts.AlertDeliveriesSchema>;
// Sirens (/api/v1/sirens…, /api/v1/alerts/{id}/sirens).
export type Siren = Static<typeof sirens.SirenSchema>;
export type SirenBody = Static<typeof sirens.CreateSirenBody>;
export type SirenWithKey = Static<typeof sirens.SirenWithKey>;
export type SirenReport = Static<typeof sirens.SirenReportSchema>;
export type SirenCommand = Static<typeof sirens.SirenCommandSchema>;

/** Each channel's message per language as people would receive it. */
export type AlertPreview = Static<typeof alerts.AlertPreviewSchema>;
