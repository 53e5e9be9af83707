/**
 * The operators' Cell Broadcast Centres (DABYL_CBC_CENTRES): a JSON array, one object per centre.
 * Parsed once at start-up; a bad entry stops Dabyl naming the variable and the entry.
 */

import type { FieldFault, MessageParams } from '../core/messages/catalogue.js';
import type { FieldProblem } from '../core/messages/codes.js';

/** One operator's centre, as its configuration names it. */
export interface CbcCentreConfig {
  /** The centre's name: the address of its deliveries (letters, digits, `-`, `_`). */
  readonly name: string;
  /** `ecbe`: the Osmocom CBC's REST interface; `cap`: CAP 1.2 POSTed over HTTPS. */
  readonly protocol: 'ecbe' | 'cap';
  /** ECBE: the API base (`…/api/ecbe/v1`); CAP: the URL the message is POSTed to. User and password in it are sent as basic authentication. */
  readonly url: string;
  /** Sent as a bearer token instead of basic authentication, when set. */
  readonly token: string | undefined;
  /** The languages broadcast, in order; the first goes on the category's own identifier. */
  readonly languages: readonly string[];
  /** ECBE `cbe_name`: who the centre is told the message comes from. */
  readonly cbeName: string;
  /** ECBE `repetition_period` (1–4095, in the centre's units of about 1.883 s). */
  readonly repetitionPeriod: number;
  /** ISO 3166-2:KZ regions the centre serves; empty: the whole country. */
  readonly regions: readonly string[];
}

/** Makes the error for a problem: its English, and its fault to word it in another language. */
type Problem = (problem: string, fault: FieldFault) => Error;

function entry(raw: unknown, i: number, fail: Problem): CbcCentreConfig {
  const centre = i + 1;
  const at = (p: string, problem: FieldProblem, params: MessageParams = {}) =>
    fail(`centre ${centre}: ${p}`, { problem, params: { centre, ...params } });
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw at('must be an object', 'cbc_object');
  const o = raw as Record<string, unknown>;
  const known = ['name', 'protocol', 'url', 'token', 'languages', 'cbeName', 'repetitionPeriod', 'regions'];
  const unknown = Object.keys(o).find((k) => !known.includes(k));
  if (unknown) throw at(`unknown field "${unknown}"`, 'cbc_unknown_field', { field: unknown });
  if (typeof o.name !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(o.name))
    throw at('"name" must be 1 to 64 letters, digits, "-" or "_"', 'cbc_name', {
      key: 'name',
      min: 1,
      max: 64,
    });
  if (o.protocol !== 'ecbe' && o.protocol !== 'cap')
    throw at('"protocol" must be "ecbe" or "cap"', 'cbc_protocol', { key: 'protocol', choices: 'ecbe, cap' });
  let url: URL;
  try {
    url = new URL(String(o.url));
  } catch {
    throw at('"url" is not a URL', 'cbc_url', { key: 'url' });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw at('"url" must start with https://', 'cbc_url_scheme', { key: 'url', schemes: 'https://' });
  if (o.token !== undefined && (typeof o.token !== 'string' || !o.token || /[\r\n]/.test(o.token)))
    throw at('"token" must be a non-empty string on one line', 'cbc_token', { key: 'token' });
  const strings = (v: unknown, field: string, pattern: RegExp): string[] => {
    const example = field === 'languages' ? '["kk", "ru"]' : '["KZ-ALA"]';
    if (!Array.isArray(v) || !v.every((s) => typeof s === 'string' && pattern.test(s)))
      throw at(`"${field}" must be a list like ${example}`, 'cbc_list', { field, example });
    return v as string[];
  };
  const languages =
    o.languages === undefined ? ['kk', 'ru'] : strings(o.languages, 'languages', /^[a-z]{2}$/);
  if (!languages.length)
    throw at('"languages" must name at least one language', 'cbc_languages_none', { key: 'languages' });
  const rep = o.repetitionPeriod ?? 10;
  if (typeof rep !== 'number' || !Number.isInteger(rep) || rep < 1 || rep > 4095)
    throw at('"repetitionPeriod" must be a whole number from 1 to 4095', 'cbc_repetition', {
      key: 'repetitionPeriod',
      min: 1,
      max: 4095,
    });
  const cbeName = o.cbeName ?? 'dabyl';
  if (typeof cbeName !== 'string' || !cbeName)
    throw at('"cbeName" must be a non-empty string', 'cbc_cbe_name', { key: 'cbeName' });
  return Object.freeze({
    name: o.name,
    protocol: o.protocol,
    url: url.href,
    token: o.token as string | undefined,
    languages: Object.freeze(languages),
    cbeName,
    repetitionPeriod: rep,
    regions: Object.freeze(
      o.regions === undefined ? [] : strings(o.regions, 'regions', /^KZ-[A-Z0-9]{1,3}$/),
    ),
  });
}

/** The centres DABYL_CBC_CENTRES names; unset or empty: none, and cell broadcasts wait. */
export function parseCbcCentres(raw: string | undefined, fail: Problem): readonly CbcCentreConfig[] {
  if (raw === undefined || raw.trim() === '') return Object.freeze([]);
  let list: unknown;
  try {
    list = JSON.parse(raw);
  } catch {
    throw fail('must be a JSON array of centres', { problem: 'cbc_not_array' });
  }
  if (!Array.isArray(list)) throw fail('must be a JSON array of centres', { problem: 'cbc_not_array' });
  const centres = list.map((c, i) => entry(c, i, fail));
  const names = new Set<string>();
  for (const c of centres) {
    if (names.has(c.name))
      throw fail(`two centres are named ${c.name}`, { problem: 'cbc_two_named', params: { name: c.name } });
    names.add(c.name);
  }
  return Object.freeze(centres);
}
