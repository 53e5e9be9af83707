import type { Insertable, Selectable } from 'kysely';

/** Strengths and areas for improvement of an exercise, per core capability (migration 0031). */
export interface FindingTable {
  id: string;
  exercise_id: string;
  core_capability_id: string;
  /** strength or improvement (an area for improvement). */
  kind: string;
  /** Order within (exercise, capability, kind), from 1: the second number of "Strength 1.2". */
  position: number;
  text: string;
  /** Root cause and consequence; empty until written. */
  analysis: string;
  /** JSON array of the observations it rests on. */
  observation_ids: string;
  author_id: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface FindingTables {
  findings: FindingTable;
}

export type FindingRow = Selectable<FindingTable>;
export type NewFinding = Insertable<FindingTable>;
