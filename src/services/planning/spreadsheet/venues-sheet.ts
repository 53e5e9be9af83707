import { randomUUID } from 'node:crypto';
import { normaliseLabel } from '../../../core/spreadsheet/labels.js';
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
    changes: null,
    teamsCreated: [],
    preview: out.map((v) => ({ name: v.name, kind: v.kind, address: v.address, lat: v.lat, lon: v.lon })),
    async write(db, progress) {
      const kept = new Set<string>();
      if (options.replace) {
        // A venue the sheet names again is updated in place: it keeps its id and drawn footprint (a
        // sheet has no column for it), so zones placed at it stay placed there.
        const before = new Map(
          (await planRepository.venues(db, exercise.id)).map((v) => [normaliseLabel(v.name), v]),
        );
        for (const v of out) {
          const old = before.get(normaliseLabel(v.name));
          if (!old) continue;
          before.delete(normaliseLabel(v.name));
          v.id = old.id;
          v.footprint = old.footprint;
          kept.add(v.id);
        }
        const gone = [...before.values()].map((v) => v.id);
        if (gone.length) await db.deleteFrom('venues').where('id', 'in', gone).execute();
      }
      for (const v of out)
        if (kept.has(v.id))
          await db
            .updateTable('venues')
            .set({ name: v.name, kind: v.kind, address: v.address, lat: v.lat, lon: v.lon })
            .where('id', '=', v.id)
            .execute();
        else await planRepository.insertVenue(db, v);
      progress(out.length);
    },
  };
};
