import type { Command } from 'commander';
import { capSentence } from '../../cap/sentences/sentences.js';
import { addFeed, listFeeds, pollFeed, type PollReport } from '../../services/feeds/feeds.service.js';
import { withContext } from '../context.js';
import type { MessageLang } from '../../core/messages/messages.js';
import { CLI_WORDS } from '../cli.texts.js';
import { printJson } from '../output.js';
import { FEED_WORDS } from './feed.texts.js';

/**
 * `dabyl feed add|list|poll`: CAP feeds of other authorities. `poll` fetches one feed now, as the
 * `feeds.poll` job does on its interval, and prints what it read and every finding.
 */
export function registerFeedCommands(program: Command, lang: MessageLang): void {
  const w = FEED_WORDS[lang];
  const feed = program.command('feed').description(w.feed);
  feed
    .command('add <url>')
    .description(w.add)
    .requiredOption('--name <name>', w.name)
    .option('--name-kk <name>', w.nameKk)
    .option('--name-ru <name>', w.nameRu)
    .option('--name-en <name>', w.nameEn)
    .option('--every <seconds>', w.every, '60')
    .option('--trust-store <folder>', w.trustStore)
    .action(
      async (
        url: string,
        o: {
          name: string;
          nameKk?: string;
          nameRu?: string;
          nameEn?: string;
          every: string;
          trustStore?: string;
        },
      ) => {
        const row = await withContext((ctx) =>
          addFeed(ctx, {
            url,
            name: { kk: o.nameKk ?? o.name, ru: o.nameRu ?? o.name, en: o.nameEn ?? o.name },
            pollSeconds: Number(o.every),
            ...(o.trustStore ? { trustStore: o.trustStore } : {}),
          }),
        );
        process.stdout.write(`${row.id}\n`);
      },
    );
  feed
    .command('list')
    .description(w.list)
    .option('--json', CLI_WORDS[lang].json)
    .action(async (o: { json?: boolean }) => {
      const rows = await withContext((ctx) => listFeeds(ctx));
      if (o.json) return printJson(rows);
      for (const r of rows) {
        const names = JSON.parse(r.name) as Partial<Record<MessageLang, string>> & { en: string };
        const name = names[lang] || names.en;
        const last = r.last_outcome as PollReport['outcome'] | null;
        process.stdout.write(
          `${w.line(r.id, name, r.url, r.poll_seconds, last && (w.outcomes[last] ?? last))}\n`,
        );
      }
    });
  feed
    .command('poll <id>')
    .description(w.poll)
    .action(async (id: string) => {
      const report = await withContext((ctx) => pollFeed(ctx, id));
      process.stdout.write(
        `${w.polled(w.outcomes[report.outcome], report.added, report.duplicates, report.superseded)}\n`,
      );
      for (const f of report.findings) {
        const message = f.words ? capSentence(lang, f.words) : f.message;
        process.stdout.write(`  ${w.severities[f.severity]} ${f.rule} ${f.path}: ${message}\n`);
      }
    });
}
