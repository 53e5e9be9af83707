import type { FieldProblem, MessageParams } from '../messages/messages.js';
import { normaliseLabel } from './labels.js';
import { rowIssue, textOf, type RowIssue, type TableRow } from './rows.js';
import { readNumber } from './values.js';
import { readableWords, VENUE_KIND_WORDS } from './words.js';

/** Venues sheet rows → named places with a point; coordinates checked for range and swapped axes. */

export interface VenueRowInput {
  name: string;
  kind: string;
  address: string | null;
  lat: number;
  lon: number;
}

const KIND_WORDS = readableWords(VENUE_KIND_WORDS);

/** Kazakhstan's bounding box, generously: a point outside it whose swapped axes fall inside was typed lon, lat. */
const KAZAKHSTAN = { south: 40, north: 56, west: 46, east: 88 };
const inKazakhstan = (lat: number, lon: number) =>
  lat >= KAZAKHSTAN.south && lat <= KAZAKHSTAN.north && lon >= KAZAKHSTAN.west && lon <= KAZAKHSTAN.east;

export function venueRows(
  rows: readonly TableRow[],
  kinds: readonly string[],
  issues: RowIssue[],
): { row: number; input: VenueRowInput }[] {
  const out: { row: number; input: VenueRowInput }[] = [];
  for (const { row, cells } of rows) {
    const problems: RowIssue[] = [];
    const err = (field: string, problem: FieldProblem, params?: MessageParams) =>
      problems.push(rowIssue(row, field, 'error', problem, params));
    const name = textOf(cells.name);
    if (!name) err('name', 'sheet_name_empty');
    const kindText = textOf(cells.kind);
    const key = kindText ? normaliseLabel(kindText) : 'other';
    const kind = kinds.find((k) => normaliseLabel(k) === key) ?? KIND_WORDS[key] ?? null;
    if (!kind) err('kind', 'sheet_not_venue_kind', { value: kindText ?? '', allowed: kinds.join(', ') });
    const lat = readNumber(cells.lat ?? null);
    const lon = readNumber(cells.lon ?? null);
    if (lat === null) err('lat', 'sheet_not_latitude', { value: textOf(cells.lat) ?? '' });
    if (lon === null) err('lon', 'sheet_not_longitude', { value: textOf(cells.lon) ?? '' });
    if (lat !== null && lon !== null) {
      if (Math.abs(lat) > 90)
        err('lat', Math.abs(lon) <= 90 ? 'sheet_latitude_swapped' : 'sheet_latitude_range', { lat });
      if (Math.abs(lon) > 180) err('lon', 'sheet_longitude_range', { lon });
      else if (Math.abs(lat) <= 90 && !inKazakhstan(lat, lon) && inKazakhstan(lon, lat))
        err('lat', 'sheet_outside_kazakhstan', { lat, lon });
    }
    issues.push(...problems);
    if (problems.length) continue;
    out.push({
      row,
      input: { name: name!, kind: kind!, address: textOf(cells.address), lat: lat!, lon: lon! },
    });
  }
  return out;
}
