import type { Command } from 'commander';
import { getNotice, listNotices } from '../../services/notices/notices.service.js';
import { areaLabel } from '../../core/notice/area.js';
import { getNoticeCap } from '../../services/notices/public-notices.service.js';
import { cliActor, withContext } from '../context.js';
import { faultText, type MessageLang } from '../../core/messages/messages.js';
import { CLI_WORDS } from '../cli.texts.js';
import { CliFailure, codeIn, EXIT, printJson, printTable } from '../output.js';
import { NOTICE_COLUMNS, NOTICE_WORDS } from './notice.texts.js';

const languages = (l: Record<string, string>, incomplete: string) =>
  Object.entries(l)
    .map(([lang, s]) =>
      s === 'complete' ? lang : s === 'incomplete' ? `${lang}(${incomplete})` : `-${lang}`,
    )
    .join(' ');

/** `dabyl notice list|show|cap`: the public notices, for people and (with --json) for scripts. */
export function registerNoticeCommands(program: Command, lang: MessageLang): void {
  const w = NOTICE_WORDS[lang];
  const json = CLI_WORDS[lang].json;
  const notice = program.command('notice').description(w.notice);
  notice
    .command('list')
    .description(w.list)
    .option('--json', json)
    .action(async (opts: { json?: boolean }) =>
      withContext(async (ctx) => {
        const items = await listNotices(ctx);
        if (opts.json) return printJson(items);
        printTable(
          items.map((n) => ({
            ...n,
            status: codeIn(lang, 'noticeStatus', n.status),
            languages: languages(n.languages, w.incomplete),
            title: n.title ?? w.noTitle,
          })),
          [...NOTICE_COLUMNS],
          w.columns,
        );
      }),
    );
  notice
    .command('show <idOrSlug>')
    .description(w.show)
    .option('--json', json)
    .action(async (idOrSlug: string, opts: { json?: boolean }) =>
      withContext(async (ctx) => {
        const n = await getNotice(ctx, null, cliActor(), idOrSlug);
        if (opts.json) return printJson(n);
        const out = (k: string, v: unknown) => process.stdout.write(`${k.padEnd(14)} ${String(v ?? '')}\n`);
        const l = w.labels;
        out(l.id, n.id);
        out(l.slug, n.slug);
        out(l.status, codeIn(lang, 'noticeStatus', n.status));
        out(l.revision, n.revision);
        out(l.city, n.city);
        out(l.window, `${n.startsAt} – ${n.endsAt} (${n.timeZone})`);
        out(l.languages, languages(n.languages, w.incomplete));
        for (const [textLang, t] of Object.entries(n.texts)) out(`${l.title}.${textLang}`, t.title);
        for (const a of n.areas) {
          const label = areaLabel(a, lang) || areaLabel(a, 'en') || a.id;
          out(l[a.kind], `${label}${a.startsAt ? ` (${a.startsAt} – ${a.endsAt})` : ''}`);
        }
        for (const r of n.revisions)
          out(w.revisionLine(r.revision), w.published(r.kind, r.publishedAt, r.publishedBy ?? '?', r.note));
        for (const p of n.problems)
          out(w.toFix, `${p.path}: ${lang === 'en' ? p.message : faultText(lang, p)}`);
      }),
    );
  notice
    .command('cap <idOrSlug>')
    .description(w.cap)
    .option('--revision <n>', w.revisionOption)
    .action(async (idOrSlug: string, opts: { revision?: string }) =>
      withContext(async (ctx) => {
        const revision = opts.revision === undefined ? undefined : Number(opts.revision);
        if (revision !== undefined && (!Number.isInteger(revision) || revision < 1))
          throw new CliFailure(w.badRevision(opts.revision!), EXIT.usage);
        const n = await getNotice(ctx, null, cliActor(), idOrSlug);
        const xml = await getNoticeCap(ctx, n.id, revision);
        if (xml === null)
          throw new CliFailure(
            revision === undefined ? w.noPublished : w.noRevision(revision),
            EXIT.notFound,
          );
        process.stdout.write(xml.endsWith('\n') ? xml : `${xml}\n`);
      }),
    );
}
