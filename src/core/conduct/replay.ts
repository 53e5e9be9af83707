/**
 * An exercise rebuilt at any moment from its log alone: the clock's phase, NO PLAY, the exercise
 * time last stated, and each inject's state. Pure, so the server and the console's scrubber agree,
 * and nothing in it can change what happened.
 */

/** One entry of the exercise's log, oldest first (the audit log's fields that matter here). */
export interface ReplayEntry {
  seq: number;
  at: string;
  action: string;
  subjectId: string | null;
  detail: Readonly<Record<string, unknown>>;
}

export interface ReplayInject {
  id: string;
  number: string;
  title: string;
  dueSeconds: number;
  /** A contingency inject waits, held, until a controller releases it: no entry says so. */
  contingency: boolean;
  /** It waited for a decision or a milestone, held from STARTEX too (optional: older replays). */
  waits?: boolean;
}

export type ReplayPhase = 'before' | 'running' | 'paused' | 'ended';
export type ReplayInjectState = 'scheduled' | 'fired' | 'held' | 'skipped';

export interface ReplayState {
  phase: ReplayPhase;
  noPlay: boolean;
  /** The exercise time the latest entry so far stated, "H+00:30:00"; null before any. */
  exerciseTime: string | null;
  /** Injects as they stood, by exercise time; one added later is not there yet. */
  injects: (ReplayInject & { state: ReplayInjectState; firedAt: string | null })[];
  /** How many entries had happened. */
  happened: number;
}

const PHASE: Readonly<Record<string, ReplayPhase>> = {
  'clock.startex': 'running',
  'clock.pause': 'paused',
  'clock.resume': 'running',
  'clock.endex': 'ended',
};

const INJECT: Readonly<Record<string, ReplayInjectState>> = {
  'inject.fired': 'fired',
  'inject.held': 'held',
  'inject.released': 'scheduled',
  'inject.skipped': 'skipped',
  'inject.branch_released': 'scheduled',
  'inject.branch_not_taken': 'skipped',
};

/** The state after the first `count` entries (all of them when `count` is past the end). */
export function replayAt(
  entries: readonly ReplayEntry[],
  injects: readonly ReplayInject[],
  count: number,
): ReplayState {
  const happened = Math.max(0, Math.min(count, entries.length));
  const added = new Set(entries.filter((e) => e.action === 'inject.added').map((e) => e.subjectId));
  const state = new Map<string, { state: ReplayInjectState; firedAt: string | null }>();
  const present = new Set(injects.filter((i) => !added.has(i.id)).map((i) => i.id));
  let phase: ReplayPhase = 'before';
  let noPlay = false;
  let exerciseTime: string | null = null;
  for (const e of entries.slice(0, happened)) {
    phase = PHASE[e.action] ?? phase;
    if (e.action === 'exercise.no_play') noPlay = true;
    if (e.action === 'exercise.resume_play') noPlay = false;
    if (typeof e.detail.exerciseTime === 'string') exerciseTime = e.detail.exerciseTime;
    if (e.subjectId === null) continue;
    if (e.action === 'inject.added') present.add(e.subjectId);
    const next = INJECT[e.action];
    if (next) state.set(e.subjectId, { state: next, firedAt: next === 'fired' ? e.at : null });
  }
  return {
    phase,
    noPlay,
    exerciseTime,
    injects: injects
      .filter((i) => present.has(i.id))
      .sort((a, b) => a.dueSeconds - b.dueSeconds)
      .map((i) => ({
        ...i,
        ...(state.get(i.id) ?? {
          state: i.contingency || i.waits ? ('held' as const) : ('scheduled' as const),
          firedAt: null,
        }),
      })),
    happened,
  };
}
