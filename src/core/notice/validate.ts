import { isTimeZone } from '../exercise/exercise.js';
import { checkGeometry, KAZAKHSTAN_BOX, type PlanGeometry } from '../exercise/geometry.js';
import {
  NOTICE_LANGUAGES,
  type NoticeArea,
  type NoticeLanguage,
  type NoticeText,
  type NoticeTexts,
} from './notice.js';
import { problemText, type FieldFault } from '../messages/messages.js';
import { missingAreaTexts } from './area.js';

/**
 * The rules a notice must keep, written as data: each names the field path it speaks about
 * (`texts.ru.title`, `areas[2].geometry`) so that an editor can put the message beside the field.
 * `save` rules hold for every stored draft (nothing malformed is ever kept); `submit` rules hold
 * for what goes to review and to the public (a complete language, an area, a window not yet over).
 */

/** The part of a notice the rules read. */
export interface NoticeDraft {
  timeZone: string;
  startsAt: string;
  endsAt: string;
  city: string | null;
  texts: NoticeTexts;
  areas: NoticeArea[];
}

export type NoticeStage = 'save' | 'submit';

export interface NoticeProblem {
  /** The field at fault, e.g. `texts.kk.summary`, `areas[0].endsAt`, `startsAt`. */
  path: string;
  rule: string;
  /** In English; `fault` words it in the other languages when the rule gave one. */
  message: string;
  fault?: FieldFault;
}

/** A rule reports a field's problem from the catalogue (worded in every language) or, for now, an English sentence. */
export type Report = (path: string, problem: string | FieldFault) => void;

export interface NoticeRuleContext {
  now: Date;
}

export interface NoticeRule {
  id: string;
  stage: NoticeStage;
  description: string;
  check(draft: NoticeDraft, ctx: NoticeRuleContext, report: Report): void;
}

export const TEXT_LIMITS = {
  title: 120,
  summary: 500,
  seeAndHear: 2000,
  contacts: 500,
  listItem: 300,
  listItems: 12,
} as const;

/** A drill notice covers at most a season: longer is almost certainly a typing mistake. */
export const MAX_WINDOW_DAYS = 92;
export const MAX_AREAS = 50;
export const AREA_NAME_MAX = 200;
export const AREA_DESCRIPTION_MAX = 500;

/** The fields a language needs before the public may read it. */
export const REQUIRED_TEXT_FIELDS = ['title', 'summary', 'seeAndHear', 'contacts'] as const;

export type LanguageStatus = 'missing' | 'incomplete' | 'complete';

/** Whether a language was written at all, half-written (which fields are empty), or complete. */
export function languageStatus(text: NoticeText | undefined): LanguageStatus {
  if (!text) return 'missing';
  return missingFields(text).length === 0 ? 'complete' : 'incomplete';
}

export function missingFields(text: NoticeText): (typeof REQUIRED_TEXT_FIELDS)[number][] {
  return REQUIRED_TEXT_FIELDS.filter((f) => typeof text[f] !== 'string' || text[f].trim() === '');
}

/** The languages whose text is complete, in kk, ru, en order. */
export const completeLanguages = (texts: NoticeTexts): NoticeLanguage[] =>
  NOTICE_LANGUAGES.filter((l) => languageStatus(texts[l]) === 'complete');

// eslint-disable-next-line no-control-regex -- refusing control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex -- one-line fields refuse line breaks too
const CONTROL_OR_BREAK = /[\u0000-\u001f\u007f]/;

const isInstant = (s: unknown): s is string =>
  typeof s === 'string' && /^\d{4}-\d\d-\d\dT/.test(s) && Number.isFinite(Date.parse(s));

const DAY = 86_400_000;

const timeZoneRule: NoticeRule = {
  id: 'notice.time-zone',
  stage: 'save',
  description: 'The time zone is an IANA zone (Asia/Almaty), so local times are right on every date.',
  check(d, _ctx, report) {
    if (typeof d.timeZone !== 'string' || !isTimeZone(d.timeZone))
      report('timeZone', `"${String(d.timeZone)}" is not an IANA time zone such as Asia/Almaty`);
  },
};

const windowRule: NoticeRule = {
  id: 'notice.window',
  stage: 'save',
  description: `The notice's window starts before it ends and lasts at most ${MAX_WINDOW_DAYS} days.`,
  check(d, _ctx, report) {
    if (!isInstant(d.startsAt)) return report('startsAt', { problem: 'not_date_time' });
    if (!isInstant(d.endsAt)) return report('endsAt', { problem: 'not_date_time' });
    const s = Date.parse(d.startsAt);
    const e = Date.parse(d.endsAt);
    if (e <= s) report('endsAt', { problem: 'after_start' });
    else if (e - s > MAX_WINDOW_DAYS * DAY)
      report('endsAt', `the notice may cover at most ${MAX_WINDOW_DAYS} days; split a longer series`);
  },
};

const windowNotOver: NoticeRule = {
  id: 'notice.window.not-over',
  stage: 'submit',
  description: 'A notice is published before its window ends, never about a drill already over.',
  check(d, { now }, report) {
    if (isInstant(d.endsAt) && Date.parse(d.endsAt) <= now.getTime())
      report('endsAt', 'the window is over; a notice is for what is still to come');
  },
};

function checkText(t: NoticeText, lang: string, report: Report) {
  const p = `texts.${lang}`;
  for (const f of ['title', 'summary', 'seeAndHear', 'contacts'] as const) {
    const v = t[f];
    if (typeof v !== 'string') {
      report(`${p}.${f}`, 'must be text');
      continue;
    }
    if (v.length > TEXT_LIMITS[f])
      report(`${p}.${f}`, { problem: 'max_length', params: { max: TEXT_LIMITS[f] } });
    const bad = f === 'title' ? CONTROL_OR_BREAK : CONTROL;
    if (bad.test(v))
      report(
        `${p}.${f}`,
        f === 'title' ? 'must be one line without control characters' : 'must not contain control characters',
      );
  }
  for (const f of ['doList', 'dontList'] as const) {
    const list = t[f];
    if (!Array.isArray(list)) {
      report(`${p}.${f}`, 'must be a list of texts');
      continue;
    }
    if (list.length > TEXT_LIMITS.listItems)
      report(`${p}.${f}`, { problem: 'max_items', params: { max: TEXT_LIMITS.listItems } });
    list.forEach((item, i) => {
      if (typeof item !== 'string' || item.trim() === '') report(`${p}.${f}[${i}]`, { problem: 'not_empty' });
      else if (item.length > TEXT_LIMITS.listItem)
        report(`${p}.${f}[${i}]`, { problem: 'max_length', params: { max: TEXT_LIMITS.listItem } });
      else if (CONTROL_OR_BREAK.test(item))
        report(`${p}.${f}[${i}]`, 'must be one line without control characters');
    });
  }
}

const textLimits: NoticeRule = {
  id: 'notice.text.limits',
  stage: 'save',
  description: `Titles up to ${TEXT_LIMITS.title} characters on one line, summaries up to ${TEXT_LIMITS.summary}, what residents see and hear up to ${TEXT_LIMITS.seeAndHear}, contacts up to ${TEXT_LIMITS.contacts}, up to ${TEXT_LIMITS.listItems} do and don't items of ${TEXT_LIMITS.listItem}; only kk, ru and en.`,
  check(d, _ctx, report) {
    if (!d.texts || typeof d.texts !== 'object' || Array.isArray(d.texts))
      return report('texts', 'must be an object');
    for (const key of Object.keys(d.texts)) {
      if (!(NOTICE_LANGUAGES as readonly string[]).includes(key)) {
        report(`texts.${key}`, `is not one of the notice languages ${NOTICE_LANGUAGES.join(', ')}`);
        continue;
      }
      const t = d.texts[key as NoticeLanguage];
      if (!t || typeof t !== 'object') report(`texts.${key}`, 'must be an object');
      else checkText(t, key, report);
    }
  },
};

const oneLanguage: NoticeRule = {
  id: 'notice.languages.one-complete',
  stage: 'submit',
  description:
    'At least one language (kk, ru or en) has its title, summary, what residents see and hear, and contacts.',
  check(d, _ctx, report) {
    if (completeLanguages(d.texts ?? {}).length === 0)
      report(
        'texts',
        'write the whole text (title, summary, what residents see and hear, contacts) in at least one language',
      );
  },
};

const noHalfLanguage: NoticeRule = {
  id: 'notice.languages.no-partial',
  stage: 'submit',
  description: 'A language that was started is finished: the public never reads a half-written language.',
  check(d, _ctx, report) {
    for (const lang of NOTICE_LANGUAGES) {
      const t = d.texts?.[lang];
      if (!t || languageStatus(t) !== 'incomplete') continue;
      for (const f of missingFields(t)) report(`texts.${lang}.${f}`, { problem: 'language_unfinished' });
    }
  },
};

const areaShapes: NoticeRule = {
  id: 'notice.area.geometry',
  stage: 'save',
  description: `Up to ${MAX_AREAS} areas and closures, each with its public texts well formed; areas are valid polygons, closures valid lines or polygons, inside Kazakhstan's box unless clearly elsewhere (swapped axes are caught).`,
  check(d, _ctx, report) {
    if (!Array.isArray(d.areas)) return report('areas', 'must be a list');
    if (d.areas.length > MAX_AREAS) report('areas', `must have at most ${MAX_AREAS} areas and closures`);
    const ids = new Set<string>();
    d.areas.forEach((a, i) => {
      const p = `areas[${i}]`;
      if (typeof a?.id !== 'string' || a.id === '') report(`${p}.id`, 'must be set');
      else if (ids.has(a.id)) report(`${p}.id`, `"${a.id}" is used by another area`);
      else ids.add(a.id);
      if (a?.kind !== 'area' && a?.kind !== 'closure') report(`${p}.kind`, 'must be area or closure');
      checkAreaTexts(a?.texts, `${p}.texts`, report);
      const allowed: PlanGeometry['type'][] =
        a?.kind === 'closure' ? ['LineString', 'MultiLineString', 'Polygon'] : ['Polygon', 'MultiPolygon'];
      const g = checkGeometry(a?.geometry, `${p}.geometry`, allowed, KAZAKHSTAN_BOX);
      // The area engine's findings keep their precise English; the rest are worded per language.
      if ('error' in g)
        report(
          `${p}.geometry`,
          g.fault.problem === 'not_valid_geometry'
            ? g.error.replace(new RegExp(`^${escapeRe(p)}\\.geometry:? ?`), '')
            : g.fault,
        );
    });
  },
};

function checkAreaTexts(texts: unknown, p: string, report: Report): void {
  if (texts === null || typeof texts !== 'object' || Array.isArray(texts))
    return report(p, 'must be an object of texts per language');
  for (const [lang, t] of Object.entries(texts as Record<string, unknown>)) {
    if (!(NOTICE_LANGUAGES as readonly string[]).includes(lang)) {
      report(`${p}.${lang}`, `is not one of the notice languages ${NOTICE_LANGUAGES.join(', ')}`);
      continue;
    }
    const { name, description } = (t ?? {}) as { name?: unknown; description?: unknown };
    if (typeof name !== 'string' || name.length > AREA_NAME_MAX || CONTROL_OR_BREAK.test(name))
      report(`${p}.${lang}.name`, `must be one line of at most ${AREA_NAME_MAX} characters`);
    if (
      typeof description !== 'string' ||
      description.length > AREA_DESCRIPTION_MAX ||
      CONTROL.test(description)
    )
      report(`${p}.${lang}.description`, `must be text of at most ${AREA_DESCRIPTION_MAX} characters`);
  }
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const areaWindows: NoticeRule = {
  id: 'notice.area.window',
  stage: 'save',
  description: "An area's or closure's own window starts before it ends and lies inside the notice's window.",
  check(d, _ctx, report) {
    if (!Array.isArray(d.areas)) return;
    const ns = isInstant(d.startsAt) ? Date.parse(d.startsAt) : null;
    const ne = isInstant(d.endsAt) ? Date.parse(d.endsAt) : null;
    d.areas.forEach((a, i) => {
      const p = `areas[${i}]`;
      const s = a?.startsAt ?? null;
      const e = a?.endsAt ?? null;
      if (s !== null && !isInstant(s)) return report(`${p}.startsAt`, { problem: 'not_date_time' });
      if (e !== null && !isInstant(e)) return report(`${p}.endsAt`, { problem: 'not_date_time' });
      const sv = s === null ? ns : Date.parse(s);
      const ev = e === null ? ne : Date.parse(e);
      if (sv !== null && ev !== null && ev <= sv) return report(`${p}.endsAt`, { problem: 'after_start' });
      if (s !== null && ns !== null && Date.parse(s) < ns)
        report(`${p}.startsAt`, "starts before the notice's window; widen the notice's window first");
      if (e !== null && ne !== null && Date.parse(e) > ne)
        report(`${p}.endsAt`, "ends after the notice's window; widen the notice's window first");
    });
  },
};

const someArea: NoticeRule = {
  id: 'notice.areas.present',
  stage: 'submit',
  description: 'A notice names at least one area or road closure, so residents and subscribers know where.',
  check(d, _ctx, report) {
    if (Array.isArray(d.areas) && d.areas.length === 0)
      report('areas', 'add at least one area or road closure');
  },
};

const areaTextsPerLanguage: NoticeRule = {
  id: 'notice.areas.texts',
  stage: 'submit',
  description:
    'In every language that is published, each area has its public name and each closure its description (the road, from where to where), written for residents rather than copied from the exercise.',
  check(d, _ctx, report) {
    if (!Array.isArray(d.areas)) return;
    for (const lang of completeLanguages(d.texts ?? {}))
      for (const m of missingAreaTexts(d.areas, lang))
        report(`areas[${m.index}].texts.${lang}.${m.field}`, {
          problem: m.field === 'name' ? 'area_name_missing' : 'closure_description_missing',
          params: { language: lang },
        });
  },
};

const cityRule: NoticeRule = {
  id: 'notice.city',
  stage: 'save',
  description: 'The city is at most 100 characters on one line.',
  check(d, _ctx, report) {
    if (
      d.city !== null &&
      (typeof d.city !== 'string' || d.city.length > 100 || CONTROL_OR_BREAK.test(d.city))
    )
      report('city', 'must be one line of at most 100 characters');
  },
};

export const NOTICE_RULES: readonly NoticeRule[] = [
  timeZoneRule,
  windowRule,
  windowNotOver,
  cityRule,
  textLimits,
  oneLanguage,
  noHalfLanguage,
  areaShapes,
  areaWindows,
  someArea,
  areaTextsPerLanguage,
];

/**
 * Every problem of `draft` at `stage` (`submit` includes the `save` rules). Pure: the clock is an
 * argument.
 */
export function validateNotice(
  draft: NoticeDraft,
  stage: NoticeStage,
  now: Date = new Date(),
): NoticeProblem[] {
  const problems: NoticeProblem[] = [];
  for (const rule of NOTICE_RULES) {
    if (stage === 'save' && rule.stage === 'submit') continue;
    rule.check(draft, { now }, (path, problem) =>
      problems.push(
        typeof problem === 'string'
          ? { path, rule: rule.id, message: problem }
          : {
              path,
              rule: rule.id,
              message: problemText('en', problem.problem, problem.params),
              fault: problem,
            },
      ),
    );
  }
  return problems;
}
