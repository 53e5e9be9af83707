import type { Command } from 'commander';
import { loadConfig } from '../../config/config.js';
import type { MessageLang } from '../../core/messages/messages.js';
import { startServer, type ServeRole } from '../../runtime.js';
import { CliFailure, EXIT } from '../output.js';
import { SERVE_WORDS } from './serve.texts.js';

export function registerServe(program: Command, lang: MessageLang): void {
  const w = SERVE_WORDS[lang];
  program
    .command('serve')
    .description(w.serve)
    .option('--role <role>', w.role, 'all')
    .action(async (opts: { role: string }) => {
      if (!['all', 'api', 'worker'].includes(opts.role))
        throw new CliFailure(w.badRole(opts.role), EXIT.usage);
      const config = loadConfig();
      if (opts.role !== 'all' && (!config.databaseUrl || !config.redisUrl))
        throw new CliFailure(w.scaledOut, EXIT.config);
      const server = await startServer(config, { role: opts.role as ServeRole });
      if (server.firstAdmin) {
        const line = '='.repeat(64);
        const { username, password } = server.firstAdmin;
        process.stdout.write(`\n${line}\n${w.firstAdmin(username, password)}\n${line}\n\n`);
      }
      process.stdout.write(`${w.listening(server.url)}\n`);
      const stop = async (signal: string) => {
        process.stdout.write(`\n${w.stopping(signal)}\n`);
        await server.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop('SIGINT'));
      process.once('SIGTERM', () => void stop('SIGTERM'));
    });
}
