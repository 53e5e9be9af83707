import { randomUUID } from 'node:crypto';
import { venueRows } from '../../../core/spreadsheet/venues.rows.js';
import { planRepository } from '../../../store/plan.repository.js';
import type { VenueTable } from '../../../store/schema.js';
import { cleanText } from '../../text.js';
import { VENUE_KINDS } from '../plan.service.js';
import { rowCheck, type Prepare } from './kinds.js';

/** Venues rows → named places with a point (footprints are drawn on the map, not typed in a sheet). */
export const prepareVenues: Prepare = async (_trx, exercise, rows, issues, options) => {
  const out: VenueTable[] = [];
  for (const { row, input } of venueRows(rows, VENUE_KINDS, issues)) {
    const checked = rowCheck(row, issues, () => ({
      name: cleanText(input.name, 'name', 200),
      address: input.address === null ? null : cleanText(input.address, 'address', 300),
    }));
    if (!checked) continue;
    out.push({
      id: randomUUID(),
      exercise_id: exercise.id,
      name: checked.name,
      kind: input.kind,
      address: checked.address,
      lat: input.lat,
      lon: input.lon,
      footprint: null,
    });
  }
  return {
    count: out.length,
    teamsCreated: [],
    preview: out.map((v) => ({ name: v.name, kind: v.kind, address: v.address, lat: v.lat, lon: v.lon })),
    async write(db, progress) {
      if (options.replace) await db.deleteFrom('venues').where('exercise_id', '=', exercise.id).execute();
      for (const v of out) await planRepository.insertVenue(db, v);
      progress(out.length);
    },
  };
};
