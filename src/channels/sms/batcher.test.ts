import { describe, expect, it } from 'vitest';
import { Batcher } from './batcher.js';

const turn = () => new Promise<void>((r) => setImmediate(r));

describe('the ledger batcher', () => {
  it('sends the calls made while a batch is written together as the next batch, not one per turn', async () => {
    const batches: number[][] = [];
    let release!: () => void;
    const batcher = new Batcher<number, number>(async (items) => {
      batches.push(items);
      if (batches.length === 1) await new Promise<void>((r) => (release = r));
      return items.map((i) => i * 10);
    });
    const first = [batcher.add(1), batcher.add(2)];
    await turn();
    expect(batches).toEqual([[1, 2]]);
    // Three calls on three turns while the first batch is still being written.
    const later: Promise<number>[] = [];
    for (const i of [3, 4, 5]) {
      later.push(batcher.add(i));
      await turn();
    }
    expect(batches).toHaveLength(1);
    release();
    expect(await Promise.all([...first, ...later])).toEqual([10, 20, 30, 40, 50]);
    expect(batches).toEqual([
      [1, 2],
      [3, 4, 5],
    ]);
  });

  it("rejects only the failed batch's callers, and goes on with the next", async () => {
    let calls = 0;
    const batcher = new Batcher<string, string>(async (items) => {
      calls++;
      if (calls === 1) throw new Error('disk full');
      return items;
    });
    const failed = expect(batcher.add('a')).rejects.toThrow('disk full');
    await turn();
    const next = batcher.add('b');
    await failed;
    await expect(next).resolves.toBe('b');
  });

  it('keeps a batch within its largest size', async () => {
    const sizes: number[] = [];
    const batcher = new Batcher<number, number>(async (items) => {
      sizes.push(items.length);
      return items;
    }, 4);
    await Promise.all(Array.from({ length: 10 }, (_, i) => batcher.add(i)));
    expect(sizes).toEqual([4, 4, 2]);
  });
});
