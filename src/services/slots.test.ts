import { describe, expect, it } from 'vitest';
import { slots } from './off-thread.js';

describe('slots for heavy work', () => {
  it('runs at most the given number at once, the rest in the order they came, and frees a slot on failure', async () => {
    const two = slots(2);
    const started: number[] = [];
    let running = 0;
    let most = 0;
    const gates = Array.from({ length: 5 }, () => {
      let open!: () => void;
      const opened = new Promise<void>((resolve) => (open = resolve));
      return { open, opened };
    });
    const works = gates.map((gate, i) =>
      two.run(async () => {
        started.push(i);
        running++;
        most = Math.max(most, running);
        await gate.opened;
        running--;
        if (i === 1) throw new Error('refused');
        return i;
      }),
    );
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual([0, 1]);
    expect(two.inUse()).toBe(2);
    gates[1]!.open();
    await expect(works[1]).rejects.toThrow('refused');
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual([0, 1, 2]);
    for (const g of gates) g.open();
    expect(await Promise.all([works[0], works[2], works[3], works[4]])).toEqual([0, 2, 3, 4]);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(most).toBe(2);
    expect(two.inUse()).toBe(0);
  });
});
