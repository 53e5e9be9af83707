import type pg from 'pg';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface ActivityOptions {
  /** Backend states sampled; `idle in transaction` shows a transaction waiting for its client. */
  states?: readonly string[];
  everyMs?: number;
}

/**
 * What the database is doing while a phase runs: every `everyMs` (100), each sampled backend's
 * statement (its first words), state and what it waits on, tallied with when it was first and last
 * seen; the share of samples says where the server's time goes, the times when each step ran.
 * Call the returned function to stop and read the tally (the eight most seen).
 */
export function sampleActivity(
  admin: pg.Client,
  database: string,
  since: number,
  options: ActivityOptions = {},
) {
  const states = options.states ?? ['active'];
  const tally = new Map<string, { n: number; first: number; last: number }>();
  let samples = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const r = await admin.query<{ q: string; w: string; s: string }>(
        `select left(regexp_replace(query, '\\s+', ' ', 'g'), 48) as q, state as s,
                coalesce(wait_event_type || ':' || wait_event, 'on CPU') as w
           from pg_stat_activity
          where datname = $1 and state = any($2::text[]) and pid <> pg_backend_pid()`,
        [database, states],
      );
      samples++;
      const at = performance.now() - since;
      for (const { q, w, s } of r.rows) {
        const key = states.length > 1 ? `${q} [${s}; ${w}]` : `${q} [${w}]`;
        const seen = tally.get(key) ?? { n: 0, first: at, last: at };
        tally.set(key, { n: seen.n + 1, first: seen.first, last: at });
      }
      await sleep(options.everyMs ?? 100);
    }
  })();
  return async () => {
    running = false;
    await loop;
    return { samples, top: [...tally].sort((a, b) => b[1].n - a[1].n).slice(0, 8) };
  };
}

/** Prints a tally of {@link sampleActivity}: share of samples, first–last seen, statement. */
export function printActivity(sampled: Awaited<ReturnType<ReturnType<typeof sampleActivity>>>): void {
  for (const [what, { n, first, last }] of sampled.top)
    console.log(
      `  ${((n / sampled.samples) * 100).toFixed(0).padStart(3)}%  ${(first / 1000).toFixed(1)}–${(last / 1000).toFixed(1)} s  ${what}`,
    );
}
