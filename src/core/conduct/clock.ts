/**
 * The exercise clock as a pure function of its history. Three clocks are read off it:
 * - wall time: the real instant;
 * - exercise time: time since STARTEX on the exercise's own clock, which pauses, runs faster (×2, ×10,
 *   ×60 for a rehearsal) and jumps ahead ("to H+02:30"); injects are scheduled on it;
 * - scenario time: the story's own day and hour, which follows exercise time from the scenario's start
 *   and which manual moves (tabletops run move by move) push further ahead.
 *
 * All arithmetic is in whole milliseconds with integer speeds, so it is exact; readings are given to
 * the second. Time never runs backwards: commands come in wall-time order and jumps only go forward.
 */

export const SPEEDS = [1, 2, 10, 60] as const;
export type Speed = (typeof SPEEDS)[number];
export const isSpeed = (n: number): n is Speed => (SPEEDS as readonly number[]).includes(n);

export type ClockCommand =
  | { kind: 'startex' }
  | { kind: 'pause' }
  | { kind: 'resume' }
  | { kind: 'endex' }
  | { kind: 'speed'; speed: Speed }
  /** Exercise time becomes `toSeconds` ("H+02:30" is 9,000). */
  | { kind: 'jump'; toSeconds: number }
  /** A manual move: scenario time goes `scenarioSeconds` further ahead; exercise time is untouched. */
  | { kind: 'move'; scenarioSeconds: number }
  /** NO PLAY: a real emergency halts the exercise; exercise time stands still until play resumes. */
  | { kind: 'no-play' }
  | { kind: 'resume-play' };
export type ClockCommandKind = ClockCommand['kind'];
/** NO PLAY and its resume are given on their own (decision 0019), not among the clock's controls. */
export type NoPlayCommandKind = 'no-play' | 'resume-play';
export const CLOCK_COMMANDS: readonly Exclude<ClockCommandKind, NoPlayCommandKind>[] = [
  'startex',
  'pause',
  'resume',
  'endex',
  'speed',
  'jump',
  'move',
];

/** One command as it happened: at a wall instant (ms since the epoch). */
export interface ClockEvent {
  at: number;
  command: ClockCommand;
}

export type ClockPhase = 'before' | 'running' | 'paused' | 'ended';

/** Where the clock stands after its history: enough to read it at any later wall instant. */
export interface ClockState {
  readonly phase: ClockPhase;
  readonly speed: Speed;
  /** The wall instant of the last change and the exercise time (ms) at that instant. */
  readonly anchorWall: number;
  readonly anchorExercise: number;
  /** What manual moves added to scenario time, in ms. */
  readonly scenarioAhead: number;
  readonly moves: number;
  readonly startedAt: number | null;
  readonly endedAt: number | null;
  /** The wall instant of the last command; a later one may not come before it. */
  readonly lastAt: number;
  /**
   * NO PLAY is on: exercise time stands still whatever the phase, and only resuming play or ENDEX
   * is accepted. The phase underneath (running or paused) is what play resumes to.
   */
  readonly halted: boolean;
}

export const CLOCK_BEFORE_STARTEX: ClockState = {
  phase: 'before',
  speed: 1,
  anchorWall: 0,
  anchorExercise: 0,
  scenarioAhead: 0,
  moves: 0,
  startedAt: null,
  endedAt: null,
  lastAt: Number.NEGATIVE_INFINITY,
  halted: false,
};

/** Why a command was refused: a stable code and a sentence for the controller. */
export interface ClockRefusal {
  code:
    | 'clock_not_started'
    | 'clock_already_started'
    | 'clock_already_running'
    | 'clock_not_running'
    | 'clock_ended'
    | 'clock_same_speed'
    | 'clock_bad_speed'
    | 'clock_jump_backwards'
    | 'clock_bad_move'
    | 'clock_out_of_order'
    | 'no_play_on'
    | 'no_play_already_on'
    | 'no_play_not_on';
  reason: string;
}

/** Whether exercise time advances: the clock runs and NO PLAY is off. */
export const isTicking = (state: ClockState): boolean => state.phase === 'running' && !state.halted;

/** Exercise time (ms) at wall instant `wall`; before STARTEX it is 0, after ENDEX it stays. */
export function exerciseMsAt(state: ClockState, wall: number): number {
  if (!isTicking(state)) return state.anchorExercise;
  return state.anchorExercise + Math.max(0, wall - state.anchorWall) * state.speed;
}

/**
 * The first wall instant at which exercise time reaches `exerciseMs`, rounded up so nothing is ever
 * early; null while the clock does not run. A time already reached gives the anchor.
 */
export function wallAtExercise(state: ClockState, exerciseMs: number): number | null {
  if (!isTicking(state)) return null;
  const ahead = exerciseMs - state.anchorExercise;
  return state.anchorWall + Math.max(0, Math.ceil(ahead / state.speed));
}

const refuse = (code: ClockRefusal['code'], reason: string): { refused: ClockRefusal } => ({
  refused: { code, reason },
});

/** The clock after one more command, or why the command is refused in this state. */
export function applyClock(
  state: ClockState,
  event: ClockEvent,
): { state: ClockState } | { refused: ClockRefusal } {
  const { at, command } = event;
  if (!Number.isInteger(at)) return refuse('clock_out_of_order', 'the command has no valid time');
  if (at < state.lastAt)
    return refuse('clock_out_of_order', 'the command is dated before the clock’s last command');
  if (state.phase === 'ended')
    return refuse('clock_ended', 'the exercise has ended (ENDEX); its clock is final');
  const halt = haltOrResume(state, command, at);
  if (halt) return halt;
  if (state.phase === 'before' && command.kind !== 'startex')
    return refuse('clock_not_started', `${label(command)} needs the clock started: give STARTEX first`);
  const now = exerciseMsAt(state, at);
  const moved = (patch: Partial<ClockState>) => ({
    state: { ...state, anchorWall: at, anchorExercise: now, lastAt: at, ...patch },
  });
  switch (command.kind) {
    case 'startex':
      return state.phase === 'before'
        ? moved({ phase: 'running', anchorExercise: 0, startedAt: at })
        : refuse('clock_already_started', 'STARTEX was already given; the clock runs once');
    case 'pause':
      return state.phase === 'running'
        ? moved({ phase: 'paused' })
        : refuse('clock_not_running', 'the clock is already paused');
    case 'resume':
      return state.phase === 'paused'
        ? moved({ phase: 'running' })
        : refuse('clock_already_running', 'the clock is running; only a paused clock resumes');
    case 'endex':
      return moved({ phase: 'ended', endedAt: at });
    case 'speed':
      if (!isSpeed(command.speed))
        return refuse('clock_bad_speed', `speed must be one of ${SPEEDS.map((s) => `×${s}`).join(', ')}`);
      return command.speed === state.speed
        ? refuse('clock_same_speed', `the clock already runs at ×${state.speed}`)
        : moved({ speed: command.speed });
    case 'jump': {
      const to = command.toSeconds * 1000;
      if (!Number.isInteger(command.toSeconds))
        return refuse('clock_jump_backwards', 'a jump goes to a whole second of exercise time');
      return to > now
        ? moved({ anchorExercise: to })
        : refuse(
            'clock_jump_backwards',
            `exercise time is already ${formatExerciseTime(now)}; a jump only goes forward`,
          );
    }
    case 'move':
      return Number.isInteger(command.scenarioSeconds) && command.scenarioSeconds > 0
        ? moved({
            scenarioAhead: state.scenarioAhead + command.scenarioSeconds * 1000,
            moves: state.moves + 1,
          })
        : refuse('clock_bad_move', 'a move advances scenario time by a whole, positive number of seconds');
    case 'no-play':
    case 'resume-play':
      return refuse('clock_out_of_order', 'NO PLAY is decided before the clock’s own commands');
  }
}

/**
 * NO PLAY and its resume, which hold in any phase before ENDEX (a real emergency may come during
 * the communication check), and what NO PLAY refuses: every command but resuming play and ENDEX.
 * ENDEX under NO PLAY leaves it on: the exercise ends with its held traffic never sent.
 * Undefined: the command is the clock's to decide.
 */
function haltOrResume(
  state: ClockState,
  command: ClockCommand,
  at: number,
): { state: ClockState } | { refused: ClockRefusal } | undefined {
  const now = exerciseMsAt(state, at);
  const moved = (halted: boolean) => ({
    state: { ...state, anchorWall: at, anchorExercise: now, lastAt: at, halted },
  });
  if (command.kind === 'no-play')
    return state.halted
      ? refuse('no_play_already_on', 'NO PLAY is already on; resume play to lift it')
      : moved(true);
  if (command.kind === 'resume-play')
    return state.halted
      ? moved(false)
      : refuse('no_play_not_on', 'NO PLAY is not on; there is no play to resume');
  if (state.halted && command.kind !== 'endex')
    return refuse('no_play_on', `NO PLAY is on: resume play before ${label(command)}`);
  return undefined;
}

const label = (c: ClockCommand): string =>
  c.kind === 'startex' || c.kind === 'endex' ? c.kind.toUpperCase() : `a ${c.kind}`;

/** Folds a stored history; a history that was accepted once is always accepted again. */
export function clockFrom(events: readonly ClockEvent[]): ClockState {
  let state = CLOCK_BEFORE_STARTEX;
  for (const e of events) {
    const next = applyClock(state, e);
    if ('refused' in next) throw new Error(`clock history refused at ${e.at}: ${next.refused.reason}`);
    state = next.state;
  }
  return state;
}

/** "H+02:30:05" (exercise time to the second; never negative). */
export function formatExerciseTime(ms: number): string {
  const s = Math.floor(ms / 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `H+${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
}

/** The scenario's own start: a local date and hour with no zone ("2026-10-25T06:00:00"). */
export function parseScenarioStart(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((v) => Number(v ?? 0)) as number[];
  const ms = Date.UTC(y!, mo! - 1, d!, h!, mi!, s!);
  const back = new Date(ms);
  return back.getUTCMonth() === mo! - 1 && back.getUTCDate() === d! && h! < 24 && mi! < 60 && s! < 60
    ? ms
    : null;
}

/** The three clocks at one wall instant, to the second. */
export interface ClockReading {
  phase: ClockPhase;
  speed: Speed;
  wall: string;
  exerciseSeconds: number;
  /** "H+02:30:05". */
  exercise: string;
  /** The scenario's local date and time, "2026-10-25T08:30:05"; null when it has no start. */
  scenario: string | null;
  /** Day of the scenario, from 1. */
  scenarioDay: number | null;
  moves: number;
  /** NO PLAY is on: exercise time stands still. */
  halted: boolean;
}

export function readClock(state: ClockState, wall: number, scenarioStart: number | null): ClockReading {
  const exercise = exerciseMsAt(state, wall);
  const seconds = Math.floor(exercise / 1000);
  let scenario: string | null = null;
  let scenarioDay: number | null = null;
  if (scenarioStart !== null) {
    const at = scenarioStart + seconds * 1000 + state.scenarioAhead;
    scenario = new Date(at).toISOString().slice(0, 19);
    const day = 86_400_000;
    scenarioDay = Math.floor(at / day) - Math.floor(scenarioStart / day) + 1;
  }
  return {
    phase: state.phase,
    speed: state.speed,
    wall: new Date(Math.floor(wall / 1000) * 1000).toISOString(),
    exerciseSeconds: seconds,
    exercise: formatExerciseTime(exercise),
    scenario,
    scenarioDay,
    moves: state.moves,
    halted: state.halted,
  };
}
