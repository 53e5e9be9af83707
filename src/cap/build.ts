/**
 * The CAP 1.2 builder: writes a {@link CapAlert} as XML in the schema's element order.
 *
 * Strings are concatenated by hand rather than through a generic XML builder: the element order is
 * fixed by the schema, so a generic tree walk would only add cost (see bench/cap.bench.ts).
 */
import { CAP_1_2_NAMESPACE } from './model.js';
import type { CapAlert, CapArea, CapInfo, CapResource, CapValuePair } from './model.js';
import { escapeXmlText, isXmlRepresentable } from './xml/escape.js';

/** Thrown when a model holds something XML cannot carry (a control character, a non-finite number). */
export class CapBuildError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
    this.name = 'CapBuildError';
  }
}

/** Options of {@link buildCap}. */
export interface BuildCapOptions {
  /** Start with `<?xml version="1.0" encoding="UTF-8"?>` (default true). */
  xmlDeclaration?: boolean;
}

function text(path: string, value: string): string {
  if (!isXmlRepresentable(value)) {
    throw new CapBuildError(path, 'the text holds a character XML 1.0 cannot carry');
  }
  return escapeXmlText(value);
}

const el = (path: string, name: string, value: string): string =>
  `<${name}>${text(`${path}/${name}`, value)}</${name}>`;

const opt = (path: string, name: string, value: string | undefined): string =>
  value === undefined ? '' : el(path, name, value);

function many(path: string, name: string, values: readonly string[]): string {
  let out = '';
  for (let i = 0; i < values.length; i++) out += el(`${path}[${i}]`, name, values[i]!);
  return out;
}

function pairs(path: string, name: string, values: readonly CapValuePair[]): string {
  let out = '';
  for (let i = 0; i < values.length; i++) {
    const p = values[i]!;
    const at = `${path}/${name}[${i}]`;
    out += `<${name}>${el(at, 'valueName', p.valueName)}${el(at, 'value', p.value)}</${name}>`;
  }
  return out;
}

/** Writes a number as xs:decimal, which has no exponent form. */
export function formatDecimal(path: string, n: number): string {
  if (!Number.isFinite(n)) throw new CapBuildError(path, `${n} is not a decimal number`);
  const s = String(n);
  if (!s.includes('e')) return s;
  // String(n) gives d.ddde±x for very large or small magnitudes; move the point by hand.
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s)!;
  const digits = m[2]! + (m[3] ?? '');
  const shift = 1 + Number(m[4]);
  const body =
    shift <= 0
      ? `0.${'0'.repeat(-shift)}${digits}`
      : shift >= digits.length
        ? digits + '0'.repeat(shift - digits.length)
        : `${digits.slice(0, shift)}.${digits.slice(shift)}`;
  return m[1] + body;
}

function integer(path: string, n: number): string {
  if (!Number.isSafeInteger(n)) throw new CapBuildError(path, `${n} is not a whole number`);
  return String(n);
}

function resource(path: string, r: CapResource): string {
  return (
    '<resource>' +
    el(path, 'resourceDesc', r.resourceDesc) +
    el(path, 'mimeType', r.mimeType) +
    (r.size === undefined ? '' : `<size>${integer(`${path}/size`, r.size)}</size>`) +
    opt(path, 'uri', r.uri) +
    opt(path, 'derefUri', r.derefUri) +
    opt(path, 'digest', r.digest) +
    '</resource>'
  );
}

function area(path: string, a: CapArea): string {
  return (
    '<area>' +
    el(path, 'areaDesc', a.areaDesc) +
    many(`${path}/polygon`, 'polygon', a.polygon) +
    many(`${path}/circle`, 'circle', a.circle) +
    pairs(path, 'geocode', a.geocode) +
    (a.altitude === undefined
      ? ''
      : `<altitude>${formatDecimal(`${path}/altitude`, a.altitude)}</altitude>`) +
    (a.ceiling === undefined ? '' : `<ceiling>${formatDecimal(`${path}/ceiling`, a.ceiling)}</ceiling>`) +
    '</area>'
  );
}

function info(path: string, i: CapInfo): string {
  let out =
    '<info>' +
    opt(path, 'language', i.language) +
    many(`${path}/category`, 'category', i.category) +
    el(path, 'event', i.event) +
    many(`${path}/responseType`, 'responseType', i.responseType) +
    el(path, 'urgency', i.urgency) +
    el(path, 'severity', i.severity) +
    el(path, 'certainty', i.certainty) +
    opt(path, 'audience', i.audience) +
    pairs(path, 'eventCode', i.eventCode) +
    opt(path, 'effective', i.effective) +
    opt(path, 'onset', i.onset) +
    opt(path, 'expires', i.expires) +
    opt(path, 'senderName', i.senderName) +
    opt(path, 'headline', i.headline) +
    opt(path, 'description', i.description) +
    opt(path, 'instruction', i.instruction) +
    opt(path, 'web', i.web) +
    opt(path, 'contact', i.contact) +
    pairs(path, 'parameter', i.parameter);
  for (let r = 0; r < i.resource.length; r++) out += resource(`${path}/resource[${r}]`, i.resource[r]!);
  for (let a = 0; a < i.area.length; a++) out += area(`${path}/area[${a}]`, i.area[a]!);
  return out + '</info>';
}

/**
 * Writes `alert` as a CAP 1.2 document. The output follows the schema's element order whatever the
 * order of properties in the object; it does not judge the content (that is {@link validateCap}'s job)
 * but throws {@link CapBuildError} for what XML cannot represent at all.
 */
export function buildCap(alert: CapAlert, options: BuildCapOptions = {}): string {
  const p = '/alert';
  let out =
    (options.xmlDeclaration === false ? '' : '<?xml version="1.0" encoding="UTF-8"?>\n') +
    `<alert xmlns="${CAP_1_2_NAMESPACE}">` +
    el(p, 'identifier', alert.identifier) +
    el(p, 'sender', alert.sender) +
    el(p, 'sent', alert.sent) +
    el(p, 'status', alert.status) +
    el(p, 'msgType', alert.msgType) +
    opt(p, 'source', alert.source) +
    el(p, 'scope', alert.scope) +
    opt(p, 'restriction', alert.restriction) +
    opt(p, 'addresses', alert.addresses) +
    many(`${p}/code`, 'code', alert.code) +
    opt(p, 'note', alert.note) +
    opt(p, 'references', alert.references) +
    opt(p, 'incidents', alert.incidents);
  for (let i = 0; i < alert.info.length; i++) out += info(`${p}/info[${i}]`, alert.info[i]!);
  // An enveloped XML-DSig <Signature> (src/cap/dsig) goes right before this closing tag.
  return out + '</alert>';
}
