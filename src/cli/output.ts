import { CATALOGUES, languageOf, problemText, type MessageLang } from '../core/messages/messages.js';
import { AppError, wordedIn } from '../errors.js';
import { ConfigError } from '../config/config.js';
import { CLI_WORDS } from './cli.texts.js';

/** Exit codes a script can rely on. */
export const EXIT = {
  ok: 0,
  failed: 1,
  usage: 2,
  config: 3,
  notFound: 4,
  conflict: 5,
  denied: 6,
  /** The database does not answer (sysexits EX_UNAVAILABLE). */
  unavailable: 69,
  internal: 70,
} as const;

export class CliFailure extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

/**
 * The language the CLI speaks to its user: DABYL_LANG if set, else the locale's (LC_ALL,
 * LC_MESSAGES, LANG: `ru_RU.UTF-8` is Russian); undefined (English) for C, POSIX or anything else.
 */
export function cliLanguage(env: NodeJS.ProcessEnv): MessageLang | undefined {
  const tag = env.DABYL_LANG || env.LC_ALL || env.LC_MESSAGES || env.LANG;
  return languageOf(tag?.split('.')[0]?.replace('_', '-'));
}

/**
 * Maps any error to a one-line message on stderr, in `lang` (English when none), and the exit
 * code its kind deserves.
 */
export function exitCodeFor(err: unknown, lang?: MessageLang): { code: number; message: string } {
  if (err instanceof CliFailure) return { code: err.exitCode, message: err.message };
  if (err instanceof ConfigError)
    return { code: EXIT.config, message: CLI_WORDS[lang ?? 'en'].configuration(configText(err, lang)) };
  if (err instanceof AppError) {
    const code =
      err.status === 404
        ? EXIT.notFound
        : err.status === 409
          ? EXIT.conflict
          : err.status === 403
            ? EXIT.denied
            : EXIT.usage;
    return { code, message: wordedIn(lang, err).detail };
  }
  return { code: EXIT.internal, message: (err as Error)?.stack ?? String(err) };
}

/**
 * A configuration problem in `lang`: English as the check wrote it; otherwise from its fault, or,
 * for a check that gives none, "is not valid" with the check's own English beside it.
 */
function configText(err: ConfigError, lang?: MessageLang): string {
  if (!lang || lang === 'en') return err.message;
  const worded = err.fault
    ? problemText(lang, err.fault.problem, err.fault.params)
    : `${problemText(lang, 'invalid')} (${err.problem})`;
  return `${err.variable}: ${worded}`;
}

/** A sentence's `{name}` placeholders filled with its values; a value it lacks stays as `{name}`. */
export const filled = (text: string, params: Readonly<Record<string, string | number>> = {}): string =>
  text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));

type CodeWords = 'role' | 'organisationKind' | 'exerciseType' | 'noticeStatus';

/**
 * A coded value in a table as the console names it in Kazakh and Russian; English tables keep the
 * code, which is also what a script passes back as an option.
 */
export function codeIn(lang: MessageLang, set: CodeWords, code: string): string {
  if (lang === 'en') return code;
  return (CATALOGUES[lang].words[set] as Readonly<Record<string, string>>)[code] ?? code;
}

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

/**
 * A fixed-width table for people; scripts use --json. Each column's heading is its name in
 * `headings` (the reader's language), else the column's key, in capitals.
 */
export function printTable(
  rows: Record<string, unknown>[],
  columns: string[],
  headings: Readonly<Record<string, string>> = {},
): void {
  const cell = (v: unknown) =>
    v === null || v === undefined ? '' : Array.isArray(v) ? v.join(',') : String(v);
  const titles = columns.map((c) => (headings[c] ?? c).toUpperCase());
  const widths = columns.map((c, i) => Math.max(titles[i]!.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (values: string[]) =>
    values
      .map((v, i) => v.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  process.stdout.write(line(titles) + '\n');
  for (const r of rows) process.stdout.write(line(columns.map((c) => cell(r[c]))) + '\n');
}

/** Reads a whole secret from stdin (for --password-stdin), without the final newline. */
export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}
