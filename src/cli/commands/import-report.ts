import { HOME_ZONES } from '../../contract/zones.js';
import { faultText, type MessageLang } from '../../core/messages/messages.js';
import { FIELDS, type SheetKind } from '../../core/spreadsheet/fields.js';
import { headerLabel } from '../../core/spreadsheet/words.js';
import type { ImportReport } from '../../services/planning/import.service.js';
import type { MselChanges } from '../../services/planning/spreadsheet/kinds.js';
import { columnOfEventField } from '../../services/planning/spreadsheet/msel-sheet.js';
import { IMPORT_REPORT_WORDS } from './import-report.texts.js';

/** A sheet field by the column header the reader's language writes for it. */
function fieldWord(kind: SheetKind, key: string, lang: MessageLang): string {
  const spec = FIELDS[kind].find((f) => f.key === key);
  return spec ? headerLabel(spec, lang) : key;
}

/** The per-row report a planner reads on the terminal, in `lang`. */
export function importReportText(r: ImportReport, lang: MessageLang): string {
  const w = IMPORT_REPORT_WORDS[lang];
  const lines = [w.sheet(r.sheet, r.headerRow, HOME_ZONES[r.timeZone]?.[lang] ?? r.timeZone)];
  for (const c of r.columns) {
    const source = c.source === 'mapping' || c.source === 'remembered' ? ` (${w.source[c.source]})` : '';
    const field = c.field ? fieldWord(r.kind, c.field, lang) : w.ignored;
    lines.push(`  ${c.letter} ${c.label || w.blank} → ${field}${source}`);
  }
  for (const i of r.issues) {
    const where = i.row === null ? w.file : w.row(i.row);
    const field = i.field ? ` ${fieldWord(r.kind, i.field, lang)}` : '';
    lines.push(`${w.severity[i.severity]} ${where}${field}: ${faultText(lang, i)}`);
  }
  if (r.changes) lines.push(...changesText(r.changes, r.dryRun, lang));
  if (r.teamsCreated.length) lines.push(w.teams(r.dryRun, r.teamsCreated.join(', ')));
  lines.push(
    r.ok
      ? r.dryRun
        ? w.dryRunOk(r.rowsRead, r.warnings)
        : w.imported(r.imported, r.warnings)
      : w.nothingImported(r.errors),
  );
  return `${lines.join('\n')}\n`;
}

/** An MSEL re-import matched by number: what stays, what changes, what goes. */
function changesText(c: MselChanges, dryRun: boolean, lang: MessageLang): string[] {
  const w = IMPORT_REPORT_WORDS[lang];
  const approval = (a: string) => w.approval[a] ?? a;
  const lines = [w.changes.summary(c.unchanged.length, c.changed.length, c.added.length, dryRun)];
  for (const x of c.changed) {
    const fields = x.fields.map((f) => fieldWord('msel', columnOfEventField(f), lang)).join(', ');
    lines.push(
      w.changes.changed(
        x.number,
        x.row,
        fields,
        x.approvalBefore === 'draft' ? null : approval(x.approvalBefore),
      ),
    );
  }
  for (const x of c.added) lines.push(w.changes.added(x.number, x.row));
  for (const x of c.missing) {
    const state = c.removed ? (dryRun ? 'remove' : 'removed') : 'kept';
    lines.push(w.changes.missing(state, x.number, x.title, approval(x.approval)));
  }
  if (c.missing.length && !c.removed) lines.push(w.changes.howToRemove(c.missing.length));
  lines.push(w.changes.listApproval(approval(c.listApproval), c.approvalsReset, dryRun));
  return lines;
}
