import type { FieldSpec } from './fields.js';
import { normaliseLabel } from './labels.js';
import { cellText, type CellValue, type Sheet } from './sheet.js';

/**
 * Finding the table in a messy sheet: planners put title rows, dates and signatures above it, and
 * often a two-level header (a merged "Время" over "Ч+" and "Местное"). We score every candidate
 * header row in the first rows by how many known column names it holds, alone or with the row
 * above it as a parent, and keep the best.
 */

/** How far down a header may sit; real sheets have a handful of title rows. */
export const HEADER_SCAN_ROWS = 30;

export interface TableLayout {
  /** 0-based index of the (last) header row; data follows it. */
  headerRow: number;
  /** Column labels as the person sees them ("Время / Ч+" for a two-level header). */
  labels: string[];
  /** Distinct fields the header names; 0 means no table was recognised. */
  score: number;
}

const tokens = (s: string) => s.split(' ').filter(Boolean);

interface Synonym {
  norm: string;
  words: string[];
}

const normalised = new WeakMap<FieldSpec, Synonym[]>();

/**
 * A field's names, normalised and split into words once: header detection asks for them for every
 * candidate label of every scanned row, hundreds of thousands of times on a wide sheet.
 */
function synonymsOf(field: FieldSpec): Synonym[] {
  let out = normalised.get(field);
  if (!out) {
    out = [field.label, field.key, ...field.synonyms]
      .map(normaliseLabel)
      .filter(Boolean)
      .map((norm) => ({ norm, words: tokens(norm) }));
    normalised.set(field, out);
  }
  return out;
}

interface Match {
  field: FieldSpec;
  exact: boolean;
  length: number;
}

function containsTokens(label: string[], syn: string[]): boolean {
  outer: for (let i = 0; i + syn.length <= label.length; i++) {
    for (let j = 0; j < syn.length; j++) if (label[i + j] !== syn[j]) continue outer;
    return true;
  }
  return false;
}

/**
 * The field a column label names: an exact synonym first, else the longest synonym the label
 * contains as whole words ("Содержание вводной (текст)" → content). Null when nothing fits.
 */
export function fieldForLabel(label: string, fields: readonly FieldSpec[]): FieldSpec | null {
  const norm = normaliseLabel(label);
  if (!norm) return null;
  let best: Match | null = null;
  const words = tokens(norm);
  for (const field of fields) {
    for (const syn of synonymsOf(field)) {
      const exact = syn.norm === norm;
      if (!exact && !containsTokens(words, syn.words)) continue;
      const m: Match = { field, exact, length: syn.words.length };
      if (!best || (m.exact && !best.exact) || (m.exact === best.exact && m.length > best.length)) best = m;
    }
  }
  return best?.field ?? null;
}

/** Fills the gaps a merged parent header leaves to its right, as a person reads the merge. */
function forwardFill(row: string[], child: string[]): string[] {
  const out = [...row];
  for (let i = 1; i < out.length; i++) if (!out[i] && out[i - 1] && child[i]) out[i] = out[i - 1]!;
  return out;
}

function textRow(row: CellValue[] | undefined, width: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < width; i++) out.push(row ? cellText(row[i] ?? null) : '');
  return out;
}

function composed(
  parent: string[] | null,
  child: string[],
  fields: readonly FieldSpec[],
  known: ReadonlySet<string>,
) {
  const labels: string[] = [];
  const hit = new Set<string>();
  for (let i = 0; i < child.length; i++) {
    const c = child[i]!;
    const p = parent?.[i] ?? '';
    const options = p && c && p !== c ? [`${p} ${c}`, c, p] : [c || p];
    let label = options[0]!;
    for (const option of options) {
      const norm = normaliseLabel(option);
      const f = known.has(norm) ? norm : fieldForLabel(option, fields)?.key;
      if (f && !hit.has(f)) {
        hit.add(f);
        label = option;
        break;
      }
    }
    labels.push(p && c && p !== c && label === `${p} ${c}` ? `${p} / ${c}` : label);
  }
  return { labels, score: hit.size };
}

/** Header cells are short text; a row with numbers, dates or long prose is data. */
function looksLikeHeader(row: CellValue[] | undefined): boolean {
  return !!row && row.every((v) => v === null || (typeof v === 'string' && v.length <= 80));
}

/**
 * Locates the header of the table in `sheet`. `known` holds extra labels (normalised) that the
 * person's mapping names, so a sheet with unusual headers is still found.
 */
export function detectTable(
  sheet: Sheet,
  fields: readonly FieldSpec[],
  known: ReadonlySet<string> = new Set(),
): TableLayout {
  const limit = Math.min(sheet.rows.length, HEADER_SCAN_ROWS);
  const width = Math.max(0, ...sheet.rows.slice(0, limit + 1).map((r) => r.length));
  let best: TableLayout = { headerRow: -1, labels: [], score: 0 };
  for (let r = 0; r < limit; r++) {
    if (!looksLikeHeader(sheet.rows[r])) continue;
    const child = textRow(sheet.rows[r], width);
    if (child.every((c) => !c)) continue;
    const single = composed(null, child, fields, known);
    if (single.score > best.score) best = { headerRow: r, ...single };
    if (r > 0) {
      const parent = forwardFill(textRow(sheet.rows[r - 1], width), child);
      const pair = composed(parent, child, fields, known);
      if (pair.score > best.score) best = { headerRow: r, ...pair };
    }
  }
  return best;
}
