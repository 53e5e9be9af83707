import { Migrator, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely';
import type { Db } from './db.js';
import * as m0001 from './migrations/0001-people-and-audit.js';
import * as m0002 from './migrations/0002-jobs.js';
import * as m0003 from './migrations/0003-planning.js';
import * as m0004 from './migrations/0004-import-mappings.js';
import * as m0005 from './migrations/0005-calendar-sequences.js';
import * as m0006 from './migrations/0006-public-notices.js';
import * as m0007 from './migrations/0007-capability-target-order.js';
import * as m0008 from './migrations/0008-active-subscribers-index.js';
import * as m0009 from './migrations/0009-general-outbox.js';
import * as m0010 from './migrations/0010-wakes.js';
import * as m0011 from './migrations/0011-events.js';
import * as m0012 from './migrations/0012-sign-in-throttle.js';
import * as m0013 from './migrations/0013-fanout-retries.js';
import * as m0014 from './migrations/0014-exercise-clock.js';
import * as m0015 from './migrations/0015-sms-parts.js';
import * as m0016 from './migrations/0016-notice-organisation.js';
import * as m0018 from './migrations/0018-alerts.js';
import * as m0020 from './migrations/0020-observations.js';
import * as m0021 from './migrations/0021-sirens.js';
import * as m0022 from './migrations/0022-device-subscribers.js';
import * as m0023 from './migrations/0023-player-inbox.js';
import * as m0026 from './migrations/0026-cap-feeds.js';
import * as m0028 from './migrations/0028-improvement-plan.js';
import * as m0029 from './migrations/0029-hot-wash.js';
import * as m0030 from './migrations/0030-aar-versions.js';
import * as m0032 from './migrations/0032-measured-metrics.js';
import * as m0027 from './migrations/0027-evaluation.js';
import * as m0031 from './migrations/0031-findings-and-lessons.js';
import * as m0033 from './migrations/0033-finding-numbers.js';
import * as m0034 from './migrations/0034-comm-checks.js';
import * as m0035 from './migrations/0035-manual-prompts.js';
import * as m0036 from './migrations/0036-branching.js';
import * as m0037 from './migrations/0037-person-venue.js';
import * as m0038 from './migrations/0038-inject-links.js';
import * as m0039 from './migrations/0039-sms-handed.js';
import * as m0040 from './migrations/0040-boundaries.js';
import * as m0041 from './migrations/0041-sms-reference.js';
import * as m0042 from './migrations/0042-delivery-indexes.js';
import * as m0043 from './migrations/0043-subscriber-version.js';
import * as m0044 from './migrations/0044-sms-rounds.js';
import * as m0045 from './migrations/0045-boundary-alert-ring.js';
import * as m0046 from './migrations/0046-subscriber-changes.js';
import * as m0047 from './migrations/0047-subscriber-changes-once.js';
import * as m0048 from './migrations/0048-delivery-reasons.js';

/** Every migration, in order; imported statically so the built server and tests see the same list. */
const MIGRATIONS: Record<string, Migration> = {
  '0001-people-and-audit': m0001,
  '0002-jobs': m0002,
  '0003-planning': m0003,
  '0004-import-mappings': m0004,
  '0005-calendar-sequences': m0005,
  '0006-public-notices': m0006,
  '0007-capability-target-order': m0007,
  '0008-active-subscribers-index': m0008,
  '0009-general-outbox': m0009,
  '0010-wakes': m0010,
  '0011-events': m0011,
  '0012-sign-in-throttle': m0012,
  '0013-fanout-retries': m0013,
  '0014-exercise-clock': m0014,
  '0015-sms-parts': m0015,
  '0016-notice-organisation': m0016,
  '0018-alerts': m0018,
  '0020-observations': m0020,
  '0021-sirens': m0021,
  '0022-device-subscribers': m0022,
  '0023-player-inbox': m0023,
  '0026-cap-feeds': m0026,
  '0028-improvement-plan': m0028,
  '0029-hot-wash': m0029,
  '0030-aar-versions': m0030,
  '0032-measured-metrics': m0032,
  '0027-evaluation': m0027,
  '0031-findings-and-lessons': m0031,
  '0033-finding-numbers': m0033,
  '0034-comm-checks': m0034,
  '0035-manual-prompts': m0035,
  '0036-branching': m0036,
  '0037-person-venue': m0037,
  '0038-inject-links': m0038,
  '0039-sms-handed': m0039,
  '0040-boundaries': m0040,
  '0041-sms-reference': m0041,
  '0042-delivery-indexes': m0042,
  '0043-subscriber-version': m0043,
  '0044-sms-rounds': m0044,
  '0045-boundary-alert-ring': m0045,
  '0046-subscriber-changes': m0046,
  '0047-subscriber-changes-once': m0047,
  '0048-delivery-reasons': m0048,
};

/** The names of the migrations this version knows, oldest first (a backup from a newer one has others). */
export const knownMigrations = (): string[] => Object.keys(MIGRATIONS);

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

export interface MigrateResult {
  applied: string[];
  pending: number;
}

/** Applies every pending migration in one go; throws naming the migration that failed. */
export async function migrateToLatest(db: Db): Promise<MigrateResult> {
  const migrator = new Migrator({
    db: db.kysely,
    provider,
    ...(db.schema ? { migrationTableSchema: db.schema } : {}),
  });
  const result: MigrationResultSet = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`migration ${failed} failed: ${(result.error as Error).message}`);
  }
  return { applied: (result.results ?? []).map((r) => r.migrationName), pending: 0 };
}

/** Applies migrations up to and including `name` (tests of a migration start from the one before). */
export async function migrateTo(db: Db, name: string): Promise<void> {
  const migrator = new Migrator({
    db: db.kysely,
    provider,
    ...(db.schema ? { migrationTableSchema: db.schema } : {}),
  });
  const result = await migrator.migrateTo(name);
  if (result.error) throw new Error(`migration to ${name} failed: ${(result.error as Error).message}`);
}

/** Names of migrations not yet applied (for `dabyl doctor` and `/readyz`). */
export async function pendingMigrations(db: Db): Promise<string[]> {
  const migrator = new Migrator({
    db: db.kysely,
    provider,
    ...(db.schema ? { migrationTableSchema: db.schema } : {}),
  });
  const all = await migrator.getMigrations();
  return all.filter((m) => !m.executedAt).map((m) => m.name);
}
