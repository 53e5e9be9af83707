import { randomUUID } from 'node:crypto';
import {
  AAR_SECTIONS,
  REPORT_FORMATS,
  type AarContent,
  type AarSection,
  type ReportFormat,
} from '../../core/aar/content.js';
import { diffContent, type AarChange } from '../../core/aar/diff.js';
import { can, type Actor } from '../../core/policy/policy.js';
import { AppError, badField, forbidden, notFound } from '../../errors.js';
import type { AarVersionRow } from '../../store/aar-tables.js';
import { aarRepository } from '../../store/aar.repository.js';
import type { ExerciseRow } from '../../store/schema.js';
import { appendAudit } from '../audit.service.js';
import type { ActorInfo, AppContext, Q } from '../context.js';
import { readableExercise, type ExerciseScope } from '../planning/exercises.service.js';
import { renderDocx } from '../planning/documents/docx.js';
import { renderHtml } from '../planning/documents/html.js';
import { buildAarDocument } from './document.js';
import { gatherContent } from './gather.service.js';
import { docxToPdf } from './pdf.js';

/*
 * The after-action report's versions (decision 0030). Generating writes a new draft from the data,
 * keeping the sections a person edited in the previous draft; editing a draft rewrites it, editing a
 * final version makes a new draft (a final one is never overwritten); finalising and sharing are
 * audited. Directors and evaluators read every version; players only the final one shared with them.
 */

export { REPORT_FORMATS, type ReportFormat };

export interface VersionSummary {
  version: number;
  status: 'draft' | 'final';
  editedSections: AarSection[];
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  finalisedAt: string | null;
  sharedAt: string | null;
}

export interface VersionView extends VersionSummary {
  content: AarContent;
  /** What changed from the version before it; null for the first. */
  changes: AarChange[] | null;
}

const summaryOf = (r: AarVersionRow): VersionSummary => ({
  version: r.version,
  status: r.status === 'final' ? 'final' : 'draft',
  editedSections: JSON.parse(r.edited_sections) as AarSection[],
  createdBy: r.created_by_name,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  finalisedAt: r.finalised_at,
  sharedAt: r.shared_at,
});

const contentOf = (r: AarVersionRow) => JSON.parse(r.content) as AarContent;

async function viewOf(db: Q, r: AarVersionRow): Promise<VersionView> {
  const before = r.version > 1 ? await aarRepository.version(db, r.exercise_id, r.version - 1) : undefined;
  const content = contentOf(r);
  return { ...summaryOf(r), content, changes: before ? diffContent(contentOf(before), content) : null };
}

/**
 * The exercise and how far the actor reaches its report: `all` (its directors, evaluators), `shared`
 * (its players: the final version shared with them, nothing else), refused otherwise.
 */
async function reportAccess(
  db: Q,
  actor: Actor,
  exerciseId: string,
  need: 'read' | 'write',
): Promise<{ row: ExerciseRow; scope: ExerciseScope; reach: 'all' | 'shared' }> {
  const { row, scope } = await readableExercise(db, actor, exerciseId);
  if (can(actor, need === 'write' ? 'reports:write' : 'reports:read', scope))
    return { row, scope, reach: 'all' };
  // Every other reader of the exercise (its players above all) reads the final version shared with them.
  if (need === 'read') return { row, scope, reach: 'shared' };
  throw forbidden(
    need === 'write'
      ? 'Only the exercise’s directors draft, edit, finalise and share its report'
      : 'Until the director shares the final report, only the exercise’s directors and evaluators read it',
  );
}

const sharedVersion = async (db: Q, exerciseId: string) => {
  const row = await aarRepository.shared(db, exerciseId);
  if (!row) throw notFound('A shared final report');
  return row;
};

async function versionRow(db: Q, exerciseId: string, version: number): Promise<AarVersionRow> {
  const row = await aarRepository.version(db, exerciseId, version);
  if (!row) throw notFound(`Version ${version} of the report`);
  return row;
}

/** Where a new version's number comes from: one more than the last, under a retry on a clash. */
async function insertVersion(
  ctx: AppContext,
  trx: Q,
  actor: ActorInfo,
  exerciseId: string,
  content: AarContent,
  edited: readonly AarSection[],
): Promise<AarVersionRow> {
  const last = await aarRepository.latest(trx, exerciseId);
  const at = ctx.clock.now().toISOString();
  const row: AarVersionRow = {
    id: randomUUID(),
    exercise_id: exerciseId,
    version: (last?.version ?? 0) + 1,
    status: 'draft',
    content: JSON.stringify(content),
    edited_sections: JSON.stringify(edited),
    created_by: actor.userId,
    created_by_name: actor.name,
    created_at: at,
    updated_at: at,
    finalised_by: null,
    finalised_at: null,
    shared_by: null,
    shared_at: null,
  };
  await aarRepository.insert(trx, row);
  return row;
}

/**
 * Drafts the report from the data in one action: a new version. Sections a person edited in the
 * latest version are carried over as they were, so a regeneration after new observations updates
 * the rest and the changes list shows what the data changed. `progress` hears each step.
 */
export async function generateReport(
  ctx: AppContext,
  actor: ActorInfo,
  policy: Actor,
  exerciseId: string,
  progress: (done: number, total: number, step: string) => void = () => undefined,
): Promise<VersionView> {
  const db = ctx.db.kysely;
  const { row } = await reportAccess(db, policy, exerciseId, 'write');
  const steps = ['plan', 'evaluation', 'timeline', 'response-times'];
  progress(0, steps.length + 1, 'start');
  const fresh = await gatherContent(ctx, row, (step) =>
    progress(steps.indexOf(step) + 1, steps.length + 1, step),
  );
  const made = await db.transaction().execute(async (trx) => {
    const last = await aarRepository.latest(trx, exerciseId);
    const edited = last ? (JSON.parse(last.edited_sections) as AarSection[]) : [];
    const content: AarContent = { ...fresh };
    if (last) {
      const previous = contentOf(last);
      for (const s of edited) (content as unknown as Record<string, unknown>)[s] = previous[s];
    }
    const inserted = await insertVersion(ctx, trx, actor, exerciseId, content, edited);
    await appendAudit(ctx, trx, actor, {
      action: 'report.generated',
      subjectType: 'exercise',
      subjectId: exerciseId,
      detail: { version: inserted.version, ...fresh.basis },
    });
    return inserted;
  });
  progress(steps.length + 1, steps.length + 1, 'done');
  return viewOf(db, made);
}

export async function listVersions(
  ctx: AppContext,
  policy: Actor,
  exerciseId: string,
): Promise<VersionSummary[]> {
  const db = ctx.db.kysely;
  const { reach } = await reportAccess(db, policy, exerciseId, 'read');
  if (reach === 'shared') {
    const row = await aarRepository.shared(db, exerciseId);
    return row ? [summaryOf(row)] : [];
  }
  return (await aarRepository.versions(db, exerciseId)).map(summaryOf);
}

/** One version (the latest when none is named); a player gets only the shared final one. */
export async function getVersion(
  ctx: AppContext,
  policy: Actor,
  exerciseId: string,
  version?: number,
): Promise<VersionView> {
  const db = ctx.db.kysely;
  const { reach } = await reportAccess(db, policy, exerciseId, 'read');
  if (reach === 'shared') {
    const row = await sharedVersion(db, exerciseId);
    if (version !== undefined && version !== row.version) throw notFound(`Version ${version} of the report`);
    return { ...(await viewOf(db, row)), changes: null };
  }
  if (version !== undefined) return viewOf(db, await versionRow(db, exerciseId, version));
  const latest = await aarRepository.latest(db, exerciseId);
  if (!latest) throw notFound('The report');
  return viewOf(db, latest);
}

export type SectionEdits = Partial<Pick<AarContent, AarSection>>;

/**
 * Replaces whole sections of a version. A draft is rewritten; a final version stays as it was and
 * the edit becomes a new draft after the latest version. The sections are remembered as edited.
 */
export async function editSections(
  ctx: AppContext,
  actor: ActorInfo,
  policy: Actor,
  exerciseId: string,
  version: number,
  edits: SectionEdits,
): Promise<VersionView> {
  const db = ctx.db.kysely;
  await reportAccess(db, policy, exerciseId, 'write');
  const keys = Object.keys(edits) as AarSection[];
  if (keys.length === 0) throw badField('sections', 'no_sections');
  for (const k of keys)
    if (!AAR_SECTIONS.includes(k)) throw badField(`sections/${k}`, 'not_a_report_section');
  const made = await db.transaction().execute(async (trx) => {
    const row = await versionRow(trx, exerciseId, version);
    const content = { ...contentOf(row), ...edits };
    const edited = [...new Set([...(JSON.parse(row.edited_sections) as AarSection[]), ...keys])];
    let out: AarVersionRow;
    if (row.status === 'draft') {
      const at = ctx.clock.now().toISOString();
      if (
        !(await aarRepository.updateDraft(trx, row.id, JSON.stringify(content), JSON.stringify(edited), at))
      )
        throw new AppError(
          'report_state',
          409,
          'The version was made final meanwhile; edit it again to make a new version',
        );
      out = (await versionRow(trx, exerciseId, version))!;
    } else {
      out = await insertVersion(ctx, trx, actor, exerciseId, content, edited);
    }
    await appendAudit(ctx, trx, actor, {
      action: 'report.edited',
      subjectType: 'exercise',
      subjectId: exerciseId,
      detail: { version: out.version, from: version, sections: keys },
    });
    return out;
  });
  return viewOf(db, made);
}

/** Makes a draft final: audited; from then on it is never written again. */
export async function finaliseReport(
  ctx: AppContext,
  actor: ActorInfo,
  policy: Actor,
  exerciseId: string,
  version: number,
): Promise<VersionView> {
  const db = ctx.db.kysely;
  await reportAccess(db, policy, exerciseId, 'write');
  const made = await db.transaction().execute(async (trx) => {
    const row = await versionRow(trx, exerciseId, version);
    const at = ctx.clock.now().toISOString();
    if (!(await aarRepository.finalise(trx, row.id, actor.userId ?? actor.name ?? 'system', at)))
      throw new AppError('report_state', 409, `Version ${version} is already final`, undefined, undefined, {
        status: row.status,
      });
    await appendAudit(ctx, trx, actor, {
      action: 'report.finalised',
      subjectType: 'exercise',
      subjectId: exerciseId,
      detail: { version },
    });
    return versionRow(trx, exerciseId, version);
  });
  return viewOf(db, made);
}

/** Shares a final version with the exercise's players, or withdraws it. Audited. */
export async function shareReport(
  ctx: AppContext,
  actor: ActorInfo,
  policy: Actor,
  exerciseId: string,
  version: number,
  shared: boolean,
): Promise<VersionView> {
  const db = ctx.db.kysely;
  await reportAccess(db, policy, exerciseId, 'write');
  const made = await db.transaction().execute(async (trx) => {
    const row = await versionRow(trx, exerciseId, version);
    if (row.status !== 'final')
      throw new AppError(
        'report_state',
        409,
        'Only a final report is shared with players: make it final first',
        'version',
        undefined,
        {
          status: row.status,
        },
      );
    const at = ctx.clock.now().toISOString();
    await aarRepository.share(trx, row.id, shared ? actor.userId : null, shared ? at : null);
    await appendAudit(ctx, trx, actor, {
      action: 'report.shared',
      subjectType: 'exercise',
      subjectId: exerciseId,
      detail: { version, shared },
    });
    return versionRow(trx, exerciseId, version);
  });
  return viewOf(db, made);
}

export interface ExportedReport {
  body: Buffer;
  contentType: string;
  filename: string;
}

const CONTENT_TYPES: Record<ReportFormat, string> = {
  html: 'text/html; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
};

/** The report written out; the export is audited, as the report leaves the system with it. */
export async function exportReport(
  ctx: AppContext,
  actor: ActorInfo,
  policy: Actor,
  exerciseId: string,
  format: ReportFormat,
  version?: number,
  progress: (done: number, total: number) => void = () => undefined,
): Promise<ExportedReport> {
  const view = await getVersion(ctx, policy, exerciseId, version);
  progress(1, 3);
  const body = await renderReport(view.content, view.status, view.version, format);
  progress(2, 3);
  await ctx.db.kysely.transaction().execute((trx) =>
    appendAudit(ctx, trx, actor, {
      action: 'report.exported',
      subjectType: 'exercise',
      subjectId: exerciseId,
      detail: { version: view.version, format, bytes: body.length },
    }),
  );
  progress(3, 3);
  const slug =
    view.content.overview.name
      .normalize('NFKD')
      .replace(/[^\w-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'exercise';
  return {
    body,
    contentType: CONTENT_TYPES[format],
    filename: `${slug}-aar-v${view.version}-${view.content.language}.${format}`,
  };
}

/** The content in one format: HTML with inline SVG charts, DOCX with the charts as pictures, PDF from the DOCX. */
export async function renderReport(
  content: AarContent,
  status: 'draft' | 'final',
  version: number,
  format: ReportFormat,
): Promise<Buffer> {
  const doc = buildAarDocument(content, status, version);
  if (format === 'html') return Buffer.from(renderHtml(doc), 'utf8');
  const docx = await renderDocx(doc);
  return format === 'docx' ? docx : docxToPdf(docx);
}
