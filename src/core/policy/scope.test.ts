import { describe, expect, it } from 'vitest';
import type { Actor, Role } from './policy.js';
import { exerciseVerdict, noticeVerdict, personVerdict, sharedVerdict, verdictFor } from './scope.js';

const actor = (role: Role, organisationId: string | null, exerciseId: string | null = null): Actor => ({
  userId: 'u',
  grants: [{ role, organisationId, exerciseId }],
});
/** An exercise led by A, with B taking part. */
const EXERCISE = {
  read: { exerciseId: 'x', organisationIds: ['A', 'B'] },
  plan: { exerciseId: 'x', organisationId: 'A' },
};

describe('organisation scope', () => {
  it('lets every organisation taking part read an exercise, and only its lead plan it', () => {
    expect(exerciseVerdict(actor('planner', 'A'), 'exercises:plan', EXERCISE)).toBe('allow');
    expect(exerciseVerdict(actor('planner', 'B'), 'exercises:plan', EXERCISE)).toBe('forbidden');
    expect(exerciseVerdict(actor('player', 'B'), 'exercises:read', EXERCISE)).toBe('allow');
    expect(exerciseVerdict(actor('player', 'C'), 'exercises:read', EXERCISE)).toBe('hidden');
    expect(exerciseVerdict(actor('director', 'B'), 'msel:approve', EXERCISE)).toBe('forbidden');
    expect(exerciseVerdict(actor('player', null, 'x'), 'exercises:read', EXERCISE)).toBe('allow');
    expect(exerciseVerdict(actor('player', null, 'y'), 'exercises:read', EXERCISE)).toBe('hidden');
  });

  it('keeps a notice to its organisation, and one of none to unscoped grants', () => {
    expect(noticeVerdict(actor('pio', 'A'), 'notices:draft', { organisationId: 'A' })).toBe('allow');
    expect(noticeVerdict(actor('authoriser', 'B'), 'notices:publish', { organisationId: 'A' })).toBe(
      'hidden',
    );
    expect(noticeVerdict(actor('pio', 'A'), 'notices:draft', { organisationId: null })).toBe('hidden');
    expect(noticeVerdict(actor('pio', null), 'notices:draft', { organisationId: null })).toBe('allow');
  });

  it('reads a person in any of their organisations and manages them only holding all', () => {
    const both = [{ organisationId: 'A' }, { organisationId: 'B' }];
    expect(personVerdict(actor('planner', 'A'), 'users:read', both)).toBe('allow');
    expect(personVerdict(actor('admin', 'A'), 'users:manage', both)).toBe('forbidden');
    expect(personVerdict(actor('admin', 'C'), 'users:manage', both)).toBe('hidden');
    expect(personVerdict(actor('planner', 'A'), 'users:read', [{ organisationId: null }])).toBe('hidden');
    expect(personVerdict(actor('admin', null), 'users:manage', both)).toBe('allow');
  });

  it('leaves what all organisations share to unscoped grants', () => {
    expect(sharedVerdict(actor('planner', 'A'), 'catalogue:manage')).toBe('forbidden');
    expect(sharedVerdict(actor('planner', null), 'catalogue:manage')).toBe('allow');
  });

  it('answers the table from the route check first', () => {
    expect(verdictFor('exercises:plan', 'exercise', actor('player', 'org-own'), 'org-own')).toBe('forbidden');
    expect(verdictFor('exercises:read', 'filtered', actor('player', 'elsewhere'), 'org-own')).toBe('allow');
  });
});
