import Flatbush from 'flatbush';
import type { Region } from './region.js';

/**
 * Registered areas (of live alerts, notices, or loaded regions) answering "which areas contain this
 * point". Area boxes go into a Flatbush R-tree, rebuilt lazily on the first query after a change
 * (registering is rare, asking is frequent); candidates are then decided exactly by each region.
 */
export class AreaIndex<K> {
  private readonly regions = new Map<K, Region>();
  private tree: Flatbush | undefined;
  private keys: K[] = [];
  private list: Region[] = [];

  /** Adds or replaces the area under `key`. */
  register(key: K, region: Region): void {
    this.regions.set(key, region);
    this.tree = undefined;
  }

  /** Forgets the area under `key`; false when it was not registered. */
  unregister(key: K): boolean {
    const had = this.regions.delete(key);
    if (had) this.tree = undefined;
    return had;
  }

  get size(): number {
    return this.regions.size;
  }

  /** Keys of every registered area that contains the point (boundary included), in no set order. */
  containing(lon: number, lat: number): K[] {
    if (this.regions.size === 0) return [];
    const tree = this.tree ?? this.rebuild();
    return tree
      .search(lon, lat, lon, lat)
      .flatMap((i) => (this.list[i]!.contains(lon, lat) ? [this.keys[i]!] : []));
  }

  private rebuild(): Flatbush {
    this.keys = [...this.regions.keys()];
    this.list = this.keys.map((k) => this.regions.get(k)!);
    const tree = new Flatbush(this.list.length);
    for (const region of this.list) tree.add(...region.bbox);
    tree.finish();
    this.tree = tree;
    return tree;
  }
}
