import { Ajv2019, type AnySchema, type ErrorObject, type ValidateFunction } from 'ajv/dist/2019.js';
import addFormatsModule, { type FormatsPlugin } from 'ajv-formats';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import { ProblemSchema } from './api/common.schema.js';

// ajv-formats ships CommonJS with a default export that ESM sees one level down.
const addFormats: FormatsPlugin =
  (addFormatsModule as unknown as { default?: FormatsPlugin }).default ??
  (addFormatsModule as unknown as FormatsPlugin);

type Json = Record<string, unknown>;

/**
 * The schema as a closed contract: every object admits only the properties it names. Fastify's
 * serializer silently drops a field its schema lacks, so an open schema would let a forgotten field
 * vanish on its way to the console; closed, the same answer fails the check instead. Objects inside
 * an `allOf` are left open and the `allOf` itself closed with `unevaluatedProperties`, so an
 * intersection still admits what each of its parts names.
 */
export function closed(schema: unknown, inAllOf = false, keepIds = true): unknown {
  if (Array.isArray(schema)) return schema.map((s) => closed(s, inAllOf, keepIds));
  if (typeof schema !== 'object' || schema === null) return schema;
  const s = schema as Json;
  const out: Json = {};
  for (const [key, value] of Object.entries(s)) {
    if (key === '$id' && !keepIds) continue;
    if (key === 'properties' && typeof value === 'object' && value !== null)
      out[key] = closedValues(value as Json, keepIds);
    else if (key === 'allOf') out[key] = (value as unknown[]).map((v) => closed(openRef(v), true, keepIds));
    else if (key === 'patternProperties') out[key] = closedValues(value as Json, keepIds);
    else if (key === 'anyOf' || key === 'oneOf' || key === 'items') out[key] = closed(value, false, keepIds);
    else out[key] = value;
  }
  if (!inAllOf && out.properties && !('additionalProperties' in out) && !('patternProperties' in out))
    out.additionalProperties = false;
  if (!inAllOf && out.allOf && !('unevaluatedProperties' in out)) out.unevaluatedProperties = false;
  return out;
}

/** A shared schema that is one part of an intersection is referred to in its open form. */
const openRef = (v: unknown): unknown =>
  typeof v === 'object' && v !== null && typeof (v as Json).$ref === 'string'
    ? { ...(v as Json), $ref: `${OPEN}${String((v as Json).$ref)}` }
    : v;
const OPEN = 'open:';

const closedValues = (o: Json, keepIds: boolean): Json =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k, closed(v, false, keepIds)]));

/** The declared schema for a status: the exact code, else `4xx`-style, else `default`. */
function declared(responses: Json | undefined, status: number): unknown {
  if (!responses) return undefined;
  return responses[String(status)] ?? responses[`${String(status)[0]}xx`] ?? responses.default;
}

const describe = (errors: ErrorObject[] | null | undefined): string =>
  (errors ?? [])
    .slice(0, 5)
    .map((e) =>
      e.keyword === 'additionalProperties' || e.keyword === 'unevaluatedProperties'
        ? `${e.instancePath || '/'} has ${String(e.params.additionalProperty ?? e.params.unevaluatedProperty)}, which the schema does not name`
        : `${e.instancePath || '/'} ${e.message ?? 'is not valid'}`,
    )
    .join('; ');

/**
 * Checks every JSON answer of every route against the response schema the route declares for its
 * status, before it is serialized, and turns a mismatch into a 500 naming the route and the field
 * (DABYL_CHECK_RESPONSES: tests and development, not production). A 2xx JSON answer from a route
 * that declares no schema for it fails too; an error answer with none declared is checked as a
 * problem. So a field the service returns but the schema forgets, a field the schema promises but
 * the service leaves out, and an enumeration that grew on one side only all fail loudly.
 */
export function registerResponseCheck(app: FastifyInstance): void {
  const problemSchema = { $ref: 'Problem' };
  const ajv = new Ajv2019({ allErrors: true, strict: false, coerceTypes: false, useDefaults: false });
  addFormats(ajv);
  // Known before any route's plugin adds it: a 404 for no route at all is a problem too.
  const addShared = (schema: object, id: string) => {
    ajv.addSchema(closed(schema) as AnySchema);
    // Its nested objects closed, itself open: for intersections, which close over all their parts.
    ajv.addSchema(closed(schema, true, false) as AnySchema, `${OPEN}${id}`);
  };
  addShared(ProblemSchema, 'Problem');
  const compiled = new WeakMap<object, ValidateFunction>();
  const knownSchemas = new Set<string>(['Problem']);
  const failed = new WeakSet<FastifyRequest>();

  const validatorFor = (request: FastifyRequest, schema: object): ValidateFunction => {
    let v = compiled.get(schema);
    if (v) return v;
    // Shared schemas ($ref: 'User', 'Problem', …) of the route's own plugin and its parents.
    for (const [id, shared] of Object.entries(request.server.getSchemas() as Record<string, object>))
      if (!knownSchemas.has(id)) {
        knownSchemas.add(id);
        addShared(shared, id);
      }
    // The route's own schema may embed a shared one whole (with its $id): refer to it, not add it twice.
    v = ajv.compile(closed(schema, false, false) as AnySchema);
    compiled.set(schema, v);
    return v;
  };

  const check = (request: FastifyRequest, status: number, payload: unknown): void => {
    const route = `${request.method} ${request.routeOptions.url ?? request.url}`;
    const responses = (request.routeOptions.schema as { response?: Json } | undefined)?.response;
    let schema = declared(responses, status);
    if (schema === undefined && status >= 400) schema = problemSchema;
    if (schema === undefined) {
      failed.add(request);
      throw new AppError(
        'response_contract',
        500,
        `${route} answered ${status} with JSON but declares no response schema for it`,
      );
    }
    // What the client receives: dates as text, undefined fields gone.
    const sent: unknown = JSON.parse(JSON.stringify(payload));
    const validate = validatorFor(request, schema as object);
    if (!validate(sent)) {
      failed.add(request);
      throw new AppError(
        'response_contract',
        500,
        `${route} answered ${status} outside its schema: ${describe(validate.errors)}`,
      );
    }
  };
  app.decorate('checkResponse', check);
  app.addHook('preSerialization', async (request, reply, payload) => {
    if (failed.has(request) || !request.url.startsWith('/api/v1/')) return payload;
    check(request, reply.statusCode, payload);
    return payload;
  });
}

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * Checks an answer against its route's schema as the serializer would meet it; present only when
     * DABYL_CHECK_RESPONSES is on. For routes that stream their JSON, which the serializer never sees.
     */
    checkResponse?: (request: FastifyRequest, status: number, payload: unknown) => void;
  }
}
