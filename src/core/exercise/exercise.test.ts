import { describe, expect, it } from 'vitest';
import {
  allowedTransitions,
  canTransition,
  EXERCISE_STATUSES,
  isPlanEditable,
  isTimeZone,
} from './exercise.js';

describe('exercise life cycle', () => {
  it('moves forward through planning, conduct and evaluation', () => {
    const path = [
      'draft',
      'planned',
      'ready',
      'running',
      'paused',
      'running',
      'ended',
      'evaluated',
      'archived',
    ] as const;
    for (let i = 1; i < path.length; i++)
      expect(canTransition(path[i - 1]!, path[i]!), `${path[i - 1]} → ${path[i]}`).toBe(true);
  });

  it('refuses skipping conduct or reopening an archived exercise', () => {
    expect(canTransition('draft', 'running')).toBe(false);
    expect(canTransition('ready', 'ended')).toBe(false);
    expect(canTransition('running', 'draft')).toBe(false);
    expect(allowedTransitions('archived')).toEqual([]);
  });

  it('never allows staying in place', () => {
    for (const s of EXERCISE_STATUSES) expect(canTransition(s, s)).toBe(false);
  });

  it('freezes the plan once the exercise starts', () => {
    expect(isPlanEditable('ready')).toBe(true);
    expect(isPlanEditable('running')).toBe(false);
  });

  it('accepts IANA zones and refuses fixed offsets', () => {
    expect(isTimeZone('Asia/Almaty')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('+05:00')).toBe(false);
    expect(isTimeZone('Asia/Nowhere')).toBe(false);
  });
});
