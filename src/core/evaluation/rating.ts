/**
 * P/S/M/U ratings of the HSEEP: the four marks, their definitions in the three languages, and the
 * pure checks a rating must pass before it is stored. No I/O: the service loads, this decides.
 */
import type { FieldFault, FieldProblem } from '../messages/messages.js';

export const RATINGS = ['P', 'S', 'M', 'U'] as const;
export type Rating = (typeof RATINGS)[number];

/** What is rated: a capability target of an objective, or a core capability across the exercise. */
export const RATED_KINDS = ['capability_target', 'core_capability'] as const;
export type RatedKind = (typeof RATED_KINDS)[number];

/** What a rating may rest on; each kind is one click away in the console. */
export const EVIDENCE_KINDS = ['observation', 'inject', 'player_report'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export const REASONING_MIN = 10;
export const REASONING_MAX = 4000;
export const EVIDENCE_MAX = 50;

type Lang = 'kk' | 'ru' | 'en';

/**
 * The HSEEP definitions (HSEEP 2020, "Exercise Evaluation Guide" ratings), shown beside the choice so
 * an evaluator rates against the same words as every other. The key is `rating.<mark>`.
 */
export const RATING_DEFINITIONS: Readonly<
  Record<Rating, { title: Record<Lang, string>; text: Record<Lang, string> }>
> = {
  P: {
    title: {
      en: 'Performed without challenges',
      ru: 'Выполнено без затруднений',
      kk: 'Қиындықсыз орындалды',
    },
    text: {
      en: 'The targets and critical tasks associated with the core capability were completed in a manner that achieved the objective(s) and did not negatively impact the performance of other activities. Performance of this activity did not contribute to additional health and/or safety risks for the public or for emergency workers, and it was conducted in accordance with applicable plans, policies, procedures, regulations, and laws.',
      ru: 'Цели и критические задачи, связанные с базовой способностью, выполнены так, что задача(и) учения достигнута(ы) без ущерба для других действий. Выполнение не создало дополнительных рисков для здоровья и безопасности населения или спасателей и соответствовало действующим планам, политикам, процедурам, нормам и законам.',
      kk: 'Негізгі қабілетке байланысты мақсаттар мен шешуші міндеттер оқу-жаттығу мақсатына жететіндей және басқа әрекеттерге кері әсер етпейтіндей орындалды. Орындау халық пен құтқарушылардың денсаулығы мен қауіпсіздігіне қосымша қатер туғызған жоқ және қолданыстағы жоспарларға, саясаттарға, рәсімдерге, нормалар мен заңдарға сай жүргізілді.',
    },
  },
  S: {
    title: {
      en: 'Performed with some challenges',
      ru: 'Выполнено с некоторыми затруднениями',
      kk: 'Кейбір қиындықтармен орындалды',
    },
    text: {
      en: 'The targets and critical tasks associated with the core capability were completed in a manner that achieved the objective(s) and did not negatively impact the performance of other activities. Performance of this activity did not contribute to additional health and/or safety risks for the public or for emergency workers, and it was conducted in accordance with applicable plans, policies, procedures, regulations, and laws. However, opportunities to enhance effectiveness and/or efficiency were identified.',
      ru: 'Цели и критические задачи выполнены так, что задача(и) учения достигнута(ы) без ущерба для других действий, без дополнительных рисков и в соответствии с планами, процедурами и законами. Однако выявлены возможности повысить результативность и/или эффективность.',
      kk: 'Мақсаттар мен шешуші міндеттер оқу-жаттығу мақсатына жететіндей, басқа әрекеттерге зиянсыз, қосымша қатерсіз және жоспарлар, рәсімдер мен заңдарға сай орындалды. Алайда нәтижелілік пен тиімділікті арттыру мүмкіндіктері анықталды.',
    },
  },
  M: {
    title: {
      en: 'Performed with major challenges',
      ru: 'Выполнено со значительными затруднениями',
      kk: 'Елеулі қиындықтармен орындалды',
    },
    text: {
      en: 'The targets and critical tasks associated with the core capability were completed in a manner that achieved the objective(s), but some or all of the following were observed: demonstrated performance had a negative impact on the performance of other activities; contributed to additional health and/or safety risks for the public or for emergency workers; and/or was not conducted in accordance with applicable plans, policies, procedures, regulations, and laws.',
      ru: 'Цели и критические задачи выполнены и задача(и) учения достигнута(ы), но отмечено одно или несколько из следующего: выполнение помешало другим действиям; создало дополнительные риски для здоровья и безопасности населения или спасателей; и/или не соответствовало планам, политикам, процедурам, нормам и законам.',
      kk: 'Мақсаттар мен шешуші міндеттер орындалып, оқу-жаттығу мақсатына жетті, бірақ мыналардың бірі немесе бірнешеуі байқалды: орындау басқа әрекеттерге кері әсер етті; халық немесе құтқарушылар үшін қосымша қатер туғызды; және/немесе жоспарларға, саясаттарға, рәсімдерге, нормалар мен заңдарға сай жүргізілмеді.',
    },
  },
  U: {
    title: {
      en: 'Unable to be performed',
      ru: 'Не выполнено',
      kk: 'Орындау мүмкін болмады',
    },
    text: {
      en: 'The targets and critical tasks associated with the core capability were not performed in a manner that achieved the objective(s).',
      ru: 'Цели и критические задачи, связанные с базовой способностью, не выполнены так, чтобы достичь задач(и) учения.',
      kk: 'Негізгі қабілетке байланысты мақсаттар мен шешуші міндеттер оқу-жаттығу мақсатына жететіндей орындалмады.',
    },
  },
};

export interface EvidenceRef {
  kind: EvidenceKind;
  id: string;
}

export interface RatingDraft {
  rating: string;
  reasoning: string;
  evidence: readonly EvidenceRef[];
}

/** One refusal: the field it concerns (a JSON-pointer-like path) and why, as a catalogue key. */
export interface RatingProblem extends FieldFault {
  field: string;
}

const NO_SUCH: Readonly<Record<EvidenceKind, FieldProblem>> = {
  observation: 'no_such_observation',
  inject: 'no_such_inject',
  player_report: 'no_such_player_report',
};

export const isRating = (value: string): value is Rating => (RATINGS as readonly string[]).includes(value);

/** Reasoning as stored: NFC, line breaks kept and normalised, trimmed. */
export const cleanReasoning = (value: string): string =>
  value.normalize('NFC').replace(/\r\n?/g, '\n').trim();

/**
 * The checks a rating must pass, in order; the first problem is the answer. `known` says which
 * evidence ids belong to the exercise (the service reads them; this decides).
 */
export function checkRating(
  draft: RatingDraft,
  known: Readonly<Record<EvidenceKind, ReadonlySet<string>>>,
): RatingProblem | null {
  if (!isRating(draft.rating))
    return { field: 'rating', problem: 'one_of', params: { allowed: RATINGS.join(', ') } };
  const reasoning = cleanReasoning(draft.reasoning);
  if (reasoning.length < REASONING_MIN)
    return { field: 'reasoning', problem: 'reasoning_too_short', params: { min: REASONING_MIN } };
  if (reasoning.length > REASONING_MAX)
    return { field: 'reasoning', problem: 'max_length', params: { max: REASONING_MAX } };
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  if (/[\u0000-\u0008\u000b-\u001f\u007f]/.test(reasoning))
    return { field: 'reasoning', problem: 'no_control_characters' };
  if (draft.evidence.length > EVIDENCE_MAX)
    return { field: 'evidence', problem: 'max_items', params: { max: EVIDENCE_MAX } };
  const seen = new Set<string>();
  for (const [i, ref] of draft.evidence.entries()) {
    if (!(EVIDENCE_KINDS as readonly string[]).includes(ref.kind))
      return {
        field: `evidence/${i}/kind`,
        problem: 'one_of',
        params: { allowed: EVIDENCE_KINDS.join(', ') },
      };
    if (!known[ref.kind].has(ref.id)) return { field: `evidence/${i}/id`, problem: NO_SUCH[ref.kind] };
    const key = `${ref.kind}:${ref.id}`;
    if (seen.has(key)) return { field: `evidence/${i}`, problem: 'named_twice' };
    seen.add(key);
  }
  return null;
}

export interface RatingRecord {
  kind: RatedKind;
  subjectId: string;
  version: number;
  recordedAt: string;
}

/** The current rating of each subject: the latest version (history rows are never changed). */
export function currentOf<T extends RatingRecord>(rows: readonly T[]): Map<string, T> {
  const out = new Map<string, T>();
  for (const r of rows) {
    const key = `${r.kind}:${r.subjectId}`;
    const seen = out.get(key);
    if (!seen || r.version > seen.version) out.set(key, r);
  }
  return out;
}
