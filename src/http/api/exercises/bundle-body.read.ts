import type { ErrorObject, ValidateFunction } from 'ajv';
import { parse as secureJsonParse } from 'secure-json-parse';
import { BundleSchema } from '../../../services/planning/bundle.schema.js';
import { bodyValidator, invalidUnicodeAt } from '../../validation.js';

/*
 * What Fastify does to a JSON body before the handler sees it — decode, parse with its poisoning
 * guards, refuse text that is not valid Unicode, validate against the route's schema — done here
 * for the bundle, so it can run in a worker thread (bundle-body.ts). Each refusal is the same as
 * Fastify's would have been.
 */

/** Why a body is not a bundle, in a form that crosses a thread boundary. */
export type BodyRefusal =
  | { kind: 'empty' }
  | { kind: 'not_json' }
  | { kind: 'unicode'; field: string }
  | { kind: 'schema'; errors: ErrorObject[] };

export type BodyOutcome = { value: Record<string, unknown> } | { refused: BodyRefusal };

let validate: ValidateFunction | undefined;

/** Parses and checks one bundle body: the value, or why it is refused. */
export function readBundleText(bytes: Uint8Array): BodyOutcome {
  if (bytes.byteLength === 0) return { refused: { kind: 'empty' } };
  let value: unknown;
  try {
    // Fastify's own guards (onProtoPoisoning and onConstructorPoisoning default to 'error').
    value = secureJsonParse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'), {
      protoAction: 'error',
      constructorAction: 'error',
    });
  } catch {
    return { refused: { kind: 'not_json' } };
  }
  const field = invalidUnicodeAt(value);
  if (field) return { refused: { kind: 'unicode', field } };
  validate ??= bodyValidator(BundleSchema);
  if (!validate(value)) return { refused: { kind: 'schema', errors: validate.errors ?? [] } };
  return { value: value as Record<string, unknown> };
}
