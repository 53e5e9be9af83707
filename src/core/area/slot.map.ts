/** Ids below this use a dense Int32Array (4 bytes an id); larger ones fall back to a Map. */
const DENSE_LIMIT = 1 << 26;

/**
 * id → where the point lives. Values are non-zero integers chosen by the caller; 0 means absent.
 * Dense ids (0…n, as {@link IdMap} hands out) cost 4 bytes each; sparse large ids cost a Map entry.
 */
export class SlotMap {
  private dense: Int32Array = new Int32Array(1024);
  private readonly sparse = new Map<number, number>();

  get(id: number): number {
    return id < DENSE_LIMIT ? (this.dense[id] ?? 0) : (this.sparse.get(id) ?? 0);
  }

  set(id: number, value: number): void {
    if (id >= DENSE_LIMIT) {
      if (value === 0) this.sparse.delete(id);
      else this.sparse.set(id, value);
      return;
    }
    if (id >= this.dense.length) {
      const bigger = new Int32Array(Math.min(DENSE_LIMIT, Math.max(id + 1, this.dense.length * 2)));
      bigger.set(this.dense);
      this.dense = bigger;
    }
    this.dense[id] = value;
  }

  /**
   * Maps ids[i] → i + 1 for a whole packed part in one pass (the hot loop of a build). Returns false
   * if an id repeats; the map is then unusable and must be discarded.
   */
  fill(ids: Uint32Array): boolean {
    const { dense } = this;
    const limit = Math.min(dense.length, DENSE_LIMIT);
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      if (id < limit) {
        if (dense[id] !== 0) return false;
        dense[id] = i + 1;
      } else {
        if (this.get(id) !== 0) return false;
        this.set(id, i + 1);
      }
    }
    return true;
  }

  /** Makes room for ids below `n` at once (saves regrowing while loading). */
  reserve(n: number): void {
    if (n > this.dense.length && n <= DENSE_LIMIT) {
      const bigger = new Int32Array(n);
      bigger.set(this.dense);
      this.dense = bigger;
    }
  }

  /** Bytes held by the dense table (for memory reports). */
  get denseBytes(): number {
    return this.dense.byteLength;
  }
}

/**
 * Maps string ids (subscriber UUIDs, phone hashes) to dense uint32 ids and back, so the index only
 * ever sees numbers. Memory is the strings' own plus a Map entry each.
 */
export class IdMap {
  private readonly byKey = new Map<string, number>();
  private readonly keys: string[] = [];

  /** The number for `key`, assigning the next free one on first sight. */
  idOf(key: string): number {
    let id = this.byKey.get(key);
    if (id === undefined) {
      id = this.keys.length;
      this.byKey.set(key, id);
      this.keys.push(key);
    }
    return id;
  }

  /** The key a number was assigned to, or undefined. */
  keyOf(id: number): string | undefined {
    return this.keys[id];
  }
}
