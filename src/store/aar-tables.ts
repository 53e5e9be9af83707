import type { Selectable } from 'kysely';

/** One version of an exercise's after-action report (migration 0030). */
export interface AarVersionTable {
  id: string;
  exercise_id: string;
  /** 1, 2, …: per exercise, in the order made. */
  version: number;
  /** draft or final. */
  status: string;
  /** JSON: core/aar/content AarContent. */
  content: string;
  /** JSON array of the sections edited by hand. */
  edited_sections: string;
  created_by: string | null;
  created_by_name: string | null;
  created_at: string;
  updated_at: string;
  finalised_by: string | null;
  finalised_at: string | null;
  shared_by: string | null;
  shared_at: string | null;
}

export interface AarTables {
  aar_versions: AarVersionTable;
}

export type AarVersionRow = Selectable<AarVersionTable>;
