import { describe, expect, it } from 'vitest';
import type { AarContent } from './content.js';
import { diffContent } from './diff.js';

const base = (): AarContent => ({
  language: 'en',
  generatedAt: '2026-10-25T12:00:00.000Z',
  overview: {
    name: 'Karaganda',
    type: 'full-scale',
    city: 'Karaganda',
    timeZone: 'Asia/Almaty',
    startex: '2026-10-25 10:00',
    endex: '2026-10-25 18:00',
    threat: null,
    sponsor: null,
    leadOrganisation: null,
    pointOfContact: null,
    scope: null,
    scenario: null,
    summary: '',
  },
  objectives: [{ id: 'o1', text: 'Cordon', rating: null, targets: [] }],
  capabilities: [
    {
      id: 'c1',
      name: 'On-scene security',
      rating: null,
      strengths: [],
      areasForImprovement: [
        { reference: 'AFI-1', text: 'Slow cordon', analysis: 'Radio', observationIds: ['x'] },
      ],
      observations: [],
    },
  ],
  improvementPlan: [],
  participants: [{ organisation: 'Police', extentOfPlay: 'full', teams: ['Patrol 7'], people: 2 }],
  timeline: [],
  responseTimes: { perTeam: [], perInject: [] },
  basis: { observations: 1, injectsFired: 1, events: 10 },
});

describe('the difference between two versions of a report', () => {
  it('is empty for the same content regenerated later', () => {
    const b = base();
    const a = { ...base(), generatedAt: '2026-10-26T00:00:00.000Z' };
    expect(diffContent(b, a)).toEqual([]);
  });

  it('names added, changed and removed items by section and key', () => {
    const b = base();
    const a = base();
    a.overview.summary = 'Went well';
    a.capabilities[0]!.areasForImprovement[0]!.analysis = 'Radio dead zone';
    a.capabilities[0]!.strengths.push({
      reference: 'S-1',
      text: 'Fast triage',
      analysis: '',
      observationIds: [],
    });
    a.participants = [];
    const changes = diffContent(b, a);
    expect(changes.map((c) => [c.item, c.change])).toEqual([
      ['overview/summary', 'changed'],
      ['capabilities/c1/S-1', 'added'],
      ['capabilities/c1/AFI-1', 'changed'],
      ['participants/Police', 'removed'],
    ]);
    expect(changes[2]!.after).toContain('Radio dead zone');
  });
});
