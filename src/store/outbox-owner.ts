import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { ownedWithin, type OrganisationReach } from './reach.js';

/**
 * The organisation a delivery or fan-out (table alias `at`, which has source_kind, source_id and
 * exercise_id) is sent for: a notice's or an alert's own organisation, else its exercise's lead. It is
 * read from the source when asked rather than copied onto each row, so the million-row writes of a
 * fan-out carry nothing more and an exercise handed to another lead takes its traffic with it. Null:
 * sent for no organisation (a resident's confirmation), reached by unscoped grants only.
 */
export function outboxOwner(at: string): RawBuilder<string | null> {
  const kind = sql.ref(`${at}.source_kind`);
  const id = sql.ref(`${at}.source_id`);
  return sql<string | null>`(case ${kind}
    when 'notice' then (select o_n.organisation_id from notices o_n where o_n.id = ${id})
    when 'alert' then (select o_a.organisation_id from alerts o_a where o_a.id = ${id})
    else (select o_e.lead_organisation_id from exercises o_e where o_e.id = ${sql.ref(`${at}.exercise_id`)})
  end)`;
}

/** Whether the row at alias `at` is sent for an organisation in `reach`; null when every row is. */
export function withinReach(at: string, reach: OrganisationReach): RawBuilder<SqlBool> | null {
  return ownedWithin(outboxOwner(at), reach);
}
