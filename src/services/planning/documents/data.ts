import type { Actor } from '../../../core/policy/policy.js';
import type { Viewer } from '../../../core/policy/visibility.js';
import { organisationRepository } from '../../../store/organisation.repository.js';
import type { AppContext } from '../../context.js';
import { listCoreCapabilities } from '../capabilities.service.js';
import { getMsel, type Msel } from '../msel.service.js';
import { readableExercise } from '../exercises.service.js';
import { getPlan, planAsSeenBy, type ExercisePlan } from '../plan.service.js';
import { stringsFor, type DocumentLang, type DocumentStrings } from './i18n/strings.js';
import { capabilityName } from '../../../core/exercise/capability-names.js';

/** What the builders read: the plan as the actor may see it, and names for the ids in it. */
export interface DocumentData {
  /** The document's language and its fixed strings. */
  lang: DocumentLang;
  s: DocumentStrings;
  plan: ExercisePlan;
  /** Only loaded for documents of the controllers' side; getMsel refuses everyone else. */
  msel: Msel | null;
  organisationName(id: string | null): string;
  capabilityName(id: string | null): string;
  teamName(id: string): string;
  personName(id: string | null): string;
}

export async function loadDocumentData(
  ctx: AppContext,
  policy: Actor,
  exerciseId: string,
  withMsel: boolean,
  lang: DocumentLang = 'en',
  /** Whose eyes the document is written for, when not the reader's own (the ExPlan: a player's). */
  audience?: Viewer,
): Promise<DocumentData> {
  const plan =
    audience === undefined
      ? await getPlan(ctx, policy, exerciseId)
      : await planAsSeenBy(ctx, (await readableExercise(ctx.db.kysely, policy, exerciseId)).row, audience);
  const msel = withMsel ? await getMsel(ctx, policy, exerciseId) : null;
  const capabilities = new Map(
    (await listCoreCapabilities(ctx)).map((c) => [c.id, capabilityName(c.id, c.name, lang)]),
  );
  const orgIds = new Set(
    [
      plan.exercise.leadOrganisationId,
      ...plan.organisations.map((o) => o.organisationId),
      ...plan.teams.map((t) => t.organisationId),
      ...plan.people.map((p) => p.organisationId),
    ].filter((x): x is string => !!x),
  );
  const organisations = new Map<string, string>();
  for (const id of orgIds) {
    const row = await organisationRepository.get(ctx.db.kysely, id);
    if (row) organisations.set(id, row.name);
  }
  const teams = new Map(plan.teams.map((t) => [t.id, t.name]));
  const people = new Map(plan.people.map((p) => [p.id, p.name]));
  return {
    lang,
    s: stringsFor(lang),
    plan,
    msel,
    organisationName: (id) => (id ? (organisations.get(id) ?? id) : ''),
    capabilityName: (id) => (id ? (capabilities.get(id) ?? id) : ''),
    teamName: (id) => teams.get(id) ?? id,
    personName: (id) => (id ? (people.get(id) ?? id) : ''),
  };
}
