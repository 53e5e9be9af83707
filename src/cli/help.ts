import { Help, type Argument, type Command, type Option } from 'commander';
import type { MessageLang } from '../core/messages/messages.js';
import { CLI_WORDS, type CommanderErrors } from './cli.texts.js';

/** Commander's refusals as it words them, each with what it names. */
const REFUSALS: readonly [RegExp, (e: CommanderErrors, ...names: string[]) => string][] = [
  [/^error: unknown command '(.*)'/, (e, name) => e.unknownCommand(name!)],
  [/^error: unknown option '(.*)'/, (e, flag) => e.unknownOption(flag!)],
  [/^error: missing required argument '(.*)'/, (e, name) => e.missingArgument(name!)],
  [/^error: required option '(.*)' not specified/, (e, flags) => e.missingOption(flags!)],
  [/^error: option '(.*)' argument missing/, (e, flags) => e.optionMissingValue(flags!)],
  [
    /^error: too many arguments.*Expected (\d+) arguments? but got (\d+)/,
    (e, expected, got) => e.tooManyArguments(expected!, got!),
  ],
];

/** One of commander's error lines in `errors`' words, with its suggestion; other lines as they are. */
export function wordRefusal(text: string, errors: CommanderErrors): string {
  const [first = '', ...rest] = text.split('\n');
  const refusal = REFUSALS.find(([pattern]) => pattern.test(first));
  if (!refusal) return text;
  const worded = refusal[1](errors, ...pattern(refusal[0], first));
  const suggestion = /\(Did you mean (.*)\?\)/.exec(rest.join('\n'))?.[1];
  return `${worded}\n${suggestion ? `${errors.didYouMean(suggestion)}\n` : ''}`;
}

const pattern = (re: RegExp, text: string) => re.exec(text)!.slice(1);

/** `(default: …)` after an option's or argument's description, in the help's language. */
function withDefault(description: string, item: Option | Argument, defaultIs: (v: string) => string) {
  const shown =
    item.defaultValue !== undefined &&
    ('isBoolean' in item ? item.required || item.optional || typeof item.defaultValue === 'boolean' : true);
  if (!shown) return description;
  const value = item.defaultValueDescription || JSON.stringify(item.defaultValue);
  return description ? `${description} (${defaultIs(value)})` : `(${defaultIs(value)})`;
}

/**
 * Words commander's own parts of the help and its refusals in `lang`: headings, the help option
 * and command, the version option and defaults. Called before any command is added: commands
 * take these settings from their parent when they are created.
 */
export function speakIn(program: Command, lang: MessageLang, version: string): Command {
  const words = CLI_WORDS[lang];
  const headings: Record<string, string> = {
    'Usage:': words.headings.usage,
    'Arguments:': words.headings.arguments,
    'Options:': words.headings.options,
    'Global Options:': words.headings.globalOptions,
    'Commands:': words.headings.commands,
  };
  const errors = words.errors;
  // Commander writes these placeholders itself; the flags and names around them stay as typed.
  const tokens = (usage: string) =>
    usage
      .replace(/\[options\]/g, words.usageTokens.options)
      .replace(/\[command\]/g, words.usageTokens.command);
  return program
    .version(version, '-V, --version', words.version)
    .helpOption('-h, --help', words.help)
    .helpCommand('help [command]', words.help)
    .configureHelp({
      styleTitle: (title) => headings[title] ?? title,
      commandUsage(cmd) {
        return tokens(Help.prototype.commandUsage.call(this, cmd));
      },
      subcommandTerm(cmd) {
        return tokens(Help.prototype.subcommandTerm.call(this, cmd));
      },
      optionDescription: (option) => withDefault(option.description, option, words.defaultIs),
      argumentDescription: (argument) => withDefault(argument.description, argument, words.defaultIs),
    })
    .configureOutput(errors ? { outputError: (text, write) => write(wordRefusal(text, errors)) } : {});
}
