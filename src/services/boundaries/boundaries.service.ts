import { randomUUID } from 'node:crypto';
import { parseAlertRing, type AlertRing } from '../../core/boundary/alert-ring.js';
import {
  BOUNDARY_LEVELS,
  BOUNDARY_SET_NAME,
  checkBoundaryFile,
  type BoundaryGeometry,
  type BoundaryLevel,
} from '../../core/boundary/boundary.check.js';
import { AppError, badField, notFound } from '../../errors.js';
import { boundaryRepository, type BoundarySummaryRow } from '../../store/boundary.repository.js';
import type { BoundaryTable } from '../../store/boundary-tables.js';
import { appendAudit } from '../audit.service.js';
import { alertRingsOf } from './alert-rings.js';
import type { ActorInfo, AppContext } from '../context.js';

/** A boundary as lists show it: no geometry. */
export interface BoundarySummary {
  id: string;
  set: string;
  code: string;
  level: BoundaryLevel;
  region: string;
  names: { kk: string; ru: string; en: string };
  approximate: boolean;
  parts: number;
  points: number;
  /** [west, south, east, north] */
  bbox: [number, number, number, number];
}

export interface Boundary extends BoundarySummary {
  geometry: BoundaryGeometry;
  /** The outline as an alert can carry it; null when the boundary has several parts. */
  alertRing: AlertRing | null;
}

export type { AlertRing };

export interface BoundarySet {
  name: string;
  approximate: boolean;
  features: number;
  importedAt: string;
  /** The importing administrator's display name; null when the system imported it (the demo). */
  importedBy: string | null;
}

export interface ImportedBoundarySet {
  name: string;
  approximate: boolean;
  features: number;
  /** How many boundaries the set held before this import (0: a new set). */
  replaced: number;
}

const LEVEL_ORDER: Record<string, number> = { region: 0, city: 1, district: 2 };

const summaryOf = (r: BoundarySummaryRow & { approximate: number | boolean }): BoundarySummary => ({
  id: r.id,
  set: r.set_name,
  code: r.code,
  level: r.level as BoundaryLevel,
  region: r.region,
  names: { kk: r.name_kk, ru: r.name_ru, en: r.name_en },
  approximate: Number(r.approximate) === 1,
  parts: Number(r.parts),
  points: Number(r.points),
  bbox: [Number(r.west), Number(r.south), Number(r.east), Number(r.north)],
});

/** Regions first, then cities, then districts; within a level by English name. */
const byLevelThenName = (a: BoundarySummary, b: BoundarySummary) =>
  LEVEL_ORDER[a.level]! - LEVEL_ORDER[b.level]! ||
  a.names.en.localeCompare(b.names.en, 'en') ||
  a.id.localeCompare(b.id);

/**
 * Boundaries of every set, of one level when asked, whose name in any language or code holds `q`
 * (case-insensitive, Cyrillic too: hence matched here rather than by SQL `lower`, which SQLite
 * applies to ASCII only).
 */
export async function listBoundaries(
  ctx: AppContext,
  filter: { level?: BoundaryLevel | undefined; q?: string | undefined } = {},
): Promise<BoundarySummary[]> {
  if (filter.level !== undefined && !(BOUNDARY_LEVELS as readonly string[]).includes(filter.level))
    throw badField('level', 'one_of', { allowed: BOUNDARY_LEVELS.join(', ') });
  const q = filter.q?.normalize('NFC').trim().toLocaleLowerCase();
  const rows = (await boundaryRepository.list(ctx.db.kysely, filter.level)).map(summaryOf);
  const found = q
    ? rows.filter((b) =>
        [b.code, b.names.kk, b.names.ru, b.names.en].some((t) => t.toLocaleLowerCase().includes(q)),
      )
    : rows;
  return found.sort(byLevelThenName);
}

/**
 * A boundary with its outline and the alert ring stored with it. A row without one (written before
 * rings were stored) gets it computed here once, stored, and served: the next read finds it.
 */
export async function getBoundary(ctx: AppContext, id: string): Promise<Boundary> {
  const row = await boundaryRepository.get(ctx.db.kysely, id);
  if (!row) throw notFound('The boundary');
  const geometry = JSON.parse(row.geometry) as BoundaryGeometry;
  let stored = row.alert_ring;
  if (stored === null) {
    stored = (await alertRingsOf([geometry]))[0]!;
    await boundaryRepository.fillAlertRing(ctx.db.kysely, id, row.geometry, stored);
  }
  return { ...summaryOf(row), geometry, alertRing: parseAlertRing(stored) };
}

export async function listBoundarySets(ctx: AppContext): Promise<BoundarySet[]> {
  return (await boundaryRepository.sets(ctx.db.kysely)).map((r) => ({
    name: r.name,
    approximate: Number(r.approximate) === 1,
    features: Number(r.features),
    importedAt: r.imported_at,
    importedBy: r.imported_by_name ?? null,
  }));
}

function checkSetName(name: string): void {
  if (!BOUNDARY_SET_NAME.test(name)) throw badField('name', 'pattern');
}

/**
 * Replaces set `name` with the boundaries of `geojson` (a parsed FeatureCollection), all or nothing:
 * the file is checked whole first, and the old set is removed and the new one written in one
 * transaction, so a wrong file loses nothing already stored. A code the set had before keeps its id,
 * so a boundary picked into a draft still resolves after a corrected outline is imported.
 */
export async function importBoundarySet(
  ctx: AppContext,
  actor: ActorInfo,
  name: string,
  input: { approximate: boolean; geojson: unknown },
): Promise<ImportedBoundarySet> {
  checkSetName(name);
  const checked = checkBoundaryFile(input.geojson);
  if (!checked.ok) {
    const [first] = checked.problems;
    throw new AppError(
      'invalid_input',
      422,
      `${first!.field}: ${first!.problem}`,
      first!.field,
      checked.problems,
      undefined,
      first!.fault,
    );
  }
  // Before the transaction opens: a detailed outline takes seconds, which no transaction (nor the
  // lock on the sets) should be held for.
  const alertRings = await alertRingsOf(checked.boundaries.map((b) => b.geometry));
  const at = ctx.clock.now().toISOString();
  const replaced = await ctx.db.kysely.transaction().execute(async (trx) => {
    await boundaryRepository.lockSets(trx, ctx.db.engine);
    const ids = await boundaryRepository.idsByCode(trx, name);
    const before = (await boundaryRepository.remove(trx, name)) ?? 0;
    await boundaryRepository.insertSet(trx, {
      name,
      approximate: input.approximate ? 1 : 0,
      features: checked.boundaries.length,
      imported_by: actor.userId,
      imported_at: at,
    });
    const rows: BoundaryTable[] = checked.boundaries.map((b, i) => ({
      id: ids.get(b.code) ?? randomUUID(),
      set_name: name,
      code: b.code,
      level: b.level,
      region: b.region,
      name_kk: b.names.kk,
      name_ru: b.names.ru,
      name_en: b.names.en,
      geometry: JSON.stringify(b.geometry),
      parts: b.parts,
      points: b.points,
      west: b.bbox[0],
      south: b.bbox[1],
      east: b.bbox[2],
      north: b.bbox[3],
      alert_ring: alertRings[i]!,
    }));
    await boundaryRepository.insertBoundaries(trx, rows);
    await appendAudit(ctx, trx, actor, {
      action: 'boundaries.imported',
      subjectType: 'boundary-set',
      subjectId: name,
      detail: { name, approximate: input.approximate, features: rows.length, replaced: before },
    });
    return before;
  });
  return { name, approximate: input.approximate, features: checked.boundaries.length, replaced };
}

/** Removes a set and every boundary in it. */
export async function removeBoundarySet(ctx: AppContext, actor: ActorInfo, name: string): Promise<void> {
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await boundaryRepository.lockSets(trx, ctx.db.engine);
    const removed = await boundaryRepository.remove(trx, name);
    if (removed === null) throw notFound('The boundary set');
    await appendAudit(ctx, trx, actor, {
      action: 'boundaries.removed',
      subjectType: 'boundary-set',
      subjectId: name,
      detail: { name, features: removed },
    });
  });
}
