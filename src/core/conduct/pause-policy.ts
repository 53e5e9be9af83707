import { exerciseMsAt, isTicking, wallAtExercise, type ClockState } from './clock.js';

/**
 * What happens to injects that came due while nobody could fire them (a pause with a jump, a jump
 * ahead, a server outage). Stated per exercise and shown before resume. None of them goes out in a
 * burst, and none is dropped for being "too old".
 * - release: in order of their exercise time, one every `intervalSeconds`, the first at once;
 * - retime: from now, keeping their spacing (at the clock's speed);
 * - hold: each waits for the controller to fire or skip it.
 */
export type PausePolicy =
  { kind: 'release'; intervalSeconds: number } | { kind: 'retime' } | { kind: 'hold' };
export const PAUSE_POLICY_KINDS = ['release', 'retime', 'hold'] as const;
export const DEFAULT_PAUSE_POLICY: PausePolicy = { kind: 'release', intervalSeconds: 60 };

/** A wake later than this behind its time means nobody could fire it: the backlog is re-planned. */
export const OUTAGE_GRACE_MS = 30_000;

/** An inject still waiting to fire (held and fired ones are not planned). */
export interface WaitingInject {
  id: string;
  /** Its exercise time, ms from STARTEX. */
  dueMs: number;
  /** Order among injects of the same exercise time (the MSEL's). */
  position: number;
}

export interface InjectPlan {
  /** When each waiting inject is woken (wall ms); `released`: it is part of a backlog release. */
  wakes: { id: string; at: number; released: boolean }[];
  /** Backlog injects the policy holds for the controller. */
  held: string[];
}

/**
 * When each waiting inject fires, as the clock stands at wall instant `now`: on time if its exercise
 * time is still ahead, else by the pause policy. Nothing is planned while the clock does not run,
 * nor under NO PLAY.
 */
export function planInjects(
  state: ClockState,
  waiting: readonly WaitingInject[],
  policy: PausePolicy,
  now: number,
): InjectPlan {
  const plan: InjectPlan = { wakes: [], held: [] };
  if (!isTicking(state)) return plan;
  const reached = exerciseMsAt(state, now);
  const backlog = waiting
    .filter((i) => i.dueMs <= reached)
    .sort((a, b) => a.dueMs - b.dueMs || a.position - b.position);
  for (const i of waiting)
    if (i.dueMs > reached)
      plan.wakes.push({ id: i.id, at: wallAtExercise(state, i.dueMs)!, released: false });
  const first = backlog[0];
  backlog.forEach((i, n) => {
    if (policy.kind === 'hold') plan.held.push(i.id);
    else {
      const after =
        policy.kind === 'release'
          ? n * policy.intervalSeconds * 1000
          : Math.ceil((i.dueMs - first!.dueMs) / state.speed);
      plan.wakes.push({ id: i.id, at: now + after, released: true });
    }
  });
  return plan;
}
