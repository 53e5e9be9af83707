/*
 * Delivery ids in time order (the UUID version 7 layout of RFC 9562: 48 bits of Unix milliseconds,
 * then random bits). A fan-out writes up to a million rows at once; with random ids each row's
 * primary-key entry lands on a random page of the index, so the database touches (and, on
 * PostgreSQL, logs) a different page per row. Ids that grow with time land together at the index's
 * right edge. The random bits keep them unguessable and unique across processes, as before.
 */

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Bytes of randomness each id takes from the `random` argument of {@link deliveryIds}. */
export const RANDOM_BYTES_PER_ID = 10;

/**
 * As many ids as `random` holds 10-byte slices, all stamped with the millisecond `ms`. The caller
 * supplies the randomness (a CSPRNG's bytes), so this stays free of I/O and can be tested.
 */
export function deliveryIds(ms: number, random: Uint8Array): string[] {
  if (!Number.isInteger(ms) || ms < 0 || ms >= 2 ** 48) throw new RangeError(`not a Unix millisecond: ${ms}`);
  const count = Math.floor(random.length / RANDOM_BYTES_PER_ID);
  // The 48-bit time as twelve hex digits, shared by every id of the batch.
  const time = ms.toString(16).padStart(12, '0');
  const head = `${time.slice(0, 8)}-${time.slice(8, 12)}-`;
  const ids = new Array<string>(count);
  for (let i = 0, o = 0; i < count; i++, o += RANDOM_BYTES_PER_ID) {
    const r = (k: number) => random[o + k]!;
    ids[i] =
      head +
      // version 7, then 12 random bits
      HEX[0x70 | (r(0) & 0x0f)]! +
      HEX[r(1)]! +
      '-' +
      // variant 10, then 62 random bits
      HEX[0x80 | (r(2) & 0x3f)]! +
      HEX[r(3)]! +
      '-' +
      HEX[r(4)]! +
      HEX[r(5)]! +
      HEX[r(6)]! +
      HEX[r(7)]! +
      HEX[r(8)]! +
      HEX[r(9)]!;
  }
  return ids;
}
