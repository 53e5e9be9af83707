import { describe, expect, it } from 'vitest';
import { PERMISSIONS, ROLES } from '../../../src/core/policy/policy';
import { ORGANISATION_KINDS, ROLES as CONSOLE_ROLES } from '../api/types';
import en from './en.json';
import { RESOURCES } from './resources';

/**
 * The server's policy is the source of roles and permissions; a new one added there must get its
 * words here too (the other languages follow from the key test), or the console shows a raw code.
 */
describe('console strings for the access policy', () => {
  it('name every permission the policy defines', () => {
    // A feature's folder may name its own permissions; the console merges every strings file.
    const named = Object.keys(RESOURCES.en.permissions as object);
    expect(PERMISSIONS.map((p) => p.replace(/[:.]/g, '_')).filter((k) => !named.includes(k))).toEqual([]);
  });

  it('name every role, and offer the same roles the policy has', () => {
    expect([...CONSOLE_ROLES].sort()).toEqual([...ROLES].sort());
    expect(ROLES.filter((r) => !(r in en.roles))).toEqual([]);
  });

  it('name every kind of organisation', () => {
    expect(ORGANISATION_KINDS.filter((k) => !(k in en.organisations.kinds))).toEqual([]);
  });
});
