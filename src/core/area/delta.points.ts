/**
 * Recently added or moved points, unsorted, in growable typed arrays. Small by design (the index
 * compacts it into the packed part), so queries simply test every delta point.
 */
export class DeltaPoints {
  ids: Uint32Array = new Uint32Array(256);
  lon: Float64Array = new Float64Array(256);
  lat: Float64Array = new Float64Array(256);
  size = 0;

  /** Appends a point and returns its slot. */
  push(id: number, lon: number, lat: number): number {
    if (this.size === this.ids.length) this.grow();
    this.ids[this.size] = id;
    this.lon[this.size] = lon;
    this.lat[this.size] = lat;
    return this.size++;
  }

  /** Removes a slot by moving the last point into it; returns the id that moved, or -1. */
  removeAt(slot: number): number {
    const last = --this.size;
    if (slot === last) return -1;
    this.ids[slot] = this.ids[last]!;
    this.lon[slot] = this.lon[last]!;
    this.lat[slot] = this.lat[last]!;
    return this.ids[slot]!;
  }

  private grow(): void {
    const n = this.ids.length * 2;
    const ids = new Uint32Array(n);
    const lon = new Float64Array(n);
    const lat = new Float64Array(n);
    ids.set(this.ids);
    lon.set(this.lon);
    lat.set(this.lat);
    [this.ids, this.lon, this.lat] = [ids, lon, lat];
  }
}
