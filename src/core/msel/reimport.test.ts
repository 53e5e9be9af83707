import { describe, expect, it } from 'vitest';
import type { ReviewedField } from './msel.js';
import { listApproval, planReimport, type EventFields, type ExistingEvent } from './reimport.js';

const fields = (number: string, over: Partial<EventFields> = {}): EventFields => ({
  number,
  kind: 'inject',
  offsetMinutes: 10,
  scenarioTime: null,
  from: null,
  toTeamIds: [],
  toText: null,
  method: 'radio',
  title: `Event ${number}`,
  content: 'text',
  expectedAction: null,
  objectiveIds: [],
  criticalTaskIds: [],
  responsibleControllerId: null,
  contingency: false,
  controllerNotes: 'a note only the list has',
  ...over,
});
const existing = (number: string, approval: ExistingEvent['approval'] = 'approved'): ExistingEvent => ({
  ...fields(number),
  id: `id-${number}`,
  approval,
});
const ALL_BUT_NOTES = new Set<ReviewedField>([
  'number',
  'kind',
  'offsetMinutes',
  'method',
  'title',
  'content',
]);

describe('re-import by number', () => {
  it('sorts rows into unchanged, changed, added and missing', () => {
    const plan = planReimport(
      [existing('1'), existing('2'), existing('3', 'submitted')],
      [
        { row: 2, fields: fields(' 1 ', { title: 'Event 1', controllerNotes: null }) },
        { row: 3, fields: fields('2', { offsetMinutes: 20 }) },
        { row: 4, fields: fields('4') },
      ],
      ALL_BUT_NOTES,
    );
    expect(plan.unchanged.map((m) => [m.id, m.approval])).toEqual([['id-1', 'approved']]);
    expect(plan.changed.map((c) => [c.id, c.changed, c.approval])).toEqual([
      ['id-2', ['offsetMinutes'], 'draft'],
    ]);
    // A column the sheet lacks keeps the event's value.
    expect(plan.changed[0]!.fields.controllerNotes).toBe('a note only the list has');
    expect(plan.added.map((a) => a.row)).toEqual([4]);
    expect(plan.missing.map((m) => m.id)).toEqual(['id-3']);
  });

  it('matches a repeated number once; the repeat is added for the list check to report', () => {
    const plan = planReimport(
      [existing('1')],
      [
        { row: 2, fields: fields('1') },
        { row: 3, fields: fields('1', { title: 'Again' }) },
      ],
      ALL_BUT_NOTES,
    );
    expect(plan.unchanged).toHaveLength(1);
    expect(plan.added.map((a) => a.row)).toEqual([3]);
  });

  it('derives the whole list’s approval', () => {
    expect(listApproval([])).toBe('draft');
    expect(listApproval(['approved', 'approved'])).toBe('approved');
    expect(listApproval(['approved', 'submitted'])).toBe('submitted');
    expect(listApproval(['approved', 'draft'])).toBe('draft');
  });
});
