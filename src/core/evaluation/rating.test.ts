import { describe, expect, it } from 'vitest';
import { checkRating, currentOf, RATING_DEFINITIONS, RATINGS, type EvidenceKind } from './rating.js';

const known: Record<EvidenceKind, Set<string>> = {
  observation: new Set(['o1', 'o2']),
  inject: new Set(['i1']),
  player_report: new Set(['r1']),
};
const draft = { rating: 'S', reasoning: 'Cordon set in 12 minutes, target was 10.', evidence: [] };

describe('P/S/M/U ratings', () => {
  it('define every mark in the three languages', () => {
    for (const r of RATINGS)
      for (const lang of ['kk', 'ru', 'en'] as const) {
        expect(RATING_DEFINITIONS[r].title[lang].length).toBeGreaterThan(5);
        expect(RATING_DEFINITIONS[r].text[lang].length).toBeGreaterThan(40);
      }
  });

  it('accept a mark with its reasoning and evidence of the exercise', () => {
    expect(
      checkRating(
        {
          ...draft,
          evidence: [
            { kind: 'observation', id: 'o1' },
            { kind: 'inject', id: 'i1' },
            { kind: 'player_report', id: 'r1' },
          ],
        },
        known,
      ),
    ).toBeNull();
  });

  it('refuse a mark outside P, S, M, U', () => {
    expect(checkRating({ ...draft, rating: 'X' }, known)?.field).toBe('rating');
    expect(checkRating({ ...draft, rating: 'p' }, known)?.field).toBe('rating');
  });

  it('need reasoning, not a bare mark', () => {
    expect(checkRating({ ...draft, reasoning: '   ' }, known)).toEqual({
      field: 'reasoning',
      problem: 'reasoning_too_short',
      params: { min: 10 },
    });
    expect(checkRating({ ...draft, reasoning: 'ok\u0007 fine enough' }, known)?.field).toBe('reasoning');
  });

  it('name the evidence that is not of this exercise, or named twice', () => {
    expect(checkRating({ ...draft, evidence: [{ kind: 'observation', id: 'zz' }] }, known)?.field).toBe(
      'evidence/0/id',
    );
    expect(checkRating({ ...draft, evidence: [{ kind: 'inject', id: 'o1' }] }, known)?.field).toBe(
      'evidence/0/id',
    );
    expect(
      checkRating(
        {
          ...draft,
          evidence: [
            { kind: 'observation', id: 'o1' },
            { kind: 'observation', id: 'o1' },
          ],
        },
        known,
      )?.field,
    ).toBe('evidence/1');
  });

  it('take the latest version of each subject as current', () => {
    const rows = [
      { kind: 'capability_target' as const, subjectId: 't', version: 1, recordedAt: 'a', rating: 'P' },
      { kind: 'capability_target' as const, subjectId: 't', version: 2, recordedAt: 'b', rating: 'M' },
      { kind: 'core_capability' as const, subjectId: 't', version: 1, recordedAt: 'c', rating: 'U' },
    ];
    const cur = currentOf(rows);
    expect(cur.get('capability_target:t')?.rating).toBe('M');
    expect(cur.get('core_capability:t')?.rating).toBe('U');
  });
});
