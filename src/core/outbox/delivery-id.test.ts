import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deliveryIds, RANDOM_BYTES_PER_ID } from './delivery-id.js';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('delivery ids', () => {
  it('are version 7 UUIDs carrying their millisecond in the first 48 bits', () => {
    const ms = Date.UTC(2026, 11, 5, 10, 0, 0, 123);
    const ids = deliveryIds(ms, randomBytes(RANDOM_BYTES_PER_ID * 100));
    expect(ids).toHaveLength(100);
    for (const id of ids) {
      expect(id).toMatch(UUID_V7);
      expect(parseInt(id.replace('-', '').slice(0, 12), 16)).toBe(ms);
    }
    expect(new Set(ids).size).toBe(100);
  });

  it('sort as text in the order of their milliseconds, whatever their random bits', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 48 - 2 }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.uint8Array({ minLength: 20, maxLength: 20 }),
        (ms, later, random) => {
          const [a] = deliveryIds(ms, random.subarray(0, 10));
          const [b] = deliveryIds(Math.min(ms + later, 2 ** 48 - 1), random.subarray(10, 20));
          expect(a! < b!).toBe(true);
        },
      ),
    );
  });

  it('keep every random bit the layout leaves free, so no two of a batch collide by construction', () => {
    const all1 = deliveryIds(0, new Uint8Array(RANDOM_BYTES_PER_ID).fill(0xff))[0]!;
    const all0 = deliveryIds(0, new Uint8Array(RANDOM_BYTES_PER_ID))[0]!;
    expect(all1).toBe('00000000-0000-7fff-bfff-ffffffffffff');
    expect(all0).toBe('00000000-0000-7000-8000-000000000000');
  });

  it('refuse a time outside the 48 bits', () => {
    expect(() => deliveryIds(-1, new Uint8Array(10))).toThrow(/Unix millisecond/);
    expect(() => deliveryIds(2 ** 48, new Uint8Array(10))).toThrow(/Unix millisecond/);
    expect(() => deliveryIds(1.5, new Uint8Array(10))).toThrow(/Unix millisecond/);
  });
});
