import { normaliseLabel } from './labels.js';
import { textOf, type RowIssue, type TableRow } from './rows.js';
import { readNumber } from './values.js';

/** Venues sheet rows → named places with a point; coordinates checked for range and swapped axes. */

export interface VenueRowInput {
  name: string;
  kind: string;
  address: string | null;
  lat: number;
  lon: number;
}

const KIND_WORDS: Record<string, string> = {
  школа: 'school',
  мектеп: 'school',
  тюрьма: 'prison',
  'исправительная колония': 'prison',
  колония: 'prison',
  түрме: 'prison',
  аэропорт: 'airport',
  әуежай: 'airport',
  электростанция: 'power-plant',
  тэц: 'power-plant',
  гэс: 'power-plant',
  'выставочный центр': 'exhibition-centre',
  'дворец культуры': 'palace-of-culture',
  'мәдениет сарайы': 'palace-of-culture',
  вокзал: 'railway-station',
  'железнодорожный вокзал': 'railway-station',
  больница: 'hospital',
  аурухана: 'hospital',
  стадион: 'stadium',
  акимат: 'government-building',
  әкімдік: 'government-building',
  'административное здание': 'government-building',
  другое: 'other',
  басқа: 'other',
};

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
    const err = (field: string, message: string) => problems.push({ row, field, severity: 'error', message });
    const name = textOf(cells.name);
    if (!name) err('name', 'the name is empty');
    const kindText = textOf(cells.kind);
    const key = kindText ? normaliseLabel(kindText) : 'other';
    const kind = kinds.find((k) => normaliseLabel(k) === key) ?? KIND_WORDS[key] ?? null;
    if (!kind) err('kind', `"${kindText}" is not a venue kind; use ${kinds.join(', ')}`);
    const lat = readNumber(cells.lat ?? null);
    const lon = readNumber(cells.lon ?? null);
    if (lat === null) err('lat', `"${textOf(cells.lat) ?? ''}" is not a latitude in decimal degrees`);
    if (lon === null) err('lon', `"${textOf(cells.lon) ?? ''}" is not a longitude in decimal degrees`);
    if (lat !== null && lon !== null) {
      if (Math.abs(lat) > 90)
        err(
          'lat',
          Math.abs(lon) <= 90
            ? `latitude ${lat} is beyond ±90: latitude and longitude look swapped`
            : `latitude ${lat} is beyond ±90`,
        );
      if (Math.abs(lon) > 180) err('lon', `longitude ${lon} is beyond ±180`);
      else if (Math.abs(lat) <= 90 && !inKazakhstan(lat, lon) && inKazakhstan(lon, lat))
        err(
          'lat',
          `latitude ${lat}, longitude ${lon} is outside Kazakhstan, and ${lon}, ${lat} is inside it: latitude and longitude look swapped`,
        );
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
