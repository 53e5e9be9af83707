import { sql, type RawBuilder, type SqlBool } from 'kysely';

/** Where a reader's grants reach: every organisation, or these only (policy's `organisationsWhere`). */
export type OrganisationReach = 'everywhere' | readonly string[];

/** The reach as an SQL list of values; null when it is every organisation, `(null)` when none. */
export function reachList(reach: OrganisationReach): RawBuilder<unknown> | null {
  if (reach === 'everywhere') return null;
  // `x in (null)` holds for no row on either engine: a reach of nothing.
  return reach.length ? sql.join(reach.map((o) => sql`${o}`)) : sql`null`;
}

/** Whether `owner` is in `reach`; null when every row is. */
export function ownedWithin(
  owner: RawBuilder<string | null>,
  reach: OrganisationReach,
): RawBuilder<SqlBool> | null {
  const list = reachList(reach);
  return list && sql<SqlBool>`${owner} in (${list})`;
}
