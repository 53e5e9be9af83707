import type { Command } from 'commander';
import { IMPROVEMENT_STATUSES, type ImprovementStatus } from '../../core/improvement/improvement.js';
import { setItemStatus, setItemTestIn } from '../../services/improvement/changes.service.js';
import { createItem, listItems } from '../../services/improvement/items.service.js';
import type { ImprovementItem } from '../../services/improvement/model.js';
import { cliActor, withContext } from '../context.js';
import { cliLanguage, CliFailure, EXIT, printJson, printTable } from '../output.js';
import { LOCALES } from '../../contract/enums.js';
import { capabilityName } from '../../core/exercise/capability-names.js';
import { isMessageLang, type MessageLang } from '../../core/messages/messages.js';
import { IMPROVEMENT_WORDS } from './improvement.texts.js';
import { IMPROVEMENT_HELP } from './improvement.help.js';
import { CLI_WORDS } from '../cli.texts.js';
import { CLI_POLICY } from './exercise-docs.js';

/** The table's columns in the reader's language: statuses, capabilities and proposals worded, the id kept. */
function table(items: ImprovementItem[], lang: MessageLang): void {
  const w = IMPROVEMENT_WORDS[lang];
  const c = w.columns;
  const columns = [
    'id',
    c.status,
    c.overdue,
    c.dueOn,
    c.exercise,
    c.capability,
    c.organisation,
    c.owner,
    c.action,
    c.testIn,
  ];
  if (items.length === 0) return void process.stdout.write(`${w.none}\n`);
  printTable(
    items.map((i) => ({
      id: i.id,
      [c.status]: w.status[i.status],
      [c.overdue]: i.overdue ? w.overdue : '',
      [c.dueOn]: i.dueOn,
      [c.exercise]: i.exerciseName,
      [c.capability]: capabilityName(i.capabilityId, i.capabilityName, lang),
      [c.organisation]: i.organisationName,
      [c.owner]: i.owner.name,
      [c.action]: i.correctiveAction,
      [c.testIn]: i.testIn ? w.testIn[i.testIn.state](i.testIn.exerciseName) : '',
    })),
    columns,
  );
}

/** --lang, else DABYL_LANG or the locale, else English; a bad one is a usage error. */
function languageFrom(value: string | undefined): MessageLang {
  const fallback = cliLanguage(process.env) ?? 'en';
  if (value === undefined) return fallback;
  // Refused in the language the reader would otherwise have had, not in English.
  if (!isMessageLang(value))
    throw new CliFailure(IMPROVEMENT_WORDS[fallback].oneOf('--lang', LOCALES.join(', ')), EXIT.usage);
  return value;
}

const show = (items: ImprovementItem[], json: boolean | undefined, lang: MessageLang) =>
  json ? printJson(items.length === 1 ? items[0] : items) : table(items, lang);

interface AddOptions {
  exercise: string;
  capability: string;
  element: string;
  issue: string;
  action: string;
  organisation: string;
  ownerUser?: string;
  owner?: string;
  contact?: string;
  start: string;
  due: string;
  observation?: string;
  testIn?: string;
  json?: boolean;
  lang?: string;
}

/** `dabyl improvement list|add|set-status|test-in`: the improvement plan across exercises. */
export function registerImprovementCommands(program: Command, helpLang: MessageLang = 'en'): void {
  const help = IMPROVEMENT_HELP[helpLang];
  const json = CLI_WORDS[helpLang].json;
  const improvement = program.command('improvement').description(help.group);
  improvement
    .command('list')
    .description(help.list)
    .option('--status <status>', help.status)
    .option('--organisation <id>', help.organisation)
    .option('--capability <id>', help.capability)
    .option('--exercise <id>', help.exercise)
    .option('--overdue', help.overdue)
    .option('--json', json)
    .option('--lang <lang>', help.lang)
    .action(
      async (opts: {
        status?: string;
        organisation?: string;
        capability?: string;
        exercise?: string;
        overdue?: boolean;
        json?: boolean;
        lang?: string;
      }) =>
        withContext(async (ctx) => {
          const lang = languageFrom(opts.lang);
          if (opts.status && !(IMPROVEMENT_STATUSES as readonly string[]).includes(opts.status))
            throw new CliFailure(
              IMPROVEMENT_WORDS[lang].oneOf('--status', IMPROVEMENT_STATUSES.join(', ')),
              EXIT.usage,
            );
          const items = await listItems(ctx, CLI_POLICY, {
            status: opts.status as ImprovementStatus | undefined,
            organisationId: opts.organisation,
            capabilityId: opts.capability,
            exerciseId: opts.exercise,
            overdue: opts.overdue ? true : undefined,
          });
          if (opts.json) return printJson(items);
          table(items, lang);
        }),
    );
  improvement
    .command('add')
    .description(help.add)
    .requiredOption('--exercise <id>', help.addExercise)
    .requiredOption('--capability <id>', help.capability)
    .requiredOption('--element <element>', help.element)
    .requiredOption('--issue <text>', help.issue)
    .requiredOption('--action <text>', help.action)
    .requiredOption('--organisation <id>', help.organisation)
    .option('--owner-user <id>', help.ownerUser)
    .option('--owner <name>', help.owner)
    .option('--contact <email>', help.contact)
    .requiredOption('--start <day>', help.start)
    .requiredOption('--due <day>', help.due)
    .option('--observation <id>', help.observation)
    .option('--test-in <exerciseId>', help.testInOption)
    .option('--json', json)
    .option('--lang <lang>', help.lang)
    .action(async (o: AddOptions) => {
      // Checked before anything is written: a refusal after the item was stored would invite a second one.
      const lang = languageFrom(o.lang);
      return withContext(async (ctx) => {
        const item = await createItem(ctx, cliActor(), CLI_POLICY, {
          exerciseId: o.exercise,
          capabilityId: o.capability,
          element: o.element,
          issue: o.issue,
          correctiveAction: o.action,
          organisationId: o.organisation,
          owner: { userId: o.ownerUser ?? null, name: o.owner ?? null },
          contactEmail: o.contact ?? null,
          startOn: o.start,
          dueOn: o.due,
          observationId: o.observation ?? null,
          testInExerciseId: o.testIn ?? null,
        });
        show([item], o.json, lang);
      });
    });
  improvement
    .command('set-status <itemId> <status>')
    .description(help.setStatus)
    .option('--json', json)
    .option('--lang <lang>', help.lang)
    .action(async (itemId: string, status: string, opts: { json?: boolean; lang?: string }) => {
      const lang = languageFrom(opts.lang);
      return withContext(async (ctx) =>
        show([await setItemStatus(ctx, cliActor(), CLI_POLICY, itemId, { status })], opts.json, lang),
      );
    });
  improvement
    .command('test-in <itemId> <exerciseId>')
    .description(help.testIn)
    .option('--json', json)
    .option('--lang <lang>', help.lang)
    .action(async (itemId: string, exerciseId: string, opts: { json?: boolean; lang?: string }) => {
      const lang = languageFrom(opts.lang);
      return withContext(async (ctx) =>
        show(
          [
            await setItemTestIn(ctx, cliActor(), CLI_POLICY, itemId, {
              exerciseId: exerciseId === 'none' ? null : exerciseId,
            }),
          ],
          opts.json,
          lang,
        ),
      );
    });
}
