import type { Command } from 'commander';
import { migrateToLatest } from '../../store/migrate.js';
import { openDb } from '../../store/db.js';
import { loadConfig } from '../../config/config.js';
import { loadDemoData } from '../../services/demo.service.js';
import { listAudit, verifyAudit } from '../../services/audit.service.js';
import { withContext } from '../context.js';
import { CliFailure, EXIT, printJson, printTable } from '../output.js';
import { progressBar } from '../progress.js';

export function registerAdminCommands(program: Command): void {
  program
    .command('migrate')
    .description('bring the database schema up to date')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }) => {
      const config = loadConfig();
      const db = openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      try {
        const result = await migrateToLatest(db);
        if (opts.json) printJson({ database: db.location, applied: result.applied });
        else
          process.stdout.write(
            result.applied.length
              ? `applied: ${result.applied.join(', ')}\n`
              : `${db.location} is up to date\n`,
          );
      } finally {
        await db.close();
      }
    });

  const demo = program.command('demo').description('the demo data set of the seed scenario');
  demo
    .command('load')
    .description('load the demo data set (safe to run again: adds only what is missing)')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }) =>
      withContext(async (ctx) => {
        const bar = progressBar('demo data', !opts.json);
        const result = await loadDemoData(ctx, (done, total) => bar.update(done, total));
        bar.stop();
        if (opts.json) printJson(result);
        else
          process.stdout.write(
            `added ${result.organisations} organisations, ${result.units} units, ${result.users} users\n`,
          );
      }),
    );

  const audit = program.command('audit').description('the tamper-evident audit log');
  audit
    .command('verify')
    .description('check the hash chain; exits 1 naming the first entry edited, deleted or reordered')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }) =>
      withContext(async (ctx) => {
        const bar = progressBar('verifying', !opts.json);
        const result = await verifyAudit(ctx, (n) => bar.update(n, Math.max(n, 1)));
        bar.stop();
        if (opts.json) printJson(result);
        else if (result.ok) process.stdout.write(`audit log intact: ${result.entries} entries\n`);
        if (!result.ok) {
          throw new CliFailure(
            `audit log broken at entry ${result.firstBad!.seq}: ${result.firstBad!.problem} (${result.entries} entries before it are intact)`,
            EXIT.failed,
          );
        }
      }),
    );
  audit
    .command('list')
    .description('the newest audit entries')
    .option('--limit <n>', 'how many', '20')
    .option('--json', 'machine-readable output')
    .action(async (opts: { limit: string; json?: boolean }) =>
      withContext(async (ctx) => {
        const items = await listAudit(ctx, Math.min(500, Math.max(1, Number(opts.limit) || 20)));
        if (opts.json) printJson(items);
        else
          printTable(
            items.map((e) => ({ ...e, detail: JSON.stringify(e.detail) })),
            ['seq', 'at', 'actorName', 'action', 'subjectType', 'detail'],
          );
      }),
    );
}
