/**
 * `dabyl cap …`: validate and convert CAP messages from the command line. Thin: it reads files,
 * calls the CAP library's checkCap / parse / build, and prints.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import {
  buildCap,
  CAP_PROFILES,
  capFromJson,
  CapJsonError,
  CapParseError,
  capToJsonText,
  checkCap,
  parseCap,
  resolveProfiles,
  UnknownProfileError,
} from '../../cap/index.js';
import { capFinding, type CapFinding, type CapMessageReport, type CapReport } from '../../cap/index.js';
import { capSentence } from '../../cap/sentences/sentences.js';
import type { MessageLang } from '../../core/messages/messages.js';
import { CliFailure, EXIT } from '../output.js';
import { capSignatureChecker, type SignatureVerdict, type TrustAnchor } from '../../cap/dsig/index.js';
import { CAP_CLI_WORDS } from './cap.texts.js';
import { CAP_SIGN_CLI_WORDS } from './cap-sign.texts.js';
import { collect, describeVerdicts, trustAnchorsFrom, type TrustOptions } from './cap-verdicts.js';

/** One alert's report, with a verdict per signature when it is signed. */
export interface CapFileMessage extends CapMessageReport {
  signatures?: SignatureVerdict[];
}

/** The report on one file: the library's report plus the file's name and each signature's verdict. */
export interface CapFileReport extends CapReport {
  file: string;
  messages: CapFileMessage[];
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
    capFinding('/', 'error', 'io.read', {
      key: 'file_unreadable',
      params: { detail: (err as Error).message },
    }),
  ],
  errors: 1,
  warnings: 0,
});

/**
 * Validates every file named, descending into directories (files ending .xml, .cap, .atom, .rss,
 * .edxl). A file that cannot be read or parsed gets its own failed report; the rest go on. Each
 * signature is verified on its own; with trust anchors, a signer none of them vouches for is an error.
 */
export async function validateCapFiles(
  paths: string[],
  profiles: string[] = [],
  trustAnchors: TrustAnchor[] = [],
): Promise<CapFileReport[]> {
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
    const verdicts = new Map<string, SignatureVerdict[]>();
    const verifySignature = capSignatureChecker({ trustAnchors, receivedAt: new Date() }, (at, v) =>
      verdicts.set(at, v),
    );
    const report = await checkCap(bytes, { profiles, verifySignature });
    const messages = report.messages.map((m) => {
      const signatures = verdicts.get(m.location);
      return signatures ? { ...m, signatures } : m;
    });
    reports.push({ file, ...report, messages });
  }
  return reports;
}

/** The report as a person reads it, in `lang`: one block per file, each finding on its own line. */
export function formatCapReports(reports: CapFileReport[], lang: MessageLang = 'en'): string {
  const words = CAP_CLI_WORDS[lang];
  const verdictWidth = Math.max(words.valid.length, words.invalid.length);
  const severityWidth = Math.max(...Object.values(words.severity).map((w) => w.length));
  const line = (f: CapFinding): string =>
    `    ${words.severity[f.severity].padEnd(severityWidth)} ${f.path}  [${f.rule}] ` +
    (f.words ? capSentence(lang, f.words) : f.message);
  const out: string[] = [];
  for (const r of reports) {
    const versions = [...new Set(r.messages.map((m) => `CAP ${m.version}`))].join(', ') || words.unreadable;
    const wrapper = r.wrapper && r.wrapper !== 'none' ? words.inWrapper(r.wrapper) : '';
    out.push(
      `${(r.valid ? words.valid : words.invalid).padEnd(verdictWidth)} ${r.file} — ${versions}${wrapper}, ` +
        words.fileLine(r.messages.length, r.errors, r.warnings),
    );
    out.push(...r.findings.map(line));
    for (const m of r.messages) {
      const signatures = m.signatures ?? [];
      // A signature's problems are said in its verdict; the other findings follow it.
      const findings = signatures.length
        ? m.findings.filter((f) => !f.rule.startsWith('cap.signature.'))
        : m.findings;
      if (findings.length === 0 && signatures.length === 0) continue;
      out.push(`  ${words.alertAt(m.identifier, m.location, m.signed)}`);
      if (signatures.length)
        out.push(describeVerdicts(signatures, lang, CAP_SIGN_CLI_WORDS[lang].signature, '    ').trimEnd());
      out.push(...findings.map(line));
    }
  }
  const invalid = reports.filter((r) => !r.valid).length;
  out.push(words.total(reports.length, reports.length - invalid, invalid));
  return out.join('\n');
}

/** Converts a CAP file (XML, or the JSON form) to the other form, or normalises it. */
export async function convertCapFile(file: string, to: 'json' | 'xml'): Promise<string> {
  return (await convertAndCheck(file, to)).text;
}

/**
 * Converts, then checks the CAP 1.2 XML the conversion stands for, as `cap validate` would: a JSON
 * form with a status of "Bogus" or no sender converts without complaint, and must not reach anyone
 * as if it were an alert.
 */
export async function convertAndCheck(
  file: string,
  to: 'json' | 'xml',
): Promise<{ text: string; report: CapFileReport }> {
  const bytes = await readFile(file);
  const isJson = /^\s*\{/.test(bytes.subarray(0, 64).toString('utf8'));
  const alert = isJson ? capFromJson(bytes.toString('utf8')) : parseCap(bytes).alert;
  const xml = buildCap(alert);
  const report = { file, ...(await checkCap(Buffer.from(xml, 'utf8'))) };
  return { text: to === 'json' ? capToJsonText(alert) : xml, report };
}

const list = (value: string, previous: string[] = []): string[] => [
  ...previous,
  ...value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
];

/** Turns the library's input errors into a CLI failure with a plain message, in `lang`, instead of a stack. */
async function plainly<T>(run: () => Promise<T>, exitCode: number, lang: MessageLang): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof UnknownProfileError)
      throw new CliFailure(
        CAP_CLI_WORDS[lang].unknownProfile(err.profile, [...CAP_PROFILES.keys()].join(', ')),
        EXIT.usage,
      );
    if (err instanceof CapParseError) throw new CliFailure(capSentence(lang, err.words), exitCode);
    if (err instanceof CapJsonError)
      throw new CliFailure(`${err.path}: ${capSentence(lang, err.words)}`, exitCode);
    throw err;
  }
}

/** Registers `cap validate` and `cap convert` under `program`, their help and report in `lang`. */
export function registerCapCommands(program: Command, lang: MessageLang = 'en'): Command {
  const words = CAP_CLI_WORDS[lang];
  const cap = program.command('cap').description(words.help.cap);

  cap
    .command('validate')
    .description(words.help.validate)
    .argument('<paths...>', words.help.paths)
    .option('--json', words.help.json)
    .option('--profile <ids>', words.help.profile, list, [])
    .option('--trust <cert.pem>', CAP_SIGN_CLI_WORDS[lang].help.trust, collect)
    .option('--trust-store <folder>', CAP_SIGN_CLI_WORDS[lang].help.trustStore)
    .action(async (paths: string[], opts: TrustOptions & { json?: boolean; profile: string[] }) => {
      const anchors = trustAnchorsFrom(opts, lang);
      const reports = await plainly(() => validateCapFiles(paths, opts.profile, anchors), EXIT.failed, lang);
      const valid = reports.every((r) => r.valid);
      process.stdout.write(
        (opts.json ? JSON.stringify({ valid, files: reports }, null, 2) : formatCapReports(reports, lang)) +
          '\n',
      );
      if (!valid)
        throw new CliFailure(
          words.someInvalid(reports.filter((r) => !r.valid).length, reports.length),
          EXIT.failed,
        );
    });

  cap
    .command('convert')
    .description(words.help.convert)
    .argument('<file>', words.help.file)
    .requiredOption('--to <format>', words.help.to)
    .option('--allow-invalid', words.help.allowInvalid)
    .action(async (file: string, opts: { to: string; allowInvalid?: boolean }) => {
      if (opts.to !== 'json' && opts.to !== 'xml') throw new CliFailure(words.toFormat, EXIT.usage);
      const { text, report } = await plainly(
        () => convertAndCheck(file, opts.to as 'json' | 'xml'),
        EXIT.failed,
        lang,
      );
      if (!report.valid) {
        process.stderr.write(formatCapReports([report], lang) + '\n');
        if (!opts.allowInvalid) throw new CliFailure(words.convertedInvalid(report.errors), EXIT.failed);
      }
      process.stdout.write(text + '\n');
    });

  // `cap sign` and `cap verify` (XML-DSig, src/cap/dsig) are registered here by their module.

  return cap;
}
