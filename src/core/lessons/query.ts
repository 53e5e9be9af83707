/**
 * The lessons-learned search box, read as plain words: what a person types is never passed to a
 * full-text engine as syntax. Words are runs of letters, digits and combining marks in any script
 * (Kazakh, Russian, English alike), as both engines' tokenizers cut them; everything else — quotes
 * left open, AND/OR/NOT, NEAR, colons, brackets, asterisks in the middle — only separates words.
 * Two forms are understood: "a phrase in quotes" (its words in that order) and a trailing `*` on a
 * word (a prefix: `эвакуац*`). Every word is required.
 */

/** One required term: a single word, or a phrase of several in order; a prefix applies to its last word. */
export interface LessonTerm {
  words: string[];
  prefix: boolean;
}

export interface LessonQuery {
  terms: LessonTerm[];
}

/** At most this many terms are taken; more say nothing a person means. */
export const MAX_TERMS = 16;
/** Longer words are cut: neither engine indexes whole paragraphs as one word. */
export const MAX_WORD = 64;
export const QUERY_MAX = 300;

const WORD = /[\p{L}\p{N}\p{M}]+/gu;

function wordsOf(text: string): string[] {
  return (text.match(WORD) ?? []).map((w) => w.toLowerCase().slice(0, MAX_WORD));
}

/** Reads the search box; an empty result (nothing but punctuation) has no terms. */
export function parseLessonQuery(input: string): LessonQuery {
  const text = input.normalize('NFC').slice(0, QUERY_MAX);
  const terms: LessonTerm[] = [];
  // A quoted part is a phrase; an unclosed quote runs to the end. Outside quotes, each word is a term.
  const parts = text.split('"');
  parts.forEach((part, i) => {
    if (i % 2 === 1) {
      const words = wordsOf(part);
      if (words.length) terms.push({ words, prefix: /[\p{L}\p{N}\p{M}]\*\s*$/u.test(part) });
      return;
    }
    for (const m of part.matchAll(/([\p{L}\p{N}\p{M}]+)(\*?)/gu))
      terms.push({ words: wordsOf(m[1]!), prefix: m[2] === '*' });
  });
  return { terms: dedupe(terms).slice(0, MAX_TERMS) };
}

function dedupe(terms: LessonTerm[]): LessonTerm[] {
  const seen = new Set<string>();
  return terms.filter((t) => {
    const key = `${t.words.join(' ')}${t.prefix ? '*' : ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The query as an SQLite FTS5 MATCH expression: every word in double quotes (a quoted string is
 * never an operator), a phrase as one quoted string, a prefix as `"word"*`; terms side by side are
 * all required. Words hold only letters, digits and marks, so nothing inside needs escaping; the
 * quote is doubled anyway, should that ever change.
 */
export function toFts5(query: LessonQuery): string {
  const quote = (s: string) => `"${s.replaceAll('"', '""')}"`;
  return query.terms.map((t) => `${quote(t.words.join(' '))}${t.prefix ? '*' : ''}`).join(' ');
}

/**
 * The query as PostgreSQL `to_tsquery` text: every word as a quoted lexeme, a phrase joined with
 * `<->`, a prefix as `:*`, terms joined with `&`. It is sent as a bound parameter, never spliced
 * into SQL; the quoting keeps `&|!():*<>` and backslashes from ever reading as tsquery operators.
 */
export function toTsquery(query: LessonQuery): string {
  const lexeme = (s: string) => `'${s.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
  return query.terms
    .map((t) => {
      const words = t.words.map((w, i) => `${lexeme(w)}${t.prefix && i === t.words.length - 1 ? ':*' : ''}`);
      return words.length > 1 ? `(${words.join(' <-> ')})` : words[0]!;
    })
    .join(' & ');
}

/** Marks the engines put around a matched word in a snippet: private-use characters, never typed. */
export const MARK_START = '\uE000';
export const MARK_END = '\uE001';

/** A snippet as pieces, the matched ones flagged: the console shows them without reading markup. */
export interface SnippetPiece {
  text: string;
  match: boolean;
}

export function snippetPieces(marked: string): SnippetPiece[] {
  const pieces: SnippetPiece[] = [];
  let rest = marked;
  while (rest.length) {
    const start = rest.indexOf(MARK_START);
    if (start < 0) {
      pieces.push({ text: rest, match: false });
      break;
    }
    if (start > 0) pieces.push({ text: rest.slice(0, start), match: false });
    const end = rest.indexOf(MARK_END, start + 1);
    const stop = end < 0 ? rest.length : end;
    const text = rest.slice(start + 1, stop);
    if (text) pieces.push({ text, match: true });
    rest = rest.slice(stop + 1);
  }
  // Adjacent pieces of the same kind read as one (an engine marks each word of a phrase apart).
  return pieces.reduce<SnippetPiece[]>((out, p) => {
    const last = out[out.length - 1];
    if (last && last.match === p.match) last.text += p.text;
    else out.push({ ...p });
    return out;
  }, []);
}
