import { describe, expect, it } from 'vitest';
import { checkStartex, formatDistance, parseExerciseTime } from './startex.js';

const exercise = { name: 'Karaganda full-scale exercise', startex: '2026-10-25T04:00:00.000Z' };
const planned = Date.parse(exercise.startex);

describe('STARTEX confirmation', () => {
  it('starts when the exercise and its planned start are named, near the planned time', () => {
    const ok = { confirmName: ' karaganda  FULL-scale exercise ', plannedStart: '2026-10-25T09:00:00+05:00' };
    expect(checkStartex(exercise, ok, planned + 20 * 60_000)).toEqual([]);
  });

  it('refuses without the name or with another planned start than the exercise’s', () => {
    const fields = checkStartex(
      exercise,
      { confirmName: 'Pavlodar', plannedStart: '2026-10-24T04:00:00Z' },
      planned,
    );
    expect(fields.map((p) => p.field)).toEqual(['confirmName', 'plannedStart']);
    expect(fields[0]!.problem).toContain('Karaganda full-scale exercise');
  });

  it('asks for a reason a week early, and accepts one', () => {
    const early = planned - (7 * 24 * 60 + 5) * 60_000;
    const confirm = { confirmName: exercise.name, plannedStart: exercise.startex };
    expect(checkStartex(exercise, confirm, early)).toEqual([
      { field: 'reason', problem: 'this start is 7 d 5 min before the planned start; say why' },
    ]);
    expect(checkStartex(exercise, { ...confirm, reason: 'Rehearsal with the HQ' }, early)).toEqual([]);
  });

  it('reads exercise times like H+02:30', () => {
    expect(parseExerciseTime('H+02:30')).toBe(9000);
    expect(parseExerciseTime('h+2:30:15')).toBe(9015);
    expect(parseExerciseTime('H-00:15')).toBeNull();
    expect(parseExerciseTime('H+02:75')).toBeNull();
    expect(formatDistance(2 * 3_600_000)).toBe('2 h');
  });
});
