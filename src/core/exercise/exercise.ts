/**
 * Exercises as HSEEP (the US Homeland Security Exercise and Evaluation Program, which most agencies'
 * doctrine follows) describes them: a type, a life cycle with only legal transitions, and a schedule
 * in a named time zone.
 */

import { EXERCISE_TYPES, EXERCISE_STATUSES } from '../../contract/enums.js';
export { EXERCISE_TYPES, EXERCISE_STATUSES };

export type ExerciseType = (typeof EXERCISE_TYPES)[number];

/** Discussion-based exercises have modules; operations-based ones have a MSEL played in real time. */
export const DISCUSSION_BASED: readonly ExerciseType[] = ['seminar', 'workshop', 'tabletop', 'game'];

export type ExerciseStatus = (typeof EXERCISE_STATUSES)[number];

/** The legal moves of the life cycle; anything else is refused with the list of what is allowed. */
const TRANSITIONS: Readonly<Record<ExerciseStatus, readonly ExerciseStatus[]>> = {
  draft: ['planned', 'archived'],
  planned: ['draft', 'ready', 'archived'],
  ready: ['planned', 'running', 'archived'],
  running: ['paused', 'ended'],
  paused: ['running', 'ended'],
  ended: ['evaluated', 'archived'],
  evaluated: ['archived'],
  archived: [],
};

export function allowedTransitions(from: ExerciseStatus): readonly ExerciseStatus[] {
  return TRANSITIONS[from];
}

export function canTransition(from: ExerciseStatus, to: ExerciseStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Whether the plan may still change: once an exercise runs, its plan is history. */
export function isPlanEditable(status: ExerciseStatus): boolean {
  return status === 'draft' || status === 'planned' || status === 'ready';
}

/** Whether `zone` is an IANA time-zone name this runtime knows ("Asia/Almaty"), never a fixed offset. */
export function isTimeZone(zone: string): boolean {
  if (!/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)+$/.test(zone) && zone !== 'UTC') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
