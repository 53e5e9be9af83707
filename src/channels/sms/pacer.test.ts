import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Pacer } from './pacer.js';

describe('the pacing of one bind', () => {
  it('spaces submits at the rate: 10 a second is one every 100 ms', () => {
    const p = new Pacer(10);
    expect([0, 0, 0, 0].map(() => p.reserve(1000))).toEqual([1000, 1100, 1200, 1300]);
    // After a quiet spell the next submit goes at once.
    expect(p.reserve(5000)).toBe(5000);
  });

  it('never lets more than `rate` submits into any one-second window', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 300 }),
        (rate, gaps) => {
          const p = new Pacer(rate);
          let now = 0;
          const times = gaps.map((g) => p.reserve((now += g)));
          for (let i = rate; i < times.length; i++)
            expect(times[i]! - times[i - rate]!).toBeGreaterThanOrEqual(1000 - 1e-6);
        },
      ),
    );
  });

  it('holds every submit until a throttle pause is over', () => {
    const p = new Pacer(1000);
    p.pause(2000);
    expect(p.paused(1500)).toBe(true);
    expect(p.reserve(1500)).toBe(2000);
    expect(p.paused(2000)).toBe(false);
  });

  it('does not pace an unbounded bind', () => {
    const p = new Pacer(Infinity);
    expect([p.reserve(7), p.reserve(7)]).toEqual([7, 7]);
  });
});
