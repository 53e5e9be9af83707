import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { outboxOwner } from './outbox-owner.js';
import { reachList, type OrganisationReach } from './reach.js';

const ref = (column: string) => sql.ref(`audit_log.${column}`);

/** The exercise an entry is about, for the kinds of subject that live inside one; else null. */
function exerciseOf(): RawBuilder<string | null> {
  const id = ref('subject_id');
  const inside = (table: string) =>
    sql`(select a_x.exercise_id from ${sql.table(table)} a_x where a_x.id = ${id})`;
  return sql<string | null>`(case ${ref('subject_type')}
    when 'exercise' then ${id}
    when 'inject' then ${inside('inject_runs')}
    when 'comm_check' then ${inside('comm_checks')}
    when 'observation' then ${inside('observations')}
    when 'finding' then ${inside('findings')}
    when 'improvement' then ${inside('improvement_items')}
  end)`;
}

/** The organisation an entry's subject belongs to, for subjects that belong to one; else null. */
function organisationOf(): RawBuilder<string | null> {
  const id = ref('subject_id');
  return sql<string | null>`(case ${ref('subject_type')}
    when 'organisation' then ${id}
    when 'notice' then (select a_n.organisation_id from notices a_n where a_n.id = ${id})
    when 'alert' then (select a_a.organisation_id from alerts a_a where a_a.id = ${id})
    when 'siren' then (select a_s.organisation_id from sirens a_s where a_s.id = ${id})
    when 'comment' then (select a_cn.organisation_id from comments a_c
      join notices a_cn on a_cn.id = a_c.notice_id where a_c.id = ${id})
    when 'improvement' then (select a_i.responsible_organisation_id from improvement_items a_i where a_i.id = ${id})
    when 'delivery' then (select ${outboxOwner('a_d')} from deliveries a_d where a_d.id = ${id})
    when 'fanout' then (select ${outboxOwner('a_f')} from fanouts a_f where a_f.id = ${id})
  end)`;
}

/**
 * Whether an audit entry concerns an organisation in `reach` (null: every entry does). An entry is
 * an organisation's when its subject is that organisation's record (a notice, an alert, a siren, a
 * comment under its notice, its outbox traffic, the organisation itself), a person holding a grant
 * there, or something inside an exercise it leads or takes part in. An entry about what belongs to no
 * organisation (a resident's subscription, an API token, the shared catalogue) is read by unscoped
 * grants only.
 */
export function auditWithin(reach: OrganisationReach): RawBuilder<SqlBool> | null {
  const orgs = reachList(reach);
  if (!orgs) return null;
  const exercise = exerciseOf();
  return sql<SqlBool>`(
    ${organisationOf()} in (${orgs})
    or exists (select 1 from exercises a_e where a_e.id = ${exercise} and a_e.lead_organisation_id in (${orgs}))
    or exists (select 1 from exercise_organisations a_eo
      where a_eo.exercise_id = ${exercise} and a_eo.organisation_id in (${orgs}))
    or (${ref('subject_type')} = 'user' and exists (select 1 from grants a_g
      where a_g.user_id = ${ref('subject_id')} and a_g.organisation_id in (${orgs})))
  )`;
}
