import { serveBin, type Served } from '../../test/support/dabyl-bin.js';

/**
 * Dabyl as it is deployed scaled out: one `dabyl serve --role api` process, which migrates the
 * empty database, then `count` `--role worker` processes once it has. Each is added to `servers` as
 * soon as it is spawned, so the caller's clean-up stops it whatever fails after.
 */
export async function serveScaled(
  servers: Served[],
  env: Record<string, string>,
  options: { workerEnv?: Record<string, string>; count?: number } = {},
): Promise<{ api: Served; workers: Served[] }> {
  const api = serveBin(env, ['--role', 'api']);
  servers.push(api);
  await api.url;
  const workers = Array.from({ length: options.count ?? 2 }, () =>
    serveBin(options.workerEnv ?? env, ['--role', 'worker']),
  );
  servers.push(...workers);
  await Promise.all(workers.map((w) => w.url));
  return { api, workers };
}
