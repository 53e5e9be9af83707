import { createHash } from 'node:crypto';
import { clockFrom, readClock, type ClockEvent, type ClockReading } from '../conduct/clock.js';

/**
 * An evaluator's observation (docs/decisions/0020-observations.md): what they saw, stamped in the
 * three clocks at the instant they saw it (not when their phone found a network), optionally with a
 * place and a photo, linked to objectives and critical tasks. The device gives it its id, so sending
 * it again after a lost answer stores nothing new.
 */

/** How long after ENDEX evaluators may still record and send: the hot wash, and phones that were offline. */
export const GRACE_AFTER_ENDEX_MS = 24 * 3_600_000;
/** How far a device's clock may run ahead of the server's before its observations are refused. */
export const DEVICE_CLOCK_SKEW_MS = 2 * 60_000;
/** The largest photo, decoded; the console shrinks photos well below it before queueing them. */
export const PHOTO_MAX_BYTES = 4 * 1024 * 1024;
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PhotoType = (typeof PHOTO_TYPES)[number];
export const TEXT_MAX = 4000;

/** Why an observation cannot be taken now. */
export interface ObservationRefusal {
  code: 'observation_not_started' | 'observation_closed' | 'observation_time';
  field: string;
  reason: string;
}

/**
 * The three clocks at the instant an evaluator observed, read off the clock's history as it stood
 * then; or why the observation does not fit the exercise's time: before STARTEX, after the grace
 * that follows ENDEX, or dated in the future by the device.
 */
export function stampObservation(
  history: readonly ClockEvent[],
  scenarioStart: number | null,
  observedAt: number,
  now: number,
): { reading: ClockReading } | { refused: ObservationRefusal } {
  const whole = clockFrom(history);
  if (whole.startedAt === null)
    return refused('observation_not_started', 'observedAt', 'the exercise has not started (no STARTEX yet)');
  if (whole.endedAt !== null && now > whole.endedAt + GRACE_AFTER_ENDEX_MS)
    return refused(
      'observation_closed',
      'exerciseId',
      'the exercise ended more than 24 hours ago; observations are closed',
    );
  if (observedAt > now + DEVICE_CLOCK_SKEW_MS)
    return refused('observation_time', 'observedAt', 'is in the future: check the device’s clock');
  if (observedAt < whole.startedAt) return refused('observation_time', 'observedAt', 'is before STARTEX');
  if (whole.endedAt !== null && observedAt > whole.endedAt + GRACE_AFTER_ENDEX_MS)
    return refused('observation_time', 'observedAt', 'is more than 24 hours after ENDEX');
  // A device slightly ahead is read at the server's now, so no clock shows a time not yet reached.
  const at = Math.min(observedAt, now);
  const then = clockFrom(history.filter((e) => e.at <= at));
  return { reading: readClock(then, at, scenarioStart) };
}

const refused = (code: ObservationRefusal['code'], field: string, reason: string) => ({
  refused: { code, field, reason },
});

/** What the evaluator sent, in a fixed order: two sendings with one id must carry the same. */
export interface ObservationContent {
  observedAt: number;
  text: string;
  venueId: string | null;
  teamId: string | null;
  objectiveIds: readonly string[];
  criticalTaskIds: readonly string[];
  place: { lon: number; lat: number } | null;
  photo: { type: string; data: string } | null;
}

/** A fingerprint of what was sent; lists count as sets, since their order means nothing. */
export function fingerprint(c: ObservationContent): string {
  const canonical = JSON.stringify([
    c.observedAt,
    c.text,
    c.venueId,
    c.teamId,
    [...c.objectiveIds].sort(),
    [...c.criticalTaskIds].sort(),
    c.place ? [c.place.lon, c.place.lat] : null,
    c.photo ? [c.photo.type, createHash('sha256').update(c.photo.data).digest('hex')] : null,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** The image type a photo's bytes say it is; null for anything else, whatever it claims to be. */
export function photoTypeOf(bytes: Uint8Array): PhotoType | null {
  const at = (i: number, ...b: number[]) => b.every((v, k) => bytes[i + k] === v);
  if (at(0, 0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (at(0, 0x52, 0x49, 0x46, 0x46) && at(8, 0x57, 0x45, 0x42, 0x50)) return 'image/webp';
  return null;
}
