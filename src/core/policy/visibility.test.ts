import { describe, expect, it } from 'vitest';
import { ROLES } from './policy.js';
import { EVERYTHING, FIELD_VISIBILITY, shown, TRUSTED, viewerOf, viewerWithRoles } from './visibility.js';

describe('what each role sees of an exercise', () => {
  it('gives the threat, the scenario, notes and contacts to the trusted roles only', () => {
    for (const role of ROLES) {
      const v = viewerWithRoles([role]);
      const trusted = TRUSTED.includes(role);
      expect(v.sees('exercise', 'threat'), role).toBe(trusted);
      expect(v.sees('exercise', 'scenario'), role).toBe(trusted);
      expect(v.sees('zone', 'notes'), role).toBe(trusted);
      expect(v.sees('person', 'contact'), role).toBe(trusted);
      expect(v.sees('plan', 'modules'), role).toBe(trusted);
    }
  });

  it('never shows players or observers the trusted agents, actors, simulators or controllers', () => {
    for (const role of ['player', 'observer'] as const) {
      const v = viewerWithRoles([role]);
      for (const hidden of [
        'trusted-agent',
        'actor',
        'simulator',
        'controller',
        'senior-controller',
        'evaluator',
      ])
        expect(v.seesPerson(hidden), `${role} sees ${hidden}`).toBe(false);
      for (const seen of ['player', 'observer', 'safety-controller'])
        expect(v.seesPerson(seen), `${role} sees ${seen}`).toBe(true);
    }
    expect(viewerWithRoles(['pio']).seesPerson('player')).toBe(false);
    expect(viewerWithRoles(['controller']).seesPerson('trusted-agent')).toBe(true);
  });

  it('takes the roles a reader holds where the exercise is, not elsewhere', () => {
    const actor = {
      userId: 'u',
      grants: [
        { role: 'player' as const, organisationId: 'A', exerciseId: null },
        { role: 'controller' as const, organisationId: 'B', exerciseId: null },
      ],
    };
    expect(viewerOf(actor, { exerciseId: 'x', organisationIds: ['A'] }).sees('exercise', 'threat')).toBe(
      false,
    );
    expect(viewerOf(actor, { exerciseId: 'x', organisationIds: ['B'] }).sees('exercise', 'threat')).toBe(
      true,
    );
  });

  it('names only fields the table lists, and the system sees everything', () => {
    expect(Object.keys(FIELD_VISIBILITY).sort()).toEqual([
      'exercise',
      'participation',
      'person',
      'plan',
      'zone',
    ]);
    expect(shown(viewerWithRoles(['player']), 'zone', 'notes', 'convoy')).toBeNull();
    expect(shown(EVERYTHING, 'zone', 'notes', 'convoy')).toBe('convoy');
  });
});
