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
import { CliFailure, EXIT, printJson } from '../output.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

function read(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliFailure(`cannot read ${what} ${file}: ${(err as Error).message}`, EXIT.notFound);
  }
}

async function sign(file: string, opts: { key: string; cert?: string; out?: string }): Promise<void> {
  const xml = read(file, 'message');
  const privateKey = read(opts.key, 'private key');
  const certificate = opts.cert ? read(opts.cert, 'certificate') : undefined;
  let signed: string;
  try {
    signed = signCapMessage(xml, { privateKey, ...(certificate ? { certificate } : {}) });
  } catch (err) {
    if (err instanceof CapSignatureError) throw new CliFailure(`${file}: ${err.message}`, EXIT.failed);
    throw err;
  }
  if (opts.out) writeFileSync(opts.out, signed);
  else process.stdout.write(signed);
}

function anchorsFrom(files: readonly string[]): TrustAnchor[] {
  try {
    return loadTrustAnchors(files.map((f) => read(f, 'trust anchor')));
  } catch (err) {
    if (err instanceof CliFailure) throw err;
    throw new CliFailure(`trust anchors: ${(err as Error).message}`, EXIT.usage);
  }
}

/** One line per signature, then one indented line per problem: what failed and where. */
function describe(label: string, check: SignatureCheck): string {
  if (check.valid) {
    const key = check.keySource === 'trust-anchor' ? 'a trust anchor' : 'KeyInfo';
    const who = check.signer ? ` "${check.signer.subject}"` : '';
    const algorithm = check.algorithms?.signature.replace(/^.*#/, '') ?? '';
    return `${label}: valid signature (${algorithm}, key from ${key}${who}, ${check.trusted ? 'trusted' : 'NOT trusted: no trust anchor given'})\n`;
  }
  const head = check.signed ? 'INVALID signature' : 'NOT signed';
  const lines = check.problems.map((p) => `  ${p.what}: ${p.message}${p.path ? ` (${p.path})` : ''}`);
  return [`${label}: ${head}`, ...lines].join('\n') + '\n';
}

const yesNo = (v: boolean | null) => (v === null ? 'unknown' : v ? 'yes' : 'NO');

/** The verdicts of one file: a head line per signature, then its weakness and validity in time. */
function describeFile(file: string, verdicts: readonly SignatureVerdict[]): string {
  const many = verdicts.length > 1;
  return verdicts
    .map((v) => {
      const label = many ? `${file}: signature ${v.index} (${v.role})` : file;
      if (!v.signed) return describe(label, v);
      const facts = [
        v.weak ? `  WEAK: ${v.weak}` : '',
        v.signer
          ? `  certificate valid at sent: ${yesNo(v.validity.sent)}, at receipt: ${yesNo(v.validity.receipt)}, now: ${yesNo(v.validity.now)}`
          : '',
      ].filter(Boolean);
      return describe(label, v) + facts.map((f) => `${f}\n`).join('');
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
): Promise<void> {
  const trustAnchors = anchorsFrom(opts.trust ?? []);
  const at = opts.at ? new Date(opts.at) : undefined;
  if (at && Number.isNaN(at.getTime())) throw new CliFailure(`--at ${opts.at} is not a date`, EXIT.usage);
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
      process.stdout.write(signatures.length > 0 ? describeFile(file, signatures) : describe(file, check));
  const bad = results.filter((r) => !r.signed || !r.valid).length;
  if (bad > 0)
    throw new CliFailure(`${bad} of ${results.length} messages are unsigned or badly signed`, EXIT.failed);
}

/**
 * Adds `sign` and `verify` to an existing `cap` command. `verify` exits 0 only when every file is
 * signed and valid (and trusted, when `--trust` is given); 1 otherwise, naming what failed.
 */
export function addCapSignCommands(cap: Command): void {
  cap
    .command('sign <file>')
    .description('sign a CAP message: enveloped XML signature, exclusive c14n, RSA-SHA256 or ECDSA-SHA256')
    .requiredOption('--key <key.pem>', 'private key (RSA 2048+ or EC P-256), PEM')
    .option('--cert <cert.pem>', 'certificate (and chain) to publish in KeyInfo, PEM')
    .option('--out <file>', 'write the signed message here instead of standard output')
    .action(sign);
  cap
    .command('verify <files...>')
    .description(
      'verify each XML signature of CAP messages on its own (originator, distributors); exit 1 if any is unsigned or badly signed',
    )
    .option(
      '--trust <cert.pem>',
      'trusted certificate or public key, PEM (repeat for more); then the key must be trusted',
      collect,
    )
    .option('--at <date-time>', "judge certificate validity at this instant instead of the message's sent")
    .option('--json', 'machine-readable output')
    .action(verify);
}

/** Adds `sign` and `verify` under `program`'s `cap` command, creating `cap` if nobody has yet. */
export function registerCapSignCommands(program: Command): void {
  const cap =
    program.commands.find((c) => c.name() === 'cap') ??
    program.command('cap').description('CAP 1.2 alert messages');
  addCapSignCommands(cap);
}
