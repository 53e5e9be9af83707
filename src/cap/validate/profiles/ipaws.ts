/**
 * CAP-IPAWS profile v1.0 (FEMA's Integrated Public Alert and Warning System): the rules a message must
 * meet before IPAWS-OPEN relays it to EAS, WEA and NWEM.
 */
import type { CapProfile, CapRule } from '../rule.js';
import { eachArea, eachInfo } from '../walk.js';
import { valuesOf } from './pairs.js';

const PROFILE = 'IPAWS';

const profileCode: CapRule = {
  id: 'ipaws.code',
  severity: 'error',
  description: 'alert/code contains "IPAWSv1.0".',
  check({ alert }, report) {
    if (!alert.code.includes('IPAWSv1.0'))
      report('/alert/code', 'rule_profile_code', { profile: PROFILE, code: 'IPAWSv1.0' });
  },
};

const expires: CapRule = {
  id: 'ipaws.expires',
  severity: 'error',
  description: 'Every info block has an expires time.',
  check({ alert }, report) {
    eachInfo(alert, (info, p) => {
      if (info.expires === undefined) report(`${p}/expires`, 'rule_profile_expires', { profile: PROFILE });
    });
  },
};

const oneCategory: CapRule = {
  id: 'ipaws.category',
  severity: 'error',
  description: 'Each info block has exactly one category.',
  check({ alert }, report) {
    eachInfo(alert, (info, p) => {
      if (info.category.length > 1)
        report(`${p}/category[1]`, 'rule_profile_one_category', { profile: PROFILE });
    });
  },
};

const sameEvent: CapRule = {
  id: 'ipaws.same-event',
  severity: 'error',
  description: 'Every info block has an eventCode SAME with a three-letter event code.',
  check({ alert }, report) {
    eachInfo(alert, (info, p) => {
      const codes = valuesOf(info.eventCode, 'SAME');
      if (codes.length === 0)
        report(`${p}/eventCode`, 'rule_profile_event_code', {
          profile: PROFILE,
          name: 'SAME',
          example: 'CEM',
        });
      for (const c of codes) {
        if (!/^[A-Z]{3}$/.test(c))
          report(`${p}/eventCode`, 'rule_event_code_form', { name: 'SAME', code: c });
      }
    });
  },
};

const sameGeocode: CapRule = {
  id: 'ipaws.same-geocode',
  severity: 'error',
  description: 'Every area has a geocode SAME of six digits (PSSCCC).',
  check({ alert }, report) {
    eachArea(alert, (area, p) => {
      const codes = valuesOf(area.geocode, 'SAME');
      if (codes.length === 0)
        report(`${p}/geocode`, 'rule_profile_geocode', { profile: PROFILE, name: 'SAME' });
      for (const c of codes) {
        if (!/^\d{6}$/.test(c)) report(`${p}/geocode`, 'rule_location_six_digits', { name: 'SAME', code: c });
      }
    });
  },
};

const WEA_LIMITS: Record<string, number> = { CMAMtext: 90, CMAMlongtext: 360 };

const weaText: CapRule = {
  id: 'ipaws.wea-text',
  severity: 'error',
  description: 'WEA texts fit: CMAMtext at most 90 characters, CMAMlongtext at most 360.',
  check({ alert }, report) {
    eachInfo(alert, (info, p) => {
      info.parameter.forEach((param, i) => {
        const limit = WEA_LIMITS[param.valueName];
        if (limit !== undefined && [...param.value].length > limit) {
          report(`${p}/parameter[${i}]`, 'rule_text_length', {
            name: param.valueName,
            length: [...param.value].length,
            limit,
          });
        }
      });
    });
  },
};

const ALLOWED_VALUES: Record<string, readonly string[]> = {
  BLOCKCHANNEL: ['CMAS', 'EAS', 'NWEM', 'PUBLIC'],
  'EAS-ORG': ['EAS', 'CIV', 'WXR', 'PEP'],
};

const parameterValues: CapRule = {
  id: 'ipaws.parameter-values',
  severity: 'error',
  description: 'BLOCKCHANNEL and EAS-ORG parameters hold one of their listed values.',
  check({ alert }, report) {
    eachInfo(alert, (info, p) => {
      info.parameter.forEach((param, i) => {
        const allowed = ALLOWED_VALUES[param.valueName];
        if (allowed && !allowed.includes(param.value)) {
          report(`${p}/parameter[${i}]`, 'rule_parameter_value', {
            name: param.valueName,
            value: param.value,
            allowed: allowed.join(', '),
          });
        }
      });
    });
  },
};

const languages: CapRule = {
  id: 'ipaws.language',
  severity: 'warning',
  description: 'WEA and EAS carry English (en-US) and Spanish (es-US).',
  check({ alert }, report) {
    eachInfo(alert, (info, p) => {
      const lang = info.language ?? 'en-US';
      if (lang !== 'en-US' && lang !== 'es-US')
        report(`${p}/language`, 'rule_profile_language', {
          profile: PROFILE,
          allowed: 'en-US, es-US',
          value: lang,
        });
    });
  },
};

/** CAP-IPAWS v1.0. */
export const ipawsProfile: CapProfile = {
  id: 'ipaws',
  name: 'CAP-IPAWS v1.0',
  description:
    "FEMA's IPAWS profile: IPAWSv1.0 code, SAME event and location codes, expires, WEA text lengths.",
  rules: [profileCode, expires, oneCategory, sameEvent, sameGeocode, weaText, parameterValues, languages],
  plausibleArea: [
    { minLat: 13, maxLat: 72, minLon: -180, maxLon: -64 },
    { minLat: 13, maxLat: 21, minLon: 144, maxLon: 146.5 },
  ],
};
