import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  durationsOf,
  foldTeams,
  judgeCriterion,
  objectiveShare,
  parseCriterion,
  summarise,
  type Criterion,
  type InjectTeamTimes,
} from './metrics.js';

const T0 = Date.parse('2026-10-25T06:00:00.000Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();
const team = (
  teamId: string | null,
  d: number | null,
  a: number | null,
  f: number | null,
): InjectTeamTimes => ({
  injectId: 'run',
  teamId,
  deliveredAt: d === null ? null : at(d),
  acknowledgedAt: a === null ? null : at(a),
  firstActionAt: f === null ? null : at(f),
});
const criterion = (over: Partial<Criterion> = {}): Criterion => ({
  kind: 'inject_step',
  injectNumber: '3',
  step: 'acknowledged',
  teamId: null,
  withinMinutes: 15,
  ...over,
});

describe('step durations', () => {
  it('measures fired → delivered → acknowledged → first action, leaving steps not reached empty', () => {
    expect(
      durationsOf({ firedAt: at(0), deliveredAt: at(1), acknowledgedAt: at(4), firstActionAt: null }),
    ).toEqual({ toDeliveredMs: 60_000, toAcknowledgedMs: 240_000, toFirstActionMs: null });
    expect(
      durationsOf({ firedAt: null, deliveredAt: at(1), acknowledgedAt: null, firstActionAt: null }),
    ).toEqual({ toDeliveredMs: null, toAcknowledgedMs: null, toFirstActionMs: null });
  });

  it('folds teams into the inject: each step at its earliest team', () => {
    expect(foldTeams([team('a', 2, 9, null), team('b', 1, 12, 20), team(null, null, null, null)])).toEqual({
      deliveredAt: at(1),
      acknowledgedAt: at(9),
      firstActionAt: at(20),
    });
  });

  it('the folded time is never later than any team’s, and is one of them', () => {
    const step = fc.option(fc.integer({ min: 0, max: 600 }), { nil: null });
    fc.assert(
      fc.property(fc.array(fc.tuple(step, step, step), { maxLength: 8 }), (xs) => {
        const rows = xs.map(([d, a, f], i) => team(`t${i}`, d, a, f));
        const folded = foldTeams(rows);
        const ds = rows.map((r) => r.deliveredAt).filter((v): v is string => v !== null);
        if (ds.length === 0) return folded.deliveredAt === null;
        return (
          ds.includes(folded.deliveredAt!) &&
          ds.every((d) => Date.parse(d) >= Date.parse(folded.deliveredAt!))
        );
      }),
    );
  });

  it('summarises a median, a mean and a maximum over the steps reached', () => {
    expect(summarise([3, null, 1, 2])).toEqual({ count: 3, medianMs: 2, meanMs: 2, maxMs: 3 });
    expect(summarise([4, 1])).toEqual({ count: 2, medianMs: 2.5, meanMs: 2.5, maxMs: 4 });
    expect(summarise([null])).toEqual({ count: 0, medianMs: null, meanMs: null, maxMs: null });
  });

  it('the median lies between the smallest and the largest', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(1e9), { minLength: 1 }), (xs) => {
        const s = summarise(xs);
        return (
          s.medianMs! >= Math.min(...xs) && s.medianMs! <= Math.max(...xs) && s.maxMs === Math.max(...xs)
        );
      }),
    );
  });
});

describe('critical task criteria', () => {
  it('takes a well-formed criterion and names the field of a bad one', () => {
    expect(parseCriterion({ kind: 'inject_step', injectNumber: ' 3 ', step: 'acknowledged' })).toEqual({
      criterion: criterion({ withinMinutes: null }),
    });
    expect(parseCriterion({ kind: 'score' })).toEqual({
      problem: {
        field: 'kind',
        problem: 'must be inject_step',
        key: 'one_of',
        params: { allowed: 'inject_step' },
      },
    });
    expect(parseCriterion({ kind: 'inject_step', injectNumber: '', step: 'acknowledged' })).toMatchObject({
      problem: { field: 'injectNumber' },
    });
    expect(parseCriterion({ kind: 'inject_step', injectNumber: '3', step: 'read' })).toMatchObject({
      problem: { field: 'step' },
    });
    expect(
      parseCriterion({ kind: 'inject_step', injectNumber: '3', step: 'delivered', withinMinutes: -1 }),
    ).toMatchObject({
      problem: { field: 'withinMinutes', key: 'between', params: { min: '0', max: '10080' } },
    });
    expect(
      parseCriterion({ kind: 'inject_step', injectNumber: '3', step: 'delivered', teamId: 7 }),
    ).toMatchObject({
      problem: { field: 'teamId' },
    });
  });

  const input = { firedAt: at(0), teams: [team('a', 1, 10, 30), team('b', 1, 20, null)] };

  it('is met when the step came within the target, missed when it came late', () => {
    expect(judgeCriterion(criterion({ teamId: 'a' }), input, at(60), false)).toEqual({
      status: 'met',
      at: at(10),
      afterMs: 600_000,
      targetMs: 900_000,
    });
    expect(judgeCriterion(criterion({ teamId: 'b' }), input, at(60), false).status).toBe('missed');
    // Any team: the first to acknowledge counts.
    expect(judgeCriterion(criterion(), input, at(60), false).status).toBe('met');
  });

  it('waits while the target may still be met, and misses once its time passed or play ended', () => {
    const c = criterion({ teamId: 'b', step: 'first_action' });
    expect(judgeCriterion(c, input, at(5), false).status).toBe('pending');
    expect(judgeCriterion(c, input, at(16), false).status).toBe('missed');
    const open = criterion({ teamId: 'b', step: 'first_action', withinMinutes: null });
    expect(judgeCriterion(open, input, at(600), false).status).toBe('pending');
    expect(judgeCriterion(open, input, at(600), true).status).toBe('missed');
  });

  it('says not fired for an inject that did not fire', () => {
    expect(judgeCriterion(criterion(), undefined, at(0), true).status).toBe('not_fired');
    expect(judgeCriterion(criterion(), { firedAt: null, teams: [] }, at(0), true).status).toBe('not_fired');
  });

  it('a step reached is judged by when it was reached, whatever the time of asking', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 10_000 }), (ack, later) => {
        const one = { firedAt: at(0), teams: [team('a', 0, ack, null)] };
        const a = judgeCriterion(criterion(), one, at(ack), false);
        const b = judgeCriterion(criterion(), one, at(ack + later), true);
        return a.status === b.status && a.status === (ack <= 15 ? 'met' : 'missed');
      }),
    );
  });

  it('shares an objective’s tasks met over those measured', () => {
    expect(objectiveShare(['met', 'missed', 'unmeasured', 'met', 'pending'])).toEqual({
      tasks: 5,
      measured: 4,
      met: 2,
      share: 0.5,
    });
    expect(objectiveShare(['unmeasured']).share).toBeNull();
  });
});
