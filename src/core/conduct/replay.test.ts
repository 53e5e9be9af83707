import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { replayAt, type ReplayEntry, type ReplayInject } from './replay.js';

const INJECTS: ReplayInject[] = [
  { id: 'i1', number: '1', title: 'Shots at the gate', dueSeconds: 600, contingency: false },
  { id: 'i2', number: '2', title: 'Casualties', dueSeconds: 1200, contingency: false },
  { id: 'c1', number: 'C1', title: 'Second device', dueSeconds: 1500, contingency: true },
  { id: 'a1', number: '+1', title: 'Smoke in block B', dueSeconds: 900, contingency: false },
];

let seq = 0;
const entry = (
  action: string,
  subjectId: string | null,
  detail: Record<string, unknown> = {},
): ReplayEntry => {
  seq++;
  return { seq, at: new Date(Date.UTC(2026, 9, 25, 4, 0, seq)).toISOString(), action, subjectId, detail };
};

const LOG: ReplayEntry[] = [
  entry('clock.startex', 'x', { exerciseTime: 'H+00:00:00' }),
  entry('inject.fired', 'i1', { exerciseTime: 'H+00:10:00' }),
  entry('inject.held', 'i2', { reason: 'medics not in position' }),
  entry('clock.pause', 'x', { exerciseTime: 'H+00:12:00' }),
  entry('exercise.no_play', 'x', { reason: 'real fire' }),
  entry('exercise.resume_play', 'x'),
  entry('clock.resume', 'x', { exerciseTime: 'H+00:12:00' }),
  entry('inject.added', 'a1', { number: '+1' }),
  entry('inject.fired', 'a1', { exerciseTime: 'H+00:14:00' }),
  entry('inject.released', 'i2'),
  entry('inject.skipped', 'i2', { reason: 'time' }),
  entry('clock.endex', 'x', { exerciseTime: 'H+00:20:00' }),
];

describe('replaying an exercise from its log', () => {
  it('holds injects that wait for a decision from the start, then plays the branch taken and skips the other', () => {
    const branches: ReplayInject[] = [
      { id: 'p', number: '1', title: 'Storm or negotiate?', dueSeconds: 600, contingency: false },
      { id: 's', number: '2', title: 'Storm', dueSeconds: 900, contingency: false, waits: true },
      { id: 'n', number: '3', title: 'Negotiate', dueSeconds: 900, contingency: false, waits: true },
    ];
    const log = [
      entry('clock.startex', 'x'),
      entry('inject.fired', 'p'),
      entry('inject.decided', 'p', { option: 'Storm' }),
      entry('inject.branch_released', 's', { decision: 'Storm' }),
      entry('inject.branch_not_taken', 'n', { decision: 'Storm' }),
    ];
    expect(replayAt(log, branches, 2).injects.map((i) => i.state)).toEqual(['fired', 'held', 'held']);
    expect(replayAt(log, branches, 5).injects.map((i) => i.state)).toEqual(['fired', 'scheduled', 'skipped']);
  });

  it('starts before STARTEX with every planned inject scheduled and none added on the fly', () => {
    const s = replayAt(LOG, INJECTS, 0);
    expect(s).toMatchObject({ phase: 'before', noPlay: false, exerciseTime: null, happened: 0 });
    expect(s.injects.map((i) => [i.id, i.state])).toEqual([
      ['i1', 'scheduled'],
      ['i2', 'scheduled'],
      // A contingency inject waits, held, from the start.
      ['c1', 'held'],
    ]);
  });

  it('follows the clock, NO PLAY and each inject entry by entry', () => {
    expect(replayAt(LOG, INJECTS, 3).injects.map((i) => i.state)).toEqual(['fired', 'held', 'held']);
    expect(replayAt(LOG, INJECTS, 4)).toMatchObject({ phase: 'paused', exerciseTime: 'H+00:12:00' });
    expect(replayAt(LOG, INJECTS, 5).noPlay).toBe(true);
    expect(replayAt(LOG, INJECTS, 6).noPlay).toBe(false);
    const added = replayAt(LOG, INJECTS, 9);
    expect(added.phase).toBe('running');
    expect(added.injects.find((i) => i.id === 'a1')).toMatchObject({ state: 'fired', firedAt: LOG[8]!.at });
    expect(replayAt(LOG, INJECTS, 10).injects.find((i) => i.id === 'i2')!.state).toBe('scheduled');
    const end = replayAt(LOG, INJECTS, 99);
    expect(end).toMatchObject({ phase: 'ended', exerciseTime: 'H+00:20:00', happened: LOG.length });
    // By exercise time: the inject added at H+00:15:00 sits between the planned ones.
    expect(end.injects.map((i) => [i.id, i.state])).toEqual([
      ['i1', 'fired'],
      ['a1', 'fired'],
      ['i2', 'skipped'],
      ['c1', 'held'],
    ]);
  });

  it('only ever moves forward: a fired inject stays fired at every later point', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: LOG.length }),
        fc.integer({ min: 0, max: LOG.length }),
        (a, b) => {
          const [early, late] = [Math.min(a, b), Math.max(a, b)];
          const before = replayAt(LOG, INJECTS, early);
          const after = replayAt(LOG, INJECTS, late);
          for (const i of before.injects.filter((x) => x.state === 'fired'))
            expect(after.injects.find((x) => x.id === i.id)!.state).toBe('fired');
          expect(after.injects.length).toBeGreaterThanOrEqual(before.injects.length);
        },
      ),
    );
  });
});
