import type { Command } from 'commander';
import { migrateToLatest } from '../../store/migrate.js';
import { openDb } from '../../store/db.js';
import { withStartupLock } from '../../store/startup-lock.js';
import { loadConfig } from '../../config/config.js';
import { loadDemoData } from '../../services/demo.service.js';
import { chainProblemIn } from '../../core/audit/chain-words.js';
import { checkAuditChain, inEnglish, listAudit, parseAuditAnchor } from '../../services/audit.service.js';
import { withContext } from '../context.js';
import { auditText } from '../../core/messages/messages.js';
import type { MessageLang } from '../../core/messages/messages.js';
import { CLI_WORDS } from '../cli.texts.js';
import { CliFailure, EXIT, printJson, printTable } from '../output.js';
import { progressBar } from '../progress.js';
import { ADMIN_WORDS, type AdminWords } from './admin.texts.js';

export function registerAdminCommands(program: Command, lang: MessageLang): void {
  const w = ADMIN_WORDS[lang];
  const json = CLI_WORDS[lang].json;
  program
    .command('migrate')
    .description(w.migrate)
    .option('--json', json)
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
              ? `${w.applied(result.applied.join(', '))}\n`
              : `${w.upToDate(db.location)}\n`,
          );
      } finally {
        await db.close();
      }
    });

  const demo = program.command('demo').description(w.demo);
  demo
    .command('load')
    .description(w.demoLoad)
    .option('--as-of <date>', w.asOf)
    .option('--json', json)
    .action(async (opts: { json?: boolean; asOf?: string }) => {
      const asOf = opts.asOf === undefined ? undefined : parseAsOf(opts.asOf, w);
      await withContext(async (ctx) => {
        const bar = progressBar(w.demoBar, !opts.json);
        const result = await loadDemoData(ctx, {
          asOf,
          onProgress: (done, total) => bar.update(done, total),
        });
        bar.stop();
        if (opts.json) printJson(result);
        else process.stdout.write(`${w.added(result)}\n`);
      });
    });

  const audit = program.command('audit').description(w.audit);
  audit
    .command('verify')
    .description(w.verify)
    .option('--anchor <seq:hash>', w.anchor)
    .option('--json', json)
    .action(async (opts: { json?: boolean; anchor?: string }) =>
      withContext(async (ctx) => {
        const anchor = opts.anchor === undefined ? undefined : parseAuditAnchor(opts.anchor);
        if (anchor === null) throw new CliFailure(w.badAnchor, EXIT.usage);
        const bar = progressBar(w.verifying, !opts.json);
        const result = await checkAuditChain(ctx, (n) => bar.update(n, Math.max(n, 1)), anchor);
        bar.stop();
        if (opts.json) printJson(inEnglish(result));
        else if (result.ok)
          process.stdout.write(
            `${w.intact(result.entries)}\n` +
              (result.head ? `${w.head(`${result.head.seq}:${result.head.hash}`)}\n` : ''),
          );
        if (!result.ok) {
          throw new CliFailure(
            w.broken(result.firstBad!.seq, chainProblemIn(lang, result.firstBad!), result.entries),
            EXIT.failed,
          );
        }
      }),
    );
  audit
    .command('list')
    .description(w.list)
    .option('--limit <n>', w.limit, '20')
    .option('--json', json)
    .action(async (opts: { limit: string; json?: boolean }) =>
      withContext(async (ctx) => {
        const entries = await listAudit(ctx, Math.min(500, Math.max(1, Number(opts.limit) || 20)));
        const items = entries.map((e) => ({ ...e, sentence: auditText(lang, e.action, e.detail) }));
        if (opts.json) printJson(items);
        else
          printTable(
            items.map((e) => ({ ...e, detail: JSON.stringify(e.detail) })),
            ['seq', 'at', 'actorName', 'action', 'sentence', 'subjectType', 'detail'],
            w.columns,
          );
      }),
    );
}

/** A calendar day, read as that day in Kazakhstan (noon, so no zone moves it to another date). */
function parseAsOf(text: string, w: AdminWords): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  const at = m ? new Date(`${m[1]}-${m[2]}-${m[3]}T12:00:00+05:00`) : null;
  if (!at || Number.isNaN(at.getTime()) || at.toISOString().slice(0, 10) !== text.trim())
    throw new CliFailure(w.notADate(text), EXIT.usage);
  return at;
}
