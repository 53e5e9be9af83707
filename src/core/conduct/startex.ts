/**
 * STARTEX is confirmed, not clicked: the controller names the exercise and the planned start they
 * were shown, and a start far from the planned one needs a reason (one click used to start an
 * exercise a week early).
 */

/** What STARTEX does with injects still awaiting approval: held for a controller, or played as written. */
export const UNAPPROVED_CHOICES = ['hold', 'play'] as const;
export type UnapprovedChoice = (typeof UNAPPROVED_CHOICES)[number];

/** A start further than this from the planned one needs a reason. */
export const START_TOLERANCE_MS = 60 * 60_000;

export interface StartexConfirmation {
  /** The exercise's name, as the controller typed it. */
  confirmName?: string | undefined;
  /** The planned start the controller was shown (ISO instant). */
  plannedStart?: string | undefined;
  reason?: string | null | undefined;
}

export interface StartexProblem {
  field: 'confirmName' | 'plannedStart' | 'reason';
  problem: string;
}

const normalise = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase();

/** How far apart two instants are, in words a controller reads at a glance: "6 d 2 h 5 min". */
export function formatDistance(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  return [d ? `${d} d` : '', h ? `${h} h` : '', m || (!d && !h) ? `${m} min` : ''].filter(Boolean).join(' ');
}

/** What is wrong with a STARTEX confirmation; empty when it may start. */
export function checkStartex(
  exercise: { name: string; startex: string },
  confirmation: StartexConfirmation,
  now: number,
): StartexProblem[] {
  const problems: StartexProblem[] = [];
  if (!confirmation.confirmName || normalise(confirmation.confirmName) !== normalise(exercise.name))
    problems.push({
      field: 'confirmName',
      problem: `type the exercise’s name, “${exercise.name}”, to confirm STARTEX`,
    });
  const planned = Date.parse(exercise.startex);
  if (!confirmation.plannedStart || Date.parse(confirmation.plannedStart) !== planned)
    problems.push({
      field: 'plannedStart',
      problem: `the planned start is ${exercise.startex}; confirm the start you were shown`,
    });
  const off = now - planned;
  if (Math.abs(off) > START_TOLERANCE_MS && !confirmation.reason?.trim())
    problems.push({
      field: 'reason',
      problem: `this start is ${formatDistance(off)} ${off < 0 ? 'before' : 'after'} the planned start; say why`,
    });
  return problems;
}

/** "H+02:30" or "H+02:30:15" → seconds of exercise time; null when it is not one. */
export function parseExerciseTime(text: string): number | null {
  const m = /^H\+(\d{1,4}):([0-5]\d)(?::([0-5]\d))?$/.exec(text.trim().toUpperCase());
  if (!m) return null;
  return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3] ?? 0);
}
