import { Type, type Static } from '@sinclair/typebox';
import { COLUMN_SOURCES, SHEET_KINDS } from '../../../contract/enums.js';
import { SHEET_LANGUAGES } from '../../../core/spreadsheet/words.js';
import { literals, Nullable } from '../common.schema.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const ImportQuery = Type.Object(
  {
    dryRun: Type.Optional(Type.Boolean({ description: 'Check and preview only; nothing is written' })),
    sheet: Type.Optional(
      Type.String({ maxLength: 100, description: 'Sheet to read; default: the best match' }),
    ),
    mapping: Type.Optional(
      Type.String({
        maxLength: 10_000,
        description:
          'JSON object: column label (or letter "C") → field key, or null to ignore the column. Remembered for next time.',
      }),
    ),
    createTeams: Type.Optional(
      Type.Boolean({ description: 'Create teams the sheet names that do not exist' }),
    ),
    replace: Type.Optional(
      Type.Boolean({
        description:
          'Replace the existing list instead of adding to it. MSEL: events are matched by number; those the sheet names keep their ids and approvals, the others are removed',
      }),
    ),
    removeMissing: Type.Optional(
      Type.Boolean({
        description:
          'MSEL: remove the events the sheet no longer names (listed under changes.missing by the dry run); without it they are kept',
      }),
    ),
  },
  { additionalProperties: false },
);
export type ImportQuery = Static<typeof ImportQuery>;

/** The JSON variant of an import, for clients that cannot send a raw body. */
export const ImportJsonBody = Type.Object(
  {
    fileBase64: Type.String({ description: 'The XLSX or CSV file, base64-encoded' }),
    sheet: Type.Optional(Type.String({ maxLength: 100 })),
    mapping: Type.Optional(Type.Record(Type.String(), Nullable(Type.String()))),
    dryRun: Type.Optional(Type.Boolean()),
    createTeams: Type.Optional(Type.Boolean()),
    replace: Type.Optional(Type.Boolean()),
    removeMissing: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type ImportJsonBody = Static<typeof ImportJsonBody>;

const Approval = Type.String({ description: 'draft, submitted or approved' });

/** What an MSEL re-import does to the events already there, matched by number. */
export const MselChangesSchema = Type.Object(
  {
    unchanged: Type.Array(Type.Object({ number: Type.String(), approval: Approval })),
    changed: Type.Array(
      Type.Object({
        row: Type.Integer(),
        number: Type.String(),
        fields: Type.Array(Type.String(), { description: 'Reviewed fields the sheet changes' }),
        approvalBefore: Approval,
      }),
      { description: 'Events updated from the sheet: they return to draft' },
    ),
    added: Type.Array(Type.Object({ row: Type.Integer(), number: Type.String() })),
    missing: Type.Array(Type.Object({ number: Type.String(), title: Type.String(), approval: Approval }), {
      description: 'Events the sheet no longer names; removed only when `removed` is true',
    }),
    removed: Type.Boolean(),
    approvalsKept: Type.Integer(),
    approvalsReset: Type.Integer(),
    listApproval: Type.String({ description: "The whole MSEL's approval after the import" }),
  },
  { description: 'An MSEL re-import, matched by number; null for a first import and other lists' },
);

export const ImportIssueSchema = Type.Object({
  row: Nullable(Type.Integer()),
  field: Nullable(Type.String()),
  severity: Type.Union([Type.Literal('error'), Type.Literal('warning')]),
  message: Type.String(),
});

export const ImportReportSchema = Type.Object(
  {
    kind: literals(SHEET_KINDS),
    dryRun: Type.Boolean(),
    ok: Type.Boolean({ description: 'No errors: the file can be (or was) imported' }),
    sheet: Type.String(),
    sheets: Type.Array(
      Type.Object({ name: Type.String(), rows: Type.Integer(), recognisedColumns: Type.Integer() }),
    ),
    headerRow: Type.Integer(),
    columns: Type.Array(
      Type.Object({
        index: Type.Integer(),
        letter: Type.String(),
        label: Type.String(),
        field: Nullable(Type.String()),
        source: literals(COLUMN_SOURCES),
      }),
    ),
    timeZone: Type.String(),
    rowsRead: Type.Integer(),
    imported: Type.Integer({
      description: 'Rows written; 0 on a dry run or when any error stopped the import',
    }),
    teamsCreated: Type.Array(Type.String()),
    changes: Nullable(MselChangesSchema),
    errors: Type.Integer(),
    warnings: Type.Integer(),
    issues: Type.Array(ImportIssueSchema),
    preview: Type.Array(Type.Record(Type.String(), Type.Unknown())),
  },
  { $id: 'ImportReport', description: 'What an import read, found and (unless a dry run or an error) wrote' },
);

export const ExportQuery = Type.Object(
  {
    format: Type.Optional(Type.Union([Type.Literal('xlsx'), Type.Literal('csv')], { default: 'xlsx' })),
    lang: Type.Optional(
      Type.Union(
        SHEET_LANGUAGES.map((l) => Type.Literal(l)),
        {
          description:
            "Language of the column headers, the sheet's name and the fixed values (kinds, methods, yes/no, times): kk, ru or en; default: the reader's console language. Every language imports back unchanged; what planners wrote is exported as written.",
        },
      ),
    ),
  },
  { additionalProperties: false },
);
