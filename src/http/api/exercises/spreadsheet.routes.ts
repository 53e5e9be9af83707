import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { inLanguage } from '../../../core/messages/messages.js';
import type { SheetKind } from '../../../core/spreadsheet/fields.js';
import type { ColumnMapping } from '../../../core/spreadsheet/mapping.js';
import { sheetLanguageOf } from '../../../core/spreadsheet/words.js';
import { badField } from '../../../errors.js';
import type { AppContext } from '../../../services/context.js';
import { exportSpreadsheet } from '../../../services/planning/export.service.js';
import { importSpreadsheet, type ImportReport } from '../../../services/planning/import.service.js';
import { principalOf } from '../../access.js';
import { requestLanguage } from '../../language.js';
import { IdParams, problems } from '../common.schema.js';
import type { ImportJsonBody } from './spreadsheet.schema.js';
import { ExportQuery, ImportQuery, ImportReportSchema, XLSX_TYPE } from './spreadsheet.schema.js';

/** Largest spreadsheet accepted; a 10,000-inject MSEL is a few megabytes. */
export const SPREADSHEET_BODY_LIMIT = 20 * 1024 * 1024;
const RAW_TYPES = [XLSX_TYPE, 'text/csv', 'application/octet-stream'];

const LISTS: readonly { kind: SheetKind; path: string; what: string }[] = [
  { kind: 'msel', path: 'msel', what: 'the MSEL' },
  { kind: 'participants', path: 'participants', what: 'participants (people with exercise roles)' },
  { kind: 'venues', path: 'venues', what: 'venues' },
];

function parseMapping(text: string | undefined): ColumnMapping | undefined {
  if (text === undefined) return undefined;
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw badField('mapping', 'column_mapping');
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw badField('mapping', 'column_mapping');
  for (const [k, f] of Object.entries(v))
    if (f !== null && typeof f !== 'string')
      throw badField(`mapping.${k}`, 'field_key_or_null', { none: 'null' });
  return v as ColumnMapping;
}

/**
 * Spreadsheet import and export of the MSEL, participants and venues. Imports take the file as the
 * raw body (XLSX or CSV) with options in the query, or as JSON with the file in base64; both answer
 * the same report. Planners import; those who may read the MSEL export; players never do either.
 */
export const spreadsheetRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  // Scoped to this plugin: spreadsheets arrive as bytes, and only here.
  app.addContentTypeParser(
    RAW_TYPES,
    { parseAs: 'buffer', bodyLimit: SPREADSHEET_BODY_LIMIT },
    (_r, body, done) => done(null, body),
  );
  app.addSchema(ImportReportSchema);
  const tags = ['spreadsheets'];

  for (const { kind, path, what } of LISTS) {
    app.post(
      `/exercises/:id/${path}/import`,
      {
        bodyLimit: SPREADSHEET_BODY_LIMIT,
        config: { access: 'exercises:plan' },
        schema: {
          tags,
          summary: `Import ${what} from XLSX or CSV (dry run: preview only)`,
          description:
            `Body: the file itself (${XLSX_TYPE} or text/csv), options in the query; or application/json ` +
            '{"fileBase64", "mapping", "sheet", "dryRun", "createTeams", "replace", "removeMissing"}. All or nothing: any error on any row ' +
            "writes nothing, and the report lists every row's errors and warnings." +
            'a workbook whose parts unpack past DABYL_UPLOAD_UNPACKED_LIMIT_BYTES (128 MiB by default): 413 upload_unpacks_too_large naming the part. ' +
            'An MSEL import over an existing list matches events by number: unchanged ones keep their ids and ' +
            'approvals, changed ones return to draft, new ones are added, and the ones the sheet no longer names ' +
            'are listed in `changes.missing` and removed only with removeMissing (or replace).',
          params: IdParams,
          querystring: ImportQuery,
          response: { 200: Type.Ref(ImportReportSchema), 413: problems[422], ...problems },
        },
      },
      async (request) => {
        const p = principalOf(request);
        const body = request.body as unknown;
        const q = request.query;
        // The findings in the reader's language; the report is otherwise the same for everyone.
        const worded = async (report: Promise<ImportReport>) => {
          const r = await report;
          return { ...r, issues: inLanguage(r.issues, requestLanguage(request)) };
        };
        if (Buffer.isBuffer(body))
          return worded(
            importSpreadsheet(ctx, p.info, p.actor, request.params.id, kind, body, {
              dryRun: q.dryRun,
              sheet: q.sheet,
              mapping: parseMapping(q.mapping),
              createTeams: q.createTeams,
              replace: q.replace,
              removeMissing: q.removeMissing,
            }),
          );
        const json = body as ImportJsonBody | null;
        if (!json || typeof json.fileBase64 !== 'string')
          throw badField('file', 'spreadsheet_file_body', {
            xlsx: XLSX_TYPE,
            csv: 'text/csv',
            jsonField: 'fileBase64',
          });
        return worded(
          importSpreadsheet(
            ctx,
            p.info,
            p.actor,
            request.params.id,
            kind,
            Buffer.from(json.fileBase64, 'base64'),
            {
              dryRun: json.dryRun ?? q.dryRun,
              sheet: json.sheet ?? q.sheet,
              mapping: json.mapping ?? parseMapping(q.mapping),
              createTeams: json.createTeams ?? q.createTeams,
              replace: json.replace ?? q.replace,
              removeMissing: json.removeMissing ?? q.removeMissing,
            },
          ),
        );
      },
    );
    app.get(
      `/exercises/:id/${path}/export`,
      {
        config: { access: 'msel:read' },
        schema: {
          tags,
          summary: `Export ${what} as XLSX or CSV (UTF-8 with BOM), with the columns import reads, in kk, ru or en`,
          params: IdParams,
          querystring: ExportQuery,
          produces: [XLSX_TYPE, 'text/csv'],
          response: { 200: Type.String({ format: 'binary' }), ...problems },
        },
      },
      async (request, reply) => {
        const p = principalOf(request);
        const lang = request.query.lang ?? sheetLanguageOf(p.user.locale);
        const file = await exportSpreadsheet(
          ctx,
          p.actor,
          request.params.id,
          kind,
          request.query.format ?? 'xlsx',
          lang,
        );
        return reply
          .type(file.contentType)
          .header('content-language', lang)
          .header(
            'content-disposition',
            `attachment; filename="${file.fileName.replace(/[^\w.-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
          )
          .send(file.body);
      },
    );
  }
};
