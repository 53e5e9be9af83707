import { describe, expect, it } from 'vitest';
import { checkLink, GENESIS_HASH, hashEntry, type StoredEntry } from './chain.js';

function chain(n: number): StoredEntry[] {
  const out: StoredEntry[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const fields = {
      seq,
      at: `2026-10-21T04:00:0${seq}.000Z`,
      actorId: 'u',
      actorName: 'admin',
      action: 'user.created',
      subjectType: 'user',
      subjectId: `s${seq}`,
      detail: '{}',
    };
    const hash = hashEntry(prev, fields);
    out.push({ ...fields, prevHash: prev, hash });
    prev = hash;
  }
  return out;
}

const firstProblem = (entries: StoredEntry[]) => {
  let prev: StoredEntry | null = null;
  for (const e of entries) {
    const p = checkLink(prev, e);
    if (p) return p;
    prev = e;
  }
  return null;
};

describe('audit hash chain', () => {
  it('accepts an untouched chain', () => {
    expect(firstProblem(chain(5))).toBeNull();
  });

  it('names an edited entry', () => {
    const c = chain(5);
    c[2] = { ...c[2]!, action: 'user.deleted' };
    expect(firstProblem(c)).toMatchObject({ seq: 3, problem: expect.stringContaining('edited') });
  });

  it('names the place where an entry was deleted', () => {
    const c = chain(5);
    c.splice(1, 1);
    expect(firstProblem(c)).toMatchObject({
      seq: 3,
      problem: expect.stringContaining('deleted or reordered'),
      words: { key: 'out-of-order', params: { expected: 2, found: 3 } },
    });
  });

  it('names reordered entries even when their numbers are swapped too', () => {
    const c = chain(5);
    const [a, b] = [c[1]!, c[2]!];
    c[1] = { ...b, seq: 2 };
    c[2] = { ...a, seq: 3 };
    expect(firstProblem(c)?.seq).toBe(2);
  });

  it('names an entry rewritten with a fresh hash of its own, by its broken link to the next', () => {
    const c = chain(5);
    const forged = { ...c[1]!, action: 'auth.login' };
    c[1] = { ...forged, hash: hashEntry(forged.prevHash, forged) };
    expect(firstProblem(c)).toMatchObject({ seq: 3, problem: expect.stringContaining('link') });
  });
});
