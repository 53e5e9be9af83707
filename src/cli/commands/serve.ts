import type { Command } from 'commander';
import { loadConfig } from '../../config/config.js';
import { startServer, type ServeRole } from '../../runtime.js';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description(
      'run Dabyl: API, console, public site and jobs in one process (SQLite unless DABYL_DATABASE_URL is set)',
    )
    .option(
      '--role <role>',
      'all, api or worker (api and worker need DABYL_DATABASE_URL and DABYL_REDIS_URL)',
      'all',
    )
    .action(async (opts: { role: string }) => {
      if (!['all', 'api', 'worker'].includes(opts.role))
        throw new Error(`--role must be all, api or worker, not "${opts.role}"`);
      const config = loadConfig();
      if (opts.role !== 'all' && (!config.databaseUrl || !config.redisUrl)) {
        throw new Error(
          '--role api|worker runs Dabyl scaled out: set DABYL_DATABASE_URL (PostgreSQL) and DABYL_REDIS_URL',
        );
      }
      const server = await startServer(config, { role: opts.role as ServeRole });
      if (server.firstAdmin) {
        const line = '='.repeat(64);
        process.stdout.write(
          `\n${line}\n  First start: an administrator was created. This is shown ONCE.\n` +
            `  username: ${server.firstAdmin.username}\n  password: ${server.firstAdmin.password}\n` +
            `  Change it after signing in:  npx dabyl user passwd ${server.firstAdmin.username}\n${line}\n\n`,
        );
      }
      process.stdout.write(
        `Dabyl is listening on ${server.url}  (console: ${server.url}/console/, API docs: ${server.url}/api/docs)\n`,
      );
      const stop = async (signal: string) => {
        process.stdout.write(`\n${signal}: stopping\n`);
        await server.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop('SIGINT'));
      process.once('SIGTERM', () => void stop('SIGTERM'));
    });
}
