import type { Command } from 'commander';
import { exportPortal } from '../../http/portal/export.js';
import type { MessageLang } from '../../core/messages/messages.js';
import { CLI_WORDS } from '../cli.texts.js';
import { withContext } from '../context.js';
import { CliFailure, EXIT, printJson } from '../output.js';
import { progressBar } from '../progress.js';
import { PORTAL_WORDS } from './portal.texts.js';

/** `dabyl portal export DIR`: the public site and feeds as static files for any web server or CDN. */
export function registerPortalCommands(program: Command, lang: MessageLang): void {
  const w = PORTAL_WORDS[lang];
  const portal = program.command('portal').description(w.portal);
  portal
    .command('export <dir>')
    .description(w.export)
    .option('--base-url <url>', w.baseUrl)
    .option('--json', CLI_WORDS[lang].json)
    .action(async (dir: string, opts: { baseUrl?: string; json?: boolean }) =>
      withContext(async (ctx) => {
        if (opts.baseUrl !== undefined && !/^https?:\/\/[^\s/]+/.test(opts.baseUrl))
          throw new CliFailure(w.badBaseUrl, EXIT.usage);
        const bar = progressBar(w.exporting, !opts.json);
        const result = await exportPortal(ctx, dir, {
          baseUrl: opts.baseUrl ?? ctx.config.publicUrl,
          onProgress: (done, total) => bar.update(done, total),
        });
        bar.stop();
        if (opts.json) return printJson(result);
        process.stdout.write(`${w.written(result.files, result.bytes, result.dir)}\n`);
      }),
    );
}
