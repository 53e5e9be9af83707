import { describe, expect, it } from 'vitest';
import type { ClockEvent } from '../conduct/clock.js';
import { fingerprint, GRACE_AFTER_ENDEX_MS, photoTypeOf, stampObservation } from './observation.js';

const T0 = Date.UTC(2026, 9, 25, 4, 0, 0);
const min = 60_000;
const history: ClockEvent[] = [
  { at: T0, command: { kind: 'startex' } },
  { at: T0 + 10 * min, command: { kind: 'pause' } },
  { at: T0 + 20 * min, command: { kind: 'resume' } },
  { at: T0 + 30 * min, command: { kind: 'speed', speed: 10 } },
  { at: T0 + 40 * min, command: { kind: 'endex' } },
];
const scenario = Date.UTC(2026, 9, 25, 6, 0, 0);

describe('stamping an observation', () => {
  const at = (observed: number, now = T0 + 41 * min) => stampObservation(history, scenario, observed, now);

  it('reads the clocks as they stood at the instant observed, whenever it is sent', () => {
    expect(at(T0 + 5 * min)).toMatchObject({ reading: { exercise: 'H+00:05:00', phase: 'running' } });
    // During the pause exercise time stands still.
    expect(at(T0 + 15 * min)).toMatchObject({ reading: { exercise: 'H+00:10:00', phase: 'paused' } });
    // After the speed-up, ten exercise minutes a minute.
    expect(at(T0 + 31 * min)).toMatchObject({
      reading: { exercise: 'H+00:30:00', scenario: '2026-10-25T06:30:00' },
    });
    // After ENDEX the clocks stay where they stopped.
    expect(at(T0 + 45 * min, T0 + 46 * min)).toMatchObject({
      reading: { exercise: 'H+02:00:00', phase: 'ended' },
    });
  });

  it('refuses before STARTEX, dated in the future, and long after ENDEX', () => {
    expect(stampObservation([], null, T0, T0)).toMatchObject({
      refused: { code: 'observation_not_started' },
    });
    expect(at(T0 - 1)).toMatchObject({ refused: { code: 'observation_time', field: 'observedAt' } });
    expect(at(T0 + 50 * min, T0 + 41 * min)).toMatchObject({ refused: { code: 'observation_time' } });
    const end = T0 + 40 * min;
    expect(at(end + 1000, end + GRACE_AFTER_ENDEX_MS)).toHaveProperty('reading');
    expect(at(end + 1000, end + GRACE_AFTER_ENDEX_MS + 1)).toMatchObject({
      refused: { code: 'observation_closed' },
    });
  });

  it('reads a device slightly ahead at the server’s now, never at a time not yet reached', () => {
    expect(at(T0 + 5 * min + 30_000, T0 + 5 * min)).toMatchObject({ reading: { exercise: 'H+00:05:00' } });
  });
});

describe('an observation’s fingerprint', () => {
  const base = {
    observedAt: T0,
    text: 'Cordon set',
    venueId: null,
    teamId: null,
    objectiveIds: ['a', 'b'],
    criticalTaskIds: [],
    place: null,
    photo: null,
  };
  it('is the same for lists in another order and differs for any change of content', () => {
    expect(fingerprint({ ...base, objectiveIds: ['b', 'a'] })).toBe(fingerprint(base));
    expect(fingerprint({ ...base, text: 'Cordon set late' })).not.toBe(fingerprint(base));
    expect(fingerprint({ ...base, photo: { type: 'image/png', data: 'AAAA' } })).not.toBe(
      fingerprint({ ...base, photo: { type: 'image/png', data: 'AAAB' } }),
    );
  });
});

describe('a photo’s type', () => {
  it('is read from its bytes', () => {
    expect(photoTypeOf(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(photoTypeOf(Buffer.from('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp');
    expect(photoTypeOf(Buffer.from('<svg onload=alert(1)>'))).toBeNull();
  });
});
