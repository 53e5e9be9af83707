import type { Command } from 'commander';
import { exportPortal } from '../../http/portal/export.js';
import { invalid } from '../../errors.js';
import { withContext } from '../context.js';
import { printJson } from '../output.js';
import { progressBar } from '../progress.js';

/** `dabyl portal export DIR`: the public site and feeds as static files for any web server or CDN. */
export function registerPortalCommands(program: Command): void {
  const portal = program.command('portal').description('the public site');
  portal
    .command('export <dir>')
    .description(
      'write every public page (kk, ru, en), the feeds, CAP messages and assets as static files into DIR (replaced whole)',
    )
    .option('--base-url <url>', 'the address the copy is served at (default: DABYL_PUBLIC_URL)')
    .option('--json', 'machine-readable output')
    .action(async (dir: string, opts: { baseUrl?: string; json?: boolean }) =>
      withContext(async (ctx) => {
        if (opts.baseUrl !== undefined && !/^https?:\/\/[^\s/]+/.test(opts.baseUrl))
          throw invalid('base-url', 'must be an http:// or https:// address');
        const bar = progressBar('exporting', !opts.json);
        const result = await exportPortal(ctx, dir, {
          baseUrl: opts.baseUrl ?? ctx.config.publicUrl,
          onProgress: (done, total) => bar.update(done, total),
        });
        bar.stop();
        if (opts.json) return printJson(result);
        process.stdout.write(`${result.files} files, ${result.bytes} bytes written to ${result.dir}\n`);
      }),
    );
}
