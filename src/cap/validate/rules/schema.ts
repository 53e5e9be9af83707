/** What the CAP 1.2 XSD checks on content: required values, enumerations, dateTime form. */
import { isCapDateTime } from '../../datetime.js';
import {
  CAP_CATEGORIES,
  CAP_CERTAINTIES,
  CAP_MSG_TYPES,
  CAP_RESPONSE_TYPES,
  CAP_SCOPES,
  CAP_SEVERITIES,
  CAP_STATUSES,
  CAP_URGENCIES,
} from '../../model.js';
import type { CapRule, Report } from '../rule.js';
import { eachArea, eachInfo, eachResource } from '../walk.js';

const blank = (v: string | undefined): boolean => v === undefined || v.trim() === '';

function need(report: Report, path: string, name: string, value: string | undefined): void {
  if (blank(value)) report(`${path}/${name}`, 'rule_required', { element: name });
}

export const required: CapRule = {
  id: 'xsd.required',
  severity: 'error',
  description: 'Every element the schema requires is present and not empty.',
  check({ alert }, report) {
    for (const name of ['identifier', 'sender', 'sent', 'status', 'msgType', 'scope'] as const) {
      need(report, '/alert', name, alert[name]);
    }
    eachInfo(alert, (info, p) => {
      if (info.category.length === 0) report(`${p}/category`, 'rule_category_missing');
      for (const name of ['event', 'urgency', 'severity', 'certainty'] as const)
        need(report, p, name, info[name]);
    });
    eachResource(alert, (r, p) => {
      need(report, p, 'resourceDesc', r.resourceDesc);
      need(report, p, 'mimeType', r.mimeType);
    });
    eachArea(alert, (a, p) => need(report, p, 'areaDesc', a.areaDesc));
  },
};

function oneOf(report: Report, path: string, value: string, allowed: readonly string[]): void {
  if (!blank(value) && !allowed.includes(value)) {
    report(path, 'rule_not_listed', { value, allowed: allowed.join(', ') });
  }
}

export const enumerations: CapRule = {
  id: 'xsd.enumeration',
  severity: 'error',
  description:
    'Enumerated elements (status, msgType, scope, category, responseType, urgency, …) hold a listed value.',
  check({ alert }, report) {
    oneOf(report, '/alert/status', alert.status, CAP_STATUSES);
    oneOf(report, '/alert/msgType', alert.msgType, CAP_MSG_TYPES);
    oneOf(report, '/alert/scope', alert.scope, CAP_SCOPES);
    eachInfo(alert, (info, p) => {
      info.category.forEach((c, i) => oneOf(report, `${p}/category[${i}]`, c, CAP_CATEGORIES));
      info.responseType.forEach((r, i) => oneOf(report, `${p}/responseType[${i}]`, r, CAP_RESPONSE_TYPES));
      oneOf(report, `${p}/urgency`, info.urgency, CAP_URGENCIES);
      oneOf(report, `${p}/severity`, info.severity, CAP_SEVERITIES);
      oneOf(report, `${p}/certainty`, info.certainty, CAP_CERTAINTIES);
    });
  },
};

function dateTime(report: Report, path: string, value: string | undefined): void {
  if (!blank(value) && !isCapDateTime(value!)) {
    report(path, 'rule_datetime', { value: value! });
  }
}

export const dateTimes: CapRule = {
  id: 'xsd.datetime',
  severity: 'error',
  description: 'sent, effective, onset and expires are dateTimes with a numeric time zone and whole seconds.',
  check({ alert }, report) {
    dateTime(report, '/alert/sent', alert.sent);
    eachInfo(alert, (info, p) => {
      for (const name of ['effective', 'onset', 'expires'] as const)
        dateTime(report, `${p}/${name}`, info[name]);
    });
  },
};

const LANGUAGE_TAG = /^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$/;

export const language: CapRule = {
  id: 'cap.language',
  severity: 'error',
  description: 'info/language is a language tag per RFC 3066 (such as en-US, kk, ru-KZ).',
  check({ alert }, report) {
    eachInfo(alert, (info, p) => {
      if (info.language !== undefined && !LANGUAGE_TAG.test(info.language)) {
        report(`${p}/language`, 'rule_language_tag', { value: info.language, example: 'en-US, kk' });
      }
    });
  },
};

export const ceilingNeedsAltitude: CapRule = {
  id: 'cap.area.ceiling',
  severity: 'error',
  description: 'ceiling is only used together with altitude (CAP 1.2, area element table).',
  check({ alert }, report) {
    eachArea(alert, (a, p) => {
      if (a.ceiling !== undefined && a.altitude === undefined) {
        report(`${p}/ceiling`, 'rule_ceiling_alone');
      } else if (a.ceiling !== undefined && a.altitude !== undefined && a.ceiling < a.altitude) {
        report(`${p}/ceiling`, 'rule_ceiling_below', { ceiling: a.ceiling, altitude: a.altitude });
      }
    });
  },
};
