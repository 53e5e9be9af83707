/**
 * Traffic modes and the rules the dispatcher applies just before every send, whoever wrote the
 * delivery: exercise and test traffic is marked on every channel, an exercise's NO PLAY holds its
 * deliveries, rehearsal traffic goes to the sink, and nothing made in an exercise leaves as actual.
 * Pure functions, so the rules are tested without a database or a channel.
 */

import { TRAFFIC_MODES, RECIPIENT_KINDS } from '../../contract/enums.js';
import type { DeliveryReason } from '../messages/codes.js';
export { TRAFFIC_MODES, RECIPIENT_KINDS };

export type TrafficMode = (typeof TRAFFIC_MODES)[number];

export type RecipientKind = (typeof RECIPIENT_KINDS)[number];

/** What the dispatcher knows of a delivery when it decides. */
export interface TrafficFacts {
  mode: TrafficMode;
  exerciseId: string | null;
  recipientKind: RecipientKind;
}

/** What the dispatcher knows of the delivery's exercise, read just before the send. */
export interface ExerciseFacts {
  /** NO PLAY is on: every delivery of the exercise waits. */
  halted: boolean;
  /** The exercise plays to the public: its traffic may reach residents, always marked. */
  includesPublic: boolean;
}

export type TrafficVerdict =
  | { action: 'send' }
  | { action: 'sink' }
  | { action: 'hold'; reason: 'no_play' }
  | { action: 'refuse'; reason: DeliveryReason };

/**
 * Decides a delivery's fate. `exercise` is undefined when the delivery names no exercise, or names
 * one that no longer exists (then exercise traffic is refused: nobody can say whom it may reach).
 */
export function trafficVerdict(d: TrafficFacts, exercise: ExerciseFacts | undefined): TrafficVerdict {
  if (d.mode === 'actual') {
    if (d.exerciseId !== null) return { action: 'refuse', reason: 'actual_from_exercise' };
    if (d.recipientKind !== 'subscriber') return { action: 'refuse', reason: 'actual_to_phonebook' };
    return { action: 'send' };
  }
  if (d.mode === 'rehearsal') return { action: 'sink' };
  if (d.exerciseId === null) {
    // Test traffic outside an exercise (a channel check) may go to real contacts, marked.
    if (d.mode === 'test') return { action: 'send' };
    return { action: 'refuse', reason: 'exercise_unnamed' };
  }
  if (!exercise) return { action: 'refuse', reason: 'exercise_gone' };
  if (exercise.halted) return { action: 'hold', reason: 'no_play' };
  if (d.recipientKind === 'subscriber' && !exercise.includesPublic)
    return { action: 'refuse', reason: 'public_not_included' };
  return { action: 'send' };
}

/** The words that open every exercise or test message, then the reader's own word for a drill. */
export const EXERCISE_HEAD = 'EXERCISE EXERCISE EXERCISE';
const DRILL_WORD: Record<string, string> = { kk: 'ЖАТТЫҒУ', ru: 'УЧЕНИЯ', en: 'DRILL' };

/**
 * True when the traffic must be marked as not real. A rehearsal's copies never leave the sink, but
 * they are marked as the exercise would send them: controllers read them to see what players will
 * get, and an SMS's length counts the marking.
 */
export const isMarked = (mode: TrafficMode): boolean => mode !== 'actual';

/**
 * The first line of a marked message in a language. Plain hyphens, not a middle dot or a dash: both
 * are outside the GSM 03.38 alphabet and would turn every marked English SMS into UCS-2, doubling
 * its parts.
 */
export function exerciseHead(language: string): string {
  return `${EXERCISE_HEAD} - ${DRILL_WORD[language] ?? DRILL_WORD.en}`;
}

/** The line that closes a marked message: the exercise's name, so a reader knows which drill. */
export function exerciseTail(exerciseName: string | null): string {
  return exerciseName ? `-- ${EXERCISE_HEAD}: ${exerciseName}` : `-- ${EXERCISE_HEAD}`;
}

/**
 * Heads `text` with the marking and closes it with the exercise's name. A text already marked so
 * is left as it is (a re-mark changes nothing); one that merely begins with the words, as a
 * planner may write an inject, is marked all the same, or it would reach players without the
 * reader's word for a drill and without the exercise's name.
 */
export function markText(text: string, language: string, exerciseName: string | null): string {
  const head = `${exerciseHead(language)}\n`;
  const tail = `\n${exerciseTail(exerciseName)}`;
  if (text.startsWith(head) && text.endsWith(tail)) return text;
  return `${head}${text}${tail}`;
}

/** The same for a one-line field (a subject, a title): the head in front, no tail. */
export function markLine(line: string, language: string): string {
  const head = `${exerciseHead(language)}: `;
  return line.startsWith(head) ? line : `${head}${line}`;
}
