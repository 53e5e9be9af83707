import { expect } from 'vitest';

/** A request as a test sends it: method, URL and the body, if any. */
export type RouteCall<Method extends string, Payload> = readonly [
  method: Method,
  url: string,
  payload?: Payload,
];

/**
 * Sends every route as every one of `roles` and expects each to be refused (403). Every answer is
 * gathered before the check, so a failure names each role and route that got through, not only
 * the first.
 */
export async function expectRefusedPerRole<Who, Method extends string, Payload>(
  call: (who: Who, method: Method, url: string, payload?: Payload) => Promise<{ statusCode: number }>,
  roles: readonly NoInfer<Who>[],
  routes: readonly RouteCall<NoInfer<Method>, NoInfer<Payload>>[],
): Promise<void> {
  const answers: Record<string, number> = {};
  for (const who of roles)
    for (const [method, url, payload] of routes)
      answers[`${String(who)} ${method} ${url}`] = (await call(who, method, url, payload)).statusCode;
  expect(answers).toEqual(Object.fromEntries(Object.keys(answers).map((said) => [said, 403])));
}
