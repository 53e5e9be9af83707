/**
 * Collects the slots a query matched: whole runs (a quadtree cell inside the area) and single slots
 * (points tested one by one). Growable typed arrays, so a query allocates a handful of buffers, not an
 * object per point.
 */
export class SlotSink {
  runStart: Uint32Array = new Uint32Array(64);
  runEnd: Uint32Array = new Uint32Array(64);
  runs = 0;
  singles: Uint32Array = new Uint32Array(256);
  singleCount = 0;
  /** Total slots collected. */
  total = 0;

  run(lo: number, hi: number): void {
    if (this.runs === this.runStart.length) {
      this.runStart = grow(this.runStart);
      this.runEnd = grow(this.runEnd);
    }
    this.runStart[this.runs] = lo;
    this.runEnd[this.runs++] = hi;
    this.total += hi - lo;
  }

  one(slot: number): void {
    if (this.singleCount === this.singles.length) this.singles = grow(this.singles);
    this.singles[this.singleCount++] = slot;
    this.total++;
  }
}

function grow(a: Uint32Array): Uint32Array {
  const b = new Uint32Array(a.length * 2);
  b.set(a);
  return b;
}
