import type { Command } from 'commander';
import { EXERCISE_HAZARDS, LESSON_KINDS, LOCALES } from '../../contract/enums.js';
import { parseLessonQuery, QUERY_MAX } from '../../core/lessons/query.js';
import { isMessageLang, type MessageLang } from '../../core/messages/messages.js';
import { toCsv } from '../../core/spreadsheet/csv.js';
import type { AppContext } from '../../services/context.js';
import {
  lessonFilters,
  LESSONS_LIMIT,
  searchLessons,
  type Lesson,
} from '../../services/lessons/lessons.service.js';
import { listOrganisations } from '../../services/organisations.service.js';
import { withContext } from '../context.js';
import { cliLanguage, CliFailure, EXIT, printJson, printTable } from '../output.js';
import { CLI_POLICY } from './exercise-docs.js';
import { LESSONS_WORDS, type LessonsWords } from './lessons.texts.js';
import { LESSON_FORMATS, LESSONS_HELP } from './lessons.help.js';
import { capabilityName } from '../../core/exercise/capability-names.js';

const CITY_MAX = 100;

interface SearchOptions {
  text: string;
  kind?: string;
  capability?: string;
  hazard?: string;
  organisation?: string;
  city?: string;
  limit?: string;
  format: string;
  lang?: string;
}

const oneOf = (values: readonly string[], value: string | undefined) =>
  value === undefined || values.includes(value);

/** The options checked before the database is opened, each refusal naming its option. */
function checkOptions(o: SearchOptions): { lang: MessageLang; limit: number | undefined } {
  const fallback = cliLanguage(process.env) ?? 'en';
  if (o.lang !== undefined && !isMessageLang(o.lang))
    throw new CliFailure(LESSONS_WORDS[fallback].refuse.oneOf('--lang', LOCALES), EXIT.usage);
  const lang = (o.lang as MessageLang | undefined) ?? fallback;
  const r = LESSONS_WORDS[lang].refuse;
  const refuse = (message: string) => new CliFailure(message, EXIT.usage);
  if (!oneOf(LESSON_FORMATS, o.format)) throw refuse(r.oneOf('--format', LESSON_FORMATS));
  if (!oneOf(LESSON_KINDS, o.kind)) throw refuse(r.oneOf('--kind', LESSON_KINDS));
  if (!oneOf(EXERCISE_HAZARDS, o.hazard)) throw refuse(r.oneOf('--hazard', EXERCISE_HAZARDS));
  if (o.text.length > QUERY_MAX) throw refuse(r.tooLong('--text', QUERY_MAX));
  if (parseLessonQuery(o.text).terms.length === 0) throw refuse(r.noWord);
  if (o.city !== undefined && o.city.trim().length > CITY_MAX) throw refuse(r.tooLong('--city', CITY_MAX));
  let limit: number | undefined;
  if (o.limit !== undefined) {
    limit = /^\d+$/.test(o.limit) ? Number(o.limit) : NaN;
    if (!(limit >= 1 && limit <= LESSONS_LIMIT)) throw refuse(r.limit(LESSONS_LIMIT));
  }
  return { lang, limit };
}

/** An id, or a name in any letter case, among `named`; undefined when none matches. */
function pick(named: readonly { id: string; names: string[] }[], value: string): string | undefined {
  const wanted = value.trim().toLocaleLowerCase();
  return (
    named.find((n) => n.id === value.trim()) ??
    named.find((n) => n.names.some((name) => name.toLocaleLowerCase() === wanted))
  )?.id;
}

async function resolve(ctx: AppContext, o: SearchOptions, words: LessonsWords) {
  let capabilityId: string | undefined;
  let organisationId: string | undefined;
  if (o.capability !== undefined) {
    const { capabilities } = await lessonFilters(ctx, CLI_POLICY);
    capabilityId = pick(
      // A capability by its name in any of the three languages, as the planner knows it.
      capabilities.map((c) => ({
        id: c.id,
        names: LOCALES.map((lang) => capabilityName(c.id, c.name, lang)),
      })),
      o.capability,
    );
    if (!capabilityId) throw new CliFailure(words.refuse.noCapability(o.capability), EXIT.notFound);
  }
  if (o.organisation !== undefined) {
    const organisations = await listOrganisations(ctx);
    organisationId = pick(
      organisations.map((g) => ({ id: g.id, names: [g.name, ...(g.shortName ? [g.shortName] : [])] })),
      o.organisation,
    );
    if (!organisationId) throw new CliFailure(words.refuse.noOrganisation(o.organisation), EXIT.notFound);
  }
  return { capabilityId, organisationId };
}

/** One lesson as a row of words: the kind and hazard in the reader's language, matches in [brackets] if asked. */
function row(l: Lesson, words: LessonsWords, lang: MessageLang, mark: boolean): string[] {
  const text = l.snippet
    .map((p) => (mark && p.match ? `[${p.text}]` : p.text))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
  return [
    words.kind[l.kind],
    l.reference ?? '',
    l.exercise.name,
    l.exercise.city ?? '',
    l.exercise.hazard ? (words.hazard[l.exercise.hazard as keyof LessonsWords['hazard']] ?? '') : '',
    l.exercise.startex.slice(0, 10),
    l.capabilities.map((c) => capabilityName(c.id, c.name, lang)).join('; '),
    text,
  ];
}

/** `dabyl lessons search`: lessons learned across past exercises, as GET /lessons finds them. */
export function registerLessonsCommands(program: Command, helpLang: MessageLang = 'en'): void {
  const help = LESSONS_HELP[helpLang];
  const lessons = program.command('lessons').description(help.group);
  lessons
    .command('search')
    .description(help.search)
    .requiredOption('--text <words>', help.text)
    .option('--kind <kind>', help.kind)
    .option('--capability <capability>', help.capability)
    .option('--hazard <hazard>', help.hazard)
    .option('--organisation <organisation>', help.organisation)
    .option('--city <city>', help.city)
    .option('--limit <n>', help.limit(LESSONS_LIMIT))
    .option('--format <format>', help.format, 'table')
    .option('--lang <lang>', help.lang)
    .action(async (o: SearchOptions) => {
      const { lang, limit } = checkOptions(o);
      const words = LESSONS_WORDS[lang];
      await withContext(async (ctx) => {
        const found = await searchLessons(ctx, CLI_POLICY, {
          q: o.text,
          kind: o.kind,
          hazard: o.hazard,
          city: o.city,
          limit,
          ...(await resolve(ctx, o, words)),
        });
        if (o.format === 'json') return printJson(found);
        const more = () => {
          if (found.more) process.stderr.write(`${words.more(found.items.length, LESSONS_LIMIT)}\n`);
        };
        const headings = Object.values(words.columns);
        if (o.format === 'csv') {
          process.stdout.write(toCsv([headings, ...found.items.map((l) => row(l, words, lang, false))]));
          return more();
        }
        if (found.items.length === 0) return void process.stdout.write(`${words.none}\n`);
        printTable(
          found.items.map((l) =>
            Object.fromEntries(row(l, words, lang, true).map((v, i) => [headings[i]!, v])),
          ),
          headings,
        );
        more();
      });
    });
}
