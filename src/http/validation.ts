import { Ajv, type AnySchema } from 'ajv';
import addFormatsModule, { type FormatsPlugin } from 'ajv-formats';
import type { FastifyInstance, FastifySchemaCompiler, FastifyServerOptions } from 'fastify';
import { badField } from '../errors.js';

// ajv-formats ships CommonJS with a default export that ESM sees one level down.
const addFormats: FormatsPlugin =
  (addFormatsModule as unknown as { default?: FormatsPlugin }).default ??
  (addFormatsModule as unknown as FormatsPlugin);

function makeAjv(coerce: boolean, sharedSchemas: Record<string, AnySchema>): Ajv {
  const ajv = new Ajv({
    // Unknown fields are errors, never silently dropped: a typo must not look like success.
    removeAdditional: false,
    useDefaults: true,
    coerceTypes: coerce ? 'array' : false,
    allErrors: false,
    strict: false,
  });
  addFormats(ajv);
  for (const schema of Object.values(sharedSchemas)) ajv.addSchema(schema);
  return ajv;
}

/**
 * `schema`'s validator exactly as Fastify checks a body with it (strict, first error only), for a
 * route that reads its body itself (the exercise bundle, parsed off the main thread).
 */
export const bodyValidator = (schema: AnySchema) => makeAjv(false, {}).compile(schema);

type ValidatorFactory = NonNullable<
  NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>['buildValidator']
>;

function compilerFor(sharedSchemas: Record<string, AnySchema> = {}): FastifySchemaCompiler<AnySchema> {
  const strict = makeAjv(false, sharedSchemas);
  const coercing = makeAjv(true, sharedSchemas);
  return ({ schema, httpPart }) =>
    (httpPart === 'body' ? strict : coercing).compile(schema) as ReturnType<FastifySchemaCompiler<AnySchema>>;
}

/**
 * Bodies are checked strictly (a "5" is not 5, true is not "true"); querystrings and path
 * parameters arrive as text, so they are coerced to the schema's types.
 *
 * Given to Fastify as `schemaController.compilersFactory.buildValidator`, not through
 * `setValidatorCompiler`: Fastify rebuilds the validator of every plugin that calls `addSchema`
 * from the factory, and a compiler set with `setValidatorCompiler` is lost there — those routes
 * silently fell back to Fastify's default Ajv, which drops unknown fields and coerces types.
 *
 * (Fastify declares the factory as taking the bare schema; at run time it is called as a route compiler.)
 */
export const buildValidator = compilerFor as unknown as ValidatorFactory;

// A UTF-16 surrogate not paired with its other half: JSON can carry one ("\ud800"), UTF-8 cannot
// store it, and PostgreSQL, XML and e-mail refuse it later, far from the field that held it.
const LONE_SURROGATE = /\p{Surrogate}/u;

/**
 * The path of the first text in a parsed body that is not valid Unicode (a lone surrogate, in a
 * value or a key), in the same dotted form as schema errors (`texts.ru.doList.2`); null when all is well.
 */
export function invalidUnicodeAt(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return LONE_SURROGATE.test(value) ? path || 'body' : null;
  if (typeof value !== 'object' || value === null || Buffer.isBuffer(value)) return null;
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  for (const [key, inner] of entries) {
    const at = path ? `${path}.${key}` : key;
    if (LONE_SURROGATE.test(key)) return path || 'body';
    const found = invalidUnicodeAt(inner, at);
    if (found) return found;
  }
  return null;
}

/**
 * Refuses, for every route in one place, a body whose text is not valid Unicode, naming the field:
 * before schema validation, so no route and no service ever sees such text.
 */
export function registerUnicodeCheck(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const field = invalidUnicodeAt(request.body);
    if (field) throw badField(field, 'invalid_unicode', undefined, 400);
  });
}
