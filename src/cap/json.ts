/**
 * The JSON form of a CAP message, lossless in both directions:
 *
 *     { "cap": "1.2", "alert": { "identifier": "…", …, "info": [ { …, "area": [ … ] } ] } }
 *
 * Property names are CAP's element names; properties appear in the schema's order; an absent optional
 * element is an absent property; a repeatable element is always an array (empty when absent); text is
 * the text itself (no XML escaping); size, altitude and ceiling are numbers. docs/cap.md documents it.
 */
import type { CapAlert, CapArea, CapInfo, CapResource, CapValuePair } from './model.js';
import { capSentence, type CapWords } from './sentences/sentences.js';

/** The JSON document: the CAP version the model follows, and the alert. */
export interface CapJson {
  cap: '1.2';
  alert: CapAlert;
}

/**
 * Thrown by {@link capFromJson} for JSON that is not a CAP message; `path` names the property and
 * `words` why, in any language (the message is the English sentence).
 */
export class CapJsonError extends Error {
  constructor(
    readonly path: string,
    readonly words: CapWords,
  ) {
    super(`${path}: ${capSentence('en', words)}`);
    this.name = 'CapJsonError';
  }
}

type Obj = Record<string, unknown>;

function put<T extends object>(target: T, key: keyof T, value: unknown): void {
  if (value !== undefined) (target as Obj)[key as string] = value;
}

const pairsOut = (ps: readonly CapValuePair[]): CapValuePair[] =>
  ps.map((p) => ({ valueName: p.valueName, value: p.value }));

function resourceOut(r: CapResource): CapResource {
  const out: CapResource = { resourceDesc: r.resourceDesc, mimeType: r.mimeType };
  for (const k of ['size', 'uri', 'derefUri', 'digest'] as const) put(out, k, r[k]);
  return out;
}

function areaOut(a: CapArea): CapArea {
  const out: CapArea = {
    areaDesc: a.areaDesc,
    polygon: [...a.polygon],
    circle: [...a.circle],
    geocode: pairsOut(a.geocode),
  };
  put(out, 'altitude', a.altitude);
  put(out, 'ceiling', a.ceiling);
  return out;
}

function infoOut(i: CapInfo): CapInfo {
  const out = {} as CapInfo;
  put(out, 'language', i.language);
  out.category = [...i.category];
  out.event = i.event;
  out.responseType = [...i.responseType];
  out.urgency = i.urgency;
  out.severity = i.severity;
  out.certainty = i.certainty;
  put(out, 'audience', i.audience);
  out.eventCode = pairsOut(i.eventCode);
  for (const k of [
    'effective',
    'onset',
    'expires',
    'senderName',
    'headline',
    'description',
    'instruction',
    'web',
    'contact',
  ] as const) {
    put(out, k, i[k]);
  }
  out.parameter = pairsOut(i.parameter);
  out.resource = i.resource.map(resourceOut);
  out.area = i.area.map(areaOut);
  return out;
}

/** The JSON form of `alert` as a plain object (properties in schema order). */
export function capToJson(alert: CapAlert): CapJson {
  const out = {
    identifier: alert.identifier,
    sender: alert.sender,
    sent: alert.sent,
    status: alert.status,
    msgType: alert.msgType,
  } as CapAlert;
  put(out, 'source', alert.source);
  out.scope = alert.scope;
  put(out, 'restriction', alert.restriction);
  put(out, 'addresses', alert.addresses);
  out.code = [...alert.code];
  for (const k of ['note', 'references', 'incidents'] as const) put(out, k, alert[k]);
  out.info = alert.info.map(infoOut);
  return { cap: '1.2', alert: out };
}

/** The JSON form of `alert` as text. */
export const capToJsonText = (alert: CapAlert, indent = 2): string =>
  JSON.stringify(capToJson(alert), null, indent);

// Reading: every property is checked so a malformed document fails here, naming the property.

function obj(v: unknown, path: string): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw new CapJsonError(path, { key: 'json_object' });
  return v as Obj;
}

function str(o: Obj, key: string, path: string, optional: boolean): string | undefined {
  const v = o[key];
  if (v === undefined && optional) return undefined;
  if (typeof v !== 'string')
    throw new CapJsonError(`${path}/${key}`, { key: optional ? 'json_text_when_present' : 'json_text' });
  return v;
}

function num(o: Obj, key: string, path: string): number | undefined {
  const v = o[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v))
    throw new CapJsonError(`${path}/${key}`, { key: 'json_number' });
  return v;
}

function list<T>(o: Obj, key: string, path: string, read: (v: unknown, p: string) => T): T[] {
  const v = o[key];
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw new CapJsonError(`${path}/${key}`, { key: 'json_array' });
  return v.map((item, i) => read(item, `${path}/${key}[${i}]`));
}

const text = (v: unknown, p: string): string => {
  if (typeof v !== 'string') throw new CapJsonError(p, { key: 'json_text' });
  return v;
};

const pairIn = (v: unknown, p: string): CapValuePair => {
  const o = obj(v, p);
  return { valueName: str(o, 'valueName', p, false)!, value: str(o, 'value', p, false)! };
};

function resourceIn(v: unknown, p: string): CapResource {
  const o = obj(v, p);
  const out: CapResource = {
    resourceDesc: str(o, 'resourceDesc', p, false)!,
    mimeType: str(o, 'mimeType', p, false)!,
  };
  put(out, 'size', num(o, 'size', p));
  for (const k of ['uri', 'derefUri', 'digest'] as const) put(out, k, str(o, k, p, true));
  return out;
}

function areaIn(v: unknown, p: string): CapArea {
  const o = obj(v, p);
  const out: CapArea = {
    areaDesc: str(o, 'areaDesc', p, false)!,
    polygon: list(o, 'polygon', p, text),
    circle: list(o, 'circle', p, text),
    geocode: list(o, 'geocode', p, pairIn),
  };
  put(out, 'altitude', num(o, 'altitude', p));
  put(out, 'ceiling', num(o, 'ceiling', p));
  return out;
}

function infoIn(v: unknown, p: string): CapInfo {
  const o = obj(v, p);
  const out = {} as CapInfo;
  put(out, 'language', str(o, 'language', p, true));
  out.category = list(o, 'category', p, text) as CapInfo['category'];
  out.event = str(o, 'event', p, false)!;
  out.responseType = list(o, 'responseType', p, text) as CapInfo['responseType'];
  out.urgency = str(o, 'urgency', p, false) as CapInfo['urgency'];
  out.severity = str(o, 'severity', p, false) as CapInfo['severity'];
  out.certainty = str(o, 'certainty', p, false) as CapInfo['certainty'];
  put(out, 'audience', str(o, 'audience', p, true));
  out.eventCode = list(o, 'eventCode', p, pairIn);
  for (const k of [
    'effective',
    'onset',
    'expires',
    'senderName',
    'headline',
    'description',
    'instruction',
    'web',
    'contact',
  ] as const) {
    put(out, k, str(o, k, p, true));
  }
  out.parameter = list(o, 'parameter', p, pairIn);
  out.resource = list(o, 'resource', p, resourceIn);
  out.area = list(o, 'area', p, areaIn);
  return out;
}

/**
 * Reads the JSON form (as text or an already parsed value) back into the model. Enumerated values
 * are not judged here; {@link validateCap} does that, as it does for XML.
 */
export function capFromJson(json: string | unknown): CapAlert {
  let value = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch (err) {
      throw new CapJsonError('/', { key: 'json_syntax', params: { detail: (err as Error).message } });
    }
  }
  const doc = obj(value, '/');
  if (doc.cap !== '1.2') throw new CapJsonError('/cap', { key: 'json_version', params: { version: '1.2' } });
  const o = obj(doc.alert, '/alert');
  const p = '/alert';
  const out = {
    identifier: str(o, 'identifier', p, false),
    sender: str(o, 'sender', p, false),
    sent: str(o, 'sent', p, false),
    status: str(o, 'status', p, false),
    msgType: str(o, 'msgType', p, false),
  } as CapAlert;
  put(out, 'source', str(o, 'source', p, true));
  out.scope = str(o, 'scope', p, false) as CapAlert['scope'];
  put(out, 'restriction', str(o, 'restriction', p, true));
  put(out, 'addresses', str(o, 'addresses', p, true));
  out.code = list(o, 'code', p, text);
  for (const k of ['note', 'references', 'incidents'] as const) put(out, k, str(o, k, p, true));
  out.info = list(o, 'info', p, infoIn);
  return out;
}
