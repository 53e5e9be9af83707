import { lowerBound, MORTON_BITS, MortonGrid, radixSortCodes } from './morton.js';
import { Verdict, type Region } from './region.js';
import type { SlotSink } from './slot.sink.js';

/** At or below this many points a mixed cell tests its points rather than splitting further. */
const LEAF = 24;

/**
 * The static, packed part of the point index: points sorted by Morton code in parallel typed arrays
 * (24 bytes a point). Immutable once built; the dynamic index layers changes on top.
 */
export class PackedPoints {
  private constructor(
    readonly ids: Uint32Array,
    readonly lon: Float64Array,
    readonly lat: Float64Array,
    readonly codes: Uint32Array,
    readonly grid: MortonGrid,
  ) {}

  get size(): number {
    return this.ids.length;
  }

  /** Packs `n` points from the given arrays (not modified). */
  static build(ids: Uint32Array, lon: Float64Array, lat: Float64Array, n = ids.length): PackedPoints {
    const grid = gridFor(lon, lat, n);
    const codes = new Uint32Array(n);
    for (let i = 0; i < n; i++) codes[i] = grid.code(lon[i]!, lat[i]!);
    const perm = radixSortCodes(codes);
    const sortedIds = new Uint32Array(n);
    const sortedLon = new Float64Array(n);
    const sortedLat = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const j = perm[i]!;
      sortedIds[i] = ids[j]!;
      sortedLon[i] = lon[j]!;
      sortedLat[i] = lat[j]!;
    }
    return new PackedPoints(sortedIds, sortedLon, sortedLat, codes, grid);
  }

  /** Adds every slot whose point the region contains to `sink`. */
  query(region: Region, sink: SlotSink): void {
    if (this.size > 0) this.visit(region, sink, region.rootState(), 0, 0, 0, 0, this.size);
  }

  private visit(
    region: Region,
    sink: SlotSink,
    state: unknown,
    level: number,
    ix: number,
    iy: number,
    lo: number,
    hi: number,
  ): void {
    const { grid } = this;
    const w = (grid.maxX - grid.minX) / 2 ** level;
    const h = (grid.maxY - grid.minY) / 2 ** level;
    const x0 = grid.minX + ix * w;
    const y0 = grid.minY + iy * h;
    const verdict = region.classify(x0, y0, x0 + w, y0 + h, state);
    if (verdict.verdict === Verdict.Out) return;
    if (verdict.verdict === Verdict.In) return sink.run(lo, hi);
    if (hi - lo <= LEAF || level === MORTON_BITS) {
      for (let i = lo; i < hi; i++) if (region.contains(this.lon[i]!, this.lat[i]!)) sink.one(i);
      return;
    }
    // Children in Z-order: (0,0), (1,0), (0,1), (1,1); each is a contiguous run of codes.
    const span = 2 ** (2 * (MORTON_BITS - level - 1));
    const base = interleave(ix, iy) * 4 * span;
    let start = lo;
    for (let c = 0; c < 4; c++) {
      const end = c === 3 ? hi : lowerBound(this.codes, base + (c + 1) * span, start, hi);
      if (end > start) {
        this.visit(region, sink, verdict.state, level + 1, ix * 2 + (c & 1), iy * 2 + (c >> 1), start, end);
      }
      start = end;
    }
  }
}

function interleave(ix: number, iy: number): number {
  let code = 0;
  for (let b = 0; b < MORTON_BITS; b++) {
    code += (((ix >> b) & 1) + ((iy >> b) & 1) * 2) * 4 ** b;
  }
  return code;
}

/** The grid covers the points' bounding box, widened a little so it never has zero width. */
function gridFor(lon: Float64Array, lat: Float64Array, n: number): MortonGrid {
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let i = 0; i < n; i++) {
    const x = lon[i]!;
    const y = lat[i]!;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  if (n === 0) [minX, minY, maxX, maxY] = [-180, -90, 180, 90];
  const padX = Math.max((maxX - minX) * 1e-9, 1e-7);
  const padY = Math.max((maxY - minY) * 1e-9, 1e-7);
  return new MortonGrid(minX - padX, minY - padY, maxX + padX, maxY + padY);
}
