import type { Actor } from '../../../core/policy/policy.js';
import { viewerWithRoles } from '../../../core/policy/visibility.js';
import { forbidden } from '../../../errors.js';
import { appendAudit } from '../../audit.service.js';
import type { ActorInfo, AppContext } from '../../context.js';
import { mayReadControllerSide, readableExercise } from '../exercises.service.js';
import { loadDocumentData } from './data.js';
import { renderDocx } from './docx.js';
import { buildExPlan } from './explan.js';
import { buildHandbook } from './handbook.js';
import { renderHtml } from './html.js';
import type { DocumentLang } from './i18n/strings.js';
import type { DocumentFormat, DocumentKind, DocumentModel } from './model.js';
import { buildSitMan } from './sitman.js';

export interface RenderedDocument {
  body: Buffer;
  contentType: string;
  filename: string;
}

const CONTENT_TYPES: Record<DocumentFormat, string> = {
  html: 'text/html; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};
/** Only the ExPlan is for players; the SitMan's modules and the handbook are the controllers' side. */
const CONTROLLER_SIDE: Record<DocumentKind, boolean> = { explan: false, sitman: true, handbook: true };
const STEPS = 4;

/**
 * Generates one of an exercise's documents for the actor. Refuses (403) the SitMan and the handbook
 * to anyone who may not read the controllers' side, before loading anything. Handing out a document
 * is audited, as the controllers' documents leave the system with it. `progress` hears of each step.
 */
export async function renderDocument(
  ctx: AppContext,
  actor: ActorInfo,
  policy: Actor,
  exerciseId: string,
  kind: DocumentKind,
  format: DocumentFormat,
  lang: DocumentLang,
  progress: (done: number, total: number) => void = () => undefined,
): Promise<RenderedDocument> {
  const { row, scope } = await readableExercise(ctx.db.kysely, policy, exerciseId);
  if (CONTROLLER_SIDE[kind] && !mayReadControllerSide(policy, scope))
    throw forbidden(
      `The ${kind === 'sitman' ? 'Situation Manual' : 'Controller/Evaluator Handbook'} is for controllers and evaluators only`,
    );
  progress(0, STEPS);
  // The ExPlan is the players' document whoever asks for it: a controller cannot hand out one that
  // names the trusted agents or the threat.
  const audience = kind === 'explan' ? viewerWithRoles(['player']) : undefined;
  const data = await loadDocumentData(ctx, policy, exerciseId, kind === 'handbook', lang, audience);
  progress(1, STEPS);
  const model: DocumentModel =
    kind === 'explan' ? buildExPlan(data) : kind === 'sitman' ? buildSitMan(data) : buildHandbook(data);
  progress(2, STEPS);
  const body = format === 'html' ? Buffer.from(renderHtml(model), 'utf8') : await renderDocx(model);
  progress(3, STEPS);
  await ctx.db.kysely.transaction().execute((trx) =>
    appendAudit(ctx, trx, actor, {
      action: 'exercise.document',
      subjectType: 'exercise',
      subjectId: exerciseId,
      detail: { kind, format, lang, bytes: body.length },
    }),
  );
  progress(STEPS, STEPS);
  const slug =
    row.name
      .normalize('NFKD')
      .replace(/[^\w-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'exercise';
  return { body, contentType: CONTENT_TYPES[format], filename: `${slug}-${kind}-${lang}.${format}` };
}
