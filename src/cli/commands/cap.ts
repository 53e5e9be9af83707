/**
 * `dabyl cap …`: validate and convert CAP messages from the command line. Thin: it reads files,
 * calls the CAP library's checkCap / parse / build, and prints.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import {
  buildCap,
  capFromJson,
  CapJsonError,
  CapParseError,
  capToJsonText,
  checkCap,
  parseCap,
  resolveProfiles,
  UnknownProfileError,
} from '../../cap/index.js';
import type { CapFinding, CapReport } from '../../cap/index.js';
import { CliFailure, EXIT } from '../output.js';
import { capSignatureCheck } from '../../cap/dsig/index.js';

/** The report on one file: the library's report plus the file's name. */
export interface CapFileReport extends CapReport {
  file: string;
}

const CAP_FILE = /\.(xml|cap|atom|rss|edxl)$/i;

async function expand(path: string): Promise<string[]> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isDirectory()) return [path];
  const entries = await readdir(path, { withFileTypes: true });
  const nested = await Promise.all(
    entries
      .filter((e) => e.isDirectory() || CAP_FILE.test(e.name))
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((e) => expand(join(path, e.name))),
  );
  return nested.flat();
}

const unreadable = (file: string, err: unknown): CapFileReport => ({
  file,
  valid: false,
  wrapper: null,
  messages: [],
  findings: [
    {
      path: '/',
      severity: 'error',
      rule: 'io.read',
      message: `The file cannot be read (${(err as Error).message}).`,
    },
  ],
  errors: 1,
  warnings: 0,
});

/**
 * Validates every file named, descending into directories (files ending .xml, .cap, .atom, .rss,
 * .edxl). A file that cannot be read or parsed gets its own failed report; the rest go on.
 */
export async function validateCapFiles(paths: string[], profiles: string[] = []): Promise<CapFileReport[]> {
  resolveProfiles(profiles);
  const files = (await Promise.all(paths.map(expand))).flat();
  const reports: CapFileReport[] = [];
  for (const file of files) {
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch (err) {
      reports.push(unreadable(file, err));
      continue;
    }
    reports.push({ file, ...(await checkCap(bytes, { profiles, verifySignature: capSignatureCheck })) });
  }
  return reports;
}

const line = (f: CapFinding): string => `    ${f.severity.padEnd(7)} ${f.path}  [${f.rule}] ${f.message}`;
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The report as a person reads it: one block per file, each finding on its own line. */
export function formatCapReports(reports: CapFileReport[]): string {
  const out: string[] = [];
  for (const r of reports) {
    const versions = [...new Set(r.messages.map((m) => `CAP ${m.version}`))].join(', ') || 'unreadable';
    const wrapper = r.wrapper && r.wrapper !== 'none' ? ` in ${r.wrapper}` : '';
    out.push(
      `${r.valid ? 'VALID  ' : 'INVALID'} ${r.file} — ${versions}${wrapper}, ${plural(r.messages.length, 'alert')}: ` +
        `${plural(r.errors, 'error')}, ${plural(r.warnings, 'warning')}`,
    );
    out.push(...r.findings.map(line));
    for (const m of r.messages) {
      if (m.findings.length === 0) continue;
      out.push(`  alert ${m.identifier || '(no identifier)'} at ${m.location}${m.signed ? ' (signed)' : ''}`);
      out.push(...m.findings.map(line));
    }
  }
  const invalid = reports.filter((r) => !r.valid).length;
  out.push(`${plural(reports.length, 'file')}: ${reports.length - invalid} valid, ${invalid} invalid.`);
  return out.join('\n');
}

/** Converts a CAP file (XML, or the JSON form) to the other form, or normalises it. */
export async function convertCapFile(file: string, to: 'json' | 'xml'): Promise<string> {
  const bytes = await readFile(file);
  const isJson = /^\s*\{/.test(bytes.subarray(0, 64).toString('utf8'));
  const alert = isJson ? capFromJson(bytes.toString('utf8')) : parseCap(bytes).alert;
  return to === 'json' ? capToJsonText(alert) : buildCap(alert);
}

const list = (value: string, previous: string[] = []): string[] => [
  ...previous,
  ...value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
];

/** Turns the library's input errors into a CLI failure with a plain message instead of a stack. */
async function plainly<T>(run: () => Promise<T>, exitCode: number): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof UnknownProfileError) throw new CliFailure(err.message, EXIT.usage);
    if (err instanceof CapParseError || err instanceof CapJsonError)
      throw new CliFailure(err.message, exitCode);
    throw err;
  }
}

/** Registers `cap validate` and `cap convert` under `program`. */
export function registerCapCommands(program: Command): Command {
  const cap = program.command('cap').description('Common Alerting Protocol (CAP 1.2) messages');

  cap
    .command('validate')
    .description('Check CAP 1.0/1.1/1.2 messages (bare, Atom, RSS or EDXL-DE); exit 1 if any is invalid')
    .argument('<paths...>', 'files or directories')
    .option('--json', 'print the report as JSON')
    .option('--profile <ids>', 'profiles on top of CAP 1.2: ipaws, cap-cp, dabyl (comma-separated)', list, [])
    .action(async (paths: string[], opts: { json?: boolean; profile: string[] }) => {
      const reports = await plainly(() => validateCapFiles(paths, opts.profile), EXIT.failed);
      const valid = reports.every((r) => r.valid);
      process.stdout.write(
        (opts.json ? JSON.stringify({ valid, files: reports }, null, 2) : formatCapReports(reports)) + '\n',
      );
      if (!valid)
        throw new CliFailure(
          `${reports.filter((r) => !r.valid).length} of ${reports.length} files are invalid`,
          EXIT.failed,
        );
    });

  cap
    .command('convert')
    .description('Convert a CAP message between XML and its JSON form')
    .argument('<file>', 'a CAP XML file or a CAP JSON file')
    .requiredOption('--to <format>', 'json or xml')
    .action(async (file: string, opts: { to: string }) => {
      if (opts.to !== 'json' && opts.to !== 'xml')
        throw new CliFailure('--to must be json or xml', EXIT.usage);
      process.stdout.write(
        (await plainly(() => convertCapFile(file, opts.to as 'json' | 'xml'), EXIT.failed)) + '\n',
      );
    });

  // `cap sign` and `cap verify` (XML-DSig, src/cap/dsig) are registered here by their module.

  return cap;
}
