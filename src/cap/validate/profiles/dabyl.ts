/**
 * Dabyl's own profile for Kazakhstan: every message in Kazakh, Russian and English, every area tied to
 * a region by its ISO 3166-2:KZ code, exercises plainly marked.
 */
import { parseCapDateTime } from '../../datetime.js';
import type { CapInfo } from '../../model.js';
import type { CapProfile, CapRule } from '../rule.js';
import { eachArea, eachInfo } from '../walk.js';
import { KZ_LEGACY_CODES, kzRegion } from './kz-regions.js';
import { valuesOf } from './pairs.js';

/** The geocode name under which Dabyl areas carry their region. */
export const DABYL_REGION_GEOCODE = 'ISO3166-2';

const REQUIRED_LANGUAGES = ['kk', 'ru', 'en'] as const;

/** A region's or city's name in each language, for a sentence that names it. */
const placeOf = (code: string): { kk: string; ru: string; en: string } => {
  const { kk, ru, en } = kzRegion(code)!;
  return { kk, ru, en };
};
const primary = (info: CapInfo): string => (info.language ?? 'en-US').split('-')[0]!.toLowerCase();

const languages: CapRule = {
  id: 'dabyl.languages',
  severity: 'error',
  description: 'The message has info blocks in Kazakh (kk), Russian (ru) and English (en).',
  check({ alert }, report) {
    if (alert.info.length === 0) return;
    const present = new Set(alert.info.map(primary));
    const missing = REQUIRED_LANGUAGES.filter((l) => !present.has(l));
    if (missing.length > 0) {
      report('/alert/info', 'rule_dabyl_languages', {
        required: REQUIRED_LANGUAGES.join(', '),
        missing: missing.join(', '),
      });
    }
  },
};

const languageTags: CapRule = {
  id: 'dabyl.language-tags',
  severity: 'warning',
  description: 'Languages are tagged kk or kk-KZ, ru or ru-KZ, en or en-*.',
  check({ alert }, report) {
    eachInfo(alert, (info, p) => {
      const tag = info.language ?? '';
      if (!/^(kk(-KZ)?|ru(-KZ)?|en(-[A-Za-z]{2})?)$/.test(tag)) {
        const allowed = 'kk, ru, en, kk-KZ, ru-KZ';
        if (tag) report(`${p}/language`, 'rule_dabyl_tag', { value: tag, allowed });
        else report(`${p}/language`, 'rule_dabyl_tag_missing', { value: 'en-US', allowed });
      }
    });
  },
};

const regions: CapRule = {
  id: 'dabyl.region',
  severity: 'error',
  description: `Every area names its region or city with a current ISO 3166-2:KZ code (geocode ${DABYL_REGION_GEOCODE}).`,
  check({ alert }, report) {
    eachArea(alert, (area, p) => {
      const codes = valuesOf(area.geocode, DABYL_REGION_GEOCODE);
      if (codes.length === 0) {
        report(`${p}/geocode`, 'rule_region_missing', {
          name: DABYL_REGION_GEOCODE,
          example: 'KZ-71',
          place: placeOf('KZ-71'),
        });
      }
      for (const code of codes) {
        if (kzRegion(code)) continue;
        const replacement = KZ_LEGACY_CODES[code];
        if (replacement)
          report(`${p}/geocode`, 'rule_region_withdrawn', { code, replacement, place: placeOf(replacement) });
        else report(`${p}/geocode`, 'rule_region_unknown', { code });
      }
    });
  },
};

const exerciseNote: CapRule = {
  id: 'dabyl.exercise-note',
  severity: 'error',
  description: 'Exercise and Test messages name the exercise or test in note.',
  check({ alert }, report) {
    if ((alert.status === 'Exercise' || alert.status === 'Test') && (alert.note ?? '').trim() === '') {
      report('/alert/note', 'rule_note_exercise_or_test', { msgStatus: alert.status });
    }
  },
};

const exerciseMarking: CapRule = {
  id: 'dabyl.exercise-marking',
  severity: 'warning',
  description: 'Exercise headlines say EXERCISE, so no reader mistakes a drill for a real alert.',
  check({ alert }, report) {
    if (alert.status !== 'Exercise') return;
    eachInfo(alert, (info, p) => {
      if (!(info.headline ?? '').includes('EXERCISE')) {
        report(`${p}/headline`, 'rule_exercise_headline', { msgStatus: alert.status, marking: 'EXERCISE' });
      }
    });
  },
};

const consistentBlocks: CapRule = {
  id: 'dabyl.consistent-languages',
  severity: 'warning',
  description:
    'The kk, ru and en blocks agree on category, urgency, severity, certainty and number of areas.',
  check({ alert }, report) {
    const sig = (i: CapInfo): string =>
      [i.category.join('+'), i.urgency, i.severity, i.certainty, i.area.length].join('|');
    const first = alert.info[0];
    eachInfo(alert, (info, p) => {
      if (first && info !== first && sig(info) !== sig(first)) {
        report(p, 'rule_blocks_differ');
      }
    });
  },
};

const timeZone: CapRule = {
  id: 'dabyl.time-zone',
  severity: 'info',
  description: 'Kazakhstan keeps one time zone, UTC+5, since March 2024.',
  check({ alert }, report) {
    if (parseCapDateTime(alert.sent) && !alert.sent.endsWith('+05:00')) {
      report('/alert/sent', 'rule_time_zone', { offset: '+05:00' });
    }
  },
};

/** Dabyl (Kazakhstan). */
export const dabylProfile: CapProfile = {
  id: 'dabyl',
  name: 'Dabyl (Kazakhstan)',
  description: 'kk/ru/en info blocks, ISO 3166-2:KZ region geocodes, exercises named and marked.',
  rules: [languages, languageTags, regions, exerciseNote, exerciseMarking, consistentBlocks, timeZone],
  plausibleArea: [{ minLat: 40.5, maxLat: 55.5, minLon: 46.4, maxLon: 87.4 }],
};
