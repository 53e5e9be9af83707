import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clockFrom, exerciseMsAt, SPEEDS, type ClockEvent } from './clock.js';
import { planInjects, type PausePolicy, type WaitingInject } from './pause-policy.js';

const T0 = Date.UTC(2026, 9, 25, 4, 0, 0);
const min = 60_000;

const inject = (id: string, minutes: number, position = 0): WaitingInject => ({
  id,
  dueMs: minutes * min,
  position,
});

/** Started at T0, paused at +10 min, jumped to H+01:00 while paused, resumed at +30 min. */
const resumed = clockFrom([
  { at: T0, command: { kind: 'startex' } },
  { at: T0 + 10 * min, command: { kind: 'pause' } },
  { at: T0 + 20 * min, command: { kind: 'jump', toSeconds: 3600 } },
  { at: T0 + 30 * min, command: { kind: 'resume' } },
]);
const now = T0 + 30 * min;
const waiting = [inject('c', 40), inject('a', 20), inject('b', 20, 1), inject('late', 90)];

describe('the pause policy', () => {
  it('releases the backlog in order, spaced by the interval, the first at once', () => {
    const plan = planInjects(resumed, waiting, { kind: 'release', intervalSeconds: 120 }, now);
    expect(plan.held).toEqual([]);
    expect(plan.wakes.filter((w) => w.released).map((w) => [w.id, (w.at - now) / min])).toEqual([
      ['a', 0],
      ['b', 2],
      ['c', 4],
    ]);
    // An inject still ahead fires on time: H+01:30 is 30 minutes after the resume at H+01:00.
    expect(plan.wakes.find((w) => w.id === 'late')).toEqual({
      id: 'late',
      at: now + 30 * min,
      released: false,
    });
  });

  it('re-times the backlog from now, keeping its spacing', () => {
    const plan = planInjects(resumed, waiting, { kind: 'retime' }, now);
    expect(plan.wakes.filter((w) => w.released).map((w) => [w.id, (w.at - now) / min])).toEqual([
      ['a', 0],
      ['b', 0],
      ['c', 20],
    ]);
  });

  it('holds the backlog for the controller, and plans nothing while the clock is paused', () => {
    expect(planInjects(resumed, waiting, { kind: 'hold' }, now).held).toEqual(['a', 'b', 'c']);
    const paused = clockFrom([
      { at: T0, command: { kind: 'startex' } },
      { at: T0 + min, command: { kind: 'pause' } },
    ]);
    expect(planInjects(paused, waiting, { kind: 'hold' }, now)).toEqual({ wakes: [], held: [] });
  });

  it('never drops an inject, never wakes one early, and never releases a burst', () => {
    const policies = fc.oneof(
      fc
        .integer({ min: 1, max: 600 })
        .map<PausePolicy>((intervalSeconds) => ({ kind: 'release', intervalSeconds })),
      fc.constant<PausePolicy>({ kind: 'retime' }),
      fc.constant<PausePolicy>({ kind: 'hold' }),
    );
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 600 }), { maxLength: 40 }),
        fc.integer({ min: 61, max: 18_000 }),
        fc.constantFrom(...SPEEDS),
        policies,
        (minutes, jumpTo, speed, policy) => {
          const events: ClockEvent[] = [{ at: T0, command: { kind: 'startex' } }];
          if (speed !== 1) events.push({ at: T0, command: { kind: 'speed', speed } });
          events.push({ at: T0 + 1000, command: { kind: 'jump', toSeconds: jumpTo } });
          const state = clockFrom(events);
          const at = T0 + 2000;
          const list = minutes.map((m, n) => inject(`i${n}`, m, n));
          const plan = planInjects(state, list, policy, at);
          const planned = [...plan.wakes.map((w) => w.id), ...plan.held].sort();
          expect(planned).toEqual(list.map((i) => i.id).sort());
          for (const w of plan.wakes) {
            expect(w.at).toBeGreaterThanOrEqual(at);
            if (!w.released)
              expect(exerciseMsAt(state, w.at)).toBeGreaterThanOrEqual(
                list.find((i) => i.id === w.id)!.dueMs,
              );
          }
          if (policy.kind === 'release') {
            const times = plan.wakes.filter((w) => w.released).map((w) => w.at);
            for (let n = 1; n < times.length; n++)
              expect(times[n]! - times[n - 1]!).toBe(policy.intervalSeconds * 1000);
          }
        },
      ),
    );
  });
});
