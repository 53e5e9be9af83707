import type { Command } from 'commander';
import { addFeed, listFeeds, pollFeed } from '../../services/feeds/feeds.service.js';
import { withContext } from '../context.js';
import { printJson } from '../output.js';

/**
 * `dabyl feed add|list|poll`: CAP feeds of other authorities. `poll` fetches one feed now, as the
 * `feeds.poll` job does on its interval, and prints what it read and every finding.
 */
export function registerFeedCommands(program: Command): void {
  const feed = program
    .command('feed')
    .description('CAP feeds of other authorities, read and shown on the public site');
  feed
    .command('add <url>')
    .description('add a feed (Atom/RSS with CAP entries, bare CAP, or EDXL-DE)')
    .requiredOption('--name <name>', 'the name shown on the public site (all languages)')
    .option('--name-kk <name>', 'the name in Kazakh')
    .option('--name-ru <name>', 'the name in Russian')
    .option('--name-en <name>', 'the name in English')
    .option('--every <seconds>', 'poll interval in seconds (at least 30)', '60')
    .option('--trust-store <folder>', "a folder of PEM certificates the feed's signatures must chain to")
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
    .description('list the feeds and how their last poll went')
    .option('--json', 'machine-readable output')
    .action(async (o: { json?: boolean }) => {
      const rows = await withContext((ctx) => listFeeds(ctx));
      if (o.json) return printJson(rows);
      for (const r of rows) {
        const name = (JSON.parse(r.name) as { en: string }).en;
        process.stdout.write(
          `${r.id}  ${name}  ${r.url}  every ${r.poll_seconds} s  last: ${r.last_outcome ?? 'never polled'}\n`,
        );
      }
    });
  feed
    .command('poll <id>')
    .description('poll one feed now and print what was read')
    .action(async (id: string) => {
      const report = await withContext((ctx) => pollFeed(ctx, id));
      process.stdout.write(
        `${report.outcome}: ${report.added} new, ${report.duplicates} already known, ${report.superseded} superseded\n`,
      );
      for (const f of report.findings)
        process.stdout.write(`  ${f.severity} ${f.rule} ${f.path}: ${f.message}\n`);
    });
}
