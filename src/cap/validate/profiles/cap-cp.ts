/**
 * CAP-CP, the Canadian Profile of CAP (rules 0.4): one event per message, Canadian languages, event
 * and location references from the CAP-CP managed lists.
 */
import type { CapProfile, CapRule } from '../rule.js';
import { eachArea, eachInfo } from '../walk.js';
import { valuesOf } from './pairs.js';

const EVENT = 'profile:CAP-CP:Event:0.4';
const LOCATION = 'profile:CAP-CP:Location:0.3';
const PROFILE = 'CAP-CP';
const LANGUAGES = 'en-CA, fr-CA';

const profileCode: CapRule = {
  id: 'capcp.code',
  severity: 'error',
  description: 'alert/code contains "profile:CAP-CP:0.4".',
  check({ alert }, report) {
    if (!alert.code.includes('profile:CAP-CP:0.4')) {
      report('/alert/code', 'rule_profile_code', { profile: PROFILE, code: 'profile:CAP-CP:0.4' });
    }
  },
};

const languages: CapRule = {
  id: 'capcp.language',
  severity: 'error',
  description: 'Every info block is in Canadian English (en-CA) or Canadian French (fr-CA).',
  check({ alert }, report) {
    eachInfo(alert, (info, p) => {
      if (info.language !== 'en-CA' && info.language !== 'fr-CA') {
        report(`${p}/language`, 'rule_profile_language', {
          profile: PROFILE,
          allowed: LANGUAGES,
          value: info.language ?? 'en-US',
        });
      }
    });
  },
};

const bilingual: CapRule = {
  id: 'capcp.bilingual',
  severity: 'warning',
  description: 'A public message is given in both official languages.',
  check({ alert }, report) {
    const langs = new Set(alert.info.map((i) => i.language));
    if (alert.scope === 'Public' && alert.info.length > 0 && !(langs.has('en-CA') && langs.has('fr-CA'))) {
      report('/alert/info', 'rule_profile_bilingual', { profile: PROFILE, allowed: LANGUAGES });
    }
  },
};

const eventCode: CapRule = {
  id: 'capcp.event',
  severity: 'error',
  description: `Every info block names its event from the CAP-CP list (eventCode ${EVENT}), the same in all.`,
  check({ alert }, report) {
    const events = new Set<string>();
    eachInfo(alert, (info, p) => {
      const codes = valuesOf(info.eventCode, EVENT);
      if (codes.length !== 1)
        report(`${p}/eventCode`, 'rule_profile_one_event_code', { profile: PROFILE, name: EVENT });
      codes.forEach((c) => events.add(c));
    });
    if (events.size > 1) {
      report('/alert/info', 'rule_profile_one_event', { profile: PROFILE, events: [...events].join(', ') });
    }
  },
};

const location: CapRule = {
  id: 'capcp.location',
  severity: 'error',
  description: `Every area has a Standard Geographical Classification code (geocode ${LOCATION}).`,
  check({ alert }, report) {
    eachArea(alert, (area, p) => {
      const codes = valuesOf(area.geocode, LOCATION);
      if (codes.length === 0)
        report(`${p}/geocode`, 'rule_profile_geocode', { profile: PROFILE, name: LOCATION });
      for (const c of codes) {
        if (!/^\d{2}(?:\d{2}(?:\d{3})?)?$/.test(c)) report(`${p}/geocode`, 'rule_location_sgc', { code: c });
      }
    });
  },
};

/** CAP-CP. */
export const capCpProfile: CapProfile = {
  id: 'cap-cp',
  name: 'CAP-CP (Canada)',
  description: 'The Canadian Profile: profile code, en-CA/fr-CA, one CAP-CP event, SGC location codes.',
  rules: [profileCode, languages, bilingual, eventCode, location],
  plausibleArea: [{ minLat: 41.6, maxLat: 83.2, minLon: -141.1, maxLon: -52.6 }],
};
