import { PmtilesFormatError } from './header.js';
import { VarintReader } from './varint.js';

/**
 * One directory entry. `runLength` > 0: tiles `tileId … tileId + runLength - 1` all have the
 * bytes at `offset` (relative to the tile data). `runLength` 0: a leaf directory at `offset`
 * (relative to the leaf directories) covering ids from `tileId` on.
 */
export interface Entry {
  tileId: number;
  offset: number;
  length: number;
  runLength: number;
}

/**
 * Decodes an uncompressed directory: the entry count, then each column in turn (tile id deltas,
 * run lengths, lengths, offsets), where an offset of 0 means "right after the previous entry"
 * and any other is the offset plus one.
 */
export function parseDirectory(bytes: Uint8Array): Entry[] {
  try {
    const r = new VarintReader(bytes);
    const count = r.next();
    // Each entry takes at least four bytes, which bounds a hostile count before allocating.
    if (count * 4 > bytes.length) throw new PmtilesFormatError(`the directory claims ${count} entries`);
    const entries: Entry[] = [];
    let tileId = 0;
    for (let i = 0; i < count; i++) {
      tileId += r.next();
      entries.push({ tileId, offset: 0, length: 0, runLength: 0 });
    }
    for (const e of entries) e.runLength = r.next();
    for (const e of entries) e.length = r.next();
    entries.forEach((e, i) => {
      const value = r.next();
      const previous = entries[i - 1];
      if (value === 0 && previous) e.offset = previous.offset + previous.length;
      else if (value === 0) throw new PmtilesFormatError('the first directory entry has no offset');
      else e.offset = value - 1;
    });
    return entries;
  } catch (err) {
    if (err instanceof RangeError) throw new PmtilesFormatError(err.message);
    throw err;
  }
}

/**
 * The entry for `tileId`: the tile's own run, or the leaf directory that may hold it; `undefined`
 * when the directory says the tile is absent. Entries are sorted by tile id.
 */
export function findEntry(entries: readonly Entry[], tileId: number): Entry | undefined {
  let lo = 0;
  let hi = entries.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const id = entries[mid]!.tileId;
    if (id < tileId) lo = mid + 1;
    else if (id > tileId) hi = mid - 1;
    else return entries[mid];
  }
  // hi is now the last entry starting before tileId.
  const before = entries[hi];
  if (!before) return undefined;
  if (before.runLength === 0 || tileId - before.tileId < before.runLength) return before;
  return undefined;
}
