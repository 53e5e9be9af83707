import { describe, expect, it } from 'vitest';
import { canSeeEvent, type EventVisibility } from './events.js';
import { ROLE_PERMISSIONS, ROLES, type Actor, type Grant, type Role } from './policy.js';

const actor = (grants: Grant[], tokenScopes?: Actor['tokenScopes']): Actor => ({
  userId: 'u1',
  grants,
  tokenScopes,
});
const grant = (
  role: Role,
  organisationId: string | null = null,
  exerciseId: string | null = null,
): Grant => ({
  role,
  organisationId,
  exerciseId,
});
const event = (permission: string, organisationId: string | null = null, exerciseId: string | null = null) =>
  ({ permission, organisationId, exerciseId }) satisfies EventVisibility;

describe('canSeeEvent', () => {
  it('shows each role the events of exactly the permissions in its row', () => {
    for (const role of ROLES) {
      for (const permission of ['comments:moderate', 'outbox:manage', 'msel:read'] as const) {
        expect(canSeeEvent(actor([grant(role)]), event(permission)), `${role} × ${permission}`).toBe(
          ROLE_PERMISSIONS[role].includes(permission),
        );
      }
    }
  });

  it('keeps moderation and delivery events to admins and PIOs', () => {
    const seeing = (p: string) => ROLES.filter((r) => canSeeEvent(actor([grant(r)]), event(p)));
    expect(seeing('comments:moderate')).toEqual(['admin', 'pio']);
    expect(seeing('outbox:manage')).toEqual(['admin', 'pio']);
  });

  it('limits an organisation-scoped grant to its organisation’s events, and lets it see events of none', () => {
    const pioOfA = actor([grant('pio', 'org-a')]);
    expect(canSeeEvent(pioOfA, event('outbox:manage', 'org-a'))).toBe(true);
    expect(canSeeEvent(pioOfA, event('outbox:manage', 'org-b'))).toBe(false);
    expect(canSeeEvent(pioOfA, event('outbox:manage'))).toBe(true);
    expect(canSeeEvent(actor([grant('pio')]), event('outbox:manage', 'org-b'))).toBe(true);
  });

  it('limits an exercise-scoped grant to that exercise’s events', () => {
    const controllerOfX = actor([grant('controller', 'org-a', 'ex-x')]);
    expect(canSeeEvent(controllerOfX, event('msel:read', 'org-a', 'ex-x'))).toBe(true);
    expect(canSeeEvent(controllerOfX, event('msel:read', 'org-a', 'ex-y'))).toBe(false);
    expect(canSeeEvent(controllerOfX, event('msel:read', 'org-b', 'ex-x'))).toBe(false);
  });

  it('shows an exercise’s event to every organisation taking part, not only its lead', () => {
    const controllerOfB = actor([grant('controller', 'org-b')]);
    const stop = event('exercises:read', 'org-a', 'ex-x');
    expect(canSeeEvent(controllerOfB, stop)).toBe(false);
    expect(canSeeEvent(controllerOfB, stop, ['org-a', 'org-b'])).toBe(true);
    expect(canSeeEvent(controllerOfB, stop, ['org-a', 'org-c'])).toBe(false);
    expect(canSeeEvent(actor([grant('controller', 'org-b', 'ex-y')]), stop, ['org-a', 'org-b'])).toBe(false);
  });

  it('sees through any one of several grants', () => {
    const both = actor([grant('player'), grant('pio', 'org-b')]);
    expect(canSeeEvent(both, event('comments:moderate', 'org-b'))).toBe(true);
    expect(canSeeEvent(both, event('comments:moderate', 'org-a'))).toBe(false);
  });

  it('never shows a token more than its scopes', () => {
    expect(canSeeEvent(actor([grant('admin')], ['outbox:manage']), event('comments:moderate'))).toBe(false);
    expect(canSeeEvent(actor([grant('admin')], ['outbox:manage']), event('outbox:manage'))).toBe(true);
  });

  it('shows nobody an event of an unknown permission, and nothing to someone without grants', () => {
    expect(canSeeEvent(actor([grant('admin')]), event('everything'))).toBe(false);
    expect(canSeeEvent(actor([]), event('outbox:manage'))).toBe(false);
  });

  it('shows an event meant for one person to that person only, whatever else they may see', () => {
    const player = { userId: 'u-1', grants: [grant('player')] };
    const admin = { userId: 'u-admin', grants: [grant('admin')] };
    const mine = { ...event('exercises:play'), userId: 'u-1' };
    expect(canSeeEvent(player, mine)).toBe(true);
    expect(canSeeEvent({ ...player, userId: 'u-2' }, mine)).toBe(false);
    expect(canSeeEvent(admin, mine)).toBe(false);
  });
});
