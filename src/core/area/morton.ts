/**
 * Z-order (Morton) codes on a 65,536 × 65,536 grid over a box, and the radix sort that orders points
 * by them. In Z-order every quadtree cell is one contiguous run of codes, which is what lets a whole
 * cell inside an area be emitted as one slice of ids.
 */

/** Bits per axis; the finest cell is 1/65,536 of the box on each side. */
export const MORTON_BITS = 16;
const CELLS = 1 << MORTON_BITS;

/** Spreads the low 16 bits of v to the even bit positions. */
function spread(v: number): number {
  v = (v | (v << 8)) & 0x00ff00ff;
  v = (v | (v << 4)) & 0x0f0f0f0f;
  v = (v | (v << 2)) & 0x33333333;
  return (v | (v << 1)) & 0x55555555;
}

/** Grid geometry over a box: maps a position to its finest cell. */
export class MortonGrid {
  readonly scaleX: number;
  readonly scaleY: number;

  constructor(
    readonly minX: number,
    readonly minY: number,
    readonly maxX: number,
    readonly maxY: number,
  ) {
    this.scaleX = CELLS / (maxX - minX);
    this.scaleY = CELLS / (maxY - minY);
  }

  /** Code of the finest cell holding (x, y); positions on the max edges go to the last cell. */
  code(x: number, y: number): number {
    let cx = Math.floor((x - this.minX) * this.scaleX);
    let cy = Math.floor((y - this.minY) * this.scaleY);
    cx = cx < 0 ? 0 : cx > CELLS - 1 ? CELLS - 1 : cx;
    cy = cy < 0 ? 0 : cy > CELLS - 1 ? CELLS - 1 : cy;
    return (spread(cx) | (spread(cy) << 1)) >>> 0;
  }
}

/**
 * Returns the permutation that sorts `codes` ascending (stable), and leaves `codes` sorted. Two
 * 16-bit least-significant-digit passes: linear time, no comparisons.
 */
export function radixSortCodes(codes: Uint32Array): Uint32Array {
  const n = codes.length;
  let keys: Uint32Array = codes;
  let perm: Uint32Array = new Uint32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  let keysOut: Uint32Array = new Uint32Array(n);
  let permOut: Uint32Array = new Uint32Array(n);
  const counts = new Uint32Array(CELLS);
  for (let shift = 0; shift < 32; shift += 16) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[(keys[i]! >>> shift) & 0xffff]!++;
    let sum = 0;
    for (let d = 0; d < CELLS; d++) {
      const c = counts[d]!;
      counts[d] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const k = keys[i]!;
      const at = counts[(k >>> shift) & 0xffff]!++;
      keysOut[at] = k;
      permOut[at] = perm[i]!;
    }
    [keys, keysOut] = [keysOut, keys];
    [perm, permOut] = [permOut, perm];
  }
  // After an even number of passes the sorted keys are back in the caller's array.
  return perm;
}

/** First index in [lo, hi) whose code is ≥ value (hi when none). */
export function lowerBound(codes: Uint32Array, value: number, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (codes[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
