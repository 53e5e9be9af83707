import { kzRegion } from '../../cap/validate/profiles/kz-regions.js';
import type { AreaProblem } from '../area/area.error.js';
import { checkPolygon } from '../area/polygon.validate.js';
import {
  ALERT_AUDIENCES,
  ALERT_LANGUAGES,
  ALERT_STATUSES,
  HAZARDS,
  isDrill,
  type AlertArea,
  type AlertAudience,
  type AlertStatus,
  type AlertTexts,
  type Hazard,
} from './alert.js';

/*
 * What makes an alert fit to save and fit to send, as a list of problems each naming its field.
 * The drill-and-real rules are here too, so no route, CLI or import can get round them: an Actual
 * alert never names an exercise, an Exercise or Test alert always does, and it reaches the public
 * only when its exercise includes the public.
 */

export interface AlertDraft {
  status: AlertStatus;
  exerciseId: string | null;
  audience: AlertAudience;
  hazard: Hazard;
  texts: AlertTexts;
  area: AlertArea;
  expiresAt: string;
}

/** What the validator is told about the exercise the draft names. */
export interface ExerciseFacts {
  exists: boolean;
  includesPublic: boolean;
}

export interface AlertProblem {
  field: string;
  problem: string;
}

export const HEADLINE_MAX = 160;
export const TEXT_MAX = 2000;
/** Wider than any city; a larger circle is a region and should be drawn as one. */
export const CIRCLE_MAX_M = 300_000;

// A tag, a comment, a processing instruction or an entity: none of these belongs in an alert.
const MARKUP = /<\s*[a-z!/?]|&[a-z#][a-z0-9]*;/i;

function checkArea(area: AlertArea, out: AlertProblem[]): void {
  if (!kzRegion(area.region))
    out.push({
      field: 'area.region',
      problem: `"${area.region}" is not an ISO 3166-2 code of a Kazakhstan region or city`,
    });
  if (area.kind === 'circle') {
    if (!(Math.abs(area.lat) <= 90) || !(Math.abs(area.lon) <= 180))
      out.push({ field: 'area', problem: 'the centre is not a position on Earth' });
    if (!(area.radiusM > 0 && area.radiusM <= CIRCLE_MAX_M))
      out.push({ field: 'area.radiusM', problem: `must be more than 0 and at most ${CIRCLE_MAX_M} metres` });
    return;
  }
  const flat = new Float64Array(area.ring.flat());
  if (area.ring.some((p) => p.length !== 2 || !(Math.abs(p[0]) <= 180) || !(Math.abs(p[1]) <= 90))) {
    out.push({ field: 'area.ring', problem: 'every position is [longitude, latitude] in degrees' });
    return;
  }
  const problems: AreaProblem[] = [];
  checkPolygon([flat], 'the polygon', problems);
  for (const p of problems) out.push({ field: 'area.ring', problem: `${p.where} ${p.problem}` });
}

/** Every problem of a draft; `submit` also asks for every language and a future expiry. */
export function validateAlert(
  d: AlertDraft,
  stage: 'save' | 'submit',
  now: Date,
  exercise: ExerciseFacts | undefined,
): AlertProblem[] {
  const out: AlertProblem[] = [];
  if (!ALERT_STATUSES.includes(d.status))
    out.push({ field: 'status', problem: `must be one of ${ALERT_STATUSES.join(', ')}` });
  if (!HAZARDS.includes(d.hazard))
    out.push({ field: 'hazard', problem: `must be one of ${HAZARDS.join(', ')}` });
  if (!ALERT_AUDIENCES.includes(d.audience))
    out.push({ field: 'audience', problem: `must be one of ${ALERT_AUDIENCES.join(', ')}` });
  if (d.status === 'Actual') {
    if (d.exerciseId !== null)
      out.push({ field: 'exerciseId', problem: 'an Actual alert is real and never belongs to an exercise' });
    if (d.audience !== 'public')
      out.push({ field: 'audience', problem: 'an Actual alert goes to the public' });
  } else if (isDrill(d.status)) {
    if (d.exerciseId === null)
      out.push({ field: 'exerciseId', problem: `an ${d.status} alert names the exercise it belongs to` });
    else if (!exercise?.exists) out.push({ field: 'exerciseId', problem: 'no such exercise' });
    else if (d.audience === 'public' && !exercise.includesPublic)
      out.push({
        field: 'audience',
        problem:
          "this exercise does not include the public: its alerts go to the exercise's own recipients only",
      });
  } else if (d.exerciseId !== null && !exercise?.exists)
    out.push({ field: 'exerciseId', problem: 'no such exercise' });

  for (const lang of ALERT_LANGUAGES) {
    const text = d.texts[lang];
    if (!text) {
      if (stage === 'submit')
        out.push({ field: `texts.${lang}`, problem: 'every alert is given in Kazakh, Russian and English' });
      continue;
    }
    for (const key of ['headline', 'description', 'instruction', 'areaDesc'] as const) {
      const value = text[key];
      const field = `texts.${lang}.${key}`;
      if (MARKUP.test(value)) out.push({ field, problem: 'must be plain text, without markup' });
      if (value.length > (key === 'headline' ? HEADLINE_MAX : TEXT_MAX))
        out.push({
          field,
          problem: `must be at most ${key === 'headline' ? HEADLINE_MAX : TEXT_MAX} characters`,
        });
      if (stage === 'submit' && key !== 'instruction' && value.trim() === '')
        out.push({ field, problem: 'is required' });
    }
  }
  checkArea(d.area, out);
  const expires = Date.parse(d.expiresAt);
  if (!Number.isFinite(expires)) out.push({ field: 'expiresAt', problem: 'must be a date and time' });
  else if (stage === 'submit' && expires <= now.getTime())
    out.push({ field: 'expiresAt', problem: 'must be in the future' });
  return out;
}
