/**
 * Shapes of the JSON the console exchanges with /api/v1: re-exports of the types derived from the
 * server's schemas (./contract), kept here so the screens' imports stay short.
 */
import type { LOCALES } from './contract';
import { ORGANISATION_KINDS, ROLES } from './contract';
export { ORGANISATION_KINDS, ROLES };

export type Locale = (typeof LOCALES)[number];

export type Role = (typeof ROLES)[number];

export type {
  ApiToken,
  AuditEntry,
  AuditVerification,
  Dashboard,
  Grant,
  Organisation,
  RolePermissions,
  Session,
  Unit,
  User,
} from './contract';

export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export interface Items<T> {
  items: T[];
}
