import { describe, expect, it } from 'vitest';
import type { Objective } from '../../../api/planningTypes';
import { linkedObjectives, taskLinks } from './taskLinks';

const objectives: Objective[] = [
  { id: 'o1', position: 1, text: 'Command', capabilityTargets: [] },
  {
    id: 'o2',
    position: 2,
    text: 'Warning',
    capabilityTargets: [
      { id: 't1', coreCapabilityId: 'c', text: 'First', criticalTasks: [{ id: 'k1', text: 'Alert' }] },
      {
        id: 't2',
        coreCapabilityId: 'c',
        text: 'Second',
        criticalTasks: [
          { id: 'k2', text: 'Sirens' },
          { id: 'k3', text: 'Radio' },
        ],
      },
    ],
  },
];

describe('task links', () => {
  it('numbers tasks objective.target.task in plan order', () => {
    const links = taskLinks(objectives);
    expect([...links.values()].map((l) => [l.code, l.text])).toEqual([
      ['2.1.1', 'Alert'],
      ['2.2.1', 'Sirens'],
      ['2.2.2', 'Radio'],
    ]);
  });

  it('links the objectives of the chosen tasks once each, after the chosen objective', () => {
    const links = taskLinks(objectives);
    expect(linkedObjectives(['o1'], ['k3', 'k1'], links)).toEqual(['o1', 'o2']);
    expect(linkedObjectives([], ['gone'], links)).toEqual([]);
  });
});
