import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import {
  CapSignatureError,
  loadTrustAnchors,
  signatureProblem,
  signCapMessage,
  embeddedAlerts,
  verifyEachSignature,
  type SignatureCheck,
  type SignatureVerdict,
  type TrustAnchor,
} from '../../cap/dsig/index.js';
import { capSentence } from '../../cap/sentences/sentences.js';
import type { MessageLang } from '../../core/messages/messages.js';
import { CliFailure, EXIT, printJson } from '../output.js';
import { CAP_SIGN_CLI_WORDS, type CapSignFile } from './cap-sign.texts.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

const ROLES = {
  originator: 'signature_role_originator',
  distributor: 'signature_role_distributor',
} as const;

function read(file: string, what: CapSignFile, lang: MessageLang): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliFailure(
      CAP_SIGN_CLI_WORDS[lang].cannotRead(what, file, (err as Error).message),
      EXIT.notFound,
    );
  }
}

async function sign(
  file: string,
  opts: { key: string; cert?: string; out?: string },
  lang: MessageLang,
): Promise<void> {
  const xml = read(file, 'message', lang);
  const privateKey = read(opts.key, 'privateKey', lang);
  const certificate = opts.cert ? read(opts.cert, 'certificate', lang) : undefined;
  let signed: string;
  try {
    signed = signCapMessage(xml, { privateKey, ...(certificate ? { certificate } : {}) });
  } catch (err) {
    if (err instanceof CapSignatureError)
      throw new CliFailure(`${file}: ${capSentence(lang, err.words)}`, EXIT.failed);
    throw err;
  }
  if (opts.out) writeFileSync(opts.out, signed);
  else process.stdout.write(signed);
}

function anchorsFrom(files: readonly string[], lang: MessageLang): TrustAnchor[] {
  try {
    return loadTrustAnchors(files.map((f) => read(f, 'trustAnchor', lang)));
  } catch (err) {
    if (err instanceof CliFailure) throw err;
    const detail = err instanceof CapSignatureError ? capSentence(lang, err.words) : (err as Error).message;
    throw new CliFailure(CAP_SIGN_CLI_WORDS[lang].trustAnchors(detail), EXIT.usage);
  }
}

/** One line per signature, then one indented line per problem: what failed and where. */
function describe(label: string, check: SignatureCheck, lang: MessageLang): string {
  const words = CAP_SIGN_CLI_WORDS[lang];
  if (check.valid) {
    const keyFrom = words.keyFrom[check.keySource === 'trust-anchor' ? 'trust-anchor' : 'keyinfo'];
    const algorithm = check.algorithms?.signature.replace(/^.*#/, '') ?? '';
    const trust = check.trusted ? words.trusted : words.untrusted;
    return `${label}: ${words.valid(algorithm, keyFrom, check.signer?.subject ?? null, trust)}\n`;
  }
  const head = check.signed ? words.invalid : words.unsigned;
  const lines = check.problems.map(
    (p) => `  ${words.kind[p.what]}: ${capSentence(lang, p.words)}${p.path ? ` (${p.path})` : ''}`,
  );
  return [`${label}: ${head}`, ...lines].join('\n') + '\n';
}

/** The verdicts of one file: a head line per signature, then its weakness and validity in time. */
function describeFile(file: string, verdicts: readonly SignatureVerdict[], lang: MessageLang): string {
  const words = CAP_SIGN_CLI_WORDS[lang];
  const yesNo = (v: boolean | null) => (v === null ? words.unknown : v ? words.yes : words.no);
  const many = verdicts.length > 1;
  return verdicts
    .map((v) => {
      const label = many ? words.signatureOf(file, v.index, capSentence(lang, { key: ROLES[v.role] })) : file;
      if (!v.signed) return describe(label, v, lang);
      const facts = [
        v.weakWords ? `  ${words.weak}: ${capSentence(lang, v.weakWords)}` : '',
        v.signer
          ? `  ${words.validity(yesNo(v.validity.sent), yesNo(v.validity.receipt), yesNo(v.validity.now))}`
          : '',
      ].filter(Boolean);
      return describe(label, v, lang) + facts.map((f) => `${f}\n`).join('');
    })
    .join('');
}

/** A file's summary: every signature must hold for the file to be valid. */
function summary(file: string, verdicts: SignatureVerdict[]) {
  const [first] = verdicts;
  return {
    file,
    signed: verdicts.some((v) => v.signed),
    valid: verdicts.every((v) => v.signed && v.valid),
    keySource: first?.keySource ?? null,
    trusted: verdicts.every((v) => v.trusted),
    problems: verdicts.flatMap((v) => v.problems),
    signatures: verdicts,
  };
}

async function verify(
  files: string[],
  opts: { trust?: string[]; json?: boolean; at?: string },
  lang: MessageLang,
): Promise<void> {
  const words = CAP_SIGN_CLI_WORDS[lang];
  const trustAnchors = anchorsFrom(opts.trust ?? [], lang);
  const at = opts.at ? new Date(opts.at) : undefined;
  if (at && Number.isNaN(at.getTime())) throw new CliFailure(words.notADate(opts.at!), EXIT.usage);
  const receivedAt = new Date();
  const results = files.flatMap((file) => {
    let xml: string;
    try {
      xml = readFileSync(file, 'utf8');
    } catch (err) {
      // One unreadable file is reported like a bad message and never stops the others.
      const problem = signatureProblem('structure', {
        key: 'signature_file_unreadable',
        params: { detail: (err as Error).message },
      });
      return {
        file,
        signed: false,
        valid: false,
        keySource: null,
        trusted: false,
        problems: [problem],
        signatures: [],
      };
    }
    const options = { trustAnchors, receivedAt, ...(at ? { sent: at } : {}) };
    // A feed or an EDXL-DE wrapper: each alert in it as its originator signed it, named by where it sits.
    const found = embeddedAlerts(xml);
    if ('alerts' in found && found.alerts.some((a) => a.location !== '/alert'))
      return found.alerts.map((a) => summary(`${file} ${a.location}`, verifyEachSignature(a.xml, options)));
    return summary(file, verifyEachSignature(xml, options));
  });
  if (opts.json) printJson(results);
  else
    for (const { file, signatures, ...check } of results)
      process.stdout.write(
        signatures.length > 0 ? describeFile(file, signatures, lang) : describe(file, check, lang),
      );
  const bad = results.filter((r) => !r.signed || !r.valid).length;
  if (bad > 0) throw new CliFailure(words.someBad(bad, results.length), EXIT.failed);
}

/**
 * Adds `sign` and `verify` to an existing `cap` command, their help and output in `lang`. `verify`
 * exits 0 only when every file is signed and valid (and trusted, when `--trust` is given); 1
 * otherwise, naming what failed. `--json` keeps the library's codes and English sentences.
 */
export function addCapSignCommands(cap: Command, lang: MessageLang = 'en'): void {
  const help = CAP_SIGN_CLI_WORDS[lang].help;
  cap
    .command('sign <file>')
    .description(help.sign)
    .requiredOption('--key <key.pem>', help.key)
    .option('--cert <cert.pem>', help.cert)
    .option('--out <file>', help.out)
    .action((file: string, opts: { key: string; cert?: string; out?: string }) => sign(file, opts, lang));
  cap
    .command('verify <files...>')
    .description(help.verify)
    .option('--trust <cert.pem>', help.trust, collect)
    .option('--at <date-time>', help.at)
    .option('--json', help.json)
    .action((files: string[], opts: { trust?: string[]; json?: boolean; at?: string }) =>
      verify(files, opts, lang),
    );
}

/** Adds `sign` and `verify` under `program`'s `cap` command, creating `cap` if nobody has yet. */
export function registerCapSignCommands(program: Command, lang: MessageLang = 'en'): void {
  const cap =
    program.commands.find((c) => c.name() === 'cap') ??
    program.command('cap').description(CAP_SIGN_CLI_WORDS[lang].help.cap);
  addCapSignCommands(cap, lang);
}
