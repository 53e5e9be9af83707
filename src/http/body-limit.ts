/**
 * The largest request body each route accepts, as Fastify enforces it, stated where callers read:
 * the OpenAPI document (`x-body-limit` and a sentence in the description) and the README's table.
 * Both are derived from the routes' own `bodyLimit` option, so the number is written once.
 */

/** Methods whose requests carry a body. */
export const METHODS_WITH_BODY: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH']);

/**
 * What Fastify applies to a JSON body: the route's own `bodyLimit`, else the server's
 * (DABYL_BODY_LIMIT_BYTES). API routes that take other types (XML, spreadsheets) set their own.
 */
export const bodyLimitOf = (route: { bodyLimit?: number | undefined }, serverLimit: number): number =>
  route.bodyLimit ?? serverLimit;

/** 1048576 → "1 MiB", 65536 → "64 KiB"; anything else in bytes. */
export function formatBytes(n: number): string {
  if (n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MiB`;
  if (n % 1024 === 0) return `${n / 1024} KiB`;
  return `${n} bytes`;
}

interface DocumentedRoute {
  method: string | string[];
  bodyLimit?: number | undefined;
}

/**
 * The route's OpenAPI schema with its body limit added (for @fastify/swagger's `transform`); routes
 * without a body, and hidden ones, are left as they are. Never changes the schema Fastify validates with.
 */
export function withBodyLimit<S extends object>(schema: S, route: DocumentedRoute, serverLimit: number): S {
  const fields = schema as Record<string, unknown> | undefined;
  // A route without a schema arrives here as undefined, whatever the plugin's types say.
  if (!fields || fields.hide) return schema;
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  if (!methods.some((m) => METHODS_WITH_BODY.has(m))) return schema;
  const limit = bodyLimitOf(route, serverLimit);
  const sentence = `Largest request body: ${formatBytes(limit)} (${limit} bytes); larger answers 413.`;
  const description =
    typeof fields.description === 'string' ? `${fields.description}\n\n${sentence}` : sentence;
  return { ...schema, description, 'x-body-limit': limit };
}

/** The README's rows for the routes that set their own limit: `| \`POST /api/v1/…\` | 5 MiB |`. */
export function ownLimitRows(
  routes: readonly { method: string; url: string; bodyLimit?: number }[],
): string[] {
  return routes
    .filter((r) => r.bodyLimit !== undefined && METHODS_WITH_BODY.has(r.method))
    .map((r) => `| \`${r.method} ${r.url}\` | ${formatBytes(r.bodyLimit!)} |`);
}
