/**
 * Wait after failed try number `attempt` (1-based): `base`, 2×, 4×, … up to `max`. Shared by the
 * dispatcher (a delivery's retries) and the fan-out worker (an expansion's).
 */
export const retryDelayMs = (base: number, attempt: number, max = Infinity): number =>
  Math.min(max, base * 2 ** (Math.max(1, attempt) - 1));
