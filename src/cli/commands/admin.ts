import type { Command } from 'commander';
import { migrateToLatest } from '../../store/migrate.js';
import { openDb } from '../../store/db.js';
import { withStartupLock } from '../../store/startup-lock.js';
import { loadConfig } from '../../config/config.js';
import { loadDemoData } from '../../services/demo.service.js';
import { listAudit, parseAuditAnchor, verifyAudit } from '../../services/audit.service.js';
import { withContext } from '../context.js';
import { auditText } from '../../core/messages/messages.js';
import { CliFailure, cliLanguage, EXIT, printJson, printTable } from '../output.js';
import { progressBar } from '../progress.js';

export function registerAdminCommands(program: Command): void {
  program
    .command('migrate')
    .description('bring the database schema up to date')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }) => {
      const config = loadConfig();
      const db = openDb({
        databaseUrl: config.databaseUrl,
        dataDir: config.dataDir,
        poolSize: config.databasePoolSize,
      });
      try {
        const result = await withStartupLock(db, () => migrateToLatest(db));
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
    .option('--as-of <date>', 'place the series after this day (YYYY-MM-DD) instead of today')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean; asOf?: string }) => {
      const asOf = opts.asOf === undefined ? undefined : parseAsOf(opts.asOf);
      await withContext(async (ctx) => {
        const bar = progressBar('demo data', !opts.json);
        const result = await loadDemoData(ctx, {
          asOf,
          onProgress: (done, total) => bar.update(done, total),
        });
        bar.stop();
        if (opts.json) printJson(result);
        else
          process.stdout.write(
            `added ${result.organisations} organisations, ${result.units} units, ${result.users} users, ` +
              `${result.exercises} exercises, ${result.mselEvents} MSEL events; ` +
              `the series starts ${result.firstDrill ?? 'nowhere'}\n`,
          );
      });
    });

  const audit = program.command('audit').description('the tamper-evident audit log');
  audit
    .command('verify')
    .description('check the hash chain; exits 1 naming the first entry edited, deleted or reordered')
    .option(
      '--anchor <seq:hash>',
      'a head printed by an earlier run and kept elsewhere: also detects entries cut off the end',
    )
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean; anchor?: string }) =>
      withContext(async (ctx) => {
        const anchor = opts.anchor === undefined ? undefined : parseAuditAnchor(opts.anchor);
        if (anchor === null)
          throw new CliFailure(
            '--anchor: expected SEQ:HASH (64 hex digits), as printed under "head"',
            EXIT.usage,
          );
        const bar = progressBar('verifying', !opts.json);
        const result = await verifyAudit(ctx, (n) => bar.update(n, Math.max(n, 1)), anchor);
        bar.stop();
        if (opts.json) printJson(result);
        else if (result.ok)
          process.stdout.write(
            `audit log intact: ${result.entries} entries\n` +
              (result.head
                ? `head: ${result.head.seq}:${result.head.hash} (keep it elsewhere; pass it as --anchor later)\n`
                : ''),
          );
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
        const lang = cliLanguage(process.env) ?? 'en';
        const entries = await listAudit(ctx, Math.min(500, Math.max(1, Number(opts.limit) || 20)));
        const items = entries.map((e) => ({ ...e, sentence: auditText(lang, e.action, e.detail) }));
        if (opts.json) printJson(items);
        else
          printTable(
            items.map((e) => ({ ...e, detail: JSON.stringify(e.detail) })),
            ['seq', 'at', 'actorName', 'action', 'sentence', 'subjectType', 'detail'],
          );
      }),
    );
}

/** A calendar day, read as that day in Kazakhstan (noon, so no zone moves it to another date). */
function parseAsOf(text: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  const at = m ? new Date(`${m[1]}-${m[2]}-${m[3]}T12:00:00+05:00`) : null;
  if (!at || Number.isNaN(at.getTime()) || at.toISOString().slice(0, 10) !== text.trim())
    throw new CliFailure(`--as-of: "${text}" is not a date like 2026-10-14`, EXIT.usage);
  return at;
}
