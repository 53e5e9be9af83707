/**
 * `dabyl --help` and every command's help speak Kazakh and Russian: no Latin word is left in them
 * but what a person types as it is (flags, command and argument names, DABYL_* variables,
 * placeholders, text in `code` quotes) and the words docs/glossary.md keeps in Latin letters. The
 * English help keeps its words, and every language lists the same flags and commands. Kazakh and
 * Russian use none of the glossary's words to avoid (in Kazakh a command is "пәрмен": "команда"
 * is a team's look-alike).
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildCli } from '../../src/cli/main.js';
import { CLI_WORDS } from '../../src/cli/cli.texts.js';
import { latinIn } from '../browser/latin-words.js';
import { keptInLatin } from '../support/glossary.js';

function walk(cmd: Command, path: string[] = []): { path: string[]; cmd: Command }[] {
  return [{ path, cmd }, ...cmd.commands.flatMap((c) => walk(c, [...path, c.name()]))];
}

/** Every name a person types: commands and arguments of the whole tree. */
function typedNames(program: Command): Set<string> {
  const names = new Set(['dabyl', 'help', 'command', 'options']);
  const add = (cmd: Command): void => {
    names.add(cmd.name());
    for (const a of cmd.registeredArguments) names.add(a.name());
    cmd.commands.forEach(add);
  };
  add(program);
  return names;
}

/** The Latin words of a help text that are neither typed as they are nor kept by the glossary. */
function untranslated(help: string, allowed: Set<string>): string[] {
  const prose = help
    // Text in code quotes, and the defaults commander quotes, are typed as they are.
    .replace(/`[^`]*`/g, ' ')
    .replace(/"[^"\n]*"/g, ' ')
    .split(/\s+/)
    .map((token) => token.replace(/^[(«]+/, ''))
    .filter((token) => !/^[-<[]/.test(token))
    .join(' ');
  // Words in capitals are variables, placeholders and abbreviations (FILE, DIR, YYYY-MM-DD, NTP).
  return latinIn(prose, allowed).filter((w) => !/^[A-Z0-9_:-]+$/.test(w));
}

/** The glossary's "avoid" columns: stems no Kazakh or Russian text may begin a word with. */
function avoided(): Record<'kk' | 'ru', string[]> {
  const glossary = readFileSync(new URL('../../docs/glossary.md', import.meta.url), 'utf8');
  const out = { kk: [] as string[], ru: [] as string[] };
  const stems = (cell: string | undefined) =>
    (cell ?? '')
      .split(',')
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean);
  for (const line of glossary.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 8 || cells[1] === 'English' || cells[1]?.startsWith('---')) continue;
    out.kk.push(...stems(cells[4]));
    out.ru.push(...stems(cells[5]));
  }
  return out;
}

const startsWord = (text: string, stem: string) => new RegExp(`(^|[^\\p{L}])${stem}`, 'iu').test(text);

/** The terms a help text lists (flags with their placeholders, subcommands, arguments), which every language keeps. */
function typed(help: string): string[] {
  return help
    .split('\n')
    .filter((line) => /^ {2}\S/.test(line))
    .map((line) => line.trim().split(/\s{2,}/)[0]!)
    .sort();
}

/** The help with commander's `[options]` and `[command]` as English writes them, for comparing the terms. */
function inEnglishTokens(help: string, lang: 'kk' | 'ru'): string {
  const { options, command } = CLI_WORDS[lang].usageTokens;
  return help.split(options).join('[options]').split(command).join('[command]');
}

describe('the help of every command', () => {
  const en = buildCli('en');
  const avoid = avoided();
  const allowed = new Set(
    [...keptInLatin(), ...typedNames(en)].flatMap((w) => w.toLowerCase().split(/[-_.]+/)),
  );

  for (const lang of ['kk', 'ru'] as const) {
    it(`speaks ${lang} at every level, keeping flags and command names`, () => {
      const program = buildCli(lang);
      const english = new Map(walk(en).map((p) => [p.path.join(' '), p.cmd.helpInformation()]));
      const leaks: string[] = [];
      for (const { path, cmd } of walk(program)) {
        const help = cmd.helpInformation();
        const where = ['dabyl', ...path].join(' ');
        for (const word of untranslated(help, allowed)) leaks.push(`${where}: ${word}`);
        for (const stem of avoid[lang]) if (startsWord(help, stem)) leaks.push(`${where}: avoid "${stem}"`);
        expect(typed(inEnglishTokens(help, lang)), where).toEqual(typed(english.get(path.join(' '))!));
      }
      expect(leaks).toEqual([]);
    });
  }

  it('reads the glossary’s words to avoid', () => {
    expect(avoid.kk).toContain('контроллер');
    expect(avoid.ru).toContain('посредник');
  });

  it('keeps commander’s English headings and sentences in English', () => {
    const root = en.helpInformation();
    expect(root).toMatch(/^Usage: dabyl \[options\] \[command\]/);
    expect(root).toContain('Options:');
    expect(root).toContain('Commands:');
    expect(root).toContain('-V, --version             output the version number');
    expect(root).toContain('help [command]            display help for command');
    const audit = en.commands.find((c) => c.name() === 'audit')!;
    const list = audit.commands.find((c) => c.name() === 'list')!.helpInformation();
    expect(list).toContain('--limit <n>  how many (default: "20")');
    expect(list).toContain('--json       machine-readable output');
  });

  it('words commander’s headings, help, version and usage placeholders in Kazakh and Russian', () => {
    const kk = buildCli('kk').helpInformation();
    expect(kk).toMatch(/^Қолданылуы: dabyl \[параметрлер\] \[пәрмен\]/);
    expect(kk).toContain('Параметрлер:');
    expect(kk).toContain('Пәрмендер:');
    const ru = buildCli('ru').helpInformation();
    // The placeholders are longer than commander's, so the columns are wider.
    expect(ru).toMatch(/^Использование: dabyl \[параметры\] \[команда\]/);
    expect(ru).toMatch(/-V, --version +показать номер версии/);
    expect(ru).toMatch(/help \[команда\] +показать справку по команде/);
  });
});
