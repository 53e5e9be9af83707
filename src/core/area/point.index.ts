import { areaError } from './area.error.js';
import { DeltaPoints } from './delta.points.js';
import { PackedPoints } from './packed.points.js';
import type { Region } from './region.js';
import { SlotMap } from './slot.map.js';
import { SlotSink } from './slot.sink.js';

function checkPoint(id: number, lon: number, lat: number): void {
  if (!Number.isInteger(id) || id < 0 || id > 0xffffffff) {
    throw areaError(`point ${id}`, 'id must be an integer in 0…4294967295 (map other ids with IdMap)');
  }
  if (!(Math.abs(lon) <= 180 && Math.abs(lat) <= 90)) {
    throw areaError(`point ${id}`, `position lat ${lat}, lon ${lon} is out of range (lat ±90, lon ±180)`);
  }
}

/**
 * Subscriber points (uint32 id, lon, lat) answering "which ids lie inside this area". A packed part
 * sorted in Z-order serves most of the work; points added or moved since the last {@link compact} sit
 * in a small delta that queries scan, and removed packed points are tombstoned. Each id appears at
 * most once; results come in index order, not id order. Memory: see docs/areas.md (about 29 bytes a
 * packed point).
 */
export class PointIndex {
  private packed: PackedPoints;
  private dead: Uint8Array;
  private deadCount = 0;
  private delta = new DeltaPoints();
  private where = new SlotMap();

  private constructor(packed: PackedPoints) {
    this.packed = packed;
    this.dead = new Uint8Array(packed.size);
  }

  /** Builds an index over `n` points from parallel arrays (which it copies). Ids must be unique. */
  static build(ids: Uint32Array, lon: Float64Array, lat: Float64Array, n = ids.length): PointIndex {
    for (let i = 0; i < n; i++) {
      // Uint32Array ids are valid by construction; only positions need checking.
      if (!(Math.abs(lon[i]!) <= 180 && Math.abs(lat[i]!) <= 90)) checkPoint(ids[i]!, lon[i]!, lat[i]!);
    }
    const index = new PointIndex(PackedPoints.build(ids, lon, lat, n));
    index.mapPacked();
    return index;
  }

  /** An empty index, for points that arrive one by one. */
  static empty(): PointIndex {
    return PointIndex.build(new Uint32Array(0), new Float64Array(0), new Float64Array(0));
  }

  private mapPacked(): void {
    const { ids } = this.packed;
    this.where = new SlotMap();
    let maxId = 0;
    for (let i = 0; i < ids.length; i++) if (ids[i]! > maxId) maxId = ids[i]!;
    this.where.reserve(maxId + 1);
    if (!this.where.fill(ids)) {
      const seen = new Set<number>();
      const twice = ids.find((id) => seen.size === seen.add(id).size);
      throw areaError(`point ${twice}`, 'id appears more than once');
    }
  }

  /** Live points. */
  get size(): number {
    return this.packed.size - this.deadCount + this.delta.size;
  }

  has(id: number): boolean {
    return this.where.get(id) !== 0;
  }

  /** Adds a point, or moves it if the id is already indexed. */
  upsert(id: number, lon: number, lat: number): void {
    checkPoint(id, lon, lat);
    const at = this.where.get(id);
    if (at < 0) {
      this.delta.lon[-at - 1] = lon;
      this.delta.lat[-at - 1] = lat;
      return;
    }
    if (at > 0) this.kill(at - 1);
    this.where.set(id, -(this.delta.push(id, lon, lat) + 1));
  }

  /** Removes a point; false when the id was not indexed. */
  remove(id: number): boolean {
    const at = this.where.get(id);
    if (at === 0) return false;
    if (at > 0) this.kill(at - 1);
    else {
      const moved = this.delta.removeAt(-at - 1);
      if (moved >= 0) this.where.set(moved, at);
    }
    this.where.set(id, 0);
    return true;
  }

  private kill(slot: number): void {
    this.dead[slot] = 1;
    this.deadCount++;
  }

  /** Ids of every live point the region contains (exactly, by the region's own rule). */
  query(region: Region): Uint32Array {
    const sink = new SlotSink();
    this.packed.query(region, sink);
    const fromDelta = this.deltaMatches(region);
    const out = new Uint32Array(sink.total + fromDelta.length);
    let n = this.copyPacked(sink, out);
    out.set(fromDelta, n);
    n += fromDelta.length;
    return n === out.length ? out : out.subarray(0, n);
  }

  /** Ids inside any of the regions, each once (a message with several areas). */
  queryAny(regions: readonly Region[]): Uint32Array {
    if (regions.length === 1) return this.query(regions[0]!);
    const packedHit = new Uint8Array(this.packed.size);
    const deltaHit = new Uint8Array(this.delta.size);
    for (const region of regions) {
      const sink = new SlotSink();
      this.packed.query(region, sink);
      for (let r = 0; r < sink.runs; r++) packedHit.fill(1, sink.runStart[r], sink.runEnd[r]);
      for (let s = 0; s < sink.singleCount; s++) packedHit[sink.singles[s]!] = 1;
      for (let d = 0; d < this.delta.size; d++) {
        if (region.contains(this.delta.lon[d]!, this.delta.lat[d]!)) deltaHit[d] = 1;
      }
    }
    const out: number[] = [];
    const { ids } = this.packed;
    for (let i = 0; i < packedHit.length; i++)
      if (packedHit[i] === 1 && this.dead[i] === 0) out.push(ids[i]!);
    for (let d = 0; d < deltaHit.length; d++) if (deltaHit[d] === 1) out.push(this.delta.ids[d]!);
    return Uint32Array.from(out);
  }

  private deltaMatches(region: Region): Uint32Array {
    const found: number[] = [];
    const { ids, lon, lat, size } = this.delta;
    for (let d = 0; d < size; d++) if (region.contains(lon[d]!, lat[d]!)) found.push(ids[d]!);
    return Uint32Array.from(found);
  }

  private copyPacked(sink: SlotSink, out: Uint32Array): number {
    const { ids } = this.packed;
    const { dead } = this;
    let n = 0;
    for (let r = 0; r < sink.runs; r++) {
      const lo = sink.runStart[r]!;
      const hi = sink.runEnd[r]!;
      if (this.deadCount === 0) {
        out.set(ids.subarray(lo, hi), n);
        n += hi - lo;
      } else {
        for (let i = lo; i < hi; i++) if (dead[i] === 0) out[n++] = ids[i]!;
      }
    }
    for (let s = 0; s < sink.singleCount; s++) {
      const slot = sink.singles[s]!;
      if (dead[slot] === 0) out[n++] = ids[slot]!;
    }
    return n;
  }

  /** True when the delta or the tombstones have grown enough that {@link compact} pays off. */
  get needsCompaction(): boolean {
    const n = this.packed.size;
    return this.delta.size > Math.max(4096, n >> 5) || this.deadCount > Math.max(4096, n >> 3);
  }

  /** Folds the delta and tombstones into a freshly packed part. Queries see the same answers after. */
  compact(): void {
    const n = this.size;
    const ids = new Uint32Array(n);
    const lon = new Float64Array(n);
    const lat = new Float64Array(n);
    let k = 0;
    const p = this.packed;
    for (let i = 0; i < p.size; i++) {
      if (this.dead[i] === 1) continue;
      [ids[k], lon[k], lat[k]] = [p.ids[i]!, p.lon[i]!, p.lat[i]!];
      k++;
    }
    ids.set(this.delta.ids.subarray(0, this.delta.size), k);
    lon.set(this.delta.lon.subarray(0, this.delta.size), k);
    lat.set(this.delta.lat.subarray(0, this.delta.size), k);
    this.packed = PackedPoints.build(ids, lon, lat, n);
    this.dead = new Uint8Array(n);
    this.deadCount = 0;
    this.delta = new DeltaPoints();
    this.mapPacked();
  }

  /** Bytes held by the index's arrays (packed part, tombstones, id table, delta). */
  memoryBytes(): number {
    const p = this.packed;
    const d = this.delta;
    return (
      p.ids.byteLength +
      p.lon.byteLength +
      p.lat.byteLength +
      p.codes.byteLength +
      this.dead.byteLength +
      this.where.denseBytes +
      d.ids.byteLength +
      d.lon.byteLength +
      d.lat.byteLength
    );
  }
}
