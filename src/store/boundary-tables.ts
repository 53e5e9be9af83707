import type { Selectable } from 'kysely';

/** A boundary set (migration 0040): replaced whole by each import. */
export interface BoundarySetTable {
  /** Lowercase letters, digits and dashes, 1–60: `demo-approximate`. */
  name: string;
  /** 1: the outlines are rough (the demo's), and the console says so. */
  approximate: number;
  features: number;
  /** The administrator who imported it; null for the system (the demo load). */
  imported_by: string | null;
  imported_at: string;
}

/** One region, district or city of a set. */
export interface BoundaryTable {
  id: string;
  set_name: string;
  /** Unique within its set; an id kept across re-imports of the set. */
  code: string;
  /** region, district or city. */
  level: string;
  /** ISO 3166-2:KZ code of the first-level division it lies in. */
  region: string;
  name_kk: string;
  name_ru: string;
  name_en: string;
  /** GeoJSON Polygon or MultiPolygon text, [lon, lat]. */
  geometry: string;
  parts: number;
  points: number;
  west: number;
  south: number;
  east: number;
  north: number;
  /**
   * The ring an alert carries for it (migration 0045), as JSON of `AlertRing`
   * (`src/core/boundary/alert-ring.ts`), written with the geometry: the JSON text `null` when it has
   * several parts and so no ring; SQL NULL when not computed yet (a row written before 0045's code),
   * which the first read fills.
   */
  alert_ring: string | null;
}

export interface BoundaryTables {
  boundary_sets: BoundarySetTable;
  boundaries: BoundaryTable;
}

export type BoundarySetRow = Selectable<BoundarySetTable>;
export type BoundaryRow = Selectable<BoundaryTable>;
