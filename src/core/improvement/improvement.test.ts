import { describe, expect, it } from 'vitest';
import { daysLate, isOverdue, mayMove, parseDay, reminderSequence } from './improvement.js';

describe('improvement plan rules', () => {
  it('lets an item move forward, be reopened from completed, and never leave cancelled', () => {
    expect(mayMove('open', 'in_progress')).toBe(true);
    expect(mayMove('in_progress', 'completed')).toBe(true);
    expect(mayMove('completed', 'in_progress')).toBe(true);
    expect(mayMove('completed', 'cancelled')).toBe(false);
    expect(mayMove('cancelled', 'open')).toBe(false);
    expect(mayMove('open', 'open')).toBe(false);
  });

  it('calls an active item overdue only after its due day', () => {
    expect(isOverdue({ status: 'open', dueOn: '2026-11-30' }, '2026-11-30')).toBe(false);
    expect(isOverdue({ status: 'open', dueOn: '2026-11-30' }, '2026-12-01')).toBe(true);
    expect(isOverdue({ status: 'in_progress', dueOn: '2026-11-30' }, '2026-12-01')).toBe(true);
    expect(isOverdue({ status: 'completed', dueOn: '2026-11-30' }, '2026-12-01')).toBe(false);
    expect(daysLate('2026-11-30', '2026-12-03')).toBe(3);
  });

  it('reads only real calendar days and keys reminders by day', () => {
    expect(parseDay('2026-02-28')).toBe('2026-02-28');
    expect(parseDay('2026-02-30')).toBeNull();
    expect(parseDay('28.02.2026')).toBeNull();
    expect(reminderSequence('2026-12-03')).toBe(20261203);
  });
});
