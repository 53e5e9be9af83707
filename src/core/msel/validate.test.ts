import { describe, expect, it } from 'vitest';
import type { MselEvent } from './msel.js';
import { changesSince, snapshotOf } from './msel.js';
import { validateMsel, type MselContext } from './validate.js';

let n = 0;
function buildEvent(over: Partial<MselEvent> = {}): MselEvent {
  n++;
  return {
    id: `e${n}`,
    number: String(n),
    kind: 'inject',
    offsetMinutes: 30,
    scenarioTime: null,
    from: 'SimCell',
    toTeamIds: ['team-police'],
    toText: null,
    method: 'radio',
    title: `Inject ${n}`,
    content: 'Shots reported at the prison gate',
    expectedAction: null,
    objectiveIds: [],
    criticalTaskIds: [],
    responsibleControllerId: 'c1',
    contingency: false,
    controllerNotes: null,
    approval: 'draft',
    authorId: 'u1',
    position: n,
    ...over,
  };
}

const ctx: MselContext = {
  startex: new Date('2026-10-25T04:00:00Z'),
  endex: new Date('2026-10-25T12:00:00Z'),
  teamIds: new Set(['team-police', 'team-sf']),
  objectiveIds: new Set(['obj-1']),
};

const rules = (events: MselEvent[], c = ctx) =>
  validateMsel(events, c).map((f) => `${f.rule}@${f.number ?? '-'}`);

describe('MSEL validation', () => {
  it('finds nothing wrong with a sound list', () => {
    expect(
      validateMsel(
        [buildEvent(), buildEvent({ expectedAction: 'Cordon the area', objectiveIds: ['obj-1'] })],
        ctx,
      ),
    ).toEqual([]);
  });

  it('reports duplicate numbers on the second row', () => {
    const a = buildEvent({ number: '7' });
    const b = buildEvent({ number: '7' });
    expect(validateMsel([a, b], ctx)).toEqual([
      expect.objectContaining({
        rule: 'msel.number.duplicate',
        eventId: b.id,
        field: 'number',
        severity: 'error',
      }),
    ]);
  });

  it('reports injects before STARTEX or after ENDEX, but not controller notes', () => {
    const early = buildEvent({ offsetMinutes: -5 });
    const late = buildEvent({ offsetMinutes: 8 * 60 + 1 });
    const note = buildEvent({ kind: 'controller-info', offsetMinutes: -30 });
    expect(rules([early, late, note])).toEqual([
      `msel.time.outside@${early.number}`,
      `msel.time.outside@${late.number}`,
    ]);
  });

  it('reports unknown teams and objectives as errors, expected actions without an objective as warnings', () => {
    const e1 = buildEvent({ toTeamIds: ['team-ghost'] });
    const e2 = buildEvent({ objectiveIds: ['obj-ghost'] });
    const e3 = buildEvent({ expectedAction: 'Evacuate the school' });
    const found = validateMsel([e1, e2, e3], ctx);
    expect(found.map((f) => [f.rule, f.severity])).toEqual([
      ['msel.to.unknown-team', 'error'],
      ['msel.objective.unknown', 'error'],
      ['msel.objective.missing', 'warning'],
    ]);
  });

  it('reports links to critical tasks the exercise no longer has, and counts a task link as evaluated', () => {
    const c: MselContext = { ...ctx, criticalTaskIds: new Set(['task-1']) };
    const linked = buildEvent({ expectedAction: 'Set up the command post', criticalTaskIds: ['task-1'] });
    const dangling = buildEvent({ criticalTaskIds: ['task-gone'] });
    expect(rules([linked, dangling], c)).toEqual([`msel.task.unknown@${dangling.number}`]);
    expect(rules([dangling])).toEqual([]);
  });

  it('reports closures of the same road at overlapping times', () => {
    const c: MselContext = {
      ...ctx,
      closures: [
        {
          id: 'z1',
          name: 'Cordon A',
          road: 'Kabanbay Batyr Ave',
          startsAt: new Date('2026-10-25T04:00:00Z'),
          endsAt: new Date('2026-10-25T08:00:00Z'),
        },
        {
          id: 'z2',
          name: 'Cordon B',
          road: 'kabanbay batyr ave',
          startsAt: new Date('2026-10-25T07:00:00Z'),
          endsAt: new Date('2026-10-25T09:00:00Z'),
        },
        {
          id: 'z3',
          name: 'Cordon C',
          road: 'Mangilik El Ave',
          startsAt: new Date('2026-10-25T07:00:00Z'),
          endsAt: new Date('2026-10-25T09:00:00Z'),
        },
      ],
    };
    expect(validateMsel([], c)).toEqual([
      expect.objectContaining({
        rule: 'closure.overlap',
        severity: 'warning',
        message: expect.stringContaining('Cordon A'),
      }),
    ]);
  });

  it('shows which reviewed fields changed since approval', () => {
    const e = buildEvent();
    const approved = snapshotOf(e);
    expect(changesSince(approved, e)).toEqual([]);
    expect(
      changesSince(approved, { ...e, content: 'Changed', toTeamIds: ['team-sf'], position: 99 }),
    ).toEqual(['toTeamIds', 'content']);
  });
});
