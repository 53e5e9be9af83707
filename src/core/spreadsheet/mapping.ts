import type { COLUMN_SOURCES } from '../../contract/enums.js';
import type { FieldSpec } from './fields.js';
import { fieldForLabel } from './header.js';
import { normaliseLabel } from './labels.js';
import { rowIssue, type RowIssue } from './rows.js';
import { columnLetter } from './sheet.js';

/**
 * A mapping says which column fills which field: keys are column labels as the sheet shows them
 * (or column letters, "C"), values are field keys, or null to ignore the column. The person's own
 * mapping wins over one remembered from last time, which wins over what the labels suggest.
 */
export type ColumnMapping = Readonly<Record<string, string | null>>;

export interface MappedColumn {
  index: number;
  letter: string;
  label: string;
  field: string | null;
  source: (typeof COLUMN_SOURCES)[number];
}

export interface ResolvedMapping {
  columns: MappedColumn[];
  /** About columns: unknown ones ignored, a field named twice…; and blocking problems: a mapping naming a field that does not exist, a required field no column fills. */
  findings: RowIssue[];
}

/** Normalises a mapping's keys so lookups ignore case and punctuation. */
export function normaliseMapping(mapping: ColumnMapping): Map<string, string | null> {
  const out = new Map<string, string | null>();
  for (const [k, v] of Object.entries(mapping)) {
    const key = /^[A-Z]{1,3}$/.test(k.trim()) ? `@${k.trim()}` : normaliseLabel(k);
    if (key) out.set(key, v);
  }
  return out;
}

/** Resolves every column of a table header to a field. */
export function resolveMapping(
  labels: readonly string[],
  fields: readonly FieldSpec[],
  explicit: ColumnMapping = {},
  remembered: ColumnMapping = {},
): ResolvedMapping {
  const keys = new Set(fields.map((f) => f.key));
  const mine = normaliseMapping(explicit);
  const before = normaliseMapping(remembered);
  const findings: RowIssue[] = [];
  for (const [k, v] of mine)
    if (v !== null && !keys.has(v))
      findings.push(
        rowIssue(null, null, 'error', 'sheet_mapping_no_field', {
          column: k.replace(/^@/, ''),
          target: v,
          fields: [...keys].join(', '),
        }),
      );

  const taken = new Map<string, MappedColumn>();
  const columns = labels.map((label, index): MappedColumn => {
    const letter = columnLetter(index);
    const norm = normaliseLabel(label);
    const col: MappedColumn = { index, letter, label, field: null, source: 'none' };
    if (!norm && !mine.has(`@${letter}`)) return col;
    let field: string | null | undefined;
    let source: MappedColumn['source'] = 'none';
    for (const [m, s] of [
      [mine, 'mapping'],
      [before, 'remembered'],
    ] as const) {
      const hit = m.has(`@${letter}`) ? m.get(`@${letter}`) : m.get(norm);
      if (hit !== undefined) {
        field = hit;
        source = s;
        break;
      }
    }
    if (field === undefined) {
      field = fieldForLabel(label, fields)?.key ?? null;
      source = field ? 'detected' : 'none';
    }
    if (field === null || !keys.has(field)) {
      if (source === 'none' && norm)
        findings.push(rowIssue(null, null, 'warning', 'sheet_column_unknown', { letter, label }));
      return { ...col, source };
    }
    const first = taken.get(field);
    if (first) {
      const twice = { letter, label, first: first.letter };
      findings.push(
        source === 'mapping' && first.source === 'mapping'
          ? rowIssue(null, field, 'error', 'sheet_mapping_twice', twice)
          : rowIssue(null, field, 'warning', 'sheet_column_twice', twice),
      );
      return { ...col, source };
    }
    const mapped = { ...col, field, source };
    taken.set(field, mapped);
    return mapped;
  });
  for (const f of fields)
    if (f.required && !taken.has(f.key)) findings.push(rowIssue(null, f.key, 'error', 'sheet_no_column'));
  return { columns, findings };
}

/** What to remember for next time: label → field for every column that was mapped. */
export function mappingToRemember(resolved: ResolvedMapping): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const c of resolved.columns) if (c.label && c.source !== 'none') out[c.label] = c.field;
  return out;
}
