import { Ajv, type AnySchema } from 'ajv';
import addFormatsModule, { type FormatsPlugin } from 'ajv-formats';
import type { FastifySchemaCompiler, FastifyServerOptions } from 'fastify';

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
