import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyClock,
  clockFrom,
  CLOCK_BEFORE_STARTEX,
  exerciseMsAt,
  isTicking,
  parseScenarioStart,
  readClock,
  SPEEDS,
  wallAtExercise,
  type ClockCommand,
  type ClockEvent,
  type ClockState,
} from './clock.js';

const T0 = Date.UTC(2026, 9, 25, 4, 0, 0);
const min = 60_000;

/** Applies commands at the given offsets from T0, failing the test on a refusal. */
function run(...steps: [number, ClockCommand][]): ClockState {
  return clockFrom(steps.map(([offset, command]) => ({ at: T0 + offset, command })));
}

/** A random history of commands, each applied only where the clock accepts it. */
const histories = fc
  .array(
    fc.tuple(
      fc.integer({ min: 0, max: 3_600_000 }),
      fc.oneof(
        fc.constant<ClockCommand>({ kind: 'pause' }),
        fc.constant<ClockCommand>({ kind: 'resume' }),
        fc.constant<ClockCommand>({ kind: 'no-play' }),
        fc.constant<ClockCommand>({ kind: 'resume-play' }),
        fc.constantFrom(...SPEEDS).map<ClockCommand>((speed) => ({ kind: 'speed', speed })),
        fc.integer({ min: 0, max: 50_000 }).map<ClockCommand>((toSeconds) => ({ kind: 'jump', toSeconds })),
        fc
          .integer({ min: 1, max: 86_400 })
          .map<ClockCommand>((scenarioSeconds) => ({ kind: 'move', scenarioSeconds })),
      ),
    ),
    { maxLength: 30 },
  )
  .map((steps) => {
    const events: ClockEvent[] = [{ at: T0, command: { kind: 'startex' } }];
    let state = clockFrom(events);
    let at = T0;
    for (const [gap, command] of steps) {
      at += gap;
      const next = applyClock(state, { at, command });
      if ('state' in next) {
        events.push({ at, command });
        state = next.state;
      }
    }
    return events;
  });

/** Exercise time as the history says at `wall` (commands at `wall` included). */
const exerciseAt = (events: ClockEvent[], wall: number) =>
  exerciseMsAt(clockFrom(events.filter((e) => e.at <= wall)), wall);

describe('the exercise clock', () => {
  it('reads the three clocks side by side, to the second', () => {
    const state = run([0, { kind: 'startex' }]);
    const reading = readClock(
      state,
      T0 + 2 * 3_600_000 + 30 * min + 5_400,
      parseScenarioStart('2026-10-25T22:00'),
    );
    expect(reading).toMatchObject({
      phase: 'running',
      wall: '2026-10-25T06:30:05.000Z',
      exercise: 'H+02:30:05',
      exerciseSeconds: 9005,
      scenario: '2026-10-26T00:30:05',
      scenarioDay: 2,
    });
  });

  it('stops exercise time while paused and runs it faster after a speed change', () => {
    const state = run(
      [0, { kind: 'startex' }],
      [10 * min, { kind: 'pause' }],
      [40 * min, { kind: 'resume' }],
      [50 * min, { kind: 'speed', speed: 10 }],
    );
    // 10 minutes, the pause adds nothing, 10 more, then 5 wall minutes at ×10.
    expect(exerciseMsAt(state, T0 + 55 * min)).toBe((20 + 50) * min);
    expect(wallAtExercise(state, 80 * min)).toBe(T0 + 56 * min);
  });

  it('jumps exactly to the exercise time asked for, and keeps running from there', () => {
    const state = run([0, { kind: 'startex' }], [7_777, { kind: 'jump', toSeconds: 9000 }]);
    expect(exerciseMsAt(state, T0 + 7_777)).toBe(9_000_000);
    expect(readClock(state, T0 + 7_777 + 1_000, null).exercise).toBe('H+02:30:01');
  });

  it('pushes scenario time ahead on a manual move, leaving exercise time alone', () => {
    const state = run([0, { kind: 'startex' }], [min, { kind: 'move', scenarioSeconds: 6 * 3600 }]);
    const r = readClock(state, T0 + 2 * min, parseScenarioStart('2026-10-25T06:00'));
    expect(r).toMatchObject({ exercise: 'H+00:02:00', scenario: '2026-10-25T12:02:00', moves: 1 });
  });

  it('refuses commands out of order, each with a reason', () => {
    const refusal = (state: ClockState, command: ClockCommand, at = T0 + min) => {
      const r = applyClock(state, { at, command });
      return 'refused' in r ? r.refused.code : 'accepted';
    };
    expect(refusal(CLOCK_BEFORE_STARTEX, { kind: 'pause' })).toBe('clock_not_started');
    expect(refusal(CLOCK_BEFORE_STARTEX, { kind: 'endex' })).toBe('clock_not_started');
    const running = run([0, { kind: 'startex' }]);
    expect(refusal(running, { kind: 'startex' })).toBe('clock_already_started');
    expect(refusal(running, { kind: 'resume' })).toBe('clock_already_running');
    expect(refusal(running, { kind: 'speed', speed: 1 })).toBe('clock_same_speed');
    expect(refusal(running, { kind: 'speed', speed: 3 as 2 })).toBe('clock_bad_speed');
    expect(refusal(running, { kind: 'jump', toSeconds: 30 })).toBe('clock_jump_backwards');
    expect(refusal(running, { kind: 'move', scenarioSeconds: 0 })).toBe('clock_bad_move');
    expect(refusal(running, { kind: 'pause' }, T0 - 1)).toBe('clock_out_of_order');
    const paused = run([0, { kind: 'startex' }], [min, { kind: 'pause' }]);
    expect(refusal(paused, { kind: 'pause' }, T0 + 2 * min)).toBe('clock_not_running');
    const ended = run([0, { kind: 'startex' }], [min, { kind: 'endex' }]);
    expect(refusal(ended, { kind: 'endex' }, T0 + 2 * min)).toBe('clock_ended');
    const r = applyClock(ended, { at: T0 + 2 * min, command: { kind: 'endex' } });
    expect('refused' in r && r.refused.reason).toMatch(/ended/);
  });

  it('stands still under NO PLAY, refuses all but resuming play and ENDEX, and resumes to its phase', () => {
    const halted = run([0, { kind: 'startex' }], [10 * min, { kind: 'no-play' }]);
    expect(halted).toMatchObject({ phase: 'running', halted: true });
    expect(exerciseMsAt(halted, T0 + 60 * min)).toBe(10 * min);
    expect(wallAtExercise(halted, 20 * min)).toBeNull();
    expect(readClock(halted, T0 + 60 * min, null)).toMatchObject({ exercise: 'H+00:10:00', halted: true });
    const refusal = (state: ClockState, command: ClockCommand) => {
      const r = applyClock(state, { at: T0 + 20 * min, command });
      return 'refused' in r ? r.refused.code : 'accepted';
    };
    for (const command of [
      { kind: 'pause' },
      { kind: 'resume' },
      { kind: 'speed', speed: 10 },
      { kind: 'jump', toSeconds: 9000 },
      { kind: 'move', scenarioSeconds: 60 },
    ] as ClockCommand[])
      expect(refusal(halted, command)).toBe('no_play_on');
    expect(refusal(halted, { kind: 'no-play' })).toBe('no_play_already_on');
    expect(refusal(halted, { kind: 'endex' })).toBe('accepted');
    expect(refusal(run([0, { kind: 'startex' }]), { kind: 'resume-play' })).toBe('no_play_not_on');
    // Before STARTEX too (a real emergency during the communication check); STARTEX waits for it.
    expect(refusal(CLOCK_BEFORE_STARTEX, { kind: 'no-play' })).toBe('accepted');
    const early = clockFrom([{ at: T0, command: { kind: 'no-play' } }]);
    expect(refusal(early, { kind: 'startex' })).toBe('no_play_on');
    // Resumed at H+00:10 an hour later: time runs on from where it stood; a paused clock stays paused.
    const resumed = run(
      [0, { kind: 'startex' }],
      [10 * min, { kind: 'no-play' }],
      [70 * min, { kind: 'resume-play' }],
    );
    expect(exerciseMsAt(resumed, T0 + 75 * min)).toBe(15 * min);
    const paused = run(
      [0, { kind: 'startex' }],
      [5 * min, { kind: 'pause' }],
      [10 * min, { kind: 'no-play' }],
      [70 * min, { kind: 'resume-play' }],
    );
    expect(paused).toMatchObject({ phase: 'paused', halted: false });
    const ended = run([0, { kind: 'startex' }], [min, { kind: 'no-play' }], [2 * min, { kind: 'endex' }]);
    expect(ended).toMatchObject({ phase: 'ended', halted: true });
    expect(refusal(ended, { kind: 'resume-play' })).toBe('clock_ended');
  });

  it('never runs backwards (monotone in wall time)', () => {
    fc.assert(
      fc.property(
        histories,
        fc.integer({ min: 0, max: 40_000_000 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        (events, a, d) => {
          expect(exerciseAt(events, T0 + a + d)).toBeGreaterThanOrEqual(exerciseAt(events, T0 + a));
        },
      ),
    );
  });

  it('adds no exercise time while paused, under NO PLAY or ended', () => {
    fc.assert(
      fc.property(
        histories,
        fc.integer({ min: 0, max: 40_000_000 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        (events, a, d) => {
          const state = clockFrom(events);
          fc.pre(!isTicking(state));
          const from = Math.max(T0 + a, state.lastAt);
          expect(exerciseMsAt(state, from + d)).toBe(exerciseMsAt(state, from));
        },
      ),
    );
  });

  it('is continuous across every command but a jump: no step where a command takes effect', () => {
    // Found by this property once: a jump and a speed change in the same instant.
    const sameInstant: ClockEvent[] = [
      { at: T0, command: { kind: 'startex' } },
      { at: T0, command: { kind: 'jump', toSeconds: 1 } },
      { at: T0, command: { kind: 'speed', speed: 10 } },
    ];
    expect(exerciseMsAt(clockFrom(sameInstant), T0)).toBe(1000);
    fc.assert(
      fc.property(histories, (events) => {
        events.forEach((e, i) => {
          if (e.command.kind === 'jump' || e.command.kind === 'startex') return;
          // Just before and just after the command, exercise time is the same. "Before" is every
          // command earlier in the history, those at the same instant included (a jump, then a
          // speed change in the same second).
          expect(exerciseMsAt(clockFrom(events.slice(0, i + 1)), e.at)).toBe(
            exerciseMsAt(clockFrom(events.slice(0, i)), e.at),
          );
        });
      }),
    );
  });

  it('runs at the speed it was set to, exactly', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SPEEDS),
        fc.integer({ min: 0, max: 3_600_000 }),
        fc.integer({ min: 0, max: 3_600_000 }),
        (speed, before, after) => {
          const events: ClockEvent[] = [
            { at: T0, command: { kind: 'startex' } },
            ...(speed === 1 ? [] : [{ at: T0 + before, command: { kind: 'speed', speed } } as ClockEvent]),
          ];
          const state = clockFrom(events);
          expect(exerciseMsAt(state, T0 + before + after)).toBe(before + after * speed);
        },
      ),
    );
  });

  it('lands every jump exactly on its target, and wakes for a time exactly when it is reached', () => {
    fc.assert(
      fc.property(histories, fc.integer({ min: 0, max: 200_000 }), (events, target) => {
        const state = clockFrom(events);
        fc.pre(state.phase !== 'ended');
        const at = state.lastAt + 1;
        const jumped = applyClock(state, { at, command: { kind: 'jump', toSeconds: target } });
        if ('refused' in jumped && jumped.refused.code === 'no_play_on') {
          expect(state.halted).toBe(true);
          return;
        }
        if ('refused' in jumped) {
          expect(exerciseMsAt(state, at)).toBeGreaterThanOrEqual(target * 1000);
          return;
        }
        expect(exerciseMsAt(jumped.state, at)).toBe(target * 1000);
        if (isTicking(jumped.state)) {
          const goal = target * 1000 + 12_345;
          const wake = wallAtExercise(jumped.state, goal)!;
          expect(exerciseMsAt(jumped.state, wake)).toBeGreaterThanOrEqual(goal);
          expect(exerciseMsAt(jumped.state, wake - 1)).toBeLessThan(goal);
        }
      }),
    );
  });
});
