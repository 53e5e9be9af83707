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
      report(
        '/alert/info',
        `Dabyl messages are given in kk, ru and en; an <info> in ${missing.join(', ')} is missing.`,
      );
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
        report(
          `${p}/language`,
          `"${tag || 'none (en-US by default)'}" is not one of Dabyl's tags kk, ru, en (or kk-KZ, ru-KZ).`,
        );
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
        report(
          `${p}/geocode`,
          `Each area names its region in a <geocode> ${DABYL_REGION_GEOCODE} (such as KZ-71 for Astana).`,
        );
      }
      for (const code of codes) {
        if (kzRegion(code)) continue;
        const replacement = KZ_LEGACY_CODES[code];
        report(
          `${p}/geocode`,
          replacement
            ? `${code} is a withdrawn ISO 3166-2 code; use ${replacement} (${kzRegion(replacement)!.en}).`
            : `${code} is not an ISO 3166-2 code of a Kazakhstan region or city.`,
        );
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
      report('/alert/note', `A ${alert.status} message must name the exercise or test in <note>.`);
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
        report(
          `${p}/headline`,
          'An Exercise message should say EXERCISE in its headline, in every language.',
        );
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
        report(p, 'This <info> differs from the first in category, urgency, severity, certainty or areas.');
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
      report('/alert/sent', 'Kazakhstan time is +05:00; <sent> uses another offset.');
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
