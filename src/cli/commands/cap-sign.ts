import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import {
  CapSignatureError,
  signatureProblem,
  signCapMessage,
  embeddedAlerts,
  verifyEachSignature,
  type SignatureVerdict,
} from '../../cap/dsig/index.js';
import { capSentence } from '../../cap/sentences/sentences.js';
import type { MessageLang } from '../../core/messages/messages.js';
import { CliFailure, EXIT, printJson } from '../output.js';
import { CAP_SIGN_CLI_WORDS, type CapSignFile } from './cap-sign.texts.js';
import {
  collect,
  describeCheck,
  describeVerdicts,
  trustAnchorsFrom,
  type TrustOptions,
} from './cap-verdicts.js';

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
  opts: TrustOptions & { json?: boolean; at?: string },
  lang: MessageLang,
): Promise<void> {
  const words = CAP_SIGN_CLI_WORDS[lang];
  const trustAnchors = trustAnchorsFrom(opts, lang);
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
        signatures.length > 0
          ? describeVerdicts(signatures, lang, file, '', `${file}: `)
          : describeCheck(file, check, lang),
      );
  const bad = results.filter((r) => !r.signed || !r.valid).length;
  if (bad > 0) throw new CliFailure(words.someBad(bad, results.length), EXIT.failed);
}

/**
 * Adds `sign` and `verify` to an existing `cap` command, their help and output in `lang`. `verify`
 * exits 0 only when every file is signed and valid (and trusted, when `--trust` or `--trust-store`
 * is given); 1 otherwise, naming what failed. `--json` keeps the library's codes and English
 * sentences.
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
    .option('--trust-store <folder>', help.trustStore)
    .option('--at <date-time>', help.at)
    .option('--json', help.json)
    .action((files: string[], opts: TrustOptions & { json?: boolean; at?: string }) =>
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
