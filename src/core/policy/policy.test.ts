import { describe, expect, it } from 'vitest';
import {
  can,
  canGrant,
  decide,
  PERMISSIONS,
  permissionsOf,
  ROLE_PERMISSIONS,
  ROLES,
  SHARED,
  type Actor,
  type Role,
} from './policy.js';

const actor = (
  role: Role,
  organisationId: string | null = null,
  tokenScopes?: Actor['tokenScopes'],
): Actor => ({
  userId: 'u1',
  grants: [{ role, organisationId, exerciseId: null }],
  tokenScopes,
});

describe('policy', () => {
  it('gives each role exactly the permissions in its row, everywhere when granted globally', () => {
    for (const role of ROLES) {
      for (const permission of PERMISSIONS) {
        expect(can(actor(role), permission), `${role} × ${permission}`).toBe(
          ROLE_PERMISSIONS[role].includes(permission),
        );
      }
    }
  });

  it('lets only admins manage users and organisations', () => {
    const managers = ROLES.filter((r) => ROLE_PERMISSIONS[r].includes('users:manage'));
    expect(managers).toEqual(['admin']);
    expect(ROLES.filter((r) => ROLE_PERMISSIONS[r].includes('orgs:manage'))).toEqual(['admin']);
  });

  it('keeps players to the dashboard, the outline of exercises and their own play: never the MSEL', () => {
    expect(permissionsOf(actor('player'))).toEqual(['dashboard:read', 'exercises:read', 'exercises:play']);
    for (const role of ['player', 'observer', 'pio', 'authoriser'] as const)
      expect(can(actor(role), 'msel:read'), role).toBe(false);
  });

  it('lets only directors and admins approve an MSEL', () => {
    expect(ROLES.filter((r) => ROLE_PERMISSIONS[r].includes('msel:approve'))).toEqual(['admin', 'director']);
  });

  it('limits an organisation-scoped grant to that organisation', () => {
    const orgAdmin = actor('admin', 'org-a');
    expect(can(orgAdmin, 'users:manage', { organisationId: 'org-a' })).toBe(true);
    expect(can(orgAdmin, 'users:manage', { organisationId: 'org-b' })).toBe(false);
    expect(can(actor('admin'), 'users:manage', { organisationId: 'org-b' })).toBe(true);
  });

  it('limits an exercise-scoped grant to that exercise: not the organisations’ records that name none', () => {
    const director: Actor = {
      userId: 'd',
      grants: [{ role: 'director', organisationId: null, exerciseId: 'x' }],
    };
    expect(can(director, 'exercises:conduct', { exerciseId: 'x', organisationId: 'A' })).toBe(true);
    expect(can(director, 'exercises:conduct', { exerciseId: 'y', organisationId: 'A' })).toBe(false);
    // A notice, a person, the audit log of an organisation: no exercise named, so not reached.
    expect(can(director, 'notices:read', { organisationId: 'A' })).toBe(false);
    expect(can(director, 'users:read', { organisationIds: ['A'] })).toBe(false);
    expect(can(director, 'audit:read', SHARED)).toBe(false);
    // Asked whether they hold it anywhere (which routes to show), they do.
    expect(can(director, 'exercises:conduct')).toBe(true);
  });

  it('never lets a token do more than its scopes, nor more than its owner', () => {
    const scoped = actor('admin', null, ['users:read']);
    expect(can(scoped, 'users:read')).toBe(true);
    expect(can(scoped, 'users:manage')).toBe(false);
    expect(can(actor('player', null, ['users:manage']), 'users:manage')).toBe(false);
  });

  it('answers 401 before 403: no sign-in is not the same as not enough', () => {
    expect(decide('users:read', null)).toBe('unauthenticated');
    expect(decide('users:read', actor('player'))).toBe('forbidden');
    expect(decide('authenticated', actor('player'))).toBe('allow');
    expect(decide('public', null)).toBe('allow');
  });

  it('lets only a global admin grant global admin, and an organisation admin only inside its organisation', () => {
    const globalAdmin = actor('admin');
    const orgAdmin = actor('admin', 'org-a');
    expect(canGrant(globalAdmin, { role: 'admin', organisationId: null, exerciseId: null })).toBe(true);
    expect(canGrant(orgAdmin, { role: 'admin', organisationId: null, exerciseId: null })).toBe(false);
    expect(canGrant(orgAdmin, { role: 'planner', organisationId: 'org-a', exerciseId: null })).toBe(true);
    expect(canGrant(orgAdmin, { role: 'planner', organisationId: 'org-b', exerciseId: null })).toBe(false);
    expect(canGrant(actor('director'), { role: 'player', organisationId: null, exerciseId: null })).toBe(
      false,
    );
  });
});
