import fc from 'fast-check';
import { smsEncodingOf } from '../sms/segment.js';
import { describe, expect, it } from 'vitest';
import {
  EXERCISE_HEAD,
  markLine,
  markText,
  RECIPIENT_KINDS,
  TRAFFIC_MODES,
  trafficVerdict,
  type ExerciseFacts,
} from './traffic.js';

const running: ExerciseFacts = { halted: false, includesPublic: false };

describe('the traffic verdict', () => {
  it('sends actual traffic to residents, and never actual traffic that names an exercise or a phone book', () => {
    expect(
      trafficVerdict({ mode: 'actual', exerciseId: null, recipientKind: 'subscriber' }, undefined),
    ).toEqual({
      action: 'send',
    });
    expect(
      trafficVerdict({ mode: 'actual', exerciseId: 'x', recipientKind: 'subscriber' }, running),
    ).toMatchObject({
      action: 'refuse',
    });
    expect(
      trafficVerdict({ mode: 'actual', exerciseId: null, recipientKind: 'participant' }, undefined),
    ).toMatchObject({ action: 'refuse' });
  });

  it('holds every exercise delivery while NO PLAY is on, and sends it when it is off', () => {
    const d = { mode: 'exercise', exerciseId: 'x', recipientKind: 'participant' } as const;
    expect(trafficVerdict(d, { ...running, halted: true })).toMatchObject({ action: 'hold' });
    expect(trafficVerdict(d, running)).toEqual({ action: 'send' });
  });

  it('keeps exercise traffic from residents unless the exercise includes the public', () => {
    const d = { mode: 'exercise', exerciseId: 'x', recipientKind: 'subscriber' } as const;
    expect(trafficVerdict(d, running)).toMatchObject({ action: 'refuse' });
    expect(trafficVerdict(d, { ...running, includesPublic: true })).toEqual({ action: 'send' });
    expect(trafficVerdict(d, undefined)).toMatchObject({ action: 'refuse' });
  });

  it('sends rehearsal traffic to the sink, whoever it names', () => {
    for (const recipientKind of RECIPIENT_KINDS)
      expect(trafficVerdict({ mode: 'rehearsal', exerciseId: 'x', recipientKind }, running)).toEqual({
        action: 'sink',
      });
  });

  it('never lets a delivery that names an exercise reach a real address unmarked (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...TRAFFIC_MODES),
        fc.option(fc.constant('x'), { nil: null }),
        fc.constantFrom(...RECIPIENT_KINDS),
        fc.option(fc.record({ halted: fc.boolean(), includesPublic: fc.boolean() }), { nil: undefined }),
        (mode, exerciseId, recipientKind, exercise) => {
          const v = trafficVerdict({ mode, exerciseId, recipientKind }, exercise);
          if (v.action !== 'send') return;
          // What is sent as actual is real traffic to a resident; everything else is marked.
          if (mode === 'actual') expect([exerciseId, recipientKind]).toEqual([null, 'subscriber']);
          else expect(['exercise', 'test']).toContain(mode);
          if (exerciseId !== null && exercise?.halted) throw new Error('sent under NO PLAY');
        },
      ),
    );
  });
});

describe('marking', () => {
  it('heads a text with EXERCISE EXERCISE EXERCISE and the reader’s word, and closes it with the exercise', () => {
    const marked = markText('Пожар в здании школы №3.', 'ru', 'Караганда-2026');
    expect(marked.split('\n')).toEqual([
      `${EXERCISE_HEAD} - УЧЕНИЯ`,
      'Пожар в здании школы №3.',
      `-- ${EXERCISE_HEAD}: Караганда-2026`,
    ]);
    expect(markText(marked, 'ru', 'Караганда-2026')).toBe(marked);
    expect(markLine('Тема', 'kk')).toBe(`${EXERCISE_HEAD} - ЖАТТЫҒУ: Тема`);
    expect(markLine(markLine('Тема', 'kk'), 'kk')).toBe(`${EXERCISE_HEAD} - ЖАТТЫҒУ: Тема`);
  });

  it('marks a text that only begins with the words, so it still names the drill and the exercise', () => {
    const written = `${EXERCISE_HEAD}. EXPO site, Astana: evacuation in progress.`;
    expect(markText(written, 'kk', 'Astana EXPO').split('\n')).toEqual([
      `${EXERCISE_HEAD} - ЖАТТЫҒУ`,
      written,
      `-- ${EXERCISE_HEAD}: Astana EXPO`,
    ]);
    expect(markLine(`${EXERCISE_HEAD}: alert`, 'ru')).toBe(
      `${EXERCISE_HEAD} - УЧЕНИЯ: ${EXERCISE_HEAD}: alert`,
    );
  });

  it('keeps a marked English SMS in the GSM alphabet, so marking does not double its parts', () => {
    const marked = markText('Evacuate block 12 now.', 'en', 'Karaganda 2026');
    expect(smsEncodingOf(marked)).toBe('gsm7');
  });
});
