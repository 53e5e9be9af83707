import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkBranching,
  milestonesOf,
  optionOf,
  releasesFor,
  type Branching,
  type Waiting,
} from './branching.js';

const point: Branching = {
  eventId: 'p',
  decision: { question: 'Storm the building or negotiate?', options: ['Storm', 'Negotiate'] },
  releaseOn: null,
};
const onDecision = (eventId: string, option: string, id = 'x', delayMinutes = 0): Branching => ({
  eventId: id,
  decision: null,
  releaseOn: { kind: 'decision', eventId, option, delayMinutes },
});

describe('checking a branching before it is saved', () => {
  it('takes a decision point and an inject waiting for one of its options', () => {
    expect(checkBranching(point, [])).toEqual([]);
    expect(checkBranching(onDecision('p', 'negotiate'), [point])).toEqual([]);
  });

  it('names each bad field of a decision point', () => {
    const bad: Branching = {
      eventId: 'p',
      decision: { question: ' ', options: ['Storm', 'storm ', ''] },
      releaseOn: null,
    };
    expect(checkBranching(bad, []).map((p) => [p.field, p.code])).toEqual([
      ['decision.question', 'not_empty'],
      ['decision.options.1', 'duplicate_option'],
      ['decision.options.2', 'not_empty'],
    ]);
    expect(checkBranching({ ...point, decision: { question: 'Q', options: ['One'] } }, [])[0]!.code).toBe(
      'too_few_options',
    );
    const seven = Array.from({ length: 7 }, (_, i) => `Option ${i}`);
    expect(checkBranching({ ...point, decision: { question: 'Q', options: seven } }, [])[0]!.code).toBe(
      'too_many_options',
    );
  });

  it('refuses waiting for an event that asks nothing, an option it does not offer, or itself', () => {
    const plain: Branching = { eventId: 'q', decision: null, releaseOn: null };
    expect(checkBranching(onDecision('q', 'Storm'), [plain, point])[0]!.code).toBe('not_a_decision');
    expect(checkBranching(onDecision('p', 'Surrender'), [point])[0]).toEqual({
      field: 'releaseOn.option',
      code: 'unknown_option',
      detail: { option: 'Surrender' },
    });
    const selfish: Branching = {
      ...point,
      releaseOn: { kind: 'decision', eventId: 'p', option: 'Storm', delayMinutes: 0 },
    };
    expect(checkBranching(selfish, [])[0]!.code).toBe('self_reference');
  });

  it('keeps every option an inject waits for: removing it, or the question, is refused', () => {
    const waiting = onDecision('p', 'Negotiate');
    const narrowed: Branching = { ...point, decision: { question: 'Storm?', options: ['Storm', 'Wait'] } };
    expect(checkBranching(narrowed, [waiting])).toEqual([
      { field: 'decision.options', code: 'option_in_use', detail: { option: 'Negotiate' } },
    ]);
    expect(checkBranching({ ...point, decision: null }, [waiting])[0]!.code).toBe('option_in_use');
  });

  it('refuses a chain of decisions that waits on itself, which would never fire', () => {
    const a: Branching = {
      eventId: 'a',
      decision: { question: 'A?', options: ['Yes', 'No'] },
      releaseOn: null,
    };
    const b: Branching = {
      eventId: 'b',
      decision: { question: 'B?', options: ['Yes', 'No'] },
      releaseOn: { kind: 'decision', eventId: 'a', option: 'Yes', delayMinutes: 0 },
    };
    const aWaitsOnB: Branching = {
      ...a,
      releaseOn: { kind: 'decision', eventId: 'b', option: 'No', delayMinutes: 5 },
    };
    expect(checkBranching(aWaitsOnB, [b]).map((p) => p.code)).toEqual(['branch_cycle']);
  });

  it('refuses a delay that is not whole minutes within a day, and an unnamed milestone', () => {
    expect(checkBranching(onDecision('p', 'Storm', 'x', -1), [point])[0]!.field).toBe(
      'releaseOn.delayMinutes',
    );
    expect(checkBranching(onDecision('p', 'Storm', 'x', 1.5), [point])[0]!.field).toBe(
      'releaseOn.delayMinutes',
    );
    const unnamed: Branching = {
      eventId: 'm',
      decision: null,
      releaseOn: { kind: 'milestone', milestone: ' ', delayMinutes: 0 },
    };
    expect(checkBranching(unnamed, [])[0]).toEqual({ field: 'releaseOn.milestone', code: 'not_empty' });
  });

  it('never lets a saved set of branchings hold a cycle, whatever order they are saved in', () => {
    const ids = ['a', 'b', 'c', 'd'];
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...ids), fc.constantFrom(...ids)), { maxLength: 12 }),
        (edges) => {
          const saved = new Map<string, Branching>(
            ids.map((id) => [
              id,
              { eventId: id, decision: { question: `${id}?`, options: ['Yes', 'No'] }, releaseOn: null },
            ]),
          );
          for (const [from, to] of edges) {
            const next: Branching = {
              ...saved.get(from)!,
              releaseOn: { kind: 'decision', eventId: to, option: 'Yes', delayMinutes: 0 },
            };
            const others = [...saved.values()].filter((o) => o.eventId !== from);
            if (checkBranching(next, others).length === 0) saved.set(from, next);
          }
          // Following the waits from any event ends, never returning to where it began.
          for (const start of ids) {
            const seen = new Set<string>();
            for (let at: string | undefined = start; at;) {
              expect(seen.has(at)).toBe(false);
              seen.add(at);
              const r: Branching['releaseOn'] = saved.get(at)!.releaseOn;
              at = r?.kind === 'decision' ? r.eventId : undefined;
            }
          }
        },
      ),
    );
  });
});

describe('what happens in play releases the injects waiting for it', () => {
  const waiting: Waiting[] = [
    { runId: 'storm-1', releaseOn: { kind: 'decision', eventId: 'p', option: 'Storm', delayMinutes: 0 } },
    { runId: 'storm-2', releaseOn: { kind: 'decision', eventId: 'p', option: 'Storm', delayMinutes: 10 } },
    { runId: 'talk', releaseOn: { kind: 'decision', eventId: 'p', option: 'Negotiate', delayMinutes: 5 } },
    { runId: 'other', releaseOn: { kind: 'decision', eventId: 'q', option: 'Yes', delayMinutes: 0 } },
    { runId: 'secured', releaseOn: { kind: 'milestone', milestone: 'Perimeter secured', delayMinutes: 2 } },
  ];

  it('a decision releases its option’s branch with each delay and skips the branches not taken', () => {
    expect(releasesFor({ kind: 'decision', eventId: 'p', option: 'storm' }, waiting)).toEqual({
      release: [
        { runId: 'storm-1', delayMinutes: 0 },
        { runId: 'storm-2', delayMinutes: 10 },
      ],
      skip: ['talk'],
    });
  });

  it('a milestone releases what waits for it, whatever the case or spacing, and rules nothing out', () => {
    expect(releasesFor({ kind: 'milestone', milestone: ' perimeter SECURED' }, waiting)).toEqual({
      release: [{ runId: 'secured', delayMinutes: 2 }],
      skip: [],
    });
    expect(releasesFor({ kind: 'milestone', milestone: 'Hostages freed' }, waiting)).toEqual({
      release: [],
      skip: [],
    });
  });

  it('spells a chosen option and the milestones as the plan does', () => {
    expect(optionOf(['Storm', 'Negotiate'], ' negotiate')).toBe('Negotiate');
    expect(optionOf(['Storm', 'Negotiate'], 'Wait')).toBeNull();
    expect(
      milestonesOf([
        ...waiting.map((w) => ({ releaseOn: w.releaseOn })),
        { releaseOn: { kind: 'milestone', milestone: 'perimeter secured ', delayMinutes: 0 } },
      ]),
    ).toEqual(['Perimeter secured']);
  });
});
