/**
 * PMTiles v3 tile ids: every tile of every zoom on one Hilbert curve, zoom 0 first. Neighbouring
 * tiles get neighbouring ids, which is what lets an archive store runs of tiles as one entry.
 */

/** The deepest zoom whose ids stay exact in a double (4^27 > 2^53). */
export const MAX_ZOOM = 26;

/** The tile id of z/x/y; the caller has checked 0 ≤ z ≤ {@link MAX_ZOOM} and 0 ≤ x, y < 2^z. */
export function zxyToTileId(z: number, x: number, y: number): number {
  // Tiles on all shallower zooms: (4^z - 1) / 3.
  let id = (4 ** z - 1) / 3;
  let px = x;
  let py = y;
  for (let s = 2 ** (z - 1); s >= 1; s /= 2) {
    const rx = Math.floor(px / s) % 2;
    const ry = Math.floor(py / s) % 2;
    id += s * s * ((3 * rx) ^ ry);
    // Rotate the quadrant so the curve inside it runs the right way (only the low bits matter).
    if (ry === 0) {
      if (rx === 1) {
        px = s - 1 - (px % s);
        py = s - 1 - (py % s);
      }
      [px, py] = [py, px];
    }
    px %= s;
    py %= s;
  }
  return id;
}
