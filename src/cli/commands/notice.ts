import type { Command } from 'commander';
import { notFound } from '../../errors.js';
import { getNotice, listNotices } from '../../services/notices/notices.service.js';
import { areaLabel } from '../../core/notice/area.js';
import { getNoticeCap } from '../../services/notices/public-notices.service.js';
import { cliActor, withContext } from '../context.js';
import { CliFailure, EXIT, printJson, printTable } from '../output.js';

const languages = (l: Record<string, string>) =>
  Object.entries(l)
    .map(([lang, s]) => (s === 'complete' ? lang : s === 'incomplete' ? `${lang}(incomplete)` : `-${lang}`))
    .join(' ');

/** `dabyl notice list|show|cap`: the public notices, for people and (with --json) for scripts. */
export function registerNoticeCommands(program: Command): void {
  const notice = program.command('notice').description('public notices about drills');
  notice
    .command('list')
    .description('every notice, by the start of its window: status, city, window, languages (-xx: missing)')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }) =>
      withContext(async (ctx) => {
        const items = await listNotices(ctx);
        if (opts.json) return printJson(items);
        printTable(
          items.map((n) => ({ ...n, languages: languages(n.languages), title: n.title ?? '(no title)' })),
          ['id', 'slug', 'status', 'revision', 'city', 'startsAt', 'endsAt', 'languages', 'title'],
        );
      }),
    );
  notice
    .command('show <idOrSlug>')
    .description('one notice: its working copy, texts per language, areas and closures, revisions')
    .option('--json', 'machine-readable output')
    .action(async (idOrSlug: string, opts: { json?: boolean }) =>
      withContext(async (ctx) => {
        const n = await getNotice(ctx, null, cliActor(), idOrSlug);
        if (opts.json) return printJson(n);
        const out = (k: string, v: unknown) => process.stdout.write(`${k.padEnd(14)} ${String(v ?? '')}\n`);
        out('id', n.id);
        out('slug', n.slug);
        out('status', n.status);
        out('revision', n.revision);
        out('city', n.city);
        out('window', `${n.startsAt} – ${n.endsAt} (${n.timeZone})`);
        out('languages', languages(n.languages));
        for (const [lang, t] of Object.entries(n.texts)) out(`title.${lang}`, t.title);
        for (const a of n.areas)
          out(a.kind, `${areaLabel(a, 'en') || a.id}${a.startsAt ? ` (${a.startsAt} – ${a.endsAt})` : ''}`);
        for (const r of n.revisions)
          out(
            `revision ${r.revision}`,
            `${r.kind} ${r.publishedAt} by ${r.publishedBy ?? '?'}${r.note ? ` — ${r.note}` : ''}`,
          );
        for (const p of n.problems) out('to fix', `${p.path}: ${p.message}`);
      }),
    );
  notice
    .command('cap <idOrSlug>')
    .description('print the CAP 1.2 XML of a published revision (the newest unless --revision)')
    .option('--revision <n>', 'revision number, from 1')
    .action(async (idOrSlug: string, opts: { revision?: string }) =>
      withContext(async (ctx) => {
        const revision = opts.revision === undefined ? undefined : Number(opts.revision);
        if (revision !== undefined && (!Number.isInteger(revision) || revision < 1))
          throw new CliFailure(
            `--revision must be a whole number from 1, not "${opts.revision}"`,
            EXIT.usage,
          );
        const n = await getNotice(ctx, null, cliActor(), idOrSlug);
        const xml = await getNoticeCap(ctx, n.id, revision);
        if (xml === null)
          throw notFound(
            revision === undefined
              ? 'A published revision of this notice'
              : `Revision ${revision} of this notice`,
          );
        process.stdout.write(xml.endsWith('\n') ? xml : `${xml}\n`);
      }),
    );
}
