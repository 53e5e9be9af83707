import { MAX_DELAY_MINUTES } from '../conduct/branching.js';
import type { FieldProblem } from '../messages/codes.js';
import { normaliseLabel } from './labels.js';
import { textOf } from './rows.js';
import type { CellValue } from './sheet.js';

/**
 * An MSEL event's branching as a sheet row writes it (decision 0038): the question and its options,
 * what the inject waits for and the delay. The event it waits for is named by its MSEL number, never
 * by an id, so a sheet reads the same in Excel and imports into another exercise. Pure: the import
 * resolves numbers to events and checks the result with the core's checkBranching.
 *
 * Options: one a line in the cell (as the console's form asks); " | " between them is read too, for
 * a CSV edited by hand. Waits for: `event <number>: <option>` or `milestone: <name>`; the Russian
 * and Kazakh words (`вводная 3: …`, `рубеж: …`, `кіріспе 3: …`, `меже: …`) are read as well.
 */

/** The sheet columns that carry branching. */
export const BRANCHING_COLUMNS = ['question', 'options', 'waitsFor', 'delay'] as const;

export type SheetWaitsFor =
  { kind: 'decision'; number: string; option: string } | { kind: 'milestone'; milestone: string };

export interface SheetBranching {
  /** Null: the row asks nothing (question and options both empty). */
  decision: { question: string; options: string[] } | null;
  waitsFor: SheetWaitsFor | null;
  delayMinutes: number;
}

/** A problem with one of the branching cells, in the words of the message catalogue. */
export interface CellProblem {
  field: (typeof BRANCHING_COLUMNS)[number];
  problem: FieldProblem;
  params?: Record<string, string>;
}

const EVENT_WORDS = ['event', 'inject', 'вводная', 'событие', 'кіріспе', 'оқиға', '№', '#'];
const MILESTONE_WORDS = ['milestone', 'рубеж', 'меже', 'межа'];

/** The words an export writes in each language; each is one the import reads above. */
const WAIT_WORDS = {
  en: { event: 'event', milestone: 'milestone' },
  ru: { event: 'вводная', milestone: 'рубеж' },
  kk: { event: 'кіріспе', milestone: 'меже' },
} as const;

/** `event 3: Storm`, `вводная 3: Штурм`, `меже: …` — what an export writes; the import reads them all. */
export const formatWaitsFor = (w: SheetWaitsFor, lang: keyof typeof WAIT_WORDS = 'en'): string =>
  w.kind === 'decision'
    ? `${WAIT_WORDS[lang].event} ${w.number}: ${w.option}`
    : `${WAIT_WORDS[lang].milestone}: ${w.milestone}`;

export const formatOptions = (options: readonly string[]): string => options.join('\n');

/** Options from one cell: a line each, or separated by "|". */
export function readOptions(text: string | null): string[] {
  if (!text) return [];
  return text
    .split(/\r?\n|\|/)
    .map((o) => o.trim())
    .filter(Boolean);
}

/** "event 3: Storm", "Вводная №3: штурм", "milestone: perimeter secured"; null when unreadable. */
export function readWaitsFor(text: string): SheetWaitsFor | null {
  const colon = text.indexOf(':');
  if (colon < 0) return null;
  const head = text.slice(0, colon).trim();
  const tail = text.slice(colon + 1).trim();
  if (!tail) return null;
  const norm = normaliseLabel(head);
  if (MILESTONE_WORDS.includes(norm)) return { kind: 'milestone', milestone: tail };
  const lower = head.toLowerCase().replace(/ё/g, 'е');
  for (const word of EVENT_WORDS)
    if (lower.startsWith(word)) {
      const number = head
        .slice(word.length)
        .replace(/^[\s№#.]+/, '')
        .trim();
      return number ? { kind: 'decision', number, option: tail } : null;
    }
  return null;
}

/** Minutes from a cell: a whole number (empty is 0); NaN when the cell holds something else. */
function readMinutes(v: CellValue | undefined): number {
  if (typeof v === 'number') return v;
  const t = textOf(v);
  if (t === null) return 0;
  return /^[+]?\d+([.,]\d+)?$/.test(t) ? Number(t.replace(',', '.').replace('+', '')) : NaN;
}

/** Reads the branching cells of one row; the problems are those reading alone can find. */
export function readBranchingCells(cells: Readonly<Record<string, CellValue>>): {
  branching: SheetBranching;
  problems: CellProblem[];
} {
  const problems: CellProblem[] = [];
  const question = textOf(cells.question) ?? '';
  const options = readOptions(textOf(cells.options));
  const decision = question || options.length ? { question, options } : null;
  const waits = textOf(cells.waitsFor);
  const waitsFor = waits ? readWaitsFor(waits) : null;
  if (waits && !waitsFor) problems.push({ field: 'waitsFor', problem: 'waits_for_form' });
  const delayMinutes = readMinutes(cells.delay);
  if (Number.isNaN(delayMinutes))
    problems.push({ field: 'delay', problem: 'delay_minutes', params: { max: String(MAX_DELAY_MINUTES) } });
  return { branching: { decision, waitsFor, delayMinutes: delayMinutes || 0 }, problems };
}

/** The sheet column a checkBranching field path is in. */
export function columnOfField(field: string): (typeof BRANCHING_COLUMNS)[number] {
  if (field === 'decision.question') return 'question';
  if (field.startsWith('decision')) return 'options';
  if (field === 'releaseOn.delayMinutes') return 'delay';
  return 'waitsFor';
}
