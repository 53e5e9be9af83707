import { fieldError, type FieldError } from '../errors.js';
import type { FieldProblem, MessageParams } from '../core/messages/messages.js';

/** The part of an Ajv error the messages are made from. */
export interface AjvError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

const pathOf = (e: AjvError): string => e.instancePath.replace(/^\//, '').replace(/\//g, '.');
const join = (base: string, name: unknown) => (base ? `${base}.${String(name)}` : String(name));
const list = (values: unknown): string =>
  Array.isArray(values) ? values.map(String).join(', ') : String(values);

/** Each validation keyword as a field problem of the catalogue, with the values its sentence names. */
const BY_KEYWORD: Record<string, (p: Record<string, unknown>) => [FieldProblem, MessageParams?]> = {
  type: (p) => ['type', { type: list(p.type) }],
  format: (p) => ['format', { format: String(p.format) }],
  minLength: (p) => ['min_length', { min: Number(p.limit) }],
  maxLength: (p) => ['max_length', { max: Number(p.limit) }],
  minimum: (p) => ['minimum', { min: Number(p.limit) }],
  exclusiveMinimum: (p) => ['more_than', { min: Number(p.limit) }],
  maximum: (p) => ['maximum', { max: Number(p.limit) }],
  exclusiveMaximum: (p) => ['less_than', { max: Number(p.limit) }],
  minItems: (p) => ['min_items', { min: Number(p.limit) }],
  maxItems: (p) => ['max_items', { max: Number(p.limit) }],
  enum: (p) => ['enum', { allowed: list(p.allowedValues) }],
  const: (p) => ['const', { allowed: String(p.allowedValue) }],
  pattern: () => ['pattern'],
};

/** One schema failure in the person's terms, not the validator's: "field: problem", field named. */
function describe(part: string, e: AjvError): FieldError {
  const base = pathOf(e);
  if (e.keyword === 'additionalProperties')
    return fieldError(join(base, e.params.additionalProperty), 'unknown_field');
  if (e.keyword === 'required') return fieldError(join(base, e.params.missingProperty), 'required');
  const known = BY_KEYWORD[e.keyword];
  if (known) return fieldError(base || part, ...known(e.params));
  return fieldError(base || part, 'invalid');
}

/**
 * Every schema failure of one request as field problems. A choice among fixed values (TypeBox's
 * union of literals) fails once per value it is not, then once as `anyOf`: those become one
 * "must be one of a, b, c".
 */
export function describeSchemaErrors(part: string, errors: AjvError[]): FieldError[] {
  const choices = new Map<string, string[]>();
  for (const e of errors)
    if (e.keyword === 'const')
      choices.set(e.instancePath, [...(choices.get(e.instancePath) ?? []), String(e.params.allowedValue)]);
  const out: FieldError[] = [];
  for (const e of errors) {
    const allowed = choices.get(e.instancePath);
    if (e.keyword === 'const' && allowed && allowed.length > 1) continue;
    if (e.keyword === 'anyOf' && allowed && allowed.length > 1)
      out.push(fieldError(pathOf(e) || part, 'one_of', { allowed: allowed.join(', ') }));
    else out.push(describe(part, e));
  }
  return out.length ? out : [fieldError(part, 'invalid')];
}
