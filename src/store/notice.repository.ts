import type { Kysely } from 'kysely';
import type { NoticeRevisionRow, NoticeRevisionTable, NoticeRow, NoticeTable } from './public-tables.js';
import type { Database } from './schema.js';

type Q = Kysely<Database>;

/** A revision without its CAP text: what lists and histories need. */
export type NoticeRevisionMeta = Omit<NoticeRevisionRow, 'cap_xml'>;

export interface NoticeFilter {
  status?: string | undefined;
  exerciseId?: string | undefined;
  city?: string | undefined;
  /** Overlap with [from, to). */
  from?: string | undefined;
  to?: string | undefined;
}

const META = [
  'notice_id',
  'revision',
  'kind',
  'snapshot',
  'note',
  'cap_identifier',
  'drafted_by',
  'published_by',
  'published_at',
] as const;

/** Queries for notices and their published revisions; the rules live in services/notices. */
export const noticeRepository = {
  list: (db: Q, f: NoticeFilter = {}): Promise<NoticeRow[]> => {
    let q = db.selectFrom('notices').selectAll().orderBy('starts_at').orderBy('slug');
    if (f.status) q = q.where('status', '=', f.status);
    if (f.exerciseId) q = q.where('exercise_id', '=', f.exerciseId);
    if (f.city) q = q.where('city', '=', f.city);
    if (f.from) q = q.where('ends_at', '>', f.from);
    if (f.to) q = q.where('starts_at', '<', f.to);
    return q.execute();
  },
  get: (db: Q, id: string): Promise<NoticeRow | undefined> =>
    db.selectFrom('notices').selectAll().where('id', '=', id).executeTakeFirst(),
  getBySlug: (db: Q, slug: string): Promise<NoticeRow | undefined> =>
    db.selectFrom('notices').selectAll().where('slug', '=', slug).executeTakeFirst(),
  /** Ids and slugs of the notices whose slug is `base` or `base-…`, to make a new one unique. */
  slugsWithPrefix: (db: Q, base: string): Promise<{ id: string; slug: string }[]> =>
    db
      .selectFrom('notices')
      .select(['id', 'slug'])
      .where((eb) => eb.or([eb('slug', '=', base), eb('slug', 'like', `${base}-%`)]))
      .execute(),
  /** A notice of no organisation when none is given. */
  insert: async (
    db: Q,
    row: Omit<NoticeTable, 'organisation_id'> & { organisation_id?: string | null },
  ): Promise<void> => {
    await db
      .insertInto('notices')
      .values({ ...row, organisation_id: row.organisation_id ?? null })
      .execute();
  },
  /** Optimistic update: only when nobody changed the notice since `version` was read. */
  update: async (db: Q, id: string, version: number, patch: Partial<NoticeTable>): Promise<boolean> => {
    const r = await db
      .updateTable('notices')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  /** Published notices (or ones being corrected) whose window ended by `before`. */
  dueToExpire: (db: Q, before: string): Promise<NoticeRow[]> =>
    db
      .selectFrom('notices')
      .selectAll()
      .where('status', 'in', ['published', 'draft', 'review'])
      .where('revision', '>', 0)
      .where('ends_at', '<=', before)
      .execute(),

  /**
   * The newest revision of every published notice (or of the one given), without its CAP text,
   * joined on the working copy's `revision` so it is one row per notice.
   */
  newestRevisions: (db: Q, where: { id?: string; slug?: string } = {}): Promise<NoticeRevisionMeta[]> => {
    let q = db
      .selectFrom('notice_revisions as r')
      .innerJoin('notices as n', (j) =>
        j.onRef('n.id', '=', 'r.notice_id').onRef('n.revision', '=', 'r.revision'),
      )
      .select(META.map((c) => `r.${c}` as const));
    if (where.id !== undefined) q = q.where('n.id', '=', where.id);
    if (where.slug !== undefined) q = q.where('n.slug', '=', where.slug);
    return q.execute();
  },
  /** Each revision's line in a history (no snapshot, no CAP text), oldest first per notice. */
  historyOf: (db: Q, noticeId?: string) => {
    let q = db
      .selectFrom('notice_revisions')
      .select([
        'notice_id',
        'revision',
        'kind',
        'note',
        'published_at',
        'published_by',
        'drafted_by',
        'cap_identifier',
      ]);
    if (noticeId !== undefined) q = q.where('notice_id', '=', noticeId);
    return q.orderBy('notice_id').orderBy('revision').execute();
  },
  revision: (db: Q, noticeId: string, revision: number): Promise<NoticeRevisionRow | undefined> =>
    db
      .selectFrom('notice_revisions')
      .selectAll()
      .where('notice_id', '=', noticeId)
      .where('revision', '=', revision)
      .executeTakeFirst(),
  insertRevision: async (db: Q, row: NoticeRevisionTable): Promise<void> => {
    await db.insertInto('notice_revisions').values(row).execute();
  },
};

/** The audit trail of notices: who wrote a working copy, and each step's entry for the history. */
export const noticeAuditRepository = {
  entries: (db: Q, noticeId: string) =>
    db
      .selectFrom('audit_log')
      .select(['seq', 'at', 'actor_id', 'actor_name', 'action', 'detail'])
      .where('subject_type', '=', 'notice')
      .where('subject_id', '=', noticeId)
      .orderBy('seq')
      .execute(),
  /** Display names of users by id, for histories. */
  names: async (db: Q, ids: string[]): Promise<Map<string, string>> => {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await db
      .selectFrom('users')
      .select(['id', 'display_name'])
      .where('id', 'in', unique)
      .execute();
    return new Map(rows.map((r) => [r.id, r.display_name]));
  },
  revisionsXml: (db: Q, noticeId: string) =>
    db
      .selectFrom('notice_revisions')
      .select(['revision', 'cap_xml'])
      .where('notice_id', '=', noticeId)
      .orderBy('revision')
      .execute(),
};
